#pragma once
// Internal to core (LibTorch). The loss each head owns, chosen as Hugging Face's BertFor* classes
// choose it: a sequence classifier reads config.problem_type (cross-entropy, BCE-with-logits or
// MSE), a token classifier uses cross-entropy over the tagged positions, pretraining adds the
// masked-LM and next-sentence losses.
#include "core/model/bert_config.h"
#include "core/model/bert_task.h"

#include <torch/torch.h>

namespace bw::model {

// What the heads compare their outputs with (Hugging Face's `labels`), and the training settings
// the loss obeys.
struct TaskTargets {
    torch::Tensor labels;         // [B] class ids, or NSP labels (0 = is next) | [B, C] float targets | [B, S] tags
    torch::Tensor mlm_labels;     // [B, S] the original ids where a token is masked, kIgnoreIndex elsewhere
    torch::Tensor class_weights;  // [C] cross-entropy weights, or BCE's pos_weight for multi-label; may be undefined
    double label_smoothing = 0;   // single-label and token cross-entropy

    bool defined() const { return labels.defined() || mlm_labels.defined(); }
};

// The problem type a sequence classifier trains as: the config's, or, when the config leaves it
// unset, Hugging Face's guess (one label = regression, integer labels = single-label, else multi-label).
ProblemType effectiveProblemType(ProblemType configured, int64_t num_labels, const torch::Tensor& labels);

// logits [B, C]; labels as TaskTargets describes them for that problem type.
torch::Tensor sequenceClassificationLoss(const torch::Tensor& logits, const TaskTargets& targets, ProblemType type);
// logits [B, S, C], labels [B, S] with kIgnoreIndex off the first piece of each word.
torch::Tensor tokenClassificationLoss(const torch::Tensor& logits, const TaskTargets& targets);
// seq_relationship logits [B, 2], labels [B].
torch::Tensor nextSentenceLoss(const torch::Tensor& logits, const torch::Tensor& labels);

}  // namespace bw::model
