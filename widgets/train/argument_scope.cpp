#include "widgets/train/argument_scope.h"

#include "core/train/training_args.h"

#include <set>

namespace bw::gui {

bool argumentAppliesToTask(const std::string& key, TrainTask task) {
    static const std::set<std::string> labelled = {"label_smoothing_factor", "class_weights"};
    static const std::set<std::string> language_modelling = {"mlm_probability", "whole_word_masking"};
    static const std::set<std::string> pretraining = {"short_seq_probability", "nsp_probability"};
    if (labelled.count(key)) return !isLanguageModelling(task);
    if (language_modelling.count(key)) return isLanguageModelling(task);
    if (pretraining.count(key)) return task == TrainTask::Pretraining;
    return true;
}

bool argumentApplies(const std::string& key, TrainTask task, const train::TrainingArguments& args) {
    if (key == "eval_steps") return args.evaluation_strategy == "steps";
    if (key == "save_steps") return args.save_strategy == "steps";
    return argumentAppliesToTask(key, task);
}

}  // namespace bw::gui
