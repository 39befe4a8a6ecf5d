#include "core/train/fused_adamw.h"

#include <ATen/Parallel.h>

#include <cmath>
#include <map>

namespace bw::train {
namespace {

struct StepConstants {
    float beta1, one_minus_beta1, beta2, one_minus_beta2;
    float decay_factor;   // 1 - lr * weight_decay
    float sqrt_bias2;     // sqrt(1 - beta2^t)
    float eps;
    float neg_step_size;  // -lr / (1 - beta1^t)
};

// The operations of torch::optim::AdamW::step in the same order and float precision, per element.
void updateRange(float* param, const float* grad, float* exp_avg, float* exp_avg_sq, int64_t begin, int64_t end,
                 const StepConstants& c) {
    for (int64_t i = begin; i < end; ++i) {
        const float g = grad[i];
        const float p = param[i] * c.decay_factor;
        const float m = exp_avg[i] * c.beta1 + g * c.one_minus_beta1;
        const float v = exp_avg_sq[i] * c.beta2 + c.one_minus_beta2 * g * g;
        exp_avg[i] = m;
        exp_avg_sq[i] = v;
        const float denom = std::sqrt(v) / c.sqrt_bias2 + c.eps;
        param[i] = p + c.neg_step_size * m / denom;
    }
}

bool fusable(const torch::Tensor& t) { return t.scalar_type() == torch::kFloat32 && t.is_contiguous() && t.device().is_cpu(); }

bool isNoDecay(const std::string& name) {
    return name.find("bias") != std::string::npos || name.find("LayerNorm.weight") != std::string::npos;
}

}  // namespace

FusedAdamW::StateKey FusedAdamW::stateKey(const torch::Tensor& param) {
#if TORCH_VERSION_MAJOR >= 2
    return param.unsafeGetTensorImpl();
#else
    return c10::guts::to_string(param.unsafeGetTensorImpl());
#endif
}

// The key and state torch::optim::AdamW uses, so that save/load stay compatible. State loaded from a
// checkpoint arrives on the CPU: it moves to its parameter's device here.
torch::optim::AdamWParamState& FusedAdamW::stateOf(const torch::Tensor& p) {
    const StateKey key = stateKey(p);
    auto found = state_.find(key);
    if (found == state_.end()) {
        auto fresh = std::make_unique<torch::optim::AdamWParamState>();
        fresh->exp_avg(torch::zeros_like(p, torch::MemoryFormat::Preserve));
        fresh->exp_avg_sq(torch::zeros_like(p, torch::MemoryFormat::Preserve));
        found = state_.emplace(key, std::move(fresh)).first;
    }
    auto& state = static_cast<torch::optim::AdamWParamState&>(*found->second);
    if (state.exp_avg().device() != p.device()) {
        state.exp_avg(state.exp_avg().to(p.device()));
        state.exp_avg_sq(state.exp_avg_sq().to(p.device()));
    }
    return state;
}

// torch::optim::AdamW's tensor operations, each over a whole list of tensors at once (what
// torch.optim.AdamW(foreach=True) runs): on a GPU, a handful of launches per group instead of
// several per parameter. Parameters are updated together where their step counts agree (always,
// unless some had no gradient on some step).
void FusedAdamW::stepMultiTensor(torch::optim::OptimizerParamGroup& group) {
    auto& options = static_cast<torch::optim::AdamWOptions&>(group.options());
    struct Lists {
        std::vector<torch::Tensor> params, grads, exp_avgs, exp_avg_sqs;
    };
    std::map<int64_t, Lists> by_step;
    for (auto& p : group.params()) {
        if (!p.grad().defined()) continue;
        TORCH_CHECK(!p.grad().is_sparse(), "AdamW does not support sparse gradients");
        auto& state = stateOf(p);
        state.step(state.step() + 1);
        Lists& lists = by_step[state.step()];
        lists.params.push_back(p);
        lists.grads.push_back(p.grad());
        lists.exp_avgs.push_back(state.exp_avg());
        lists.exp_avg_sqs.push_back(state.exp_avg_sq());
    }
    const double beta1 = std::get<0>(options.betas()), beta2 = std::get<1>(options.betas());
    for (auto& [step, l] : by_step) {
        const double bias1 = 1 - std::pow(beta1, static_cast<double>(step));
        const double bias2 = 1 - std::pow(beta2, static_cast<double>(step));
        if (options.weight_decay() != 0) torch::_foreach_mul_(l.params, 1 - options.lr() * options.weight_decay());
        torch::_foreach_mul_(l.exp_avgs, beta1);
        torch::_foreach_add_(l.exp_avgs, l.grads, 1 - beta1);
        torch::_foreach_mul_(l.exp_avg_sqs, beta2);
        torch::_foreach_addcmul_(l.exp_avg_sqs, l.grads, l.grads, 1 - beta2);
        std::vector<torch::Tensor> denominators = torch::_foreach_sqrt(l.exp_avg_sqs);
        torch::_foreach_div_(denominators, std::sqrt(bias2));
        torch::_foreach_add_(denominators, options.eps());
        torch::_foreach_addcdiv_(l.params, l.exp_avgs, denominators, -options.lr() / bias1);
    }
}

torch::Tensor FusedAdamW::step(LossClosure closure) {
    torch::NoGradGuard no_grad;
    torch::Tensor loss;
    if (closure) {
        torch::AutoGradMode enable_grad(true);
        loss = closure();
    }
    for (auto& group : param_groups_) {
        auto& options = static_cast<torch::optim::AdamWOptions&>(group.options());
        TORCH_CHECK(!options.amsgrad(), "FusedAdamW does not implement amsgrad");
        if (multi_tensor_ || (!group.params().empty() && !group.params().front().is_cpu())) {
            stepMultiTensor(group);
            continue;
        }
        for (auto& p : group.params()) {
            if (!p.grad().defined()) continue;
            const torch::Tensor& grad = p.grad();
            TORCH_CHECK(!grad.is_sparse(), "AdamW does not support sparse gradients");
            auto& state = stateOf(p);
            state.step(state.step() + 1);
            const double beta1 = std::get<0>(options.betas()), beta2 = std::get<1>(options.betas());
            const double bias1 = 1 - std::pow(beta1, static_cast<double>(state.step()));
            const double bias2 = 1 - std::pow(beta2, static_cast<double>(state.step()));
            const StepConstants c{static_cast<float>(beta1), static_cast<float>(1 - beta1), static_cast<float>(beta2),
                                  static_cast<float>(1 - beta2), static_cast<float>(1 - options.lr() * options.weight_decay()),
                                  static_cast<float>(std::sqrt(bias2)), static_cast<float>(options.eps()),
                                  static_cast<float>(-options.lr() / bias1)};
            torch::Tensor& exp_avg = state.exp_avg();
            torch::Tensor& exp_avg_sq = state.exp_avg_sq();
            if (fusable(p) && fusable(grad) && fusable(exp_avg) && fusable(exp_avg_sq)) {
                float* param = p.data_ptr<float>();
                const float* g = grad.data_ptr<float>();
                float* m = exp_avg.data_ptr<float>();
                float* v = exp_avg_sq.data_ptr<float>();
                at::parallel_for(0, p.numel(), int64_t{1} << 15, [&](int64_t begin, int64_t end) {
                    updateRange(param, g, m, v, begin, end, c);
                });
            } else {  // the tensor-operation path, for layouts the loop does not take
                if (options.weight_decay() != 0) p.mul_(1 - options.lr() * options.weight_decay());
                exp_avg.mul_(beta1).add_(grad, 1 - beta1);
                exp_avg_sq.mul_(beta2).addcmul_(grad, grad, 1 - beta2);
                const torch::Tensor denom = (exp_avg_sq.sqrt() / std::sqrt(bias2)).add_(options.eps());
                p.addcdiv_(exp_avg, denom, -options.lr() / bias1);
            }
        }
    }
    return loss;
}

void FusedAdamW::clearGradients() {
    for (auto& group : param_groups_)
        for (auto& p : group.params()) p.mutable_grad().reset();
}

std::unique_ptr<FusedAdamW> makeAdamW(const torch::nn::Module& model, const torch::optim::AdamWOptions& options) {
    std::vector<torch::Tensor> decay, no_decay;
    for (const auto& p : model.named_parameters()) (isNoDecay(p.key()) ? no_decay : decay).push_back(p.value());
    std::vector<torch::optim::OptimizerParamGroup> groups;
    groups.emplace_back(decay, std::make_unique<torch::optim::AdamWOptions>(options));
    auto no_decay_options = std::make_unique<torch::optim::AdamWOptions>(options);
    no_decay_options->weight_decay(0.0);
    groups.emplace_back(no_decay, std::move(no_decay_options));
    return std::make_unique<FusedAdamW>(std::move(groups), options);
}

}  // namespace bw::train
