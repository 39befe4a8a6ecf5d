#pragma once
// What the store load benchmarks share: timing a call several times and printing the result as
// one JSON line {"name", "median_ms", "min_ms", "max_ms", "first_ms", "repeats", "target_ms",
// "median_cpu_ms", ...}. CPU time (this process and the children it waited for) next to wall time
// shows how much of the wall time was spent waiting for cores other processes held.
#include <nlohmann/json.hpp>

#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <string>
#include <vector>

namespace bw::bench {

struct Timings {
    std::vector<double> wall_ms, cpu_ms;  // one per call, in call order
};

inline double cpuMsSoFar() {
    timespec self{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &self);
    rusage children{};
    getrusage(RUSAGE_CHILDREN, &children);
    const auto ms = [](const timeval& t) { return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3; };
    return static_cast<double>(self.tv_sec) * 1e3 + static_cast<double>(self.tv_nsec) / 1e6 + ms(children.ru_utime) +
           ms(children.ru_stime);
}

template <typename F>
Timings timeMs(int repeats, F&& call) {
    Timings t;
    for (int r = 0; r < repeats; ++r) {
        const double cpu = cpuMsSoFar();
        const auto start = std::chrono::steady_clock::now();
        call();
        t.wall_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        t.cpu_ms.push_back(cpuMsSoFar() - cpu);
    }
    return t;
}

inline double medianOf(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n == 0 ? 0.0 : n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// target_ms <= 0: no target (shown for information).
inline void printTiming(const std::string& name, const Timings& t, double target_ms,
                        nlohmann::json extra = nlohmann::json::object()) {
    const std::vector<double>& ms = t.wall_ms;
    extra["name"] = name;
    extra["median_ms"] = medianOf(ms);
    extra["min_ms"] = *std::min_element(ms.begin(), ms.end());
    extra["max_ms"] = *std::max_element(ms.begin(), ms.end());
    extra["first_ms"] = ms.front();
    extra["repeats"] = ms.size();
    extra["median_cpu_ms"] = medianOf(t.cpu_ms);
    extra["target_ms"] = target_ms > 0 ? nlohmann::json(target_ms) : nlohmann::json();
    std::cout << extra.dump() << std::endl;
}

}  // namespace bw::bench
