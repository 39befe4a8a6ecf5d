#include "core/train/lr_schedule.h"

#include <algorithm>
#include <cmath>

namespace bw::train {
namespace {

// After the warmup, `progress` of the rest of the run in [0, 1].
double factorAfterWarmup(const std::string& type, double progress) {
    if (type == "constant_with_warmup") return 1.0;
    if (type == "cosine") return std::max(0.0, 0.5 * (1.0 + std::cos(M_PI * progress)));  // num_cycles = 0.5
    return std::max(0.0, 1.0 - progress);  // linear, one_cycle
}

// one_cycle peaks half way through unless a warmup says where.
constexpr double kOneCyclePeak = 0.5;

}  // namespace

double learningRateFactor(const std::string& type, int64_t step, int64_t warmup_steps, int64_t total_steps) {
    if (type == "constant") return 1.0;
    if (step < warmup_steps) return static_cast<double>(step) / std::max<int64_t>(1, warmup_steps);
    return factorAfterWarmup(type, static_cast<double>(step - warmup_steps) /
                                       std::max<int64_t>(1, total_steps - warmup_steps));
}

double learningRateFactorAt(const std::string& type, double progress, double warmup) {
    if (type == "constant") return 1.0;
    progress = std::clamp(progress, 0.0, 1.0);
    if (progress < warmup) return progress / warmup;
    return factorAfterWarmup(type, warmup < 1 ? (progress - warmup) / (1 - warmup) : 1.0);
}

LearningRateSchedule::LearningRateSchedule(const TrainingArguments& args, int64_t total_steps)
    : type_(args.lr_scheduler_type),
      peak_(args.learning_rate),
      total_steps_(total_steps),
      budget_seconds_(args.maxTrainSeconds().value_or(0.0)) {
    const bool one_cycle_default = type_ == "one_cycle" && args.warmup_steps == 0 && args.warmup_ratio == 0;
    warmup_share_ = one_cycle_default ? kOneCyclePeak : args.warmup_ratio;
    warmup_steps_ = args.warmup_steps > 0 ? args.warmup_steps
                                          : static_cast<int64_t>(std::ceil(warmup_share_ * static_cast<double>(total_steps)));
}

double LearningRateSchedule::at(int64_t step, double elapsed_seconds) const {
    if (budget_seconds_ <= 0) return peak_ * learningRateFactor(type_, step, warmup_steps_, total_steps_);
    const double by_steps = static_cast<double>(step) / static_cast<double>(std::max<int64_t>(1, total_steps_));
    return peak_ * learningRateFactorAt(type_, std::max(by_steps, elapsed_seconds / budget_seconds_), warmup_share_);
}

}  // namespace bw::train
