#include "core/runtime/adaptive_threads.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace bw {

ThreadCountPolicy::ThreadCountPolicy(int max_threads) : max_threads_(std::max(1, max_threads)) {}

int ThreadCountPolicy::next(int current, const CoreLoad& load) {
    if (load.seconds <= 0 || load.usable_cores <= 0) return current;
    const double free_cores = static_cast<double>(load.usable_cores) - load.others_busy_cores;
    // The most threads the free cores hold, with the margin the direction of the change asks for.
    const int lower_to = std::clamp(static_cast<int>(std::floor(free_cores + kLowerAbove)), 1, max_threads_);
    const int raise_to = std::clamp(static_cast<int>(std::floor(free_cores + kRaiseBelow)), 1, max_threads_);
    if (lower_to < current) {
        raise_votes_ = 0;
        return lower_to;
    }
    if (raise_to > current) {
        if (++raise_votes_ >= kWindowsToRaise) {
            raise_votes_ = 0;
            return raise_to;
        }
        return current;
    }
    raise_votes_ = 0;
    return current;
}

AdaptiveThreads::AdaptiveThreads(int max_threads, double interval_seconds)
    : initial_(torch::get_num_threads()),
      current_(initial_),
      interval_seconds_(interval_seconds),
      policy_(max_threads > 0 ? max_threads : initial_),
      last_counters_(readCpuCounters()) {}

AdaptiveThreads::~AdaptiveThreads() {
    if (current_ != initial_) torch::set_num_threads(initial_);
}

int AdaptiveThreads::atStepBoundary() {
    if (!last_counters_) {
        last_counters_ = readCpuCounters();  // nothing to measure here (no /proc): the count stays
        return current_;
    }
    const double now = std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
    if (now - last_counters_->wall_seconds < interval_seconds_) return current_;
    const std::optional<CpuCounters> counters = readCpuCounters();
    if (!counters) return current_;
    last_load_ = loadBetween(*last_counters_, *counters);
    last_counters_ = counters;
    const int next = policy_.next(current_, *last_load_);
    if (next != current_) {
        torch::set_num_threads(next);
        current_ = next;
        ++changes_;
    }
    return current_;
}

}  // namespace bw
