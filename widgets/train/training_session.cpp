#include "widgets/train/training_session.h"

#include "widgets/shared/background_task.h"
#include "widgets/shared/error_text.h"

#include <QDateTime>

#include <memory>
#include <optional>

namespace bw::gui {
namespace {

double now() { return static_cast<double>(QDateTime::currentMSecsSinceEpoch()) / 1000.0; }

// What the worker leaves for the GUI thread.
struct Outcome {
    std::optional<train::TrainingResult> result;
    QString error;
};

}  // namespace

TrainingSession::TrainingSession(QObject* parent) : QObject(parent), task_(new BackgroundTask(this)) {}

TrainingSession::~TrainingSession() = default;  // the task's destructor stops the run and waits

bool TrainingSession::isRunning() const { return task_->isRunning(); }

void TrainingSession::stop() { task_->requestCancel(); }

bool TrainingSession::stopRequested() const { return task_->cancelFlag()->load(); }

bool TrainingSession::start(train::TrainingRequest request) {
    return run([request = std::move(request)](const train::TrainingObserver& observer) {
        return train::runTraining(request, observer);
    });
}

bool TrainingSession::resume(const QString& store_path, qint64 run_id) {
    return run([db = store_path.toStdString(), run_id](const train::TrainingObserver& observer) {
        return train::resumeTraining(db, run_id, observer);
    });
}

bool TrainingSession::run(std::function<train::TrainingResult(const train::TrainingObserver&)> job) {
    if (task_->isRunning()) return false;
    // The callbacks run on the worker: each hands a copy of its event to the GUI thread.
    BackgroundTask* task = task_;
    train::TrainingObserver observer;
    observer.on_model_loaded = [this, task](const io::LoadReport& report) {
        task->post([this, report] { emit modelLoaded(report); });
    };
    observer.on_start = [this, task](int64_t id) { task->post([this, id] { emit started(id); }); };
    observer.on_progress = [this, task](const train::ProgressEvent& e) {
        task->post([this, e] { emit progressed(e); });
    };
    observer.on_log = [this, task](const train::LogEvent& e) {
        task->post([this, e, t = now()] { emit logged(e, t); });
    };
    observer.on_evaluate = [this, task](const train::EvaluationEvent& e) {
        task->post([this, e, t = now()] { emit evaluated(e, t); });
    };
    observer.on_checkpoint = [this, task](const train::CheckpointEvent& e) {
        task->post([this, e] { emit checkpointSaved(e); });
    };
    observer.should_stop = [flag = task->cancelFlag()] { return flag->load(); };

    auto outcome = std::make_shared<Outcome>();
    return task_->start(
        [job = std::move(job), observer, outcome] {
            try {
                outcome->result = job(observer);
            } catch (const std::exception& e) {
                outcome->error = errorText(e);
            }
        },
        [this, outcome] {
            if (outcome->result) emit finished(*outcome->result);
            else emit failed(outcome->error);
        });
}

}  // namespace bw::gui
