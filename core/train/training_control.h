#pragma once
// When the training loop logs, evaluates, saves and stops (Hugging Face's TrainerControl and
// early-stopping callback), apart from how a step is taken. Decisions only: it reads the settings
// once, and judges evaluations against the TrainerState. Plain C++.
#include "core/train/trainer_state.h"
#include "core/train/training_args.h"

#include <map>
#include <string>

namespace bw::train {

enum class IntervalStrategy { No, Steps, Epoch };  // evaluation_strategy / save_strategy
IntervalStrategy intervalStrategy(const std::string& name);  // "no" | "steps" | "epoch"

// What is due at a point of the loop.
struct ControlDecision {
    bool log = false;
    bool evaluate = false;
    bool save = false;
};

// What one evaluation means for the run.
struct EvaluationVerdict {
    bool is_best = false;     // the best value of the metric so far: keep its checkpoint
    bool stop_early = false;  // patience used up
};

class TrainingControl {
public:
    explicit TrainingControl(const TrainingArguments& args);

    ControlDecision afterStep(int64_t global_step, int64_t total_steps) const;
    ControlDecision afterEpoch() const;
    // Updates the best metric and the patience in `state`. Throws bw::Error when the evaluation
    // lacks metric_for_best_model.
    EvaluationVerdict judge(const std::map<std::string, double>& metrics, TrainerState& state) const;

    bool savesCheckpoints() const { return save_ != IntervalStrategy::No; }

private:
    IntervalStrategy evaluate_, save_;
    int64_t logging_steps_, eval_steps_, save_steps_;
    std::string best_metric_;
    bool greater_is_better_;
    double threshold_;
    int64_t patience_;
};

}  // namespace bw::train
