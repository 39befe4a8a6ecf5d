#pragma once
// Internal to core (LibTorch). How one optimisation step is taken: each micro-batch's loss is
// backpropagated (divided by the accumulation count), then the gradients are clipped, the
// schedule's learning rate set, AdamW stepped and the gradients dropped. When a step is due, and
// what follows it, is core/train/training_control's business.
#include "core/train/fused_adamw.h"
#include "core/train/training_args.h"

#include <torch/torch.h>

#include <functional>
#include <memory>
#include <vector>

namespace bw::train {

struct AppliedStep {
    double learning_rate = 0;
    double grad_norm = 0;  // before clipping; 0 when max_grad_norm is off
};

class OptimizationStep {
public:
    OptimizationStep(torch::nn::Module& model, const TrainingArguments& args);

    // Backpropagates a micro-batch's loss; returns its value. Throws bw::Error when the loss is
    // NaN or infinite (`next_step` names the step in the message).
    double backward(const torch::Tensor& loss, int64_t next_step);
    // Throws the NaN/infinite-loss error of backward when `loss` is not finite.
    static void requireFiniteLoss(double loss, int64_t next_step);
    // Called with the parameters before clipping (data-parallel training all-reduces the gradients there).
    void reduceGradientsWith(std::function<void(const std::vector<torch::Tensor>&)> reduce) { reduce_ = std::move(reduce); }
    // Clips, sets the learning rate of `step` (0-based) of `total_steps`, steps AdamW, clears the gradients.
    AppliedStep apply(int64_t step, int64_t total_steps);

    FusedAdamW& optimizer() { return *optimizer_; }

private:
    const TrainingArguments& args_;
    std::vector<torch::Tensor> parameters_;
    std::unique_ptr<FusedAdamW> optimizer_;
    std::function<void(const std::vector<torch::Tensor>&)> reduce_;
};

}  // namespace bw::train
