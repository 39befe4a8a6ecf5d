#include "core/train/split_evaluation.h"

#include "core/data/label_set.h"
#include "core/runtime/error.h"
#include "core/train/row_label_checks.h"
#include "core/train/task_data.h"
#include "core/train/trainer.h"

#include <algorithm>
#include <filesystem>

namespace bw::train {

namespace {

std::vector<std::string> labelsOf(const model::BertConfig& config) {
    std::vector<std::string> labels;
    for (int64_t i = 0; i < config.numLabels(); ++i) labels.push_back(config.labelName(i));
    return labels;
}

}  // namespace

void requireModelLabels(const io::LoadedModel& loaded, const std::vector<data::Example>& examples,
                        const std::string& dataset, const std::string& split) {
    const bool tagger = loaded.model->task == model::BertTask::TokenClassification;
    const bool classifier = loaded.model->task == model::BertTask::SequenceClassification;
    const model::ProblemType problem = loaded.config.problemTypeAsRead();
    const RowsPlace place{dataset, split, ""};
    if (classifier && problem == model::ProblemType::Regression) {
        refuseUnlabelledRows(examples, place);
        refuseNonNumericLabels(examples, place);
        return;
    }
    if (!tagger && !(classifier && problem == model::ProblemType::SingleLabel)) return;
    if (classifier) refuseUnlabelledRows(examples, place);
    const data::LabelSet known(labelsOf(loaded.config));
    for (const data::Example& e : examples) {
        const std::vector<std::string> labels = tagger ? e.tags : std::vector<std::string>{e.label};
        for (size_t i = 0; i < labels.size(); ++i) {
            if (known.find(labels[i])) continue;
            // A sentence's line is its first word's: name the word too.
            const std::string which =
                tagger ? ", word " + std::to_string(i + 1) + (i < e.words.size() ? " ('" + e.words[i] + "')" : "") : "";
            throw Error(place.lineText(e.source_line) + which + ": " + (tagger ? "tag '" : "label '") + labels[i] + "' is not one of the model's " +
                        std::to_string(known.size()) + (tagger ? " tags (" : " labels (") + known.listed() +
                        "): choose a dataset with the labels the model was trained on");
        }
    }
}

SplitEvaluation evaluateOnSplit(const io::LoadedModel& loaded, const std::vector<data::Example>& examples,
                                int64_t batch_size, int64_t max_seq_length, std::vector<store::AnalysisRow>* rows,
                                const std::function<void(int64_t, int64_t)>& progress) {
    SplitEvaluation result;
    const model::ProblemType problem_type = loaded.config.problemTypeAsRead();
    if (problem_type != model::ProblemType::SingleLabel) result.spec.problem_type = problem_type;
    result.labels = labelsOf(loaded.config);
    const int max_length = static_cast<int>(std::min(max_seq_length, loaded.config.max_position_embeddings));
    std::vector<Feature> features =
        featuresForEvaluation(examples, loaded.model->task, result.labels, *loaded.tokenizer, max_length, result.spec);

    TrainingArguments args;
    args.per_device_eval_batch_size = batch_size;
    args.max_seq_length = max_length;
    TrainerCallbacks callbacks;
    callbacks.on_evaluation_progress = progress;
    Trainer trainer(loaded.model, loaded.tokenizer, args, result.spec, {}, std::move(features),
                    std::filesystem::temp_directory_path(), callbacks);
    result.event = trainer.evaluate(0, 0, rows);
    return result;
}

}  // namespace bw::train
