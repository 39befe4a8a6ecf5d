#pragma once
// The Train page's live run: trains one run at a time on a worker thread and draws it into the run
// view as it goes.
#include "core/store/store_records.h"
#include "core/train/training_job.h"

#include <QObject>
#include <QString>

#include <optional>

namespace bw::store {
class ExperimentStore;
}

namespace bw::gui {

class RunView;
class StoreConnection;
class TrainingSession;
class Workspace;

// Its logs and evaluations reach the charts as they arrive, its checkpoints the probe; it reports
// progress and holds the workspace's job (the status bar shows it; its Cancel stops the run).
class TrainingController : public QObject {
    Q_OBJECT
public:
    // Reads the stores runs train in through the page's `store` connection.
    TrainingController(Workspace& workspace, StoreConnection& store, RunView& view, QObject* parent = nullptr);
    // Stops a training run (the session waits for its checkpoint) and frees the status bar.
    ~TrainingController() override;

    bool isTraining() const;
    bool stopRequested() const;
    bool ownsWorkspaceJob() const { return owns_workspace_job_; }
    // How the current (or last) run's base model loaded, as `inspect` reports it, in a line:
    // "" before a run, or when it started from scratch or resumed.
    QString loadSummary() const { return load_summary_; }

    // Starts a new run, its charts empty.
    void start(const train::TrainingRequest& request);
    // Draws a stopped or interrupted run's stored curves up to `checkpoint_step` (the steps after
    // it are trained, and logged, again); throws what the store throws.
    void loadCurvesToResume(store::ExperimentStore& store, const store::RunRecord& run, int64_t checkpoint_step);
    // Then resumes it from that checkpoint.
    void resume(const store::RunRecord& run);
    void stop();

signals:
    void runStarted(qint64 run_id);  // the run is in the store
    // The run ended; `same_store` is false when the workspace switched to another store meanwhile.
    // Sent before the workspace hears that the store's contents changed.
    void runEnded(bool same_store);
    void failed(const QString& problem);

private:
    void beginRun(const QString& title);
    void started(qint64 run_id);
    void modelLoaded(const io::LoadReport& report);
    void showProgress(const train::ProgressEvent& event);
    void checkpointSaved(const train::CheckpointEvent& event);
    void finished(const train::TrainingResult& result);
    void fail(const QString& error);
    // `message` for the status bar (and the header unless `header` is given).
    void endRun(const QString& message, const QString& header = {});
    std::optional<double> trainedSeconds(qint64 run_id);

    Workspace& workspace_;
    StoreConnection& store_;
    RunView& view_;
    TrainingSession* session_;
    QString load_summary_;
    bool owns_workspace_job_ = false;
    QString run_title_;
    QString run_store_;  // the store the run trains in
};

}  // namespace bw::gui
