#include "widgets/train/training_controller.h"

#include "core/store/experiment_store.h"
#include "core/train/run_results.h"
#include "core/train/run_summary.h"
#include "widgets/store/store_connection.h"
#include "widgets/shared/duration_text.h"
#include "widgets/train/probe_view.h"
#include "widgets/train/run_progress_row.h"
#include "widgets/train/run_view.h"
#include "widgets/train/training_charts.h"
#include "widgets/train/training_session.h"
#include "widgets/train/training_setup.h"
#include "widgets/workbench/workspace.h"

#include <QDateTime>
#include <QStringList>

#include <map>
#include <string>

namespace bw::gui {
namespace {

// The final evaluation in a line: the metrics users look at first, then the loss.
QString metricsText(const std::map<std::string, double>& metrics) {
    QStringList parts;
    for (const char* name :
         {"accuracy", "f1_macro", "f1_micro", "pearson", "mlm_accuracy", "nsp_accuracy", "perplexity"}) {
        const auto it = metrics.find(name);
        if (it != metrics.end() && parts.size() < 2)
            parts << QStringLiteral("%1 %2").arg(QString::fromLatin1(name)).arg(it->second, 0, 'g', 4);
    }
    if (const auto loss = metrics.find("loss"); loss != metrics.end())
        parts << QStringLiteral("loss %1").arg(loss->second, 0, 'g', 4);
    return parts.join(QStringLiteral(", "));
}

double now() { return static_cast<double>(QDateTime::currentMSecsSinceEpoch()) / 1000.0; }

}  // namespace

TrainingController::TrainingController(Workspace& workspace, StoreConnection& store, RunView& view, QObject* parent)
    : QObject(parent), workspace_(workspace), store_(store), view_(view), session_(new TrainingSession(this)) {
    TrainingCharts* charts = view_.charts();
    connect(session_, &TrainingSession::modelLoaded, this, &TrainingController::modelLoaded);
    connect(session_, &TrainingSession::started, this, &TrainingController::started);
    connect(session_, &TrainingSession::progressed, this, &TrainingController::showProgress);
    connect(session_, &TrainingSession::logged, this, [charts](const train::LogEvent& e, double wall_time) {
        charts->history().addLog(e, wall_time);
        charts->scheduleRedraw();
    });
    connect(session_, &TrainingSession::evaluated, this, [charts](const train::EvaluationEvent& e, double wall_time) {
        charts->history().addEvaluation(e, wall_time);
        charts->scheduleRedraw();
    });
    connect(session_, &TrainingSession::checkpointSaved, this, &TrainingController::checkpointSaved);
    connect(session_, &TrainingSession::finished, this, &TrainingController::finished);
    connect(session_, &TrainingSession::failed, this, &TrainingController::fail);
}

TrainingController::~TrainingController() {
    // The session's destructor stops the run and waits for its checkpoint; the status bar must not stay busy.
    if (owns_workspace_job_) workspace_.endJob(tr("Training stopped"));
}

bool TrainingController::isTraining() const { return session_->isRunning(); }

bool TrainingController::stopRequested() const { return session_->stopRequested(); }

void TrainingController::start(const train::TrainingRequest& request) {
    TrainingCharts* charts = view_.charts();
    charts->setTask(request.task, request.args.bestMetric(), request.args.evaluation_strategy != "no");
    charts->history().clear();
    charts->history().beginSession(now());
    charts->redrawNow();
    view_.probe()->clear();
    view_.showProbe(isLanguageModellingTask(request.task));
    beginRun(QString::fromStdString(request.run_name));
    session_->start(request);
}

void TrainingController::loadCurvesToResume(store::ExperimentStore& store, const store::RunRecord& run,
                                            int64_t checkpoint_step) {
    TrainingCharts* charts = view_.charts();
    charts->setTask(run.task, train::bestMetricOf(run), train::evaluatesWhileTraining(run));
    charts->history().load(store, run.id);
    charts->history().truncateAfter(checkpoint_step);
    charts->history().beginSession(now());
    charts->redrawNow();
}

void TrainingController::resume(const store::RunRecord& run) {
    beginRun(QString::fromStdString(run.name));
    session_->resume(workspace_.storePath(), run.id);
}

void TrainingController::beginRun(const QString& title) {
    run_title_ = title;
    load_summary_.clear();
    run_store_ = workspace_.storePath();
    view_.setProblem({});
    view_.showCharts();
    view_.charts()->setLive(true);
    view_.progress()->showPreparing();
    view_.setStatus(tr("Preparing “%1”: tokenizing the data, building the model…").arg(title));
    // The status bar shows one job: an import already there keeps it, and this run reports here only.
    owns_workspace_job_ = !workspace_.jobRunning();
    if (owns_workspace_job_) workspace_.beginJob(tr("Training “%1”").arg(title));
}

void TrainingController::stop() {
    if (!isTraining()) return;
    session_->stop();
    view_.setStatus(tr("Stopping “%1” after this step and saving a checkpoint…").arg(run_title_));
}

void TrainingController::started(qint64 run_id) {
    emit runStarted(run_id);
    const QString training = tr("Training #%1 “%2”").arg(run_id).arg(run_title_);
    view_.setStatus(load_summary_.isEmpty() ? training : training + QStringLiteral(" · ") + load_summary_);
    workspace_.notifyStoreContentsChanged();  // the run list (here and on the Runs page) gets it
}

// The load report in one line: what was new, unused or reshaped, as from_pretrained warns.
void TrainingController::modelLoaded(const io::LoadReport& report) {
    const auto names = [](const std::vector<std::string>& keys) {
        QStringList shown;
        for (size_t i = 0; i < keys.size() && i < 3; ++i) shown << QString::fromStdString(keys[i]);
        if (keys.size() > 3) shown << QStringLiteral("…");
        return shown.join(QStringLiteral(", "));
    };
    QStringList parts;
    if (!report.newly_initialized.empty())
        parts << tr("%n new weight(s) initialised (%1)", "", int(report.newly_initialized.size()))
                     .arg(names(report.newly_initialized));
    if (!report.unexpected.empty())
        parts << tr("%n checkpoint weight(s) unused (%1)", "", int(report.unexpected.size())).arg(names(report.unexpected));
    if (!report.mismatched.empty())
        parts << tr("%n weight(s) of another shape", "", int(report.mismatched.size()));
    load_summary_ = tr("base model: %1").arg(parts.isEmpty() ? tr("every weight loaded") : parts.join(QStringLiteral("; ")));
}

void TrainingController::showProgress(const train::ProgressEvent& e) {
    view_.progress()->showProgress(e);
    if (owns_workspace_job_ && e.total_steps > 0)
        workspace_.reportJobProgress(
            static_cast<int>(e.step * 100 / e.total_steps),
            tr("step %1 of %2, %3 left").arg(e.step).arg(e.total_steps).arg(durationText(e.eta_seconds)));
}

void TrainingController::checkpointSaved(const train::CheckpointEvent& e) {
    if (e.is_best) {
        view_.charts()->history().setBestStep(e.step);
        view_.charts()->scheduleRedraw();
    }
    if (!view_.probe()->isHidden()) view_.probe()->probe(QString::fromStdString(e.path), e.step);
}

void TrainingController::finished(const train::TrainingResult& result) {
    view_.charts()->redrawNow();
    const QString metrics = metricsText(result.metrics);
    if (result.status == "stopped") {
        endRun(tr("Run #%1 stopped at step %2; Resume continues it.").arg(result.run_id).arg(result.global_step));
        return;
    }
    // Every session of a resumed run counts, as on the Runs page; not only this process's.
    const std::optional<double> seconds = trainedSeconds(result.run_id);
    const int steps = static_cast<int>(result.global_step);
    QString summary = seconds ? tr("%n step(s) in %1", "", steps).arg(durationText(*seconds)) : tr("%n step(s)", "", steps);
    if (!metrics.isEmpty()) summary += QStringLiteral("; ") + metrics;
    // The header's run list already names the run: its status line keeps the room for the metrics.
    endRun(tr("Run #%1 completed: %2.").arg(result.run_id).arg(summary), tr("completed: %1.").arg(summary));
}

// The run's duration by the rule the Runs page and `runs list` use (train::summarizeRun: the run's
// sessions added up, stops left out); unset when its store cannot be read.
std::optional<double> TrainingController::trainedSeconds(qint64 run_id) {
    store::ExperimentStore* store = store_.open(run_store_);
    if (!store) return std::nullopt;
    try {
        if (const std::optional<store::RunRecord> run = store->getRun(run_id))
            return train::summarizeRun(*store, *run).trained_seconds;
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

void TrainingController::fail(const QString& error) {
    view_.charts()->redrawNow();
    view_.progress()->hideBar();
    endRun(tr("Training failed."));
    emit failed(tr("Training failed: %1").arg(error));
}

void TrainingController::endRun(const QString& message, const QString& header) {
    if (owns_workspace_job_) workspace_.endJob(message);
    owns_workspace_job_ = false;
    view_.charts()->setLive(false);
    view_.progress()->showEnded();
    emit runEnded(workspace_.storePath() == run_store_);
    workspace_.notifyStoreContentsChanged();  // the run list here (and on the Runs page) shows how it ended
    view_.setStatus(header.isEmpty() ? message : header);
}

}  // namespace bw::gui
