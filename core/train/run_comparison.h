#pragma once
// Comparing runs: the settings in which their configurations differ (nested keys flattened to
// "training_args.learning_rate") and their final metrics side by side, for `runs compare` and the
// Runs page's diff.
#include "core/store/store_records.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace bw::store {
class ExperimentStore;
}

namespace bw::train {

struct ConfigDiff {
    std::vector<std::string> keys;                    // sorted
    std::vector<std::vector<nlohmann::json>> values;  // [key][config]; null where a config lacks the key
};

// {"a": {"b": 1}} -> {"a.b": 1}. Arrays and scalars are leaves; an empty object adds no key, so
// `{"a": {}}` and `{}` do not differ.
void flattenConfig(const nlohmann::json& value, const std::string& prefix, std::map<std::string, nlohmann::json>& out);

// Only the keys whose values are not all equal.
ConfigDiff diffConfigs(const std::vector<nlohmann::json>& configs);

// `runs compare`: {"runs": [ids], "config_diff": {key: [value per run]}, "metrics": {name: [value per
// run]}}, the metrics those of each run's final evaluation (finalEvaluation), every name any run has.
nlohmann::json compareRuns(store::ExperimentStore& store, const std::vector<store::RunRecord>& runs);

}  // namespace bw::train
