#pragma once
// Which TrainingArguments fields mean something for a task: the settings form shows only those and
// the wizard's review lists only those (mlm_probability on a classifier would only confuse).
#include "widgets/train/training_setup.h"

#include <string>

namespace bw::train {
struct TrainingArguments;
}

namespace bw::gui {

// `key` is a TrainingArguments name ("nsp_probability").
bool argumentAppliesToTask(const std::string& key, TrainTask task);

// Also false for eval_steps and save_steps when their strategy is not "steps".
bool argumentApplies(const std::string& key, TrainTask task, const train::TrainingArguments& args);

}  // namespace bw::gui
