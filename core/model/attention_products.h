#pragma once
// Internal to core (LibTorch). Attention's two batched products (Q K^T and P V) for inference on the
// CPU, through oneDNN's batched matmul on the tensors' own strides.
//
// Why: LibTorch's matmul on [B, N, S, D] head views sends many small products (S x D by D x S per
// batch and head) to the system BLAS, which ran them at about 40 GFLOP/s here (bert-base, batch 32:
// 22 ms for Q K^T and 18 ms for P V per layer, 40% of an int8 forward); oneDNN's batched kernels
// read the same strided views at 4-5x that. The context can be written straight into a strided
// view of the [B, S, H] output, which saves the copy that merges the heads.
#include <torch/torch.h>

namespace bw::model {

// Whether this build has oneDNN for them (else the caller uses torch::matmul).
bool batchedProductsAvailable();

// a [.., M, K] @ b [.., K, P] -> [.., M, P] for 3- or 4-dimensional float32 CPU tensors of any
// strides (with unit stride in one of the last two dimensions of each), without autograd. Into
// `out` when given (a [.., M, P] view of the same batch shape, any strides), else into a new
// contiguous tensor, which is returned. Falls back to torch::matmul where oneDNN declines a layout.
torch::Tensor batchedProduct(const torch::Tensor& a, const torch::Tensor& b, torch::Tensor out = {});

}  // namespace bw::model
