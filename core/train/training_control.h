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
    // Everything due in either.
    static ControlDecision either(const ControlDecision& a, const ControlDecision& b) {
        return {a.log || b.log, a.evaluate || b.evaluate, a.save || b.save};
    }
    ControlDecision afterEpoch() const;
    // With max_train_time: a save (and an evaluation, unless evaluation_strategy is no) each time the
    // run passes another 1/budget_checkpoints of its budget; `state` remembers the shares passed.
    ControlDecision afterTime(double elapsed_seconds, TrainerState& state) const;
    // The budget is spent (never without max_train_time).
    bool timeIsUp(double elapsed_seconds) const { return budget_seconds_ > 0 && elapsed_seconds >= budget_seconds_; }
    // Updates the best metric and the patience in `state`. Throws bw::Error when the evaluation
    // lacks metric_for_best_model.
    EvaluationVerdict judge(const std::map<std::string, double>& metrics, TrainerState& state) const;

    bool savesCheckpoints() const { return save_ != IntervalStrategy::No; }

    // What the schedule holds for the steps after `after_step` of a run of `total_steps`, an epoch
    // every `steps_per_epoch`: the evaluations, the scheduled saves, and the evaluations off a save
    // step, each of which saves too when it is the best so far (none when save_strategy is no).
    // Time-budget runs are left out (their checkpoints follow the clock).
    struct Schedule {
        int64_t evaluations = 0, saves = 0, evaluations_off_saves = 0;
        // Saves at most: every evaluation off a save step the best so far.
        int64_t savesAtMost() const { return saves + evaluations_off_saves; }
    };
    Schedule scheduleAfter(int64_t after_step, int64_t total_steps, int64_t steps_per_epoch) const;

private:
    IntervalStrategy evaluate_, save_;
    int64_t logging_steps_, eval_steps_, save_steps_;
    std::string best_metric_;
    bool greater_is_better_;
    double threshold_;
    int64_t patience_;
    double budget_seconds_;  // 0: no budget
    int64_t budget_checkpoints_;
};

}  // namespace bw::train
