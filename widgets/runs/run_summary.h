#pragma once
// What the runs table shows about a run beyond its record: the dataset's name, the metric that
// picks its best checkpoint with its value, and how long it trained (the time it stood stopped left out).
#include "core/store/store_records.h"

#include <QDateTime>
#include <QString>

#include <optional>
#include <vector>

namespace bw::store {
class ExperimentStore;
}

namespace bw::gui {

struct RunSummary {
    store::RunRecord run;
    QString dataset;                  // "" when the run has none (a corpus file) or it was deleted
    QString best_metric;              // metric_for_best_model, or "loss" (the trainer's default)
    std::optional<double> best_value;  // train::bestResult: the best checkpoint's, else the best evaluation's
    std::vector<store::RunSession> sessions;  // when processes trained it
    std::optional<double> seconds;     // how long they trained it (to now while it runs), pauses left out
};

// Every run, newest first.
std::vector<RunSummary> summarizeRuns(store::ExperimentStore& store, const QDateTime& now = QDateTime::currentDateTimeUtc());

// The store's ISO 8601 UTC times ("2025-01-31T12:00:00.123Z"); invalid when empty.
QDateTime storeTime(const std::string& iso);

// The labels of the run's dataset in label-id order: the rows and columns of its confusion matrices.
std::vector<std::string> runLabelNames(store::ExperimentStore& store, const store::RunRecord& run);

}  // namespace bw::gui
