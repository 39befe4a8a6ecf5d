#include "core/train/row_label_checks.h"

#include "core/data/label_set.h"
#include "core/runtime/error.h"

#include <filesystem>

namespace bw::train {
namespace {

std::string splitText(const RowsPlace& place) {
    return "dataset '" + place.dataset + "', " + place.split + " split";
}

// "reviews.csv " or "": the file's name only, as the Data page shows it.
std::string filePrefix(const RowsPlace& place) {
    return place.file.empty() ? "" : std::filesystem::path(place.file).filename().string() + " ";
}

}  // namespace

std::string RowsPlace::lineText(uint64_t line) const {
    return splitText(*this) + ", " + filePrefix(*this) + "line " + std::to_string(line);
}

void refuseUnlabelledRows(const std::vector<data::Example>& rows, const RowsPlace& place) {
    constexpr size_t kLinesNamed = 5;
    size_t count = 0;
    std::string lines;
    for (const data::Example& e : rows) {
        if (!e.label.empty()) continue;
        if (count < kLinesNamed) lines += (count ? ", " : "") + std::to_string(e.source_line);
        ++count;
    }
    if (count == 0) return;
    throw Error(splitText(place) + ": " + std::to_string(count) + (count == 1 ? " row has" : " rows have") +
                " no label (" + filePrefix(place) + (count == 1 ? "line " : "lines ") + lines +
                (count > kLinesNamed ? ", ..." : "") +
                "); a model can neither learn from nor be scored on a row without one: fill the labels in and "
                "import the split again, replacing it");
}

void refuseNonNumericLabels(const std::vector<data::Example>& rows, const RowsPlace& place) {
    for (const data::Example& e : rows) {
        if (data::regressionValue(e.label)) continue;
        throw Error(place.lineText(e.source_line) + ": label '" + e.label +
                    "' is not a number, and the model predicts a score (regression): choose a dataset of numeric labels");
    }
}

}  // namespace bw::train
