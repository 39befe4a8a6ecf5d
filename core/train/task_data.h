#pragma once
// Internal to core. The examples of a run, turned into features for its task: from a dataset in
// the experiment store (train + validation splits) or a plain-text corpus (documents held out for
// evaluation), with the label names, target kind and class weights the trainer needs.
#include "core/store/experiment_store.h"
#include "core/text/bert_tokenizer.h"
#include "core/train/task_spec.h"
#include "core/train/training_job.h"

namespace bw::train {

struct TaskData {
    TaskSpec spec;
    std::vector<Feature> train, validation;
    std::optional<int64_t> dataset_id;
    nlohmann::json data_hashes = nlohmann::json::object();
    std::string description;  // "sst2 (train 67349, validation 872)"
    int64_t train_rows = 0, validation_rows = 0;  // of the dataset (or corpus), before tokenizing
};

// The stored dataset of that name; throws bw::Error naming the datasets the store has.
store::DatasetRecord requireDataset(store::ExperimentStore& store, const std::string& name, const std::filesystem::path& db);

// Throws bw::Error when the dataset does not exist, does not fit the task (a token dataset for
// sequence classification, ...), has no validation split while evaluation is on, or is empty.
TaskData prepareTaskData(store::ExperimentStore& store, const TrainingRequest& request, model::BertTask task,
                         const text::BertTokenizer& tokenizer);

// Features of one split, labelled with a model's own label names (for evaluating a trained model).
std::vector<Feature> featuresForEvaluation(const std::vector<data::Example>& rows, model::BertTask task,
                                           const std::vector<std::string>& model_labels,
                                           const text::BertTokenizer& tokenizer, int max_length, TaskSpec& spec);

}  // namespace bw::train
