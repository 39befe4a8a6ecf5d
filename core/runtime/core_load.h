#pragma once
// How many of the cores this process may run on are kept busy by other processes, measured from
// the kernel's counters: /proc/stat's busy time of each usable core less this process's own CPU
// time. What --threads auto decides from (adaptive_threads.h). Linux only; elsewhere nothing is
// measured and the thread count stays as it was.
#include <optional>
#include <vector>

namespace bw {

// One reading of the counters; two readings make a CoreLoad.
struct CpuCounters {
    double wall_seconds = 0;        // a steady clock
    double busy_seconds = 0;        // summed over the usable cores: time not idle and not waiting on I/O
    double own_cpu_seconds = 0;     // this process, every thread, user and system
    int usable_cores = 0;           // the cores in this process's affinity mask
};

struct CoreLoad {
    double seconds = 0;             // the window measured
    double others_busy_cores = 0;   // cores' worth of time other processes ran on the usable cores
    double own_busy_cores = 0;      // cores' worth of time this process ran
    int usable_cores = 0;
};

// The counters now; nullopt where /proc/stat cannot be read (not Linux, a sandbox without /proc).
std::optional<CpuCounters> readCpuCounters();

// The load between two readings (`later` taken after `earlier`).
CoreLoad loadBetween(const CpuCounters& earlier, const CpuCounters& later);

// The CPUs this process may run on (sched_getaffinity), in increasing order; every online CPU
// where the mask cannot be read.
std::vector<int> usableCpus();

}  // namespace bw
