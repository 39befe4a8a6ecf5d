#pragma once
// Learning-rate schedules as transformers' get_scheduler computes them (per optimizer step).
#include <cstdint>
#include <string>

namespace bw::train {

// The multiplier of the base learning rate at `step` (0-based, before the step is taken).
double learningRateFactor(const std::string& type, int64_t step, int64_t warmup_steps, int64_t total_steps);

}  // namespace bw::train
