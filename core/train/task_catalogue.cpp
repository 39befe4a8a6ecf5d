#include "core/train/task_catalogue.h"

#include "core/runtime/error.h"

#include <algorithm>

// Marks the titles and descriptions for Qt's lupdate (translations/CMakeLists.txt reads this file);
// the GUI translates them in the context "TaskCatalogue". Core itself has no Qt.
#define QT_TRANSLATE_NOOP(context, text) text

namespace bw::train {

using model::BertTask;

bool TaskDefinition::allowsProblemType(const std::string& problem_type) const {
    return std::find(problem_types.begin(), problem_types.end(), problem_type) != problem_types.end();
}

const std::vector<TaskDefinition>& taskCatalogue() {
    // id, title, description, short name, head, input, problem types (default first), pipeline tag, auto class
    static const std::vector<TaskDefinition> tasks = {
        {"text-classification", QT_TRANSLATE_NOOP("TaskCatalogue", "Text classification / sentiment"), QT_TRANSLATE_NOOP("TaskCatalogue", "one label per text (sequence classification)"),
         "classification", BertTask::SequenceClassification, TaskInput::Text,
         {kSingleLabel, kMultiLabel, kRegression}, "text-classification", "AutoModelForSequenceClassification"},
        {"sentence-pairs", QT_TRANSLATE_NOOP("TaskCatalogue", "Sentence pairs"), QT_TRANSLATE_NOOP("TaskCatalogue", "one label per pair of texts: entailment, paraphrase, similarity"),
         "pairs", BertTask::SequenceClassification, TaskInput::TextPair,
         {kSingleLabel, kMultiLabel}, "text-classification", "AutoModelForSequenceClassification"},
        {"sentence-similarity", QT_TRANSLATE_NOOP("TaskCatalogue", "Sentence similarity"),
         QT_TRANSLATE_NOOP("TaskCatalogue", "a score per pair of texts: how close they are in meaning (STS-B)"),
         "similarity", BertTask::SequenceClassification, TaskInput::TextPair, {kRegression}, "text-classification",
         "AutoModelForSequenceClassification"},
        {"token-tagging", QT_TRANSLATE_NOOP("TaskCatalogue", "Token tagging"),
         QT_TRANSLATE_NOOP("TaskCatalogue", "one tag per word: named entities, parts of speech (token classification)"), "tagging",
         BertTask::TokenClassification, TaskInput::TaggedWords, {kSingleLabel}, "token-classification",
         "AutoModelForTokenClassification"},
        {"masked-lm", QT_TRANSLATE_NOOP("TaskCatalogue", "Masked language model"), QT_TRANSLATE_NOOP("TaskCatalogue", "fill in masked words: adapt a model to your domain's text"), "mlm",
         BertTask::MaskedLM, TaskInput::Corpus, {kSingleLabel}, "fill-mask", "AutoModelForMaskedLM"},
        {"pretraining", QT_TRANSLATE_NOOP("TaskCatalogue", "Pretraining (MLM + NSP)"),
         QT_TRANSLATE_NOOP("TaskCatalogue", "masked words and next-sentence prediction, as BERT was pretrained"), "pretraining", BertTask::PreTraining,
         TaskInput::Corpus, {kSingleLabel}, "fill-mask", "BertForPreTraining"},
    };
    return tasks;
}

const TaskDefinition& taskDefinition(const std::string& id) {
    std::string ids;
    for (const TaskDefinition& t : taskCatalogue()) {
        if (t.id == id) return t;
        ids += (ids.empty() ? "" : ", ") + t.id;
    }
    throw Error("unknown task '" + id + "'; the tasks are: " + ids);
}

const TaskDefinition& taskForRun(const std::string& engine_task, const std::string& problem_type, bool text_pairs) {
    const BertTask head = model::taskFromName(engine_task);
    const TaskDefinition* fallback = nullptr;
    for (const TaskDefinition& t : taskCatalogue()) {
        if (t.head != head || !t.allowsProblemType(problem_type)) continue;
        if (t.isClassification() && (t.input == TaskInput::TextPair) != text_pairs) continue;
        // A task made for this problem type (its default) wins over one that merely allows it.
        if (t.problem_types.front() == problem_type) return t;
        if (!fallback) fallback = &t;
    }
    if (fallback) return *fallback;
    throw Error("no task trains a " + engine_task + " model" +
                (problem_type.empty() ? std::string() : " with problem type " + problem_type));
}

const TaskDefinition* firstTaskWithHead(const std::string& engine_task) {
    for (const TaskDefinition& t : taskCatalogue())
        if (t.engineTask() == engine_task) return &t;
    return nullptr;
}

bool hasTextPairs(const store::DatasetRecord& dataset) {
    const auto it = dataset.columns.find("text_pair");
    return it != dataset.columns.end() && it->is_string() && !it->get<std::string>().empty();
}

namespace {

// Precision, recall and F1 under each average, as core/metrics reports them.
void addAveraged(std::vector<MetricDefinition>& metrics) {
    for (const char* average : {"macro", "micro", "weighted"})
        for (const char* score : {"f1", "precision", "recall"}) metrics.push_back({std::string(score) + "_" + average});
}

}  // namespace

std::vector<MetricDefinition> reportedMetrics(BertTask head, const std::string& problem_type, size_t labels) {
    std::vector<MetricDefinition> m = {{"loss", false}};
    switch (head) {
    case BertTask::SequenceClassification:
        if (problem_type == kRegression) {
            m.insert(m.end(), {{"mse", false}, {"mae", false}, {"pearson"}, {"spearman"}});
        } else if (problem_type == kMultiLabel) {
            m.insert(m.end(), {{"subset_accuracy"}, {"hamming_loss", false}});
            addAveraged(m);
        } else {
            m.push_back({"accuracy"});
            if (labels == 0 || labels == 2) m.push_back({"f1"});  // the positive class's F1
            m.push_back({"matthews_correlation"});
            addAveraged(m);
        }
        break;
    case BertTask::TokenClassification:
        m.insert(m.end(), {{"f1"}, {"precision"}, {"recall"}, {"accuracy"}, {"token_accuracy"}});
        addAveraged(m);
        break;
    case BertTask::MaskedLM:
    case BertTask::PreTraining:
        m.insert(m.end(), {{"mlm_loss", false}, {"mlm_accuracy"}, {"perplexity", false}});
        if (head == BertTask::PreTraining) m.insert(m.end(), {{"nsp_loss", false}, {"nsp_accuracy"}});
        break;
    default: break;
    }
    return m;
}

std::vector<std::string> reportedMetricNames(BertTask head, const std::string& problem_type, size_t labels) {
    std::vector<std::string> names;
    for (const MetricDefinition& m : reportedMetrics(head, problem_type, labels)) names.push_back(m.name);
    return names;
}

bool metricHigherIsBetter(const std::string& metric) {
    for (BertTask head : {BertTask::SequenceClassification, BertTask::TokenClassification, BertTask::PreTraining})
        for (const std::string& problem_type : {kSingleLabel, kMultiLabel, kRegression})
            for (const MetricDefinition& m : reportedMetrics(head, problem_type))
                if (m.name == metric) return m.higher_is_better;
    // Hugging Face's rule for names we do not report ourselves.
    return !(metric.size() >= 4 && metric.compare(metric.size() - 4, 4, "loss") == 0);
}

}  // namespace bw::train
