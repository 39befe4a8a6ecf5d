#include "core/model/fast_dropout.h"

#include "core/runtime/error.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>
#include <torch/autograd.h>

#include <cstdint>
#include <mutex>

namespace bw::model {
namespace {

// SplitMix64's output function: a well-mixed 64-bit value for each counter.
inline uint64_t mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

uint64_t nextSeed() {
    auto generator = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(generator.mutex());
    return generator.get<at::CPUGeneratorImpl>()->random64();
}

// 1 = keep, with probability 1 - p; two elements per 64-bit draw.
torch::Tensor keepMask(int64_t n, double p) {
    torch::Tensor mask = torch::empty({n}, torch::kUInt8);
    uint8_t* out = mask.data_ptr<uint8_t>();
    const uint64_t seed = nextSeed();
    const auto threshold = static_cast<uint32_t>(std::min(p * 4294967296.0, 4294967295.0));  // drop below
    at::parallel_for(0, (n + 1) / 2, int64_t{1} << 14, [&](int64_t begin, int64_t end) {
        for (int64_t pair = begin; pair < end; ++pair) {
            const uint64_t bits = mix(seed + static_cast<uint64_t>(pair) * 0x9E3779B97F4A7C15ull);
            out[2 * pair] = static_cast<uint32_t>(bits) >= threshold;
            if (2 * pair + 1 < n) out[2 * pair + 1] = static_cast<uint32_t>(bits >> 32) >= threshold;
        }
    });
    return mask;
}

// input * mask * scale, element by element.
torch::Tensor applyMask(const torch::Tensor& input, const torch::Tensor& mask, float scale) {
    const torch::Tensor x = input.contiguous();
    torch::Tensor out = torch::empty_like(x);
    const float* in = x.data_ptr<float>();
    const uint8_t* keep = mask.data_ptr<uint8_t>();
    float* result = out.data_ptr<float>();
    at::parallel_for(0, x.numel(), int64_t{1} << 15, [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i) result[i] = in[i] * (static_cast<float>(keep[i]) * scale);
    });
    return out;
}

struct MaskedScale : torch::autograd::Function<MaskedScale> {
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& input,
                                 const torch::Tensor& mask, double scale) {
        ctx->save_for_backward({mask});
        ctx->saved_data["scale"] = scale;
        return applyMask(input, mask, static_cast<float>(scale));
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                   torch::autograd::variable_list grad_outputs) {
        const torch::Tensor mask = ctx->get_saved_variables()[0];
        const auto scale = static_cast<float>(ctx->saved_data["scale"].toDouble());
        return {applyMask(grad_outputs[0], mask, scale), torch::Tensor(), torch::Tensor()};
    }
};

}  // namespace

torch::Tensor fastDropout(const torch::Tensor& input, double p, bool training) {
    if (!training || p == 0.0) return input;
    if (p >= 1.0) return input * 0.0;
    if (input.scalar_type() != torch::kFloat32 || !input.device().is_cpu())
        return torch::dropout(input, p, /*train=*/true);
    const torch::Tensor mask = keepMask(input.numel(), p).view(input.sizes());
    return MaskedScale::apply(input, mask, 1.0 / (1.0 - p));
}

FastDropoutImpl::FastDropoutImpl(double probability) : p(probability) {
    if (p < 0.0 || p > 1.0) throw Error("dropout probability must be in [0, 1], got " + std::to_string(p));
}

torch::Tensor FastDropoutImpl::forward(const torch::Tensor& input) { return fastDropout(input, p, is_training()); }

}  // namespace bw::model
