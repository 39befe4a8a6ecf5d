#pragma once
// How long a run has left, as the progress line and the Train page show it: the steps left at the
// pace of this session's steps (evaluations and saves kept out of that pace), the evaluations and
// saves the schedule still holds at what each has cost so far, and the evaluation at the end.
// Before the first evaluation its cost is guessed from the step pace: a forward pass over the
// validation tokens is about a third of a training step's work on as many tokens. Plain C++.
#include "core/train/training_control.h"

#include <cstdint>

namespace bw::train {

class TimeLeft {
public:
    // `validation_tokens`: padded tokens of one evaluation (0 without a validation set);
    // `tokens_per_step`: padded tokens of an average training step.
    TimeLeft(const TrainingControl& control, int64_t total_steps, int64_t steps_per_epoch, int64_t validation_tokens,
             double tokens_per_step);

    void addEvaluation(double seconds);
    void addSave(double seconds);

    // After `global_step`, when this session took `steps_taken` steps in `step_seconds` (its time
    // outside evaluations and saves).
    double secondsLeft(int64_t global_step, int64_t steps_taken, double step_seconds) const;

private:
    const TrainingControl& control_;
    int64_t total_steps_, steps_per_epoch_;
    int64_t validation_tokens_;
    double tokens_per_step_;
    double evaluation_seconds_ = 0, save_seconds_ = 0;
    int64_t evaluations_ = 0, saves_ = 0;
};

}  // namespace bw::train
