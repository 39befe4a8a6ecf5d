#pragma once
// The rows a sentence-level task cannot use, refused before anything is tokenized: the one rule the
// trainer (train and validation splits) and the analysis (the split it predicts) share, so both say
// which dataset, split, file and line, and what to do.
#include "core/data/example.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bw::train {

// Where rows come from, for the message: "dataset 'x', train split (reviews.csv)".
struct RowsPlace {
    std::string dataset;
    std::string split;
    std::string file;  // may be empty (then only lines are named)

    // "dataset 'x', train split, reviews.csv line 20" (without the file's name when there is none):
    // where a row is, for every refusal of a row.
    std::string lineText(uint64_t line) const;
};

// A row without a label (an empty cell) can be neither trained on nor scored. Throws bw::Error
// naming how many rows of the split lack one and the first lines, e.g. "dataset 'de', train split:
// 1 row has no label (reviews.csv line 20); ...". Multi-label rows may have none (no class applies):
// call this for single-label classification and regression.
void refuseUnlabelledRows(const std::vector<data::Example>& rows, const RowsPlace& place);

// A regression trains on and scores numbers (data::regressionValue): throws bw::Error at the first
// label that is not one, with its file and line.
void refuseNonNumericLabels(const std::vector<data::Example>& rows, const RowsPlace& place);

}  // namespace bw::train
