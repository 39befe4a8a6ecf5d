#include "widgets/runs/run_summary.h"

#include "core/store/experiment_store.h"

#include <map>

namespace bw::gui {

namespace {

// The trainer's name for the metric (TrainingArguments::bestMetric), as evaluations key it.
std::string bestMetricOf(const store::RunRecord& run) {
    const nlohmann::json args = run.config.value("training_args", nlohmann::json::object());
    const nlohmann::json name = args.value("metric_for_best_model", nlohmann::json(""));
    std::string metric = name.is_string() ? name.get<std::string>() : std::string();
    if (metric.empty()) metric = "loss";
    if (metric.rfind("eval_", 0) == 0) metric.erase(0, 5);  // transformers allows both spellings
    return metric;
}

std::optional<double> numberAt(const nlohmann::json& object, const std::string& key) {
    if (!object.is_object() || !object.contains(key) || !object[key].is_number()) return std::nullopt;
    return object[key].get<double>();
}

}  // namespace

QDateTime storeTime(const std::string& iso) {
    if (iso.empty()) return {};
    return QDateTime::fromString(QString::fromStdString(iso), Qt::ISODateWithMs);
}

std::vector<RunSummary> summarizeRuns(store::ExperimentStore& store, const QDateTime& now) {
    std::map<int64_t, QString> dataset_names;
    for (const auto& dataset : store.listDatasets()) dataset_names[dataset.id] = QString::fromStdString(dataset.name);
    std::vector<RunSummary> summaries;
    for (store::RunRecord& run : store.listRuns()) {
        RunSummary s;
        if (run.dataset_id && dataset_names.count(*run.dataset_id)) s.dataset = dataset_names[*run.dataset_id];
        const std::string metric = bestMetricOf(run);
        s.best_metric = QString::fromStdString(metric);
        if (auto best = store.bestCheckpoint(run.id); best && best->metric_value) {
            s.best_value = best->metric_value;
        } else {
            const auto evaluations = store.evaluations(run.id);
            if (!evaluations.empty()) s.best_value = numberAt(evaluations.back().metrics, metric);
        }
        const QDateTime started = storeTime(run.started_at), finished = storeTime(run.finished_at);
        if (started.isValid()) {
            const QDateTime end = finished.isValid() ? finished : (run.status == store::RunStatus::Running ? now : QDateTime());
            if (end.isValid()) s.seconds = static_cast<double>(started.msecsTo(end)) / 1000.0;
        }
        s.run = std::move(run);
        summaries.push_back(std::move(s));
    }
    return summaries;
}

std::vector<std::string> runLabelNames(store::ExperimentStore& store, const store::RunRecord& run) {
    if (!run.dataset_id) return {};
    const auto dataset = store.getDataset(*run.dataset_id);
    return dataset ? dataset->label_set : std::vector<std::string>();
}

}  // namespace bw::gui
