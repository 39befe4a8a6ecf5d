#include "core/store/store_clock.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>

namespace bw::store {

std::string utcTimestamp(double unix_seconds) {
    const double whole = std::floor(unix_seconds);
    const std::time_t seconds = static_cast<std::time_t>(whole);
    int millis = static_cast<int>(std::lround((unix_seconds - whole) * 1000.0));
    std::time_t shown = seconds;
    if (millis >= 1000) {
        millis -= 1000;
        ++shown;
    }
    std::tm tm{};
    gmtime_r(&shown, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
    return buf;
}

double unixTimeSeconds() {
    using namespace std::chrono;
    return duration<double>(system_clock::now().time_since_epoch()).count();
}

std::string utcTimestamp() { return utcTimestamp(unixTimeSeconds()); }

}  // namespace bw::store
