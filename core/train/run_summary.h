#pragma once
// What the CLI's `runs list` / `runs show` and the Runs page say about a run, read from the store by
// one rule: its dataset's name, the metric that picks its best checkpoint with that value, and how
// long it trained (the time it stood stopped left out).
#include "core/store/store_clock.h"
#include "core/store/store_records.h"
#include "core/train/run_results.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace bw::store {
class ExperimentStore;
}

namespace bw::train {

struct RunSummary {
    store::RunRecord run;
    std::string dataset;                      // "" when the run has none (a corpus file)
    std::string corpus;                       // the path of the text file a run without a dataset read, or ""
    bool dataset_deleted = false;             // `dataset` is the name the run was given; it is gone from the store
    BestResult best;                          // bestResult(): metric_for_best_model and its best value
    std::vector<store::RunSession> sessions;  // when processes trained it, oldest first
    std::optional<double> trained_seconds;    // the sessions added up to `now`; unset when it never ran

    // One line of `runs list` (and of `runs update`'s answer); trained_seconds is 0 for a run that never ran.
    nlohmann::json toJson() const;
};

// `now` (Unix seconds) ends the session of a run still training.
RunSummary summarizeRun(store::ExperimentStore& store, store::RunRecord run, double now = store::unixTimeSeconds());
// Every run, newest first.
std::vector<RunSummary> summarizeRuns(store::ExperimentStore& store, double now = store::unixTimeSeconds());

// `runs show`: the run's record with its evaluations, checkpoints, artifacts and training sessions,
// and how long those sessions trained it.
nlohmann::json runDetailsJson(store::ExperimentStore& store, const store::RunRecord& run,
                              double now = store::unixTimeSeconds());

// The labels of the run's dataset in label-id order: the rows and columns of its confusion matrices.
std::vector<std::string> runLabelNames(store::ExperimentStore& store, const store::RunRecord& run);

}  // namespace bw::train
