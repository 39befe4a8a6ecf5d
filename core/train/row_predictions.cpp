#include "core/train/row_predictions.h"

#include "core/runtime/error.h"

namespace bw::train {
namespace {

using model::BertTask;
using model::ProblemType;

std::vector<float> floatsOf(const torch::Tensor& t) {
    const torch::Tensor c = t.to(torch::kFloat32).contiguous();
    return {c.data_ptr<float>(), c.data_ptr<float>() + c.numel()};
}

void singleLabelRows(const torch::Tensor& logits, const Batch& batch, store::AnalysisRow* rows) {
    const torch::Tensor log_p = torch::log_softmax(logits.to(torch::kFloat32), -1).cpu();  // [B, C]
    const torch::Tensor labels = batch.labels.cpu();
    for (int64_t b = 0; b < batch.size(); ++b) {
        store::AnalysisRow& r = rows[b];
        const torch::Tensor p = log_p[b].exp();
        const int64_t gold = labels[b].item<int64_t>();
        const int64_t predicted = p.argmax().item<int64_t>();
        r.gold = static_cast<int32_t>(gold);
        r.predicted = static_cast<int32_t>(predicted);
        r.loss = -log_p[b][gold].item<double>();
        r.confidence = p[predicted].item<double>();
        r.scores = floatsOf(p);
    }
}

void multiLabelRows(const torch::Tensor& logits, const Batch& batch, store::AnalysisRow* rows) {
    const torch::Tensor x = logits.to(torch::kFloat32).cpu(), y = batch.labels.to(torch::kFloat32).cpu();  // [B, L]
    const torch::Tensor loss = torch::binary_cross_entropy_with_logits(x, y, {}, {}, at::Reduction::None).mean(-1);
    const torch::Tensor p = torch::sigmoid(x);
    for (int64_t b = 0; b < batch.size(); ++b) {
        store::AnalysisRow& r = rows[b];
        r.scores = floatsOf(p[b]);
        r.loss = loss[b].item<double>();
        double confidence = 0;  // of each label's decision, averaged
        const std::vector<float> target = floatsOf(y[b]);
        for (size_t l = 0; l < r.scores.size(); ++l) {
            if (target[l] > 0.5f) r.gold_ids.push_back(static_cast<int32_t>(l));
            if (r.scores[l] > 0.5f) r.predicted_ids.push_back(static_cast<int32_t>(l));
            confidence += r.scores[l] > 0.5f ? r.scores[l] : 1.0 - r.scores[l];
        }
        r.confidence = r.scores.empty() ? 0 : confidence / static_cast<double>(r.scores.size());
    }
}

void regressionRows(const torch::Tensor& logits, const Batch& batch, store::AnalysisRow* rows) {
    const torch::Tensor x = logits.to(torch::kFloat32).cpu(), y = batch.labels.to(torch::kFloat32).cpu().view_as(x);
    const torch::Tensor loss = (x - y).pow(2).mean(-1);
    for (int64_t b = 0; b < batch.size(); ++b) {
        store::AnalysisRow& r = rows[b];
        r.scores = floatsOf(x[b]);
        r.targets = floatsOf(y[b]);
        r.loss = loss[b].item<double>();
    }
}

// Each word's tag is read at its first piece (the positions with a label), as evaluation does.
void tokenRows(const torch::Tensor& logits, const Batch& batch, store::AnalysisRow* rows) {
    const torch::Tensor log_p = torch::log_softmax(logits.to(torch::kFloat32), -1).cpu();  // [B, S, T]
    const torch::Tensor best = log_p.argmax(-1);                                              // [B, S]
    const auto best_a = best.accessor<int64_t, 2>();
    const auto log_p_a = log_p.accessor<float, 3>();
    const torch::Tensor labels = batch.labels.cpu();
    const auto labels_a = labels.accessor<int64_t, 2>();
    for (int64_t b = 0; b < batch.size(); ++b) {
        store::AnalysisRow& r = rows[b];
        double loss = 0, confidence = 0;
        for (int64_t s = 0; s < labels.size(1); ++s) {
            const int64_t gold = labels_a[b][s];
            if (gold == kIgnoreIndex) continue;
            const int64_t predicted = best_a[b][s];
            r.gold_ids.push_back(static_cast<int32_t>(gold));
            r.predicted_ids.push_back(static_cast<int32_t>(predicted));
            loss -= log_p_a[b][s][gold];
            confidence += std::exp(static_cast<double>(log_p_a[b][s][predicted]));
        }
        const auto words = static_cast<double>(r.gold_ids.size());
        r.loss = words ? loss / words : 0;
        r.confidence = words ? confidence / words : 0;
    }
}

}  // namespace

void gatherRowPredictions(const TaskSpec& task, const model::BertOutputs& outputs, const Batch& batch,
                          const std::vector<Feature>& features, std::vector<store::AnalysisRow>& rows) {
    torch::NoGradGuard no_grad;
    for (size_t index : batch.feature_indices) {
        store::AnalysisRow row;
        row.row_index = static_cast<int64_t>(features.at(index).example_index);
        rows.push_back(std::move(row));
    }
    store::AnalysisRow* batch_rows = rows.data() + (rows.size() - batch.feature_indices.size());
    switch (task.task) {
    case BertTask::SequenceClassification:
        if (task.problem_type == ProblemType::MultiLabel)
            multiLabelRows(outputs.logits, batch, batch_rows);
        else if (task.problem_type == ProblemType::Regression)
            regressionRows(outputs.logits, batch, batch_rows);
        else
            singleLabelRows(outputs.logits, batch, batch_rows);
        break;
    case BertTask::TokenClassification: tokenRows(outputs.logits, batch, batch_rows); break;
    default: throw Error("error analysis is for classification and token classification models");
    }
}

}  // namespace bw::train
