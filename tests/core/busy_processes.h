#pragma once
// Processes that keep a core busy each until they are destroyed: the load that --threads auto
// (core/runtime/adaptive_threads.h) gives way to, made real for the tests that check it does.
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

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

}  // namespace bw::test
