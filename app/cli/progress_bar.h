#pragma once
// The training progress line on stderr: a redrawn bar on a terminal, a plain line every few
// seconds otherwise (logs, CI).
#include "core/train/training_events.h"

#include <chrono>

namespace bw::cli {

class ProgressBar {
public:
    ProgressBar();
    void update(const train::ProgressEvent& event);
    void finish();

private:
    bool terminal_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point last_;
};

}  // namespace bw::cli
