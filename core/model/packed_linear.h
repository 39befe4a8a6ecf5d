#pragma once
// Internal to core (LibTorch). Inference GEMMs through oneDNN with weights prepacked once.
//
// Why: LibTorch's Linear on the CPU calls the system BLAS (OpenBLAS, pinned to its AVX2 kernels on
// some machines), while the oneDNN that LibTorch links carries AVX-512 (brgemm) kernels that take
// the weights in a blocked layout of their own. Reordering the weights at every call eats the
// gain; reordering them once, when a model is loaded for inference, keeps it. The activations stay
// plain row-major tensors (no layout conversion per call), and the bias, the activation function
// or the residual add ride on the GEMM as oneDNN post-ops instead of separate passes.
//
// A PackedLinear is a copy: it is used only while the Linear(s) it was packed from are unchanged
// (their weights' version counters are checked at every call), in eval mode and without autograd.
// Without oneDNN (a LibTorch that does not expose it), available() is false and nothing is packed.
//
// Int8 (dynamic quantization, what `--int8` asks for): the weights are quantized once, symmetric
// per output channel, to int8; each call quantizes its input to uint8 with a scale and zero point
// from its own min and max (as ONNX Runtime's DynamicQuantizeLinear and PyTorch's dynamic
// quantization do), and oneDNN's u8 x s8 kernels (VNNI where the CPU has it) accumulate in int32
// and rescale to float32 before the bias and the epilogue.
#include <torch/torch.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace bw::model {

// What follows the GEMM + bias inside the same kernel.
enum class GemmEpilogue {
    None,
    Gelu,      // exact (erf) GELU, Hugging Face's "gelu"
    GeluTanh,  // "gelu_new" / "gelu_pytorch_tanh"
    Relu,
    Silu,
    AddResidual,  // y += residual, a [M, N] tensor given at the call
};
// The epilogue for a hidden_act name; None where oneDNN has no exact match (applied after).
GemmEpilogue epilogueForActivation(const std::string& hidden_act);
std::string epilogueName(GemmEpilogue epilogue);

// What the packed weights are stored and multiplied in.
enum class GemmPrecision {
    Float32,
    Int8,  // int8 weights (per output channel), uint8 inputs quantized per call (per tensor)
};
std::string precisionName(GemmPrecision precision);  // "float32", "int8"

// One part of a packed GEMM: a Linear's weight [N_i, K] and bias [N_i], times a scale.
struct LinearPart {
    torch::nn::Linear linear;
    double scale = 1.0;  // y_i = scale * (x W_i^T + b_i): attention's 1/sqrt(D) on the query
};

class PackedLinear {
public:
    // Whether this build can pack at all (oneDNN found at configure time).
    static bool available();
    // "oneDNN 2.6.3" (the library loaded at run time), or "no oneDNN".
    static std::string libraryVersion();

    // The parts' outputs side by side: [.., K] -> [.., N_1 + N_2 + ...] (key and value in one GEMM).
    // Throws when oneDNN is not available or the weights are not float32 on the CPU.
    PackedLinear(std::vector<LinearPart> parts, GemmEpilogue epilogue,
                 GemmPrecision precision = GemmPrecision::Float32);
    ~PackedLinear();
    PackedLinear(const PackedLinear&) = delete;
    PackedLinear& operator=(const PackedLinear&) = delete;

    // x [.., K] float32 on the CPU -> [.., N]; residual [.., N] with AddResidual.
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& residual = {}) const;

    // Whether forward() computes what the parts would now: the weights unchanged since packing,
    // no autograd wanted, x a float32 CPU tensor.
    bool usableFor(const torch::Tensor& x) const;

    int64_t inFeatures() const { return in_features_; }
    int64_t outFeatures() const { return out_features_; }
    GemmEpilogue epilogue() const { return epilogue_; }
    GemmPrecision precision() const { return precision_; }

private:
    struct Kernels;  // oneDNN objects: the packed weights, one primitive per row count M
    std::vector<LinearPart> parts_;
    std::vector<int64_t> versions_;  // the parts' weight and bias version counters at packing
    GemmEpilogue epilogue_;
    GemmPrecision precision_;
    int64_t in_features_ = 0, out_features_ = 0;
    std::unique_ptr<Kernels> kernels_;
};

}  // namespace bw::model
