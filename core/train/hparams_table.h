#pragma once
// TensorBoard's HParams view of a set of runs, for `bertwork-cli runs hparams` and the Runs page's
// HParams tab: one row per run, a column per hyperparameter its stored config holds (the model, the
// dataset, the task and every training argument) and a column per metric its evaluations logged.
// Values stay JSON: numbers are numbers, categories are strings, a value a run lacks is null.
#include "core/store/store_records.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bw::store {
class ExperimentStore;
}

namespace bw::train {

// Which evaluation of a run gives its metrics.
struct MetricsAt {
    enum class Kind { Best, Last, Step };
    Kind kind = Kind::Best;
    int64_t step = 0;  // with Kind::Step

    // "best", "last" or a step number ("500"); throws bw::Error saying so otherwise.
    static MetricsAt parse(const std::string& text);
    std::string name() const;  // as parse() reads it
};

struct HParamsColumn {
    std::string name;      // "learning_rate", "model"; a metric by its evaluation name ("accuracy")
    bool numeric = false;  // every value that is set is a number (else the values are categories)
    bool differs = false;  // not every run has the same value (hyperparameters only)
};

struct HParamsRow {
    int64_t run_id = 0;
    std::string name;
    std::string status;
    // The evaluation the metrics come from; unset when the run has none for the mode.
    std::optional<int64_t> step;
    std::optional<double> epoch;
    std::vector<nlohmann::json> hyperparameters;  // in HParamsTable::hyperparameters' order
    std::vector<nlohmann::json> metrics;          // in HParamsTable::metrics' order
};

struct HParamsTable {
    MetricsAt at;
    std::vector<HParamsColumn> hyperparameters;
    std::vector<HParamsColumn> metrics;
    std::vector<HParamsRow> rows;  // in the order the runs were given

    // Index of a column by name, or -1.
    int hyperparameterIndex(const std::string& name) const;
    int metricIndex(const std::string& name) const;

    // {"at": "best", "hyperparameters": [{name, numeric, differs}], "metrics": [{name, numeric}],
    //  "runs": [{"id", "name", "status", "step", "epoch", "hyperparameters": {..}, "metrics": {..}}]}
    nlohmann::json toJson() const;
    // CSV: id, name, status, step, epoch, the hyperparameters (all, or those that differ), the metrics.
    std::vector<std::string> csvHeader(bool only_differing = false) const;
    std::vector<std::vector<std::string>> csvRows(bool only_differing = false) const;
};

// The runs' table; `at` picks each run's evaluation:
//   best  the evaluation of the step bestResult() names (the best checkpoint's, else the best
//         evaluation of metric_for_best_model), the run_results rule the Runs table and card use
//   last  the run's last evaluation
//   step  evaluationAtStep(): the evaluation at step N, else the last one before it (never a later
//         one: it would describe weights trained past N); none when the first came after N
HParamsTable hparamsTable(store::ExperimentStore& store, const std::vector<store::RunRecord>& runs, const MetricsAt& at);

}  // namespace bw::train
