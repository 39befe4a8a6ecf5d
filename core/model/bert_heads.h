#pragma once
// Internal to core (LibTorch). The heads Hugging Face puts on the encoder, with its module names:
// cls.predictions (masked LM, decoder tied to the word embeddings), cls.seq_relationship (NSP),
// classifier (sequence / token classification).
#include "core/model/bert_encoder.h"

namespace bw::model {

// cls.predictions.transform: dense -> activation -> LayerNorm
struct BertPredictionHeadTransformImpl : torch::nn::Module {
    explicit BertPredictionHeadTransformImpl(const BertConfig& config);
    torch::Tensor forward(const torch::Tensor& hidden);  // [B, S, H] -> [B, S, H]

    torch::nn::Linear dense{nullptr};
    torch::nn::LayerNorm LayerNorm{nullptr};
    Activation activation;
};
TORCH_MODULE(BertPredictionHeadTransform);

// Masked-LM loss over some positions, with the argmax hits (for MLM accuracy).
struct MaskedLmLoss {
    torch::Tensor loss;   // mean cross-entropy over the positions (a scalar with grad)
    int64_t correct = 0;  // positions whose argmax is the label
    int64_t total = 0;
};

// cls.predictions: transform, then logits against the (tied) word embedding matrix plus a bias.
// The decoder weight is not a parameter of its own: it *is* bert.embeddings.word_embeddings.weight.
struct BertLMPredictionHeadImpl : torch::nn::Module {
    BertLMPredictionHeadImpl(const BertConfig& config, torch::Tensor tied_word_embeddings);
    torch::Tensor forward(const torch::Tensor& hidden);  // [B, S, H] -> [B, S, V]
    // hidden [N, H] at masked positions, labels [N]. The logits are made a chunk of rows at a time
    // and never whole: [N, V] is tens of MB per step, and blocks that big come back as fresh
    // page-faulting mappings every step, which costs more than the arithmetic.
    MaskedLmLoss chunkedLoss(const torch::Tensor& hidden, const torch::Tensor& labels,
                             int64_t max_chunk_elements = int64_t{1} << 22);

    BertPredictionHeadTransform transform{nullptr};
    torch::Tensor bias;             // [V]
    torch::Tensor decoder_weight;   // [V, H], shared with the word embeddings
};
TORCH_MODULE(BertLMPredictionHead);

}  // namespace bw::model
