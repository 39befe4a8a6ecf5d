#include "core/runtime/core_load.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#if defined(__linux__)
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace bw {

std::vector<int> usableCpus() {
    std::vector<int> cpus;
#if defined(__linux__)
    cpu_set_t mask;
    CPU_ZERO(&mask);
    if (::sched_getaffinity(0, sizeof mask, &mask) == 0)
        for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
            if (CPU_ISSET(cpu, &mask)) cpus.push_back(cpu);
#endif
    if (cpus.empty())
        for (int cpu = 0; cpu < static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); ++cpu)
            cpus.push_back(cpu);
    return cpus;
}

std::optional<CpuCounters> readCpuCounters() {
#if defined(__linux__)
    std::ifstream stat("/proc/stat");
    if (!stat) return std::nullopt;
    const std::vector<int> cpus = usableCpus();
    const double ticks_per_second = static_cast<double>(::sysconf(_SC_CLK_TCK));
    if (ticks_per_second <= 0) return std::nullopt;
    CpuCounters counters;
    counters.wall_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
    // "cpuN user nice system idle iowait irq softirq steal guest guest_nice", in clock ticks;
    // guest time is already inside user time. Busy: all but idle and iowait.
    std::string line;
    unsigned long long busy_ticks = 0;
    int found = 0;
    while (std::getline(stat, line)) {
        if (line.rfind("cpu", 0) != 0) break;  // the per-CPU lines come first
        if (line.size() < 4 || line[3] < '0' || line[3] > '9') continue;  // the "cpu " total
        std::istringstream fields(line.substr(3));
        int cpu = -1;
        unsigned long long user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0;
        fields >> cpu >> user >> nice >> system >> idle >> iowait >> irq >> softirq >> steal;
        if (!fields && !fields.eof()) continue;
        if (!std::binary_search(cpus.begin(), cpus.end(), cpu)) continue;
        busy_ticks += user + nice + system + irq + softirq + steal;
        ++found;
    }
    if (found == 0) return std::nullopt;
    counters.busy_seconds = static_cast<double>(busy_ticks) / ticks_per_second;
    counters.usable_cores = found;
    rusage usage{};
    if (::getrusage(RUSAGE_SELF, &usage) != 0) return std::nullopt;
    auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6; };
    counters.own_cpu_seconds = seconds(usage.ru_utime) + seconds(usage.ru_stime);
    return counters;
#else
    return std::nullopt;
#endif
}

CoreLoad loadBetween(const CpuCounters& earlier, const CpuCounters& later) {
    CoreLoad load;
    load.seconds = later.wall_seconds - earlier.wall_seconds;
    load.usable_cores = later.usable_cores;
    // The affinity mask changed between the readings: the sums are over different cores.
    if (load.seconds <= 0 || earlier.usable_cores != later.usable_cores) {
        load.seconds = 0;
        return load;
    }
    const double busy = (later.busy_seconds - earlier.busy_seconds) / load.seconds;
    load.own_busy_cores = std::max(0.0, (later.own_cpu_seconds - earlier.own_cpu_seconds) / load.seconds);
    // The kernel counts in clock ticks (10 ms) and our own time more finely: clamp the rounding.
    load.others_busy_cores =
        std::clamp(busy - load.own_busy_cores, 0.0, static_cast<double>(std::max(1, later.usable_cores)));
    return load;
}

}  // namespace bw
