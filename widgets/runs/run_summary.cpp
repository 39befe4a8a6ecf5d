#include "widgets/runs/run_summary.h"

#include "core/store/experiment_store.h"
#include "core/train/run_results.h"

#include <map>

namespace bw::gui {

QDateTime storeTime(const std::string& iso) {
    if (iso.empty()) return {};
    return QDateTime::fromString(QString::fromStdString(iso), Qt::ISODateWithMs);
}

std::vector<RunSummary> summarizeRuns(store::ExperimentStore& store, const QDateTime& now) {
    std::map<int64_t, QString> dataset_names;
    for (const auto& dataset : store.listDatasets()) dataset_names[dataset.id] = QString::fromStdString(dataset.name);
    std::vector<RunSummary> summaries;
    const double now_seconds = static_cast<double>(now.toMSecsSinceEpoch()) / 1000.0;
    for (store::RunRecord& run : store.listRuns()) {
        RunSummary s;
        if (run.dataset_id && dataset_names.count(*run.dataset_id)) s.dataset = dataset_names[*run.dataset_id];
        const train::BestResult best = train::bestResult(store, run);
        s.best_metric = QString::fromStdString(best.metric);
        s.best_value = best.value;
        s.sessions = store.runSessions(run.id);
        if (!s.sessions.empty()) s.seconds = store::trainedSecondsUntil(s.sessions, now_seconds);
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
