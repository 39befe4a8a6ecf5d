#pragma once
// Single-label classification metrics (scikit-learn's accuracy_score, confusion_matrix and
// classification_report with zero_division=0), from integer class ids.
//
// Everything derives from the confusion matrix, so ClassificationAccumulator keeps only that
// (num_classes^2 counts, so at most 4096 classes): the trainer adds predictions batch by batch and
// never has to keep them.
//
// Averages follow sklearn's default label set: macro averages over the classes that occur in the
// references or the predictions (a class absent from both is listed in per_class with support 0
// but does not pull the macro average down); micro and weighted count every class (absent classes
// weigh nothing there anyway). Micro precision = recall = F1 = accuracy for single-label data.
#include "core/metrics/precision_recall.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace bw::metrics {

struct ClassificationReport {
    std::vector<std::string> labels;              // class names; index = class id
    std::vector<std::vector<int64_t>> confusion;  // [true class][predicted class]
    std::vector<PrecisionRecallF1> per_class;     // index = class id
    PrecisionRecallF1 macro, micro, weighted;     // support of each = number of examples
    double accuracy = 0.0;
    double matthews_correlation = 0.0;  // scikit-learn's matthews_corrcoef (CoLA's metric)
    int64_t examples = 0;

    // {"accuracy", "matthews_correlation", "f1" (two classes only: the F1 of class id 1, the
    //  positive class, as scikit-learn's f1_score and GLUE's MRPC/QQP report it), "precision_macro", "recall_macro", "f1_macro", "precision_micro", "recall_micro",
    //  "f1_micro", "precision_weighted", "recall_weighted", "f1_weighted", "support",
    //  "labels": [names in class-id order],
    //  "per_class": {name: {"precision", "recall", "f1", "support"}},
    //  "confusion_matrix": [[...], ...] (rows = true class, columns = predicted class)}
    nlohmann::json toJson() const;
};

class ClassificationAccumulator {
public:
    // label_names: one per class, distinct; empty = "0", "1", ...
    explicit ClassificationAccumulator(int64_t num_classes, std::vector<std::string> label_names = {});

    // Adds one batch. The whole batch is checked before anything is counted, so a batch with a bad
    // id leaves the accumulator as it was. An empty batch is fine.
    void add(const int64_t* predictions, const int64_t* references, size_t count);
    void add(const std::vector<int64_t>& predictions, const std::vector<int64_t>& references);

    int64_t examples() const { return examples_; }
    // The report over everything added so far; throws if nothing was added. Can be called again
    // after more batches.
    ClassificationReport finish() const;

private:
    int64_t num_classes_ = 0;
    std::vector<std::string> labels_;
    std::vector<int64_t> confusion_;  // [true * num_classes + predicted]
    int64_t examples_ = 0;
};

// One-shot versions. predictions[i] and references[i] are class ids in [0, num_classes).
ClassificationReport classificationReport(const std::vector<int64_t>& predictions,
                                          const std::vector<int64_t>& references, int64_t num_classes,
                                          const std::vector<std::string>& label_names = {});
double accuracy(const std::vector<int64_t>& predictions, const std::vector<int64_t>& references);
std::vector<std::vector<int64_t>> confusionMatrix(const std::vector<int64_t>& predictions,
                                                  const std::vector<int64_t>& references, int64_t num_classes);

// The report of a square confusion matrix [true][predicted] (e.g. one kept elsewhere).
ClassificationReport reportFromConfusion(const std::vector<std::vector<int64_t>>& confusion,
                                         const std::vector<std::string>& label_names = {});

}  // namespace bw::metrics
