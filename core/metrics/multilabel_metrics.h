#pragma once
// Multi-label classification metrics from per-example 0/1 vectors (one entry per label), with
// scikit-learn's definitions for indicator matrices: micro / macro / weighted precision, recall and
// F1 over all labels (zero_division=0; macro counts every label column, as sklearn does for
// indicator input), subset accuracy (the whole vector must match) and Hamming loss (the fraction
// of wrong label entries).
#include "core/metrics/precision_recall.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace bw::metrics {

struct MultiLabelReport {
    std::vector<std::string> labels;          // label names; index = column
    std::vector<PrecisionRecallF1> per_label;  // index = column
    PrecisionRecallF1 micro, macro, weighted;
    double subset_accuracy = 0.0;
    double hamming_loss = 0.0;
    int64_t examples = 0;

    // {"subset_accuracy", "hamming_loss", "precision_micro", "recall_micro", "f1_micro",
    //  "precision_macro", ..., "f1_weighted", "support" (positive references), "examples",
    //  "labels": [...], "per_label": {name: {"precision", "recall", "f1", "support"}}}
    nlohmann::json toJson() const;
};

class MultiLabelAccumulator {
public:
    // label_names: one per label, distinct; empty = "0", "1", ...
    explicit MultiLabelAccumulator(size_t num_labels, std::vector<std::string> label_names = {});

    // One example: prediction and reference hold num_labels entries, each 0 or 1.
    void add(const std::vector<int>& prediction, const std::vector<int>& reference);
    // A batch of examples; checked whole before anything is counted.
    void add(const std::vector<std::vector<int>>& predictions, const std::vector<std::vector<int>>& references);

    int64_t examples() const { return examples_; }
    // The report over everything added so far; throws if nothing was added.
    MultiLabelReport finish() const;

private:
    // example: its index among everything added, for the error message.
    void check(const std::vector<int>& prediction, const std::vector<int>& reference, size_t example) const;
    void count(const std::vector<int>& prediction, const std::vector<int>& reference);

    std::vector<std::string> labels_;
    std::vector<ClassCounts> counts_;  // per label
    int64_t exact_matches_ = 0;
    int64_t wrong_entries_ = 0;
    int64_t examples_ = 0;
};

// One-shot: the number of labels is the length of the first vector.
MultiLabelReport multiLabelReport(const std::vector<std::vector<int>>& predictions,
                                  const std::vector<std::vector<int>>& references,
                                  const std::vector<std::string>& label_names = {});

}  // namespace bw::metrics
