#pragma once
// Learning-rate schedules as transformers' get_scheduler computes them (per optimizer step), plus
// the budget recipe's: one_cycle (triangular: up to the peak, then down to 0) and a schedule that
// follows the clock when max_train_time sets a wall-clock budget (Izsak et al., "How to Train BERT
// with an Academic Budget": the run ends when time is up, so its schedule must too). Plain C++.
#include "core/train/training_args.h"

#include <cstdint>
#include <string>

namespace bw::train {

// The multiplier of the base learning rate at `step` (0-based, before the step is taken).
double learningRateFactor(const std::string& type, int64_t step, int64_t warmup_steps, int64_t total_steps);

// The same shapes on a share of the run: `progress` and `warmup` in [0, 1].
double learningRateFactorAt(const std::string& type, double progress, double warmup);

// The learning rate of each step of one run, from its settings.
class LearningRateSchedule {
public:
    LearningRateSchedule(const TrainingArguments& args, int64_t total_steps);
    // Before `step` (0-based), `elapsed_seconds` into the run (all sessions of it). With a time
    // budget the run's progress is the larger of the steps' and the clock's shares.
    double at(int64_t step, double elapsed_seconds) const;

private:
    std::string type_;
    double peak_;
    int64_t total_steps_, warmup_steps_;
    double warmup_share_;       // of the budget
    double budget_seconds_;     // 0: none
};

}  // namespace bw::train
