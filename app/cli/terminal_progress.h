#pragma once
// A progress line rewritten in place on stderr, only when stderr is a terminal (scripts read stderr
// for the one error line) and only once the work has taken a moment (small inputs stay quiet).
#include <chrono>
#include <cstdint>
#include <string>

namespace bw::cli {

class TerminalProgress {
public:
    enum class Unit { Megabytes, Items };  // done/total are bytes (shown as MB), or items named by `items`

    explicit TerminalProgress(std::string what, Unit unit = Unit::Megabytes, std::string items = {});
    ~TerminalProgress() { finish(); }

    // Ends the line, so that what comes next (the summary, an error) starts on its own.
    void finish();
    void operator()(uint64_t done, uint64_t total);

private:
    std::string what_;
    Unit unit_;
    std::string items_;
    bool enabled_;
    bool shown_ = false;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace bw::cli
