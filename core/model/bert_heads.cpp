#include "core/model/bert_heads.h"

namespace bw::model {
namespace {

// Summed cross-entropy of logits [R, V] against labels [R] with a hand-written backward,
// softmax(logits) - one_hot(labels). LibTorch's CPU log_softmax backward runs ~10x slower than its
// forward on vocabulary-wide rows (profiled with tests/bench/bench_train --profile) and was the
// largest single cost of a small model's pretraining step.
struct SummedCrossEntropy : torch::autograd::Function<SummedCrossEntropy> {
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& logits,
                                 const torch::Tensor& labels) {
        const torch::Tensor log_probs = torch::log_softmax(logits, -1);  // [R, V]
        ctx->save_for_backward({log_probs, labels});
        return -log_probs.gather(1, labels.unsqueeze(1)).sum();
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                   torch::autograd::variable_list grad_outputs) {
        const auto saved = ctx->get_saved_variables();
        const torch::Tensor& labels = saved[1];
        torch::Tensor grad = saved[0].exp();  // softmax, [R, V]
        grad.scatter_add_(1, labels.unsqueeze(1), torch::full({labels.size(0), 1}, -1.0, grad.options()));
        grad.mul_(grad_outputs[0]);
        return {grad, torch::Tensor()};
    }
};

}  // namespace

BertPredictionHeadTransformImpl::BertPredictionHeadTransformImpl(const BertConfig& c)
    : activation(activationByName(c.hidden_act)) {
    dense = register_module("dense", torch::nn::Linear(c.hidden_size, c.hidden_size));
    LayerNorm = register_module("LayerNorm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.hidden_size}).eps(c.layer_norm_eps)));
}

torch::Tensor BertPredictionHeadTransformImpl::forward(const torch::Tensor& hidden) {
    // Under bf16 autocast the dense output is bf16, and LibTorch 1.13's CPU LayerNorm wants its input
    // in its weights' dtype (float32); the encoder's LayerNorms get float32 from their residual sum.
    return LayerNorm(activation(dense(hidden)).to(LayerNorm->weight.scalar_type()));
}

BertLMPredictionHeadImpl::BertLMPredictionHeadImpl(const BertConfig& c, torch::Tensor tied_word_embeddings)
    : decoder_weight(std::move(tied_word_embeddings)) {
    transform = register_module("transform", BertPredictionHeadTransform(c));
    bias = register_parameter("bias", torch::zeros({c.vocab_size}));
}

torch::Tensor BertLMPredictionHeadImpl::forward(const torch::Tensor& hidden) {
    return torch::linear(transform(hidden), decoder_weight, bias);
}

MaskedLmLoss BertLMPredictionHeadImpl::chunkedLoss(const torch::Tensor& hidden, const torch::Tensor& labels,
                                                   int64_t max_chunk_elements) {
    const torch::Tensor transformed = transform(hidden);  // [N, H]
    const int64_t n = transformed.size(0);
    const int64_t rows = std::max<int64_t>(1, max_chunk_elements / decoder_weight.size(0));
    MaskedLmLoss result;
    result.total = n;
    torch::Tensor loss_sum = transformed.sum() * 0.0;  // keeps the graph when nothing is masked
    for (int64_t start = 0; start < n; start += rows) {
        const int64_t length = std::min(rows, n - start);
        const torch::Tensor chunk_labels = labels.narrow(0, start, length);
        const torch::Tensor logits = torch::linear(transformed.narrow(0, start, length), decoder_weight, bias);  // [rows, V]
        loss_sum = loss_sum + SummedCrossEntropy::apply(logits, chunk_labels);
        torch::NoGradGuard no_grad;
        result.correct += (logits.argmax(-1) == chunk_labels).sum().item<int64_t>();
    }
    result.loss = n > 0 ? loss_sum / static_cast<double>(n) : loss_sum;
    return result;
}

}  // namespace bw::model
