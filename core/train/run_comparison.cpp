#include "core/train/run_comparison.h"

#include "core/store/experiment_store.h"
#include "core/train/run_results.h"

#include <algorithm>
#include <set>

namespace bw::train {

using nlohmann::json;

void flattenConfig(const json& value, const std::string& prefix, std::map<std::string, json>& out) {
    if (!value.is_object()) {
        out[prefix] = value;
        return;
    }
    for (const auto& [key, child] : value.items()) flattenConfig(child, prefix.empty() ? key : prefix + "." + key, out);
}

ConfigDiff diffConfigs(const std::vector<json>& configs) {
    std::vector<std::map<std::string, json>> flat(configs.size());
    std::set<std::string> keys;
    for (size_t i = 0; i < configs.size(); ++i) {
        flattenConfig(configs[i], "", flat[i]);
        for (const auto& [key, value] : flat[i]) keys.insert(key);
    }
    ConfigDiff diff;
    for (const std::string& key : keys) {
        std::vector<json> values;
        for (const auto& config : flat) {
            const auto it = config.find(key);
            values.push_back(it == config.end() ? json() : it->second);
        }
        if (std::all_of(values.begin(), values.end(), [&](const json& v) { return v == values.front(); })) continue;
        diff.keys.push_back(key);
        diff.values.push_back(std::move(values));
    }
    return diff;
}

json compareRuns(store::ExperimentStore& store, const std::vector<store::RunRecord>& runs) {
    std::vector<json> configs, metrics;
    std::set<std::string> metric_names;
    json ids = json::array();
    for (const store::RunRecord& run : runs) {
        ids.push_back(run.id);
        configs.push_back(run.config);
        const auto evaluation = finalEvaluation(store, run);
        metrics.push_back(evaluation ? evaluation->metrics : json::object());
        for (const auto& [name, value] : metrics.back().items()) metric_names.insert(name);
    }
    const ConfigDiff diff = diffConfigs(configs);
    json config_diff = json::object();
    for (size_t k = 0; k < diff.keys.size(); ++k) config_diff[diff.keys[k]] = diff.values[k];
    json side_by_side = json::object();
    for (const std::string& name : metric_names) {
        json values = json::array();
        for (const json& m : metrics) values.push_back(m.contains(name) ? m[name] : json());
        side_by_side[name] = values;
    }
    return {{"runs", ids}, {"config_diff", config_diff}, {"metrics", side_by_side}};
}

}  // namespace bw::train
