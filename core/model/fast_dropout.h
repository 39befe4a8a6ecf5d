#pragma once
// Internal to core (LibTorch). Dropout with the semantics of torch::nn::Dropout (zero each element
// with probability p while training, scale the rest by 1 / (1 - p), identity in eval mode) but
// a mask drawn in parallel from a counter-based hash instead of LibTorch's CPU bernoulli_, which
// without MKL is a serial loop over a Mersenne twister: it took ~13% of a small BERT's training
// step and did not speed up with threads (tests/bench/bench_train --profile). The mask is kept as
// bytes for the backward, a quarter of the float mask LibTorch keeps. The seed of each mask comes
// from LibTorch's default generator, so torch::manual_seed makes runs repeatable.
#include <torch/nn/cloneable.h>
#include <torch/nn/pimpl.h>

namespace bw::model {

torch::Tensor fastDropout(const torch::Tensor& input, double p, bool training);

struct FastDropoutImpl : torch::nn::Cloneable<FastDropoutImpl> {
    explicit FastDropoutImpl(double probability = 0.5);
    void reset() override {}
    torch::Tensor forward(const torch::Tensor& input);

    double p;
};
TORCH_MODULE(FastDropout);

}  // namespace bw::model
