#include "core/train/time_left.h"

#include <algorithm>

namespace bw::train {

TimeLeft::TimeLeft(const TrainingControl& control, int64_t total_steps, int64_t steps_per_epoch,
                   int64_t validation_tokens, double tokens_per_step)
    : control_(control),
      total_steps_(total_steps),
      steps_per_epoch_(steps_per_epoch),
      validation_tokens_(validation_tokens),
      tokens_per_step_(tokens_per_step) {}

void TimeLeft::addEvaluation(double seconds) {
    evaluation_seconds_ += seconds;
    ++evaluations_;
}

void TimeLeft::addSave(double seconds) {
    save_seconds_ += seconds;
    ++saves_;
}

double TimeLeft::secondsLeft(int64_t global_step, int64_t steps_taken, double step_seconds) const {
    if (steps_taken <= 0) return 0;
    const double per_step = step_seconds / static_cast<double>(steps_taken);
    const double steps = per_step * static_cast<double>(std::max<int64_t>(0, total_steps_ - global_step));
    if (validation_tokens_ == 0 && !control_.savesCheckpoints()) return steps;
    const double per_evaluation =
        evaluations_ > 0 ? evaluation_seconds_ / static_cast<double>(evaluations_)
                         : per_step / 3.0 * static_cast<double>(validation_tokens_) / std::max(1.0, tokens_per_step_);
    const double per_save = saves_ > 0 ? save_seconds_ / static_cast<double>(saves_) : 0.0;
    const TrainingControl::Schedule left = control_.scheduleAfter(global_step, total_steps_, steps_per_epoch_);
    const int64_t evaluations = validation_tokens_ > 0 ? left.evaluations + 1 : 0;  // + the one at the end
    return steps + per_evaluation * static_cast<double>(evaluations) +
           per_save * static_cast<double>(left.savesAtMost());
}

}  // namespace bw::train
