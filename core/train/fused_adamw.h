#pragma once
// Internal to core (LibTorch). AdamW with decoupled weight decay, the same algorithm, options and
// state as torch::optim::AdamW (so optimizer.pt files load either way), but each parameter is
// updated in one pass over its four arrays instead of about ten tensor operations, several of
// which allocate. On a small BERT the optimizer step is a tenth of a training step, and most of
// it was memory traffic (profiled with tests/bench/bench_train --profile). On a GPU: the same tensor
// operations as torch::optim::AdamW, each over all of a group's tensors at once (_foreach_ ops).
// (LibTorch 2.x's at::_fused_adamw_ reads step counts the caller has already incremented; used as
// torch::optim keeps them, it divided by a zero bias correction and turned every weight to NaN on
// an H200, so it is not used.)
#include <torch/nn/module.h>
#include <torch/optim/adamw.h>
#include <torch/version.h>

#include <map>
#include <memory>
#include <string>

namespace bw::train {

class FusedAdamW : public torch::optim::AdamW {
public:
    using torch::optim::AdamW::AdamW;
    // The key of a parameter's state in state(): LibTorch 1.13 spells the TensorImpl's address as
    // text, 2.x keeps the pointer.
#if TORCH_VERSION_MAJOR >= 2
    using StateKey = void*;
#else
    using StateKey = std::string;
#endif
    static StateKey stateKey(const torch::Tensor& param);
    torch::Tensor step(LossClosure closure = nullptr) override;
    // Drops the gradients instead of filling them with zeros (PyTorch's zero_grad(set_to_none=True),
    // what Hugging Face's Trainer does): the next backward writes them afresh, saving a pass over
    // every gradient and the accumulation into zeros.
    void clearGradients();
    // Off the CPU every group takes the multi-tensor path; on the CPU the element loop, unless this
    // asks for the multi-tensor path there too (the tests compare the two on the CPU).
    void setMultiTensor(bool enabled) { multi_tensor_ = enabled; }

private:
    torch::optim::AdamWParamState& stateOf(const torch::Tensor& param);
    void stepMultiTensor(torch::optim::OptimizerParamGroup& group);
    bool multi_tensor_ = false;
};

// Hugging Face's parameter groups: weight decay on every parameter but biases and LayerNorm weights.
std::unique_ptr<FusedAdamW> makeAdamW(const torch::nn::Module& model, const torch::optim::AdamWOptions& options);

}  // namespace bw::train
