#include "core/model/head_losses.h"

namespace bw::model {

namespace F = torch::nn::functional;

namespace {

F::CrossEntropyFuncOptions crossEntropyOptions(const TaskTargets& targets) {
    auto options = F::CrossEntropyFuncOptions().ignore_index(kIgnoreIndex).label_smoothing(targets.label_smoothing);
    if (targets.class_weights.defined()) options.weight(targets.class_weights);
    return options;
}

}  // namespace

ProblemType effectiveProblemType(ProblemType configured, int64_t num_labels, const torch::Tensor& labels) {
    if (configured != ProblemType::Unset) return configured;
    if (num_labels == 1) return ProblemType::Regression;
    const bool integral = labels.defined() && !labels.is_floating_point();
    return integral ? ProblemType::SingleLabel : ProblemType::MultiLabel;
}

torch::Tensor sequenceClassificationLoss(const torch::Tensor& logits, const TaskTargets& targets, ProblemType type) {
    switch (type) {
    case ProblemType::Regression: return F::mse_loss(logits.reshape({-1}), targets.labels.reshape({-1}));
    case ProblemType::MultiLabel: {
        auto options = F::BinaryCrossEntropyWithLogitsFuncOptions();
        if (targets.class_weights.defined()) options.pos_weight(targets.class_weights);
        return F::binary_cross_entropy_with_logits(logits, targets.labels, options);
    }
    case ProblemType::SingleLabel:
    case ProblemType::Unset: break;
    }
    return F::cross_entropy(logits, targets.labels, crossEntropyOptions(targets));
}

torch::Tensor tokenClassificationLoss(const torch::Tensor& logits, const TaskTargets& targets) {
    const int64_t classes = logits.size(-1);
    return F::cross_entropy(logits.reshape({-1, classes}), targets.labels.reshape({-1}), crossEntropyOptions(targets));
}

torch::Tensor nextSentenceLoss(const torch::Tensor& logits, const torch::Tensor& labels) {
    return F::cross_entropy(logits, labels);
}

}  // namespace bw::model
