#include "core/metrics/classification_metrics.h"

#include <cmath>

#include "core/runtime/error.h"

#include <set>
#include <utility>

namespace bw::metrics {

namespace {

const std::string kWhat = "classification metrics: ";
constexpr int64_t kMaxClasses = 4096;  // the confusion matrix is num_classes^2 counts (128 MiB here)

std::vector<std::string> checkedLabels(int64_t num_classes, std::vector<std::string> names) {
    if (num_classes < 1)
        throw Error(kWhat + "the number of classes must be at least 1, got " + std::to_string(num_classes));
    if (num_classes > kMaxClasses)
        throw Error(kWhat + std::to_string(num_classes) + " classes is more than the " + std::to_string(kMaxClasses) +
                    " a confusion matrix is kept for");
    if (names.empty()) {
        for (int64_t c = 0; c < num_classes; ++c) names.push_back(std::to_string(c));
        return names;
    }
    if (static_cast<int64_t>(names.size()) != num_classes)
        throw Error(kWhat + std::to_string(names.size()) + " label names given for " + std::to_string(num_classes) +
                    " classes");
    std::set<std::string> seen;
    for (const auto& n : names)
        if (!seen.insert(n).second) throw Error(kWhat + "label name '" + n + "' is given twice");
    return names;
}

void checkId(int64_t id, int64_t num_classes, const char* which, size_t position) {
    if (id < 0 || id >= num_classes)
        throw Error(kWhat + which + " " + std::to_string(id) + " at position " + std::to_string(position) +
                    " is not a class id in [0, " + std::to_string(num_classes) + ")");
}

void checkSameSize(size_t predictions, size_t references) {
    if (predictions != references)
        throw Error(kWhat + std::to_string(predictions) + " predictions but " + std::to_string(references) +
                    " references");
}

}  // namespace

ClassificationAccumulator::ClassificationAccumulator(int64_t num_classes, std::vector<std::string> label_names)
    : num_classes_(num_classes), labels_(checkedLabels(num_classes, std::move(label_names))) {
    confusion_.assign(static_cast<size_t>(num_classes_ * num_classes_), 0);
}

void ClassificationAccumulator::add(const int64_t* predictions, const int64_t* references, size_t count) {
    for (size_t i = 0; i < count; ++i) {
        checkId(predictions[i], num_classes_, "prediction", i);
        checkId(references[i], num_classes_, "reference", i);
    }
    for (size_t i = 0; i < count; ++i) ++confusion_[static_cast<size_t>(references[i] * num_classes_ + predictions[i])];
    examples_ += static_cast<int64_t>(count);
}

void ClassificationAccumulator::add(const std::vector<int64_t>& predictions, const std::vector<int64_t>& references) {
    checkSameSize(predictions.size(), references.size());
    add(predictions.data(), references.data(), predictions.size());
}

ClassificationReport ClassificationAccumulator::finish() const {
    if (examples_ == 0) throw Error(kWhat + "no examples to score");
    std::vector<std::vector<int64_t>> matrix(static_cast<size_t>(num_classes_));
    for (int64_t t = 0; t < num_classes_; ++t)
        matrix[t].assign(confusion_.begin() + t * num_classes_, confusion_.begin() + (t + 1) * num_classes_);
    return reportFromConfusion(matrix, labels_);
}

namespace {

// scikit-learn's matthews_corrcoef, multiclass form (Gorodkin's R_K): with c correct of s examples,
// p_k predicted and t_k true per class, (c s - sum p_k t_k) / sqrt((s^2 - sum p_k^2)(s^2 - sum t_k^2));
// 0 when a factor under the root is 0 (one class predicted or present), as scikit-learn returns.
double matthewsCorrelation(const std::vector<ClassCounts>& counts, int64_t correct, int64_t examples) {
    const double c = static_cast<double>(correct), s = static_cast<double>(examples);
    double pt = 0, pp = 0, tt = 0;
    for (const auto& k : counts) {
        const double p = static_cast<double>(k.predicted), t = static_cast<double>(k.actual);
        pt += p * t;
        pp += p * p;
        tt += t * t;
    }
    const double denominator = (s * s - pp) * (s * s - tt);
    return denominator > 0 ? (c * s - pt) / std::sqrt(denominator) : 0.0;
}

}  // namespace

ClassificationReport reportFromConfusion(const std::vector<std::vector<int64_t>>& confusion,
                                         const std::vector<std::string>& label_names) {
    const auto n = static_cast<int64_t>(confusion.size());
    ClassificationReport r;
    r.labels = checkedLabels(n, label_names);
    for (const auto& row : confusion) {
        if (static_cast<int64_t>(row.size()) != n) throw Error(kWhat + "the confusion matrix is not square");
        for (int64_t v : row)
            if (v < 0) throw Error(kWhat + "the confusion matrix holds a negative count");
    }
    r.confusion = confusion;

    std::vector<ClassCounts> counts(static_cast<size_t>(n));
    int64_t correct = 0;
    for (int64_t t = 0; t < n; ++t) {
        for (int64_t p = 0; p < n; ++p) {
            const int64_t k = confusion[t][p];
            counts[t].actual += k;
            counts[p].predicted += k;
            r.examples += k;
        }
        counts[t].true_positives = confusion[t][t];
        correct += confusion[t][t];
    }
    if (r.examples == 0) throw Error(kWhat + "no examples to score");

    std::vector<PrecisionRecallF1> present;  // sklearn's default labels: seen in references or predictions
    for (const auto& c : counts) {
        r.per_class.push_back(scoresOf(c));
        if (c.actual > 0 || c.predicted > 0) present.push_back(r.per_class.back());
    }
    r.accuracy = static_cast<double>(correct) / static_cast<double>(r.examples);
    r.matthews_correlation = matthewsCorrelation(counts, correct, r.examples);
    r.micro = microAverage(counts);
    r.macro = macroAverage(present);
    r.weighted = weightedAverage(r.per_class);
    return r;
}

nlohmann::json ClassificationReport::toJson() const {
    nlohmann::json j;
    j["accuracy"] = accuracy;
    j["matthews_correlation"] = matthews_correlation;
    // Binary: the positive class's F1 (class id 1), scikit-learn's default average and GLUE's for MRPC/QQP.
    if (labels.size() == 2) j["f1"] = per_class[1].f1;
    addAverage(j, "macro", macro);
    addAverage(j, "micro", micro);
    addAverage(j, "weighted", weighted);
    j["support"] = examples;
    j["labels"] = labels;
    nlohmann::json per = nlohmann::json::object();
    for (size_t c = 0; c < labels.size(); ++c) per[labels[c]] = metrics::toJson(per_class[c]);
    j["per_class"] = std::move(per);
    j["confusion_matrix"] = confusion;
    return j;
}

ClassificationReport classificationReport(const std::vector<int64_t>& predictions,
                                          const std::vector<int64_t>& references, int64_t num_classes,
                                          const std::vector<std::string>& label_names) {
    ClassificationAccumulator acc(num_classes, label_names);
    acc.add(predictions, references);
    return acc.finish();
}

double accuracy(const std::vector<int64_t>& predictions, const std::vector<int64_t>& references) {
    checkSameSize(predictions.size(), references.size());
    if (predictions.empty()) throw Error(kWhat + "no examples to score");
    int64_t correct = 0;
    for (size_t i = 0; i < predictions.size(); ++i) correct += predictions[i] == references[i] ? 1 : 0;
    return static_cast<double>(correct) / static_cast<double>(predictions.size());
}

std::vector<std::vector<int64_t>> confusionMatrix(const std::vector<int64_t>& predictions,
                                                  const std::vector<int64_t>& references, int64_t num_classes) {
    ClassificationAccumulator acc(num_classes);
    acc.add(predictions, references);
    return acc.finish().confusion;
}

}  // namespace bw::metrics
