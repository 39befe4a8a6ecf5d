#pragma once
// Internal to core (LibTorch). AdamW with decoupled weight decay, the same algorithm, options and
// state as torch::optim::AdamW (so optimizer.pt files load either way), but each parameter is
// updated in one pass over its four arrays instead of about ten tensor operations, several of
// which allocate. On a small BERT the optimizer step is a tenth of a training step, and most of
// it was memory traffic (profiled with tests/bench/bench_train --profile).
#include <torch/nn/module.h>
#include <torch/optim/adamw.h>

#include <memory>

namespace bw::train {

class FusedAdamW : public torch::optim::AdamW {
public:
    using torch::optim::AdamW::AdamW;
    torch::Tensor step(LossClosure closure = nullptr) override;
    // Drops the gradients instead of filling them with zeros (PyTorch's zero_grad(set_to_none=True),
    // what Hugging Face's Trainer does): the next backward writes them afresh, saving a pass over
    // every gradient and the accumulation into zeros.
    void clearGradients();
};

// Hugging Face's parameter groups: weight decay on every parameter but biases and LayerNorm weights.
std::unique_ptr<FusedAdamW> makeAdamW(const torch::nn::Module& model, const torch::optim::AdamWOptions& options);

}  // namespace bw::train
