#include "core/train/run_results.h"

#include "core/store/experiment_store.h"
#include "core/train/training_args.h"

#include "core/runtime/error.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <initializer_list>
#include <map>

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

// A few of the run's settings, read alone (the others keep their defaults): listing 10,000 runs must
// not read every setting of each. A value this version cannot read keeps the default, as argumentsOf does.
TrainingArguments settingsReadAlone(const store::RunRecord& run, std::initializer_list<const char*> keys) {
    nlohmann::json chosen = nlohmann::json::object();
    const auto all = run.config.find("training_args");
    if (all != run.config.end() && all->is_object())
        for (const char* key : keys)
            if (const auto value = all->find(key); value != all->end()) chosen[key] = *value;
    try {
        return TrainingArguments::fromJson(chosen, "run config");
    } catch (const std::exception&) {
        return {};
    }
}

// The two settings that pick the best checkpoint.
TrainingArguments bestMetricArgumentsOf(const store::RunRecord& run) {
    return settingsReadAlone(run, {"metric_for_best_model", "greater_is_better"});
}

std::optional<double> numberAt(const nlohmann::json& metrics, const std::string& name) {
    if (!metrics.contains(name) || !metrics[name].is_number()) return std::nullopt;
    return metrics[name].get<double>();
}

// The first value seen, or a better one (ties keep the earlier step).
void keepBetter(BestResult& best, int64_t step, double value, bool greater_is_better) {
    if (!best.value || (greater_is_better ? value > *best.value : value < *best.value)) {
        best.value = value;
        best.step = step;
    }
}

}  // namespace

std::string bestMetricOf(const store::RunRecord& run) { return bestMetricArgumentsOf(run).bestMetric(); }

bool evaluatesWhileTraining(const store::RunRecord& run) {
    return settingsReadAlone(run, {"evaluation_strategy"}).evaluation_strategy != "no";
}

BestResult bestResult(store::ExperimentStore& store, const store::RunRecord& run) {
    const TrainingArguments args = bestMetricArgumentsOf(run);
    BestResult best;
    best.metric = args.bestMetric();
    best.greater_is_better = args.greaterIsBetter();
    if (auto checkpoint = store.bestCheckpoint(run.id); checkpoint && checkpoint->metric_value) {
        best.value = checkpoint->metric_value;
        best.step = checkpoint->step;
        return best;
    }
    for (const store::EvaluationRecord& e : store.evaluations(run.id))
        if (const std::optional<double> v = numberAt(e.metrics, best.metric)) keepBetter(best, e.step, *v, best.greater_is_better);
    return best;
}

std::vector<BestResult> bestResults(store::ExperimentStore& store, const std::vector<store::RunRecord>& runs) {
    const std::map<int64_t, store::CheckpointRecord> checkpoints = store.bestCheckpoints();
    std::vector<BestResult> results(runs.size());
    std::map<int64_t, std::string> from_evaluations;  // the runs whose best checkpoint gives no value
    for (size_t i = 0; i < runs.size(); ++i) {
        const TrainingArguments args = bestMetricArgumentsOf(runs[i]);
        results[i].metric = args.bestMetric();
        results[i].greater_is_better = args.greaterIsBetter();
        const auto checkpoint = checkpoints.find(runs[i].id);
        if (checkpoint != checkpoints.end() && checkpoint->second.metric_value) {
            results[i].value = checkpoint->second.metric_value;
            results[i].step = checkpoint->second.step;
        } else {
            from_evaluations[runs[i].id] = results[i].metric;
        }
    }
    const auto values = store.evaluationValues(from_evaluations);
    for (size_t i = 0; i < runs.size(); ++i)
        if (const auto found = values.find(runs[i].id); found != values.end())
            for (const store::EvaluationValue& v : found->second) keepBetter(results[i], v.step, v.value, results[i].greater_is_better);
    return results;
}

std::optional<store::EvaluationRecord> evaluationAtStep(const std::vector<store::EvaluationRecord>& evaluations,
                                                        int64_t step) {
    const store::EvaluationRecord* found = nullptr;
    for (const store::EvaluationRecord& e : evaluations)  // by step
        if (e.step <= step) found = &e;
    return found ? std::optional<store::EvaluationRecord>(*found) : std::nullopt;  // one copy, not one per step
}

store::CheckpointRecord runCheckpoint(store::ExperimentStore& store, int64_t run_id, const std::string& which) {
    if (!store.getRun(run_id)) throw Error(store.path().string() + ": no run " + std::to_string(run_id));
    std::optional<store::CheckpointRecord> checkpoint;
    const std::vector<store::CheckpointRecord> checkpoints = store.checkpoints(run_id);
    const BestAndLastCheckpoints marked = bestAndLastCheckpoints(checkpoints);
    if (which == "best" || which == "last") {
        const int index = which == "best" ? marked.best : marked.last;
        if (index >= 0) checkpoint = checkpoints[static_cast<size_t>(index)];
    } else {
        const bool is_step = !which.empty() && std::all_of(which.begin(), which.end(), [](unsigned char c) { return std::isdigit(c); });
        if (!is_step) throw Error("the checkpoint must be best, last or a step number, not '" + which + "'");
        for (const auto& c : checkpoints)
            if (std::to_string(c.step) == which) checkpoint = c;
        if (!checkpoint) throw Error("run " + std::to_string(run_id) + " has no checkpoint at step " + which);
    }
    if (!checkpoint) throw Error("run " + std::to_string(run_id) + " has no checkpoint (it saved none, or they were deleted)");
    if (!std::filesystem::exists(checkpoint->path))
        throw Error(checkpoint->path + ": the checkpoint directory no longer exists");
    return *checkpoint;
}

BestAndLastCheckpoints bestAndLastCheckpoints(const std::vector<store::CheckpointRecord>& by_step) {
    BestAndLastCheckpoints marked;
    marked.last = static_cast<int>(by_step.size()) - 1;
    for (size_t i = 0; i < by_step.size(); ++i)
        if (by_step[i].is_best) marked.best = static_cast<int>(i);
    if (marked.best < 0) marked.best = marked.last;
    return marked;
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
