#pragma once
// Guesses from a file's first rows for the roles no column name gives away: which column holds labels
// (few distinct short values, as a headerless AG News file's leading "3") and which the text (the
// longest cells among the columns that do not look like labels).
#include <string>
#include <vector>

namespace bw::data {

// The first rows a guess looks at: the import dialog previews as many, so that the CLI's import and
// the dialog guess alike.
inline constexpr size_t kGuessRows = 100;

// Thresholds of looksLikeLabelColumn.
inline constexpr size_t kLabelMaxDistinct = 50;    // more classes than this are rare, and unreadable
inline constexpr size_t kLabelMaxCellBytes = 32;   // "not_entailment", "Sci/Tech", "-1": labels are short
inline constexpr size_t kLabelMinCells = 4;        // fewer rows tell nothing

// True when `column`'s non-empty cells in `rows` are at least kLabelMinCells, each at most
// kLabelMaxCellBytes long, with 2 .. kLabelMaxDistinct distinct values and at most half as many
// distinct values as cells (a column of ids or of sentences has about as many as rows).
bool looksLikeLabelColumn(const std::vector<std::vector<std::string>>& rows, size_t column);

// Of `candidates`, the column whose cells in `rows` are longest in total; -1 when none, or -1 too
// when there are no rows to measure.
int longestTextColumn(const std::vector<std::vector<std::string>>& rows, const std::vector<int>& candidates);

}  // namespace bw::data
