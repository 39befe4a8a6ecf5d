// ExperimentStore's evaluations of many runs at once (the HParams table of thousands of runs): the
// steps of every evaluation, the metric names they hold and the metrics of the few chosen, each in
// one query. A run's evaluations keep per-class tables and confusion matrices that such a table
// never shows: reading every evaluation whole made 10,000 runs take seconds.
#include "core/store/experiment_store.h"

#include "core/store/store_json.h"
#include "core/store/store_row_readers.h"

#include <string>

namespace bw::store {

using nlohmann::json;

namespace {

// Ids as a JSON list, bound to one parameter and read back with json_each: any number of them.
std::string idList(const std::vector<int64_t>& ids, const std::string& file) {
    return jsonColumnText(json(ids), file, "the ids asked for");
}

}  // namespace

std::map<int64_t, std::vector<EvaluationRecord>> ExperimentStore::evaluationSteps(const std::vector<int64_t>& runs) {
    std::map<int64_t, std::vector<EvaluationRecord>> out;
    if (runs.empty()) return out;
    auto q = db_->prepare(
        "SELECT id, run, step, epoch, split, created_at FROM evaluations "
        "WHERE run IN (SELECT value FROM json_each(?1)) ORDER BY run, step, id");
    q.bind(1, idList(runs, path().string()));
    const StoreRow row(q, path().string());
    while (q.step()) {
        EvaluationRecord e = readEvaluationStep(row);
        out[e.run_id].push_back(std::move(e));
    }
    return out;
}

std::set<std::string> ExperimentStore::evaluationMetricNames(const std::vector<int64_t>& runs) {
    std::set<std::string> names;
    if (runs.empty()) return names;
    auto q = db_->prepare(
        "SELECT DISTINCT m.key FROM evaluations e JOIN json_each(e.metrics) m "
        "WHERE e.run IN (SELECT value FROM json_each(?1))");
    q.bind(1, idList(runs, path().string()));
    while (q.step()) names.insert(q.textAt(0));
    return names;
}

std::map<int64_t, json> ExperimentStore::evaluationMetrics(const std::vector<int64_t>& evaluations) {
    std::map<int64_t, json> out;
    if (evaluations.empty()) return out;
    auto q = db_->prepare("SELECT id, metrics FROM evaluations WHERE id IN (SELECT value FROM json_each(?1))");
    q.bind(1, idList(evaluations, path().string()));
    const StoreRow row(q, path().string());
    while (q.step()) {
        const int64_t id = row.int64("id");
        out[id] = row.json("metrics", "evaluation " + std::to_string(id) + " metrics");
    }
    return out;
}

}  // namespace bw::store
