#pragma once
// The rows a max_length truncates, read off core's length histogram (rows per token length), so
// moving the max-length line needs no new tokenizing.
#include <cstdint>
#include <vector>

namespace bw::gui {

// Counted as core's computeStatistics does for its max_length: rows longer than max_length.
inline uint64_t rowsLongerThan(const std::vector<uint64_t>& length_counts, int64_t max_length) {
    uint64_t rows = 0;
    for (size_t length = max_length < 0 ? 0 : static_cast<size_t>(max_length) + 1; length < length_counts.size(); ++length)
        rows += length_counts[length];
    return rows;
}

inline double truncationRate(const std::vector<uint64_t>& length_counts, int64_t max_length) {
    uint64_t rows = 0;
    for (uint64_t count : length_counts) rows += count;
    return rows ? static_cast<double>(rowsLongerThan(length_counts, max_length)) / static_cast<double>(rows) : 0.0;
}

}  // namespace bw::gui
