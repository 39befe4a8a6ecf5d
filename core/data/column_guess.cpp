#include "core/data/column_guess.h"

#include <set>

namespace bw::data {

bool looksLikeLabelColumn(const std::vector<std::vector<std::string>>& rows, size_t column) {
    std::set<std::string> distinct;
    size_t cells = 0;
    for (const auto& row : rows) {
        if (column >= row.size() || row[column].empty()) continue;
        if (row[column].size() > kLabelMaxCellBytes) return false;
        ++cells;
        distinct.insert(row[column]);
        if (distinct.size() > kLabelMaxDistinct) return false;
    }
    return cells >= kLabelMinCells && distinct.size() >= 2 && distinct.size() * 2 <= cells;
}

int longestTextColumn(const std::vector<std::vector<std::string>>& rows, const std::vector<int>& candidates) {
    int best = -1;
    size_t best_bytes = 0;
    for (int column : candidates) {
        size_t bytes = 0;
        for (const auto& row : rows)
            if (static_cast<size_t>(column) < row.size()) bytes += row[static_cast<size_t>(column)].size();
        if (best < 0 || bytes > best_bytes) {
            best = column;
            best_bytes = bytes;
        }
    }
    return rows.empty() ? -1 : best;
}

}  // namespace bw::data
