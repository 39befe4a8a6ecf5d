#include "core/model/bert_task.h"

#include "core/runtime/error.h"

#include <array>

namespace bw::model {
namespace {

struct TaskNames {
    BertTask task;
    const char* architecture;
    const char* cli;
};

constexpr std::array<TaskNames, 6> kTasks = {{
    {BertTask::Base, "BertModel", "base"},
    {BertTask::MaskedLM, "BertForMaskedLM", "masked-lm"},
    {BertTask::NextSentence, "BertForNextSentencePrediction", "next-sentence"},
    {BertTask::PreTraining, "BertForPreTraining", "pretraining"},
    {BertTask::SequenceClassification, "BertForSequenceClassification", "sequence-classification"},
    {BertTask::TokenClassification, "BertForTokenClassification", "token-classification"},
}};

std::string allNames(const char* TaskNames::*field) {
    std::string out;
    for (const TaskNames& t : kTasks) out += (out.empty() ? "" : ", ") + std::string(t.*field);
    return out;
}

}  // namespace

std::string architectureName(BertTask task) {
    for (const TaskNames& t : kTasks)
        if (t.task == task) return t.architecture;
    return "BertModel";
}

BertTask taskFromArchitecture(const std::string& architecture) {
    for (const TaskNames& t : kTasks)
        if (architecture == t.architecture) return t.task;
    throw Error("architecture '" + architecture + "' is not supported; supported: " + allNames(&TaskNames::architecture));
}

std::string taskName(BertTask task) {
    for (const TaskNames& t : kTasks)
        if (t.task == task) return t.cli;
    return "base";
}

BertTask taskFromName(const std::string& name) {
    for (const TaskNames& t : kTasks)
        if (name == t.cli) return t.task;
    throw Error("unknown task '" + name + "'; choose one of: " + allNames(&TaskNames::cli));
}

bool taskHasPooler(BertTask task) {
    return task != BertTask::MaskedLM && task != BertTask::TokenClassification;
}

}  // namespace bw::model
