#include "core/train/mixed_precision.h"

#include "core/runtime/error.h"

#include <ATen/autocast_mode.h>
#include <torch/version.h>

namespace bw::train {
namespace {

// LibTorch 2.4 gave autocast one set of functions taking the device type; 1.13 has one per device.
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
bool autocastEnabled(torch::DeviceType type) { return at::autocast::is_autocast_enabled(type); }
void setAutocastEnabled(torch::DeviceType type, bool on) { at::autocast::set_autocast_enabled(type, on); }
torch::ScalarType autocastDtype(torch::DeviceType type) { return at::autocast::get_autocast_dtype(type); }
void setAutocastDtype(torch::DeviceType type, torch::ScalarType dtype) { at::autocast::set_autocast_dtype(type, dtype); }
#else
bool autocastEnabled(torch::DeviceType type) {
    return type == torch::kCUDA ? at::autocast::is_enabled() : at::autocast::is_cpu_enabled();
}
void setAutocastEnabled(torch::DeviceType type, bool on) {
    if (type == torch::kCUDA) at::autocast::set_enabled(on);
    else at::autocast::set_cpu_enabled(on);
}
torch::ScalarType autocastDtype(torch::DeviceType type) {
    return type == torch::kCUDA ? at::autocast::get_autocast_gpu_dtype() : at::autocast::get_autocast_cpu_dtype();
}
void setAutocastDtype(torch::DeviceType type, torch::ScalarType dtype) {
    if (type == torch::kCUDA) at::autocast::set_autocast_gpu_dtype(dtype);
    else at::autocast::set_autocast_cpu_dtype(dtype);
}
#endif

constexpr double kGrowthFactor = 2.0, kBackoffFactor = 0.5;

}  // namespace

Precision precisionOf(const TrainingArguments& args) {
    if (args.bf16) return Precision::BFloat16;
    if (args.fp16) return Precision::Float16;
    return Precision::Float32;
}

std::string precisionName(Precision precision) {
    switch (precision) {
    case Precision::BFloat16: return "bf16";
    case Precision::Float16: return "fp16";
    case Precision::Float32: break;
    }
    return "fp32";
}

void checkPrecisionSupported(Precision precision, const torch::Device& device) {
    if (precision == Precision::Float16 && !device.is_cuda())
        throw Error("fp16 mixed precision needs a CUDA GPU (its loss scaling is for GPUs); on the CPU use --bf16");
    if (!device.is_cpu() && !device.is_cuda())
        throw Error("mixed precision runs on the CPU or a CUDA GPU, not on " + device.str());
}

AutocastScope::AutocastScope(const torch::Device& device, Precision precision) {
    if (precision == Precision::Float32) return;
    active_ = true;
    device_type_ = device.type();
    was_enabled_ = autocastEnabled(device_type_);
    previous_dtype_ = autocastDtype(device_type_);
    setAutocastDtype(device_type_, precision == Precision::BFloat16 ? torch::kBFloat16 : torch::kHalf);
    setAutocastEnabled(device_type_, true);
    at::autocast::increment_nesting();
}

AutocastScope::~AutocastScope() {
    if (!active_) return;
    if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
    setAutocastEnabled(device_type_, was_enabled_);
    setAutocastDtype(device_type_, previous_dtype_);
}

LossScaler::LossScaler(const torch::Device& device, double initial_scale, int64_t growth_interval)
    : scale_(torch::full({1}, initial_scale, torch::TensorOptions().dtype(torch::kFloat32).device(device))),
      growth_tracker_(torch::zeros({1}, torch::TensorOptions().dtype(torch::kInt32).device(device))),
      growth_interval_(growth_interval) {}

torch::Tensor LossScaler::unscale(const std::vector<torch::Tensor>& gradients) {
    torch::NoGradGuard no_grad;
    torch::Tensor found_inf = torch::zeros({1}, scale_.options());
    const torch::Tensor inverse = scale_.to(torch::kFloat64).reciprocal().to(torch::kFloat32);
    if (scale_.is_cuda()) {
        // One fused pass over every gradient (GradScaler's kernel).
        at::_amp_foreach_non_finite_check_and_unscale_(gradients, found_inf, inverse);
        return found_inf;
    }
    for (const torch::Tensor& g : gradients) {  // the CPU: the same arithmetic, a tensor at a time
        found_inf = torch::maximum(found_inf, torch::logical_not(torch::isfinite(g)).any().to(torch::kFloat32).reshape({1}));
        g.mul_(inverse);
    }
    return found_inf;
}

bool LossScaler::update(const torch::Tensor& found_inf) {
    torch::NoGradGuard no_grad;
    if (scale_.is_cuda()) {
        at::_amp_update_scale_(scale_, growth_tracker_, found_inf, kGrowthFactor, kBackoffFactor, growth_interval_);
        return found_inf.item<float>() != 0.0f;
    }
    const bool overflow = found_inf.item<float>() != 0.0f;
    if (overflow) {
        scale_.mul_(kBackoffFactor);
        growth_tracker_.zero_();
    } else if (growth_tracker_.item<int>() + 1 >= growth_interval_) {
        scale_.mul_(kGrowthFactor);
        growth_tracker_.zero_();
    } else {
        growth_tracker_.add_(1);
    }
    return overflow;
}

}  // namespace bw::train
