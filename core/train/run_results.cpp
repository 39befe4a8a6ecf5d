#include "core/train/run_results.h"

#include "core/store/experiment_store.h"
#include "core/train/training_args.h"

namespace bw::train {
namespace {

// The run's settings as the trainer saw them; a config this version cannot read keeps the defaults.
TrainingArguments argumentsOf(const store::RunRecord& run) {
    try {
        return TrainingArguments::fromJson(run.config.value("training_args", nlohmann::json::object()), "run config");
    } catch (const std::exception&) {
        return {};
    }
}

// The two settings that pick the best checkpoint, read alone: listing 10,000 runs must not read every
// setting of each. A value this version cannot read keeps the default, as argumentsOf does.
TrainingArguments bestMetricArgumentsOf(const store::RunRecord& run) {
    nlohmann::json chosen = nlohmann::json::object();
    const auto all = run.config.find("training_args");
    if (all != run.config.end() && all->is_object())
        for (const char* key : {"metric_for_best_model", "greater_is_better"})
            if (const auto value = all->find(key); value != all->end()) chosen[key] = *value;
    try {
        return TrainingArguments::fromJson(chosen, "run config");
    } catch (const std::exception&) {
        return {};
    }
}

std::optional<double> numberAt(const nlohmann::json& metrics, const std::string& name) {
    if (!metrics.contains(name) || !metrics[name].is_number()) return std::nullopt;
    return metrics[name].get<double>();
}

}  // namespace

BestResult bestResult(store::ExperimentStore& store, const store::RunRecord& run) {
    return bestResult(store, run, store.bestCheckpoint(run.id));
}

BestResult bestResult(store::ExperimentStore& store, const store::RunRecord& run,
                      const std::optional<store::CheckpointRecord>& best_checkpoint) {
    const TrainingArguments args = bestMetricArgumentsOf(run);
    BestResult best;
    best.metric = args.bestMetric();
    if (best_checkpoint && best_checkpoint->metric_value) {
        best.value = best_checkpoint->metric_value;
        best.step = best_checkpoint->step;
        return best;
    }
    for (const store::EvaluationRecord& e : store.evaluations(run.id)) {
        const std::optional<double> v = numberAt(e.metrics, best.metric);
        if (!v) continue;
        if (!best.value || (args.greaterIsBetter() ? *v > *best.value : *v < *best.value)) {
            best.value = v;
            best.step = e.step;
        }
    }
    return best;
}

std::optional<store::EvaluationRecord> evaluationAtStep(const std::vector<store::EvaluationRecord>& evaluations,
                                                        int64_t step) {
    std::optional<store::EvaluationRecord> found;
    for (const store::EvaluationRecord& e : evaluations)  // by step
        if (e.step <= step) found = e;
    return found;
}

std::optional<store::EvaluationRecord> finalEvaluation(store::ExperimentStore& store, const store::RunRecord& run) {
    const std::vector<store::EvaluationRecord> evaluations = store.evaluations(run.id);
    if (evaluations.empty()) return std::nullopt;
    // A stopped run keeps its last weights; a finished one reloads its best checkpoint.
    if (run.status != store::RunStatus::Stopped && argumentsOf(run).load_best_model_at_end)
        if (auto best = store.bestCheckpoint(run.id))
            if (auto e = evaluationAtStep(evaluations, best->step)) return e;
    return evaluations.back();
}

}  // namespace bw::train
