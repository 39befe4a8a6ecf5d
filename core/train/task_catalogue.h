#pragma once
// The tasks Bertwork trains, in one table: what each is called, what data it reads, which head
// it puts on the encoder, how its labels are read (the problem type), what the model card says and
// which metrics its evaluation reports. The CLI, the wizard, the playground, the model card and
// the trainer all read this table, so adding a task is adding an entry (see the README's
// "How to add a task"). Plain C++: no LibTorch, no Qt.
#include "core/model/bert_task.h"
#include "core/store/store_records.h"

#include <string>
#include <vector>

namespace bw::train {

// What the rows of a task's data hold.
enum class TaskInput {
    Text,         // one text and a label per row
    TextPair,     // two texts (text, text_pair) and a label per row
    TaggedWords,  // words with one tag each (CoNLL)
    Corpus,       // plain text: a stored dataset's texts or a corpus file
};

// How a sequence classification reads its labels: Hugging Face's config.problem_type. Empty =
// one class per row (single_label_classification, the default).
inline const std::string kSingleLabel;
inline const std::string kMultiLabel = "multi_label_classification";
inline const std::string kRegression = "regression";

struct TaskDefinition {
    std::string id;           // stable key: "text-classification", "sentence-pairs", ...
    std::string title;        // "Text classification / sentiment" (the GUI translates it)
    std::string description;  // one line saying what the model learns
    std::string short_name;   // in default run names: "classification"
    model::BertTask head;     // the Hugging Face class trained (BertForSequenceClassification, ...)
    TaskInput input;
    // The problem types a user may pick, the first one the default; {kSingleLabel} for tasks
    // whose labels are not read that way (tagging, language modelling).
    std::vector<std::string> problem_types;
    std::string pipeline_tag;  // the Hub's pipeline tag in the model card: text-classification, ...
    std::string auto_class;    // the transformers class that loads the export

    std::string engineTask() const { return model::taskName(head); }  // the CLI's --task value
    bool isLanguageModelling() const { return input == TaskInput::Corpus; }
    bool isClassification() const { return head == model::BertTask::SequenceClassification; }
    bool predictsPerToken() const { return input == TaskInput::TaggedWords; }
    bool allowsProblemType(const std::string& problem_type) const;
};

// Every task, in the order the wizard lists them.
const std::vector<TaskDefinition>& taskCatalogue();
// Throws bw::Error naming the known ids.
const TaskDefinition& taskDefinition(const std::string& id);
// The task a stored run (or a CLI request) trains: its engine task name, problem type, and whether
// its dataset has a second text column. Throws bw::Error for an engine task no entry trains.
const TaskDefinition& taskForRun(const std::string& engine_task, const std::string& problem_type, bool text_pairs);

// Whether a stored dataset was imported with a second text column (TaskInput::TextPair).
bool hasTextPairs(const store::DatasetRecord& dataset);

// The first task that trains a model with this head (an engine task name, as a model's summary
// gives it), or null for heads no task trains (base models, next-sentence prediction).
const TaskDefinition* firstTaskWithHead(const std::string& engine_task);

// A metric an evaluation reports, and which way is better (the default of greater_is_better).
struct MetricDefinition {
    std::string name;  // "accuracy", "f1_macro", "perplexity", ... as evaluations key them
    bool higher_is_better = true;
};

// The metrics evaluating a model with this head and problem type reports, "loss" first: the
// possible values of metric_for_best_model. `labels` matters for "f1", the positive class's F1,
// which only a two-class single-label task has (0 = list it anyway, when the count is unknown).
std::vector<MetricDefinition> reportedMetrics(model::BertTask head, const std::string& problem_type, size_t labels = 0);
std::vector<std::string> reportedMetricNames(model::BertTask head, const std::string& problem_type, size_t labels = 0);
// Whether a larger value of the metric is better: false for losses, errors and perplexity.
bool metricHigherIsBetter(const std::string& metric);

}  // namespace bw::train
