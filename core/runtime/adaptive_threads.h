#pragma once
// --threads auto: the number of compute threads follows the cores other processes leave free.
//
// Every parallel region of a step waits for its slowest thread, so a thread on a core that another
// process holds makes the whole step wait: on 2 cores with one taken, a 2-thread run trains 5-6x
// slower than idle while a 1-thread run keeps its speed (README, "A core taken by another
// process"). Measured between steps, about once a second: the cores others keep busy (core_load.h).
// Fewer threads as soon as a window shows them; more again only after two windows agree, with a
// margin, so that a neighbour near the threshold does not make the count swing.
//
// Opt-in: the split of a reduction depends on the thread count, so a run whose count changes is
// not bit-identical to a rerun.
#include "core/runtime/core_load.h"

#include <optional>

namespace bw {

// The decision alone, fed with measured windows (tested without a loaded machine).
class ThreadCountPolicy {
public:
    explicit ThreadCountPolicy(int max_threads);
    // The thread count to run with after a window measured while `current` threads ran.
    int next(int current, const CoreLoad& load);

    // Fewer threads when other processes keep more than this share of a core busy beyond what the
    // current count leaves them; more only when they keep less than kRaiseBelow.
    static constexpr double kLowerAbove = 0.5;
    static constexpr double kRaiseBelow = 0.25;
    static constexpr int kWindowsToRaise = 2;

private:
    int max_threads_;
    int raise_votes_ = 0;
};

// The policy applied to this process: measures at step boundaries and sets LibTorch's thread count
// (which OpenBLAS and oneDNN follow). The count it started with comes back when it is destroyed.
class AdaptiveThreads {
public:
    // max_threads <= 0: the count LibTorch runs with now.
    explicit AdaptiveThreads(int max_threads = 0, double interval_seconds = 1.0);
    ~AdaptiveThreads();
    AdaptiveThreads(const AdaptiveThreads&) = delete;
    AdaptiveThreads& operator=(const AdaptiveThreads&) = delete;

    // Call between steps: at most once an interval it measures and may change the thread count.
    // Returns the thread count to run the next step with.
    int atStepBoundary();
    int threads() const { return current_; }
    int changes() const { return changes_; }
    // The last window measured (nullopt before the first).
    const std::optional<CoreLoad>& lastLoad() const { return last_load_; }

private:
    int initial_;
    int current_;
    double interval_seconds_;
    ThreadCountPolicy policy_;
    std::optional<CpuCounters> last_counters_;
    std::optional<CoreLoad> last_load_;
    int changes_ = 0;
};

}  // namespace bw
