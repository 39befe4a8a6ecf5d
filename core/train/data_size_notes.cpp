#include "core/train/data_size_notes.h"

#include <algorithm>
#include <cmath>

namespace bw::train {

nlohmann::json DataSizeNotes::toJson() const {
    nlohmann::json out = nlohmann::json::object();
    if (few_training_rows) out["few_training_rows"] = *few_training_rows;
    if (validation_margin_points) {
        out["validation_rows"] = validation_rows;
        out["validation_margin_points"] = *validation_margin_points;
    }
    if (!rare_labels.empty()) {
        nlohmann::json labels = nlohmann::json::array();
        for (const LabelCount& l : rare_labels) labels.push_back({{"label", l.label}, {"rows", l.rows}});
        out["rare_labels"] = labels;
    }
    return out;
}

double accuracyMarginPoints(int64_t rows) {
    return rows > 0 ? 196.0 * std::sqrt(0.25 / static_cast<double>(rows)) : 100.0;
}

DataSizeNotes dataSizeNotes(const DataSizeFacts& facts) {
    DataSizeNotes notes;
    if (!facts.fine_tuning) return notes;
    if (facts.train_rows < DataSizeNotes::kFewTrainingRows) notes.few_training_rows = facts.train_rows;
    if (!facts.single_label) return notes;

    notes.validation_rows = facts.validation_rows;
    if (facts.validation_rows > 0 && accuracyMarginPoints(facts.validation_rows) > DataSizeNotes::kValidationMarginPoints)
        notes.validation_margin_points = accuracyMarginPoints(facts.validation_rows);

    std::vector<int64_t> counts(facts.label_names.size(), 0);
    for (const int32_t id : facts.train_label_ids)
        if (id >= 0 && static_cast<size_t>(id) < counts.size()) ++counts[static_cast<size_t>(id)];
    for (size_t c = 0; c < counts.size(); ++c)
        if (counts[c] < DataSizeNotes::kRareLabelRows) notes.rare_labels.push_back({facts.label_names[c], counts[c]});
    std::stable_sort(notes.rare_labels.begin(), notes.rare_labels.end(),
                     [](const LabelCount& a, const LabelCount& b) { return a.rows < b.rows; });
    return notes;
}

}  // namespace bw::train
