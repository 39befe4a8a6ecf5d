#pragma once
// Internal to core (LibTorch). How one optimisation step is taken: each micro-batch's loss is
// backpropagated (divided by the accumulation count, and for fp16 multiplied by the loss scale),
// then the gradients are unscaled and clipped, the schedule's learning rate set, AdamW stepped (or
// the step skipped where fp16 gradients overflowed) and the gradients dropped. When a step is due,
// and what follows it, is core/train/training_control's business.
//
// On a GPU nothing here waits for the device (but fp16's overflow check): the loss and the gradient
// norm stay tensors until a log reads them, so the CPU queues the next step while the GPU works.
#include "core/train/fused_adamw.h"
#include "core/train/mixed_precision.h"
#include "core/train/training_args.h"

#include <torch/torch.h>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace bw::train {

struct AppliedStep {
    double learning_rate = 0;
    torch::Tensor grad_norm;  // before clipping, a scalar on the device; undefined when max_grad_norm is off
    bool skipped = false;     // fp16: the gradients held an inf or NaN and the weights were left as they were
};

class OptimizationStep {
public:
    OptimizationStep(torch::nn::Module& model, const TrainingArguments& args);

    // Backpropagates a micro-batch's loss; returns it detached (a scalar on the model's device). On
    // the CPU throws bw::Error at once when the loss is NaN or infinite (`next_step` names the step);
    // on a GPU the caller checks the logged sum (checkFiniteLoss).
    torch::Tensor backward(const torch::Tensor& loss, int64_t next_step);
    // Called with the parameters before unscaling and clipping (data-parallel training all-reduces
    // the gradients there, so that every rank sees the same fp16 overflow and the same norm).
    void reduceGradientsWith(std::function<void(const std::vector<torch::Tensor>&)> reduce) { reduce_ = std::move(reduce); }
    // Unscales and clips, sets the learning rate (the schedule's, core/train/lr_schedule.h), steps
    // AdamW (unless fp16 overflowed), clears the gradients.
    AppliedStep apply(double learning_rate);

    FusedAdamW& optimizer() { return *optimizer_; }
    Precision precision() const { return precision_; }
    std::optional<double> lossScale() const;  // fp16's current scale

private:
    std::vector<torch::Tensor> gradients() const;
    torch::Tensor clipGradients();

    const TrainingArguments& args_;
    std::vector<torch::Tensor> parameters_;
    std::unique_ptr<FusedAdamW> optimizer_;
    Precision precision_;
    std::unique_ptr<LossScaler> scaler_;  // fp16 only
    std::function<void(const std::vector<torch::Tensor>&)> reduce_;
};

// Throws bw::Error when a summed training loss is NaN or infinite: "the training loss became NaN
// between steps A and B".
void checkFiniteLoss(double value, int64_t first_step, int64_t last_step);

}  // namespace bw::train
