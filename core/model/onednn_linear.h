#pragma once
// Internal to core (LibTorch). A Linear for training through oneDNN's GEMMs on plain (PyTorch)
// layouts: the forward and both backward GEMMs (dX = g W, dW = g^T X) read the tensors where they
// are, transposes included, with no reorder. On machines where the system BLAS runs narrower
// kernels than oneDNN (OpenBLAS pinned to AVX2 on an AVX-512 CPU) this is the faster Linear; which
// one a shape takes is timed, not assumed (chooseTrainingGemm in core/model/gemm_choice.h).
#include <torch/torch.h>

namespace bw::model {

// y = scale * (x W^T + b), x [.., K], W [N, K], b [N] or undefined -> [.., N], with autograd (the
// gradients of x, W and b, each only when wanted). Float32 on the CPU; throws without oneDNN.
torch::Tensor oneDnnLinear(const torch::Tensor& x, const torch::Tensor& weight, const torch::Tensor& bias,
                           double scale = 1.0);

}  // namespace bw::model
