#include "core/train/optimization_step.h"

#include "core/runtime/error.h"
#include "core/train/lr_schedule.h"

#include <cmath>

namespace bw::train {

OptimizationStep::OptimizationStep(torch::nn::Module& model, const TrainingArguments& args)
    : args_(args),
      parameters_(model.parameters()),
      optimizer_(makeAdamW(model, torch::optim::AdamWOptions(args.learning_rate)
                                      .betas({args.adam_beta1, args.adam_beta2})
                                      .eps(args.adam_epsilon)
                                      .weight_decay(args.weight_decay))) {}

void OptimizationStep::requireFiniteLoss(double value, int64_t next_step) {
    if (!std::isfinite(value))
        throw Error("the training loss became " + std::string(std::isnan(value) ? "NaN" : "infinite") + " at step " +
                    std::to_string(next_step) + "; lower the learning rate or check the data");
}

double OptimizationStep::backward(const torch::Tensor& loss, int64_t next_step) {
    const double value = loss.item<double>();
    requireFiniteLoss(value, next_step);
    (loss / static_cast<double>(args_.gradient_accumulation_steps)).backward();
    return value;
}

AppliedStep OptimizationStep::apply(int64_t step, int64_t total_steps) {
    AppliedStep applied;
    if (reduce_) reduce_(parameters_);
    if (args_.max_grad_norm > 0) applied.grad_norm = torch::nn::utils::clip_grad_norm_(parameters_, args_.max_grad_norm);
    const int64_t warmup = args_.warmup_steps > 0 ? args_.warmup_steps
                                                  : static_cast<int64_t>(std::ceil(args_.warmup_ratio * total_steps));
    applied.learning_rate = args_.learning_rate * learningRateFactor(args_.lr_scheduler_type, step, warmup, total_steps);
    for (auto& group : optimizer_->param_groups())
        static_cast<torch::optim::AdamWOptions&>(group.options()).lr(applied.learning_rate);
    optimizer_->step();
    optimizer_->clearGradients();
    return applied;
}

}  // namespace bw::train
