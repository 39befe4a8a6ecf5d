#pragma once
// Language-model evaluation numbers: masked-LM accuracy (correctly predicted masked tokens over
// masked tokens) and perplexity = exp(mean cross-entropy loss in nats). A mean loss past
// log(DBL_MAX) ~ 709.78 gives +infinity rather than overflowing (as Hugging Face's run_mlm does
// with math.exp's OverflowError).
#include <cstdint>

namespace bw::metrics {

// correct in [0, total], total > 0.
double maskedLmAccuracy(int64_t correct, int64_t total);

// mean_loss: finite and >= 0.
double perplexityFromMeanLoss(double mean_loss);
// loss_sum: the summed per-token loss over `tokens` tokens (> 0).
double perplexityFromLossSum(double loss_sum, int64_t tokens);

}  // namespace bw::metrics
