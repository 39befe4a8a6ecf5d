#include "widgets/train/run_browser.h"

#include "core/store/experiment_store.h"
#include "core/train/error_analysis.h"
#include "core/train/run_results.h"
#include "core/train/training_job.h"
#include "widgets/shared/elided_label.h"
#include "widgets/shared/error_text.h"
#include "widgets/shared/run_status_text.h"
#include "widgets/store/store_connection.h"
#include "widgets/train/probe_view.h"
#include "widgets/train/run_progress_row.h"
#include "widgets/train/run_view.h"
#include "widgets/train/training_charts.h"
#include "widgets/train/training_setup.h"
#include "widgets/workbench/workspace.h"

#include <QComboBox>
#include <QFileInfo>

namespace bw::gui {
namespace {

QString runLabel(const store::RunRecord& run) {
    return RunBrowser::tr("#%1 %2 · %3").arg(run.id).arg(QString::fromStdString(run.name), runStatusTitle(run.status));
}

}  // namespace

RunBrowser::RunBrowser(Workspace& workspace, StoreConnection& store, RunView& view, std::function<bool()> is_training,
                       QObject* parent)
    : QObject(parent), workspace_(workspace), store_(store), view_(view), is_training_(std::move(is_training)),
      combo_(new QComboBox) {
    combo_->setObjectName("runCombo");
    combo_->setMinimumContentsLength(24);  // "#12 sst2-lr3e-5 · completed"; longer names elide
    combo_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo_->setPlaceholderText(tr("No runs yet"));
    connect(combo_, qOverload<int>(&QComboBox::activated), this,
            [this](int index) { open(combo_->itemData(index).toLongLong()); });
}

void RunBrowser::setCurrentRun(const store::RunRecord& run) {
    run_id_ = run.id;
    run_ = run;
}

void RunBrowser::forgetCurrentRun() {
    run_id_ = 0;
    run_.reset();
}

void RunBrowser::clear() {
    forgetCurrentRun();
    can_resume_ = false;
    can_restart_ = false;
    can_analyse_ = false;
    view_.clear();
}

void RunBrowser::refresh() {
    const bool training = is_training_();
    QString error;
    store::ExperimentStore* store = store_.open(workspace_.storePath(), &error);
    std::vector<store::RunRecord> runs;
    if (store) {
        try {
            runs = store->listRuns();
            error.clear();
        } catch (const std::exception& e) {
            error = errorText(e);
        }
    }
    if (!error.isEmpty() && workspace_.hasStore() && !training) view_.setProblem(error);
    {
        const QSignalBlocker block(combo_);
        combo_->clear();
        for (const store::RunRecord& run : runs) combo_->addItem(runLabel(run), QVariant::fromValue<qint64>(run.id));
    }
    if (run_id_ == 0 && !training && !runs.empty()) {
        open(runs.front().id);
        return;
    }
    run_.reset();
    can_resume_ = false;
    can_restart_ = false;
    can_analyse_ = false;
    for (const store::RunRecord& run : runs)
        if (run.id == run_id_) run_ = run;
    if (run_ && store && !training) {
        try {
            const bool has_checkpoint = store->latestCheckpoint(run_id_).has_value();
            can_resume_ = train::isResumable(run_->status) && has_checkpoint;
            can_restart_ = run_->status == store::RunStatus::Interrupted && !has_checkpoint;
            can_analyse_ = train::canAnalyseErrors(run_->task) && has_checkpoint;
        } catch (const std::exception&) {
            can_resume_ = false;
        }
    }
    combo_->setCurrentIndex(combo_->findData(QVariant::fromValue<qint64>(run_id_)));
    if (!training && !run_ && view_.charts()->history().empty()) view_.showEmptyState();
    emit changed();
}

bool RunBrowser::open(qint64 run_id) {
    if (is_training_()) return false;
    store::ExperimentStore* store = store_.open(workspace_.storePath());
    if (!store) return false;
    try {
        const auto run = store->getRun(run_id);
        if (!run) return false;
        run_id_ = run_id;
        view_.charts()->setTask(run->task, train::bestMetricOf(*run), train::evaluatesWhileTraining(*run));
        view_.charts()->history().load(*store, run_id);
        view_.charts()->redrawNow();
        view_.setProblem({});
        showRun(*run);
        view_.probe()->clear();
        view_.showProbe(isLanguageModellingTask(run->task));
        if (!view_.probe()->isHidden()) probeLatestCheckpoint(run_id);
    } catch (const std::exception& e) {
        view_.setProblem(errorText(e));
        return false;
    }
    refresh();
    return true;
}

void RunBrowser::showRun(const store::RunRecord& run) {
    view_.showCharts();
    view_.progress()->showStoredRun(view_.charts()->history().lastStep());
    // The base model's folder name is enough here; its whole path is in the tooltip (and the Runs page).
    const QString base_model = QString::fromStdString(run.base_model);
    const QString folder = QFileInfo(base_model).fileName();
    view_.setStatus(tr("%1 · %2 · from %3")
                        .arg(runStatusTitle(run.status), QString::fromStdString(run.task),
                             folder.isEmpty() ? base_model : folder));
    ElidedLabel* status = view_.statusLabel();
    status->setToolTip(status->fullText() + QLatin1Char('\n') + base_model);
    view_.setProblem(runProblem(run));
}

bool RunBrowser::hasCheckpoint(qint64 run_id) const {
    try {
        store::ExperimentStore* store = store_.open(workspace_.storePath());
        return store && store->latestCheckpoint(run_id).has_value();
    } catch (const std::exception&) {
        return false;  // unreadable checkpoints: nothing to resume from, which is what the text then says
    }
}

// Why a stored run ended badly, and what can be done about it; "" for a run that did not.
QString RunBrowser::runProblem(const store::RunRecord& run) const {
    if (run.status == store::RunStatus::Interrupted) {
        const QString text =
            hasCheckpoint(run.id) ? tr("This run was interrupted; Resume continues it from its latest checkpoint.")
                           : tr("This run was interrupted before its first checkpoint, so it cannot be resumed. "
                                "Start again trains it anew with the same model, data and settings.");
        return run.error_message.empty()
                   ? text
                   : text + QLatin1Char('\n') + tr("Cause: %1").arg(QString::fromStdString(run.error_message));
    }
    if (run.error_message.empty()) return {};
    const QString failed = tr("This run failed: %1").arg(QString::fromStdString(run.error_message));
    // A failed run keeps its last good checkpoint (a NaN, a full disk): it can go on from there.
    return hasCheckpoint(run.id) ? failed + QLatin1Char('\n') + tr("Resume continues it from its latest checkpoint.") : failed;
}

void RunBrowser::probeLatestCheckpoint(qint64 run_id) {
    store::ExperimentStore* store = store_.open(workspace_.storePath());
    if (!store) return;
    try {
        if (const auto checkpoint = store->latestCheckpoint(run_id))
            view_.probe()->probe(QString::fromStdString(checkpoint->path), checkpoint->step);
    } catch (const std::exception&) {
        // No checkpoint to probe: the probe stays empty.
    }
}

}  // namespace bw::gui
