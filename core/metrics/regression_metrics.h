#pragma once
// Regression metrics (STS-B style tasks): mean squared error, mean absolute error, Pearson r and
// Spearman rho, as scikit-learn's mean_squared_error / mean_absolute_error and scipy's pearsonr /
// spearmanr. Spearman rho is Pearson r of the ranks, tied values sharing the average of the ranks
// they span. A correlation with a constant side is undefined and comes back as NaN (scipy's
// answer; it is written as null in JSON). Inputs must be finite.
#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

namespace bw::metrics {

struct RegressionReport {
    double mse = 0.0;
    double mae = 0.0;
    double pearson = 0.0;
    double spearman = 0.0;
    int64_t examples = 0;

    // {"mse", "mae", "pearson", "spearman", "examples"}; an undefined correlation is null.
    nlohmann::json toJson() const;
};

double meanSquaredError(const std::vector<double>& predictions, const std::vector<double>& references);
double meanAbsoluteError(const std::vector<double>& predictions, const std::vector<double>& references);
double pearsonCorrelation(const std::vector<double>& predictions, const std::vector<double>& references);
double spearmanCorrelation(const std::vector<double>& predictions, const std::vector<double>& references);
RegressionReport regressionReport(const std::vector<double>& predictions, const std::vector<double>& references);

// 1-based ranks; equal values get the mean of the ranks they occupy ([10, 20, 20, 30] -> [1, 2.5, 2.5, 4]).
std::vector<double> averageRanks(const std::vector<double>& values);

}  // namespace bw::metrics
