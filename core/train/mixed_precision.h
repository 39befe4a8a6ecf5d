#pragma once
// Internal to core (LibTorch). Mixed precision as Hugging Face's Trainer does it with --bf16 and
// --fp16: the forward pass (and the loss) under autocast, weights and optimizer state in float32,
// and for float16 a dynamic loss scale (torch.cuda.amp.GradScaler's rule): the loss is multiplied
// by the scale before backward, the gradients divided by it before clipping; a step whose
// gradients hold an inf or NaN is skipped and the scale halved; after 2000 clean steps it doubles.
#include "core/train/training_args.h"

#include <torch/torch.h>

#include <string>
#include <vector>

namespace bw::train {

enum class Precision { Float32, BFloat16, Float16 };

Precision precisionOf(const TrainingArguments& args);
std::string precisionName(Precision precision);  // "fp32", "bf16", "fp16"
// Throws bw::Error where LibTorch has no autocast for the combination (float16 on the CPU).
void checkPrecisionSupported(Precision precision, const torch::Device& device);

// Autocast on `device`'s type for as long as it lives (nothing for Float32); nests; clears
// autocast's cache of cast weights when the outermost one ends, since the weights change after
// every optimizer step.
class AutocastScope {
public:
    AutocastScope(const torch::Device& device, Precision precision);
    ~AutocastScope();
    AutocastScope(const AutocastScope&) = delete;
    AutocastScope& operator=(const AutocastScope&) = delete;

private:
    bool active_ = false;
    torch::DeviceType device_type_ = torch::kCPU;
    bool was_enabled_ = false;
    torch::ScalarType previous_dtype_ = torch::kFloat32;
};

class LossScaler {
public:
    explicit LossScaler(const torch::Device& device, double initial_scale = 65536.0, int64_t growth_interval = 2000);

    torch::Tensor scale(const torch::Tensor& loss) const { return loss * scale_; }
    // Divides the gradients by the scale in place; returns whether any of them is inf or NaN
    // (a float32 tensor on the device, 1 or 0: no wait for the GPU).
    torch::Tensor unscale(const std::vector<torch::Tensor>& gradients);
    // Updates the scale from the unscale() result; returns whether the step must be skipped (this
    // reads the flag: one wait for the GPU per optimizer step, as GradScaler.step has).
    bool update(const torch::Tensor& found_inf);
    double currentScale() const { return scale_.item<double>(); }

private:
    torch::Tensor scale_;           // float32 [1] on the device
    torch::Tensor growth_tracker_;  // int32 [1]: clean steps since the scale last changed
    int64_t growth_interval_;
};

}  // namespace bw::train
