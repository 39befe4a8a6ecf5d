#include "core/train/run_summary.h"

#include "core/store/experiment_store.h"

#include <map>

namespace bw::train {
namespace {

using nlohmann::json;

json optionalJson(const std::optional<double>& v) { return v ? json(*v) : json(); }
json optionalJson(const std::optional<int64_t>& v) { return v ? json(*v) : json(); }

template <typename Record>
json jsonList(const std::vector<Record>& records) {
    json list = json::array();
    for (const Record& r : records) list.push_back(r.toJson());
    return list;
}

// A run's summary once its dataset's name, best result and sessions are known (summarizeRuns reads
// those for every run at once).
RunSummary summarize(store::RunRecord run, std::string dataset, BestResult best,
                     std::vector<store::RunSession> sessions, double now) {
    RunSummary s;
    s.dataset = std::move(dataset);
    // A deleted dataset leaves the run without one: its settings still name it.
    if (const auto named = run.config.find("dataset"); s.dataset.empty() && named != run.config.end() &&
                                                       named->is_string() && !named->get<std::string>().empty()) {
        s.dataset = named->get<std::string>();
        s.dataset_deleted = true;
    }
    if (const auto corpus = run.config.find("corpus"); s.dataset.empty() && corpus != run.config.end() && corpus->is_string())
        s.corpus = corpus->get<std::string>();
    s.best = std::move(best);
    s.sessions = std::move(sessions);
    if (!s.sessions.empty()) s.trained_seconds = store::trainedSecondsUntil(s.sessions, now);
    s.run = std::move(run);
    return s;
}

std::string datasetName(store::ExperimentStore& store, const store::RunRecord& run) {
    if (!run.dataset_id) return {};
    const auto dataset = store.getDataset(*run.dataset_id);
    return dataset ? dataset->name : std::string();
}

}  // namespace

json RunSummary::toJson() const {
    return {{"id", run.id},
            {"name", run.name},
            {"status", std::string(store::runStatusName(run.status))},
            {"task", run.task},
            {"base_model", run.base_model},
            {"dataset", dataset},
            {"dataset_deleted", dataset_deleted},
            {"corpus", corpus.empty() ? nlohmann::json(nullptr) : nlohmann::json(corpus)},
            {"created_at", run.created_at},
            {"started_at", run.started_at},
            {"finished_at", run.finished_at},
            {"trained_seconds", trained_seconds.value_or(0.0)},
            {"best_metric", best.metric},
            {"best_value", optionalJson(best.value)},
            {"best_step", optionalJson(best.step)},
            {"tags", run.tags},
            {"notes", run.notes}};
}

RunSummary summarizeRun(store::ExperimentStore& store, store::RunRecord run, double now) {
    std::string dataset = datasetName(store, run);
    BestResult best = bestResult(store, run);
    std::vector<store::RunSession> sessions = store.runSessions(run.id);
    return summarize(std::move(run), std::move(dataset), std::move(best), std::move(sessions), now);
}

std::vector<RunSummary> summarizeRuns(store::ExperimentStore& store, double now) {
    std::map<int64_t, std::string> dataset_names;
    for (const store::DatasetRecord& dataset : store.listDatasets()) dataset_names[dataset.id] = dataset.name;
    // A few queries for every run together, not several per run: 10,000 runs list in a fraction of a second.
    std::vector<store::RunRecord> runs = store.listRuns();
    std::vector<BestResult> best = bestResults(store, runs);
    std::map<int64_t, std::vector<store::RunSession>> sessions = store.allRunSessions();
    std::vector<RunSummary> summaries;
    summaries.reserve(runs.size());
    for (size_t i = 0; i < runs.size(); ++i) {
        store::RunRecord& run = runs[i];
        const auto name = run.dataset_id ? dataset_names.find(*run.dataset_id) : dataset_names.end();
        const auto trained = sessions.find(run.id);
        std::vector<store::RunSession> run_sessions =
            trained == sessions.end() ? std::vector<store::RunSession>() : std::move(trained->second);
        summaries.push_back(summarize(std::move(run), name == dataset_names.end() ? "" : name->second, std::move(best[i]),
                                      std::move(run_sessions), now));
    }
    return summaries;
}

json runDetailsJson(store::ExperimentStore& store, const store::RunRecord& run, double now) {
    json out = run.toJson();
    out["evaluations"] = jsonList(store.evaluations(run.id));
    out["checkpoints"] = jsonList(store.checkpoints(run.id));
    out["artifacts"] = jsonList(store.artifacts(run.id));
    const std::vector<store::RunSession> sessions = store.runSessions(run.id);
    out["sessions"] = jsonList(sessions);
    out["trained_seconds"] = store::trainedSecondsUntil(sessions, now);  // a stop in between is not counted
    return out;
}

std::vector<std::string> runLabelNames(store::ExperimentStore& store, const store::RunRecord& run) {
    if (!run.dataset_id) return {};
    const auto dataset = store.getDataset(*run.dataset_id);
    return dataset ? dataset->label_set : std::vector<std::string>();
}

}  // namespace bw::train
