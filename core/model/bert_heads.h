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

// cls.predictions: transform, then logits against the (tied) word embedding matrix plus a bias.
// The decoder weight is not a parameter of its own: it *is* bert.embeddings.word_embeddings.weight.
struct BertLMPredictionHeadImpl : torch::nn::Module {
    BertLMPredictionHeadImpl(const BertConfig& config, torch::Tensor tied_word_embeddings);
    torch::Tensor forward(const torch::Tensor& hidden);  // [B, S, H] -> [B, S, V]

    BertPredictionHeadTransform transform{nullptr};
    torch::Tensor bias;             // [V]
    torch::Tensor decoder_weight;   // [V, H], shared with the word embeddings
};
TORCH_MODULE(BertLMPredictionHead);

}  // namespace bw::model
