#pragma once
// What the size of a run's data means for what the run can learn and show. Notes, never refusals:
// a small dataset is legal, but a newcomer reads an accuracy of 0.4 on 30 validation rows as a
// defect of the workbench. Computed with the estimate (`train --estimate`'s JSON, the wizard's
// review page). Plain C++.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bw::train {

struct DataSizeFacts {
    bool fine_tuning = false;   // classification, regression or tagging (not pretraining)
    bool single_label = false;  // single-label sequence classification: one class per row, accuracy
    int64_t train_rows = 0, validation_rows = 0;
    std::vector<std::string> label_names;  // single_label: the classes, in id order
    std::vector<int32_t> train_label_ids;  // single_label: each training row's class id
};

struct LabelCount {
    std::string label;
    int64_t rows = 0;
};

struct DataSizeNotes {
    // Fine-tuning on fewer training rows than this varies much from seed to seed: Devlin et al. (2019)
    // ran several restarts on GLUE's smaller tasks, and Mosbach et al. (2021) and Dodge et al. (2020)
    // measured the spread on CoLA (8,551 rows), MRPC (3,668) and RTE (2,490).
    static constexpr int64_t kFewTrainingRows = 10000;
    // An accuracy on n rows is known to +-196 * sqrt(0.25 / n) points (the 95% normal interval at its
    // widest, accuracy 0.5); noted when wider than this, that is below 385 rows.
    static constexpr double kValidationMarginPoints = 5.0;
    // A class with fewer training rows than this is hardly ever predicted.
    static constexpr int64_t kRareLabelRows = 10;

    std::optional<int64_t> few_training_rows;        // the training rows, when fewer than kFewTrainingRows
    std::optional<double> validation_margin_points;  // when wider than kValidationMarginPoints
    int64_t validation_rows = 0;
    std::vector<LabelCount> rare_labels;  // fewer than kRareLabelRows training rows, rarest first

    bool empty() const { return !few_training_rows && !validation_margin_points && rare_labels.empty(); }
    nlohmann::json toJson() const;  // only the notes that apply
};

// Half the width of the 95% interval of an accuracy on `rows` rows at its widest, in points.
double accuracyMarginPoints(int64_t rows);
DataSizeNotes dataSizeNotes(const DataSizeFacts& facts);

}  // namespace bw::train
