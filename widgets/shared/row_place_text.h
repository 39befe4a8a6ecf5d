#pragma once
// Where a row of a dataset is, in the same words on every page (the Data page's rows, the Errors
// page's rows): the line of the file it came from, where to find it, and its place in the split.
#include <QString>

#include <cstdint>

namespace bw::gui {

// "Line 15 of the file (row 13 of the split)"; "Row 13" when the line is not known (0).
QString rowPlaceText(uint64_t line, int64_t row);

}  // namespace bw::gui
