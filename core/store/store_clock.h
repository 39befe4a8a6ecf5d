#pragma once
// The store's clock: timestamps as the records hold them.
#include <string>

namespace bw::store {

std::string utcTimestamp();                         // now, "2025-01-31T12:00:00.123Z"
std::string utcTimestamp(double unix_seconds);      // the same format for a given time
double unixTimeSeconds();                           // now, Unix seconds with sub-second precision

}  // namespace bw::store
