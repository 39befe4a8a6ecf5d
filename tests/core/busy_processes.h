#pragma once
// Processes that keep a core busy each until they are destroyed: the load that --threads auto
// (core/runtime/adaptive_threads.h) gives way to, made real for the tests that check it does, and
// the check those tests share.
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <string>
#include <vector>

namespace bw::test {

struct BusyProcesses {
    std::vector<pid_t> pids;
    explicit BusyProcesses(int count) {
        for (int i = 0; i < count; ++i) {
            const pid_t pid = fork();
            if (pid == 0) {
                volatile unsigned long counter = 0;
                for (;;) counter = counter + 1;
            }
            if (pid > 0) pids.push_back(pid);
        }
    }
    ~BusyProcesses() {
        for (const pid_t pid : pids) kill(pid, SIGKILL);
        for (const pid_t pid : pids) waitpid(pid, nullptr, 0);
    }
    BusyProcesses(const BusyProcesses&) = delete;
    BusyProcesses& operator=(const BusyProcesses&) = delete;
};

// One batch (or step) of a run observed beside BusyProcesses.
struct BatchThreads {
    double seconds;  // since the run began
    int threads;     // the count the batch ran with
};

// --threads auto on 2 cores beside one busy process: after the first windows (2.5 s) every batch
// ran with the core left, and a run with the count fixed at 2 kept it. "" when so, else what was not.
inline std::string gaveWayToTheBusyCore(const std::vector<BatchThreads>& adaptive, const std::vector<BatchThreads>& fixed) {
    if (adaptive.empty() || fixed.empty()) return "no batch was observed";
    if (adaptive.back().seconds < 3.0) return "the adaptive run lasted only " + std::to_string(adaptive.back().seconds) + " s";
    if (adaptive.front().threads != 2) return "the adaptive run began with " + std::to_string(adaptive.front().threads) + " threads";
    int late = 0;
    for (const BatchThreads& b : adaptive) {
        if (b.seconds < 2.5) continue;
        ++late;
        if (b.threads != 1)
            return "a batch at " + std::to_string(b.seconds) + " s ran with " + std::to_string(b.threads) + " threads";
    }
    if (late == 0) return "no batch after 2.5 s";
    if (!std::all_of(fixed.begin(), fixed.end(), [](const BatchThreads& b) { return b.threads == 2; }))
        return "a batch of the fixed run ran with another count than 2";
    return "";
}

}  // namespace bw::test
