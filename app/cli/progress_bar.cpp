#include "app/cli/progress_bar.h"

#include <unistd.h>

#include <cstdio>
#include <string>

namespace bw::cli {
namespace {

std::string duration(double seconds) {
    const long s = static_cast<long>(seconds + 0.5);
    char text[32];
    if (s >= 3600) std::snprintf(text, sizeof text, "%ldh%02ldm", s / 3600, (s / 60) % 60);
    else std::snprintf(text, sizeof text, "%ldm%02lds", s / 60, s % 60);
    return text;
}

}  // namespace

ProgressBar::ProgressBar() : terminal_(::isatty(STDERR_FILENO) == 1), last_(std::chrono::steady_clock::now()) {}

void ProgressBar::update(const train::ProgressEvent& e) {
    const auto now = std::chrono::steady_clock::now();
    const auto interval = terminal_ ? std::chrono::milliseconds(200) : std::chrono::milliseconds(10000);
    const bool last_step = e.step == e.total_steps;
    if (now - last_ < interval && !last_step && drawn_) return;
    last_ = now;
    const int width = 30;
    const int filled = e.total_steps > 0 ? static_cast<int>(width * e.step / e.total_steps) : 0;
    std::string bar(static_cast<size_t>(filled), '#');
    bar.resize(width, ' ');
    std::fprintf(stderr, "%s[%s] step %lld/%lld  epoch %.2f  loss %.4f  lr %.2e  %.1f seq/s  ETA %s%s",
                 terminal_ ? "\r" : "", bar.c_str(), static_cast<long long>(e.step),
                 static_cast<long long>(e.total_steps), e.epoch, e.loss, e.learning_rate, e.sequences_per_second,
                 duration(e.eta_seconds).c_str(), terminal_ ? "" : "\n");
    std::fflush(stderr);
    drawn_ = true;
}

void ProgressBar::finish() {
    if (terminal_ && drawn_) std::fputc('\n', stderr);
    drawn_ = false;
}

}  // namespace bw::cli
