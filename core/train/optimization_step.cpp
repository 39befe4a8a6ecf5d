#include "core/train/optimization_step.h"

#include "core/runtime/error.h"
#include "core/runtime/torch_device.h"

#include <cmath>

namespace bw::train {

void checkFiniteLoss(double value, int64_t first_step, int64_t last_step) {
    if (std::isfinite(value)) return;
    const std::string when = first_step == last_step ? "at step " + std::to_string(last_step)
                                                     : "between steps " + std::to_string(first_step) + " and " +
                                                           std::to_string(last_step);
    throw Error("the training loss became " + std::string(std::isnan(value) ? "NaN" : "infinite") + " " + when +
                "; lower the learning rate or check the data");
}

OptimizationStep::OptimizationStep(torch::nn::Module& model, const TrainingArguments& args)
    : args_(args),
      parameters_(model.parameters()),
      optimizer_(makeAdamW(model, torch::optim::AdamWOptions(args.learning_rate)
                                      .betas({args.adam_beta1, args.adam_beta2})
                                      .eps(args.adam_epsilon)
                                      .weight_decay(args.weight_decay))),
      precision_(precisionOf(args)) {
    const torch::Device device = deviceOf(model);
    checkPrecisionSupported(precision_, device);
    if (precision_ == Precision::Float16) scaler_ = std::make_unique<LossScaler>(device);
}

torch::Tensor OptimizationStep::backward(const torch::Tensor& loss, int64_t next_step) {
    const torch::Tensor value = loss.detach().to(torch::kFloat32);
    if (value.is_cpu()) checkFiniteLoss(value.item<double>(), next_step, next_step);
    const torch::Tensor scaled = scaler_ ? scaler_->scale(loss) : loss;
    (scaled / static_cast<double>(args_.gradient_accumulation_steps)).backward();
    return value;
}

std::vector<torch::Tensor> OptimizationStep::gradients() const {
    std::vector<torch::Tensor> grads;
    for (const auto& p : parameters_)
        if (p.grad().defined()) grads.push_back(p.grad());
    return grads;
}

// LibTorch's clip_grad_norm_ on the CPU (the figures stay bit-for-bit what they were); on a GPU
// the same rule without reading the norm back: grads *= min(1, max_norm / (norm + 1e-6)).
torch::Tensor OptimizationStep::clipGradients() {
    if (parameters_.empty() || parameters_.front().is_cpu())
        return torch::tensor(torch::nn::utils::clip_grad_norm_(parameters_, args_.max_grad_norm));
    torch::NoGradGuard no_grad;
    const std::vector<torch::Tensor> grads = gradients();
    if (grads.empty()) return torch::zeros({}, parameters_.front().options());
    const torch::Tensor norm = torch::stack(torch::_foreach_norm(grads, 2)).norm();
    const torch::Tensor factor = (args_.max_grad_norm / (norm + 1e-6)).clamp_max(1.0);
    for (const torch::Tensor& g : grads) g.mul_(factor);
    return norm;
}

AppliedStep OptimizationStep::apply(double learning_rate) {
    AppliedStep applied;
    if (reduce_) reduce_(parameters_);
    torch::Tensor found_inf;
    if (scaler_) found_inf = scaler_->unscale(gradients());
    if (args_.max_grad_norm > 0) applied.grad_norm = clipGradients();
    applied.learning_rate = learning_rate;
    for (auto& group : optimizer_->param_groups())
        static_cast<torch::optim::AdamWOptions&>(group.options()).lr(applied.learning_rate);
    applied.skipped = scaler_ && scaler_->update(found_inf);
    if (!applied.skipped) optimizer_->step();
    optimizer_->clearGradients();
    return applied;
}

std::optional<double> OptimizationStep::lossScale() const {
    if (!scaler_) return std::nullopt;
    return scaler_->currentScale();
}

}  // namespace bw::train
