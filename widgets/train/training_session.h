#pragma once
// One training run of the engine (runTraining, or resumeTraining of a stopped run) on a worker
// thread, never on the GUI thread. The engine's observer callbacks come back as signals on the GUI
// thread (queued), stamped with the time they happened. stop() sets the flag the engine polls
// between steps: it saves a checkpoint and the run ends "stopped", resumable.
#include "core/train/training_job.h"

#include <QObject>
#include <QString>

#include <functional>

namespace bw::gui {

class BackgroundTask;

class TrainingSession : public QObject {
    Q_OBJECT
public:
    explicit TrainingSession(QObject* parent = nullptr);
    // Stops a running run and waits for the engine to save its checkpoint.
    ~TrainingSession() override;

    // False when a run is already going.
    bool start(train::TrainingRequest request);
    bool resume(const QString& store_path, qint64 run_id);
    bool isRunning() const;
    void stop();
    bool stopRequested() const;

signals:
    void modelLoaded(const bw::io::LoadReport& report);  // the base model, as `inspect` reports it
    void started(qint64 run_id);  // the run is in the store, its data prepared
    void progressed(const bw::train::ProgressEvent& event);
    void logged(const bw::train::LogEvent& event, double wall_time);
    void evaluated(const bw::train::EvaluationEvent& event, double wall_time);
    void checkpointSaved(const bw::train::CheckpointEvent& event);
    void finished(const bw::train::TrainingResult& result);  // completed or stopped
    void failed(const QString& error);                       // the engine's message

private:
    bool run(std::function<train::TrainingResult(const train::TrainingObserver&)> job);

    BackgroundTask* task_;
};

}  // namespace bw::gui
