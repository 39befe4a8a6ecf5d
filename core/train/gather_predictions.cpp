#include "core/train/gather_predictions.h"

namespace bw::train {
namespace {

using model::BertTask;
using model::ProblemType;

void gatherClasses(const model::BertOutputs& out, const Batch& batch, EvalPredictions& p) {
    const torch::Tensor best = out.logits.argmax(-1);
    for (int64_t b = 0; b < batch.size(); ++b) {
        p.predicted.push_back(static_cast<int32_t>(best[b].item<int64_t>()));
        p.reference.push_back(static_cast<int32_t>(batch.labels[b].item<int64_t>()));
    }
}

// Multi-label probabilities or regression values, with their targets.
void gatherScores(const model::BertOutputs& out, const Batch& batch, bool multi_label, EvalPredictions& p) {
    const torch::Tensor scores = (multi_label ? torch::sigmoid(out.logits) : out.logits).contiguous();
    for (int64_t b = 0; b < batch.size(); ++b) {
        const torch::Tensor row = scores[b], target = batch.labels[b].contiguous();
        p.scores.emplace_back(row.data_ptr<float>(), row.data_ptr<float>() + row.numel());
        p.targets.emplace_back(target.data_ptr<float>(), target.data_ptr<float>() + target.numel());
    }
}

// The tags of each word's first piece (the positions with a label).
void gatherTags(const model::BertOutputs& out, const Batch& batch, EvalPredictions& p) {
    const torch::Tensor best = out.logits.argmax(-1);  // [B, S]
    const auto best_a = best.accessor<int64_t, 2>();
    const auto labels_a = batch.labels.accessor<int64_t, 2>();
    for (int64_t b = 0; b < batch.size(); ++b) {
        std::vector<int32_t> predicted, reference;
        for (int64_t s = 0; s < batch.labels.size(1); ++s) {
            if (labels_a[b][s] == kIgnoreIndex) continue;
            predicted.push_back(static_cast<int32_t>(best_a[b][s]));
            reference.push_back(static_cast<int32_t>(labels_a[b][s]));
        }
        p.predicted_tags.push_back(std::move(predicted));
        p.reference_tags.push_back(std::move(reference));
    }
}

void gatherLanguageModelling(const model::BertOutputs& out, const Batch& batch, EvalPredictions& p) {
    p.mlm_correct += out.mlm.correct;
    p.mlm_total += out.mlm.total;
    p.mlm_loss_sum += out.mlm.loss.item<double>();
    if (out.nsp_loss.defined()) {
        p.nsp_correct += (out.seq_relationship_logits.argmax(-1) == batch.labels).sum().item<int64_t>();
        p.nsp_total += batch.size();
        p.nsp_loss_sum += out.nsp_loss.item<double>();
    }
    p.batches += 1;
}

}  // namespace

void gatherPredictions(const TaskSpec& task, const model::BertOutputs& outputs, const Batch& batch,
                       EvalPredictions& predictions) {
    torch::NoGradGuard no_grad;
    switch (task.task) {
    case BertTask::SequenceClassification:
        if (task.problem_type == ProblemType::MultiLabel || task.problem_type == ProblemType::Regression)
            gatherScores(outputs, batch, task.problem_type == ProblemType::MultiLabel, predictions);
        else
            gatherClasses(outputs, batch, predictions);
        break;
    case BertTask::TokenClassification: gatherTags(outputs, batch, predictions); break;
    case BertTask::MaskedLM:
    case BertTask::PreTraining: gatherLanguageModelling(outputs, batch, predictions); break;
    default: break;
    }
}

}  // namespace bw::train
