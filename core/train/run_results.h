#pragma once
// What a run achieved, read back from the store by one rule for the CLI, the Runs page and the model
// card, so that they never disagree: the metric that picks the best checkpoint and its best value,
// the evaluation that describes the model the run ended with, and the one that describes a checkpoint.
#include "core/store/store_records.h"

#include <optional>
#include <string>
#include <vector>

namespace bw::store {
class ExperimentStore;
}

namespace bw::train {

struct BestResult {
    std::string metric;             // metric_for_best_model, or "loss" (the trainer's default)
    std::optional<double> value;    // at the best checkpoint, else the best evaluation
    std::optional<int64_t> step;    // where that value was measured
    bool greater_is_better = true;  // how the run compared its values (lower is better for a loss)
};

// The metric that picks the run's best checkpoint, as evaluations name it ("f1_macro", or "loss").
std::string bestMetricOf(const store::RunRecord& run);
// Whether the run evaluates while it trains (its evaluation_strategy is not "no").
bool evaluatesWhileTraining(const store::RunRecord& run);
BestResult bestResult(store::ExperimentStore& store, const store::RunRecord& run);
// bestResult of each run, in the order given, with one query for all of them (runs list, the Runs page).
std::vector<BestResult> bestResults(store::ExperimentStore& store, const std::vector<store::RunRecord>& runs);

// The evaluation of the weights a run ended with: with load_best_model_at_end (the default) those of
// its best checkpoint, otherwise its last evaluation. Empty when nothing was evaluated.
std::optional<store::EvaluationRecord> finalEvaluation(store::ExperimentStore& store, const store::RunRecord& run);

// A run's checkpoint by the name users give it: "best" (the last one when none is marked best),
// "last", or a step number ("1000"). Throws bw::Error naming what is missing, and when the
// directory is gone from the disk.
store::CheckpointRecord runCheckpoint(store::ExperimentStore& store, int64_t run_id, const std::string& which);

// Which of a run's checkpoints (in ExperimentStore::checkpoints' order: by step) "best" and "last"
// are, as indexes (-1 when there is none): best is the newest marked best, else the last.
struct BestAndLastCheckpoints {
    int best = -1;
    int last = -1;
};
BestAndLastCheckpoints bestAndLastCheckpoints(const std::vector<store::CheckpointRecord>& by_step);

// The evaluation of a checkpoint's weights: the one at its step, else the last one before it.
std::optional<store::EvaluationRecord> evaluationAtStep(const std::vector<store::EvaluationRecord>& evaluations,
                                                        int64_t step);

}  // namespace bw::train
