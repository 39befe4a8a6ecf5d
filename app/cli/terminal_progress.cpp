#include "app/cli/terminal_progress.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>

namespace bw::cli {

TerminalProgress::TerminalProgress(std::string what, Unit unit, std::string items)
    : what_(std::move(what)), unit_(unit), items_(std::move(items)), enabled_(isatty(STDERR_FILENO) != 0) {}

void TerminalProgress::finish() {
    if (shown_) std::cerr << std::endl;
    shown_ = false;
}

void TerminalProgress::operator()(uint64_t done, uint64_t total) {
    if (!enabled_ || total == 0) return;
    using namespace std::chrono;
    const double elapsed = duration<double>(steady_clock::now() - start_).count();
    if (elapsed < 0.5) return;
    const double share = static_cast<double>(done) / static_cast<double>(total);
    const double eta = share > 0 ? elapsed * (1.0 - share) / share : 0.0;
    char amount[64];
    if (unit_ == Unit::Megabytes)
        std::snprintf(amount, sizeof amount, "%.1f of %.1f MB", static_cast<double>(done) / 1e6,
                      static_cast<double>(total) / 1e6);
    else
        std::snprintf(amount, sizeof amount, "%llu of %llu %s", static_cast<unsigned long long>(done),
                      static_cast<unsigned long long>(total), items_.c_str());
    char line[200];
    std::snprintf(line, sizeof line, "\rbertwork-cli: %s: %3.0f%% (%s, %.0f s left)   ", what_.c_str(),
                  share * 100.0, amount, eta);
    std::cerr << line << std::flush;
    shown_ = true;
}

}  // namespace bw::cli
