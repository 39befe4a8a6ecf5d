#include "core/metrics/language_model_metrics.h"

#include "core/runtime/error.h"

#include <cmath>
#include <limits>
#include <string>

namespace bw::metrics {

double maskedLmAccuracy(int64_t correct, int64_t total) {
    if (total <= 0)
        throw Error("masked-LM accuracy: no masked tokens were scored (total = " + std::to_string(total) + ")");
    if (correct < 0 || correct > total)
        throw Error("masked-LM accuracy: " + std::to_string(correct) + " correct is not within [0, " +
                    std::to_string(total) + "] masked tokens");
    return static_cast<double>(correct) / static_cast<double>(total);
}

double perplexityFromMeanLoss(double mean_loss) {
    if (std::isnan(mean_loss)) throw Error("perplexity: the mean loss is NaN (did training diverge?)");
    if (mean_loss < 0.0) throw Error("perplexity: the mean loss " + std::to_string(mean_loss) + " is negative");
    static const double kMaxExponent = std::log(std::numeric_limits<double>::max());
    if (mean_loss >= kMaxExponent) return std::numeric_limits<double>::infinity();
    return std::exp(mean_loss);
}

double perplexityFromLossSum(double loss_sum, int64_t tokens) {
    if (tokens <= 0) throw Error("perplexity: no tokens were scored (tokens = " + std::to_string(tokens) + ")");
    return perplexityFromMeanLoss(loss_sum / static_cast<double>(tokens));
}

}  // namespace bw::metrics
