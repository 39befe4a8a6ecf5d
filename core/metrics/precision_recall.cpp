#include "core/metrics/precision_recall.h"

#include <string>

namespace bw::metrics {

namespace {

double ratio(int64_t numerator, int64_t denominator) {
    return denominator > 0 ? static_cast<double>(numerator) / static_cast<double>(denominator) : 0.0;
}

}  // namespace

PrecisionRecallF1 scoresOf(const ClassCounts& counts) {
    PrecisionRecallF1 s;
    s.precision = ratio(counts.true_positives, counts.predicted);
    s.recall = ratio(counts.true_positives, counts.actual);
    // 2PR / (P + R) == 2tp / (2tp + fp + fn); the count form is exact and needs no zero test on P + R.
    s.f1 = ratio(2 * counts.true_positives, counts.predicted + counts.actual);
    s.support = counts.actual;
    return s;
}

PrecisionRecallF1 microAverage(const std::vector<ClassCounts>& classes) {
    ClassCounts total;
    for (const auto& c : classes) {
        total.true_positives += c.true_positives;
        total.predicted += c.predicted;
        total.actual += c.actual;
    }
    return scoresOf(total);
}

PrecisionRecallF1 macroAverage(const std::vector<PrecisionRecallF1>& classes) {
    PrecisionRecallF1 mean;
    for (const auto& c : classes) {
        mean.precision += c.precision;
        mean.recall += c.recall;
        mean.f1 += c.f1;
        mean.support += c.support;
    }
    if (!classes.empty()) {
        const double n = static_cast<double>(classes.size());
        mean.precision /= n;
        mean.recall /= n;
        mean.f1 /= n;
    }
    return mean;
}

PrecisionRecallF1 weightedAverage(const std::vector<PrecisionRecallF1>& classes) {
    PrecisionRecallF1 mean;
    for (const auto& c : classes) {
        const double w = static_cast<double>(c.support);
        mean.precision += w * c.precision;
        mean.recall += w * c.recall;
        mean.f1 += w * c.f1;
        mean.support += c.support;
    }
    if (mean.support > 0) {
        const double total = static_cast<double>(mean.support);
        mean.precision /= total;
        mean.recall /= total;
        mean.f1 /= total;
    }
    return mean;
}

nlohmann::json toJson(const PrecisionRecallF1& scores) {
    return {{"precision", scores.precision}, {"recall", scores.recall}, {"f1", scores.f1}, {"support", scores.support}};
}

void addAverage(nlohmann::json& report, const char* suffix, const PrecisionRecallF1& scores) {
    const std::string s(suffix);
    report["precision_" + s] = scores.precision;
    report["recall_" + s] = scores.recall;
    report["f1_" + s] = scores.f1;
}

}  // namespace bw::metrics
