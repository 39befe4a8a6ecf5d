#pragma once
// Precision, recall, F1 and support from counts, with scikit-learn's definitions and
// zero_division=0: a class with nothing predicted has precision 0, a class with nothing to find has
// recall 0, and F1 is 0 whenever precision + recall is 0. Shared by the classification, multi-label
// and entity (seqeval) reports, which differ only in what they count.
#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

namespace bw::metrics {

// What was counted for one class, label or entity type.
struct ClassCounts {
    int64_t true_positives = 0;
    int64_t predicted = 0;  // true positives + false positives
    int64_t actual = 0;     // true positives + false negatives (the support)
};

struct PrecisionRecallF1 {
    double precision = 0.0;
    double recall = 0.0;
    double f1 = 0.0;
    int64_t support = 0;  // number of actual positives (summed over classes for an average)
};

PrecisionRecallF1 scoresOf(const ClassCounts& counts);

// sklearn average='micro': scores of the summed counts.
PrecisionRecallF1 microAverage(const std::vector<ClassCounts>& classes);
// sklearn average='macro': unweighted mean over the classes given (all zeros for none).
PrecisionRecallF1 macroAverage(const std::vector<PrecisionRecallF1>& classes);
// sklearn average='weighted': mean weighted by support (all zeros when the total support is 0).
PrecisionRecallF1 weightedAverage(const std::vector<PrecisionRecallF1>& classes);

// {"precision", "recall", "f1", "support"}
nlohmann::json toJson(const PrecisionRecallF1& scores);
// Adds "precision_<suffix>", "recall_<suffix>", "f1_<suffix>" to a report object.
void addAverage(nlohmann::json& report, const char* suffix, const PrecisionRecallF1& scores);

}  // namespace bw::metrics
