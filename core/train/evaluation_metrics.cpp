#include "core/train/evaluation_metrics.h"

#include "core/metrics/classification_metrics.h"
#include "core/metrics/entity_metrics.h"
#include "core/metrics/language_model_metrics.h"
#include "core/metrics/multilabel_metrics.h"
#include "core/metrics/regression_metrics.h"

#include <cmath>

namespace bw::train {
namespace {

// Copies the numeric top-level fields of a report (accuracy, f1_macro, ...) into the metric map.
void addNumbers(const nlohmann::json& report, std::map<std::string, double>& metrics) {
    for (const auto& [key, value] : report.items())
        if (value.is_number() && key != "support" && key != "examples" && key != "sentences" && key != "tokens")
            metrics[key] = value.get<double>();
}

std::vector<std::string> tagNames(const std::vector<int32_t>& ids, const std::vector<std::string>& names) {
    std::vector<std::string> out;
    out.reserve(ids.size());
    for (int32_t id : ids) out.push_back(names.at(static_cast<size_t>(id)));
    return out;
}

}  // namespace

EvaluationEvent summarizeEvaluation(const TaskSpec& task, const EvalPredictions& p, double loss) {
    EvaluationEvent event;
    event.metrics["loss"] = loss;
    switch (task.task) {
    case model::BertTask::SequenceClassification: {
        if (task.problem_type == model::ProblemType::SingleLabel) {
            std::vector<int64_t> predicted(p.predicted.begin(), p.predicted.end());
            std::vector<int64_t> reference(p.reference.begin(), p.reference.end());
            event.details = metrics::classificationReport(predicted, reference,
                                                          static_cast<int64_t>(task.label_names.size()), task.label_names)
                                .toJson();
        } else if (task.problem_type == model::ProblemType::MultiLabel) {
            std::vector<std::vector<int>> predicted, reference;
            for (size_t i = 0; i < p.scores.size(); ++i) {
                predicted.emplace_back();
                reference.emplace_back();
                for (size_t c = 0; c < p.scores[i].size(); ++c) {
                    predicted.back().push_back(p.scores[i][c] > 0.5f ? 1 : 0);
                    reference.back().push_back(p.targets[i][c] > 0.5f ? 1 : 0);
                }
            }
            event.details = metrics::multiLabelReport(predicted, reference, task.label_names).toJson();
        } else {
            std::vector<double> predicted, reference;
            for (size_t i = 0; i < p.scores.size(); ++i) {
                predicted.push_back(p.scores[i].at(0));
                reference.push_back(p.targets[i].at(0));
            }
            event.details = metrics::regressionReport(predicted, reference).toJson();
        }
        addNumbers(event.details, event.metrics);
        break;
    }
    case model::BertTask::TokenClassification: {
        std::vector<std::vector<std::string>> predicted, reference;
        for (size_t i = 0; i < p.predicted_tags.size(); ++i) {
            predicted.push_back(tagNames(p.predicted_tags[i], task.label_names));
            reference.push_back(tagNames(p.reference_tags[i], task.label_names));
        }
        metrics::EntityOptions options;
        options.scheme = metrics::tagSchemeFromName(task.tag_scheme);
        event.details = metrics::entityReport(predicted, reference, options).toJson();
        addNumbers(event.details, event.metrics);
        break;
    }
    case model::BertTask::MaskedLM:
    case model::BertTask::PreTraining: {
        const double mlm_loss = p.batches ? p.mlm_loss_sum / p.batches : 0.0;
        event.metrics["mlm_loss"] = mlm_loss;
        event.metrics["mlm_accuracy"] = metrics::maskedLmAccuracy(p.mlm_correct, p.mlm_total);
        event.metrics["perplexity"] = metrics::perplexityFromMeanLoss(mlm_loss);
        if (p.nsp_total > 0) {
            event.metrics["nsp_loss"] = p.nsp_loss_sum / p.batches;
            event.metrics["nsp_accuracy"] = static_cast<double>(p.nsp_correct) / p.nsp_total;
        }
        event.details = {{"masked_tokens", p.mlm_total}, {"nsp_examples", p.nsp_total}};
        break;
    }
    default: break;
    }
    return event;
}

}  // namespace bw::train
