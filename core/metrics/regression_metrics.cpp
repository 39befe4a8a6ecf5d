#include "core/metrics/regression_metrics.h"

#include "core/runtime/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

namespace bw::metrics {

namespace {

const std::string kWhat = "regression metrics: ";

void checkInputs(const std::vector<double>& predictions, const std::vector<double>& references) {
    if (predictions.size() != references.size())
        throw Error(kWhat + std::to_string(predictions.size()) + " predictions but " +
                    std::to_string(references.size()) + " references");
    if (predictions.empty()) throw Error(kWhat + "no examples to score");
    for (size_t i = 0; i < predictions.size(); ++i) {
        if (!std::isfinite(predictions[i]))
            throw Error(kWhat + "prediction at position " + std::to_string(i) + " is not a finite number");
        if (!std::isfinite(references[i]))
            throw Error(kWhat + "reference at position " + std::to_string(i) + " is not a finite number");
    }
}

double mean(const std::vector<double>& v) {
    return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

// Pearson r of already checked inputs; two passes (means first) to keep the sums well conditioned.
double pearsonOf(const std::vector<double>& x, const std::vector<double>& y) {
    const double mx = mean(x), my = mean(y);
    double sxy = 0.0, sxx = 0.0, syy = 0.0;
    for (size_t i = 0; i < x.size(); ++i) {
        const double dx = x[i] - mx, dy = y[i] - my;
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if (sxx == 0.0 || syy == 0.0) return std::numeric_limits<double>::quiet_NaN();
    return std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
}

}  // namespace

std::vector<double> averageRanks(const std::vector<double>& values) {
    std::vector<size_t> order(values.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return values[a] < values[b]; });
    std::vector<double> ranks(values.size());
    for (size_t begin = 0; begin < order.size();) {
        size_t end = begin + 1;
        while (end < order.size() && values[order[end]] == values[order[begin]]) ++end;
        // positions begin..end-1 hold ranks begin+1..end; their mean:
        const double rank = (static_cast<double>(begin + 1) + static_cast<double>(end)) / 2.0;
        for (size_t k = begin; k < end; ++k) ranks[order[k]] = rank;
        begin = end;
    }
    return ranks;
}

double meanSquaredError(const std::vector<double>& predictions, const std::vector<double>& references) {
    checkInputs(predictions, references);
    double sum = 0.0;
    for (size_t i = 0; i < predictions.size(); ++i) {
        const double d = predictions[i] - references[i];
        sum += d * d;
    }
    return sum / static_cast<double>(predictions.size());
}

double meanAbsoluteError(const std::vector<double>& predictions, const std::vector<double>& references) {
    checkInputs(predictions, references);
    double sum = 0.0;
    for (size_t i = 0; i < predictions.size(); ++i) sum += std::abs(predictions[i] - references[i]);
    return sum / static_cast<double>(predictions.size());
}

double pearsonCorrelation(const std::vector<double>& predictions, const std::vector<double>& references) {
    checkInputs(predictions, references);
    return pearsonOf(predictions, references);
}

double spearmanCorrelation(const std::vector<double>& predictions, const std::vector<double>& references) {
    checkInputs(predictions, references);
    return pearsonOf(averageRanks(predictions), averageRanks(references));
}

RegressionReport regressionReport(const std::vector<double>& predictions, const std::vector<double>& references) {
    RegressionReport r;
    r.mse = meanSquaredError(predictions, references);
    r.mae = meanAbsoluteError(predictions, references);
    r.pearson = pearsonCorrelation(predictions, references);
    r.spearman = spearmanCorrelation(predictions, references);
    r.examples = static_cast<int64_t>(predictions.size());
    return r;
}

nlohmann::json RegressionReport::toJson() const {
    auto number = [](double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); };
    return {{"mse", mse},
            {"mae", mae},
            {"pearson", number(pearson)},
            {"spearman", number(spearman)},
            {"examples", examples}};
}

}  // namespace bw::metrics
