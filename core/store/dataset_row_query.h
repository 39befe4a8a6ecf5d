#pragma once
// Browsing a split's rows a page at a time (the Data page's row browser and `dataset-rows`): the
// rows that match a filter, in split order, read onwards from a cursor, so that a page deep into a
// corpus of millions of rows neither loads nor counts the rows before it.
#include "core/data/example.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bw::store {

struct DatasetRowFilter {
    // Anywhere in the row's text or its pair (a token row's text is its words joined by spaces);
    // case-insensitive for ASCII letters, as SQLite's LIKE. "" matches every row.
    std::string contains;
    // A sequence row's label exactly as stored, or a tag that a token row has. "" matches every row.
    std::string label;

    bool matchesEverything() const { return contains.empty() && label.empty(); }
};

// A page starts after this row: (source, row_index) orders a split's rows, as they are stored.
struct DatasetRowCursor {
    int64_t source = 0;
    int64_t row_index = -1;
};

struct BrowsedRow {
    int64_t number = 0;  // 0-based place in the split, as the trainer and the statistics count rows
    data::Example example;
};

struct DatasetRowPage {
    std::vector<BrowsedRow> rows;
    DatasetRowCursor next;  // where the page after this one starts
    bool at_end = false;    // no row after these matches
};

}  // namespace bw::store
