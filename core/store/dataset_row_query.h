#pragma once
// Browsing a split's rows a page at a time (the Data page's row browser and `dataset-rows`): the
// rows that match a filter, in split order or by length, read onwards from a cursor, so that a page
// deep into a corpus of millions of rows neither loads nor counts the rows before it.
#include "core/data/example.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bw::store {

struct DatasetRowFilter {
    // Anywhere in the row's text or its pair (a token row's text is its words joined by spaces);
    // case-insensitive for ASCII letters, as SQLite's LIKE. "" matches every row.
    std::string contains;
    // A sequence row's label exactly as stored, or one of the comma-separated labels of a
    // multi-label row ("toxic" matches "insult, toxic"), or a tag that a token row has. "" matches
    // every row.
    std::string label;

    bool matchesEverything() const { return contains.empty() && label.empty(); }
};

// The order of the rows browsed. By length: the characters of the text and its pair, ties in split
// order; the shortest rows show empty or stray ones, the longest those truncation cuts. (Each page
// by length reads the whole split: no index holds a row's length.)
enum class DatasetRowOrder { Split, ShortestFirst, LongestFirst };

// A page starts after this row: (source, row_index) orders a split's rows, as they are stored;
// by length, (sort_key, source, row_index) does.
struct DatasetRowCursor {
    int64_t source = 0;
    int64_t row_index = -1;
    int64_t sort_key = INT64_MIN;  // the length (longest first: its negative) of the row before
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
