#pragma once
// Internal to core (LibTorch): a resolved device id as a torch::Device, and where a module lives.
#include "core/runtime/compute_device.h"

#include <torch/torch.h>

namespace bw {

torch::Device torchDevice(const std::string& resolved);
// The device of a module's first parameter (the CPU for a module without parameters).
torch::Device deviceOf(const torch::nn::Module& module);
// Returns once the device has done all the work queued for it (for timing; nothing on the CPU).
void waitForDevice(const torch::Device& device);

}  // namespace bw
