#pragma once
// Internal to core (includes LibTorch): a named set of tensors, as a state dict is.
#include <torch/torch.h>

#include <map>
#include <string>

namespace bw::io {

// Ordered by name so that files written from it are deterministic.
using TensorMap = std::map<std::string, torch::Tensor>;

}  // namespace bw::io
