#include "core/model/bert_heads.h"

namespace bw::model {

BertPredictionHeadTransformImpl::BertPredictionHeadTransformImpl(const BertConfig& c)
    : activation(activationByName(c.hidden_act)) {
    dense = register_module("dense", torch::nn::Linear(c.hidden_size, c.hidden_size));
    LayerNorm = register_module("LayerNorm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.hidden_size}).eps(c.layer_norm_eps)));
}

torch::Tensor BertPredictionHeadTransformImpl::forward(const torch::Tensor& hidden) {
    return LayerNorm(activation(dense(hidden)));
}

BertLMPredictionHeadImpl::BertLMPredictionHeadImpl(const BertConfig& c, torch::Tensor tied_word_embeddings)
    : decoder_weight(std::move(tied_word_embeddings)) {
    transform = register_module("transform", BertPredictionHeadTransform(c));
    bias = register_parameter("bias", torch::zeros({c.vocab_size}));
}

torch::Tensor BertLMPredictionHeadImpl::forward(const torch::Tensor& hidden) {
    return torch::linear(transform(hidden), decoder_weight, bias);
}

}  // namespace bw::model
