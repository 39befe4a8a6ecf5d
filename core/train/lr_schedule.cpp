#include "core/train/lr_schedule.h"

#include <algorithm>
#include <cmath>

namespace bw::train {

double learningRateFactor(const std::string& type, int64_t step, int64_t warmup_steps, int64_t total_steps) {
    if (type == "constant") return 1.0;
    if (step < warmup_steps) return static_cast<double>(step) / std::max<int64_t>(1, warmup_steps);
    if (type == "constant_with_warmup") return 1.0;
    const double progress =
        static_cast<double>(step - warmup_steps) / std::max<int64_t>(1, total_steps - warmup_steps);
    if (type == "cosine") return std::max(0.0, 0.5 * (1.0 + std::cos(M_PI * progress)));  // num_cycles = 0.5
    return std::max(0.0, 1.0 - progress);  // linear
}

}  // namespace bw::train
