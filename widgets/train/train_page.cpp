#include "widgets/train/train_page.h"

#include "core/store/experiment_store.h"
#include "widgets/shared/duration_text.h"
#include "widgets/shared/run_status_text.h"
#include "widgets/store/store_connection.h"
#include "widgets/train/model_inspection.h"
#include "widgets/train/probe_view.h"
#include "widgets/train/problem_label.h"
#include "widgets/train/training_charts.h"
#include "widgets/train/training_session.h"
#include "widgets/train/training_setup.h"
#include "widgets/train/training_wizard.h"
#include "widgets/train/wizard_state.h"
#include "widgets/workbench/elided_label.h"
#include "widgets/workbench/workspace.h"

#include <QComboBox>
#include <QDateTime>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace bw::gui {
namespace {

enum BodyPage { EmptyState, Charts };

bool isResumable(store::RunStatus status) {
    return status == store::RunStatus::Stopped || status == store::RunStatus::Interrupted;
}

QString runLabel(const store::RunRecord& run) {
    return TrainPage::tr("#%1 %2 · %3")
        .arg(run.id)
        .arg(QString::fromStdString(run.name), runStatusTitle(run.status));
}

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

TrainPage::TrainPage(Workspace& workspace, QWidget* parent)
    : QWidget(parent), workspace_(workspace), store_(std::make_unique<StoreConnection>()),
      session_(new TrainingSession(this)) {
    buildLayout();

    connect(session_, &TrainingSession::started, this, &TrainPage::runStarted);
    connect(session_, &TrainingSession::progressed, this, &TrainPage::showProgress);
    connect(session_, &TrainingSession::logged, this, [this](const train::LogEvent& e, double wall_time) {
        charts_->history().addLog(e, wall_time);
        charts_->scheduleRedraw();
    });
    connect(session_, &TrainingSession::evaluated, this, [this](const train::EvaluationEvent& e, double wall_time) {
        charts_->history().addEvaluation(e, wall_time);
        charts_->scheduleRedraw();
    });
    connect(session_, &TrainingSession::checkpointSaved, this, &TrainPage::checkpointSaved);
    connect(session_, &TrainingSession::finished, this, &TrainPage::runFinished);
    connect(session_, &TrainingSession::failed, this, &TrainPage::runFailed);

    connect(&workspace_, &Workspace::cloneRequested, this, &TrainPage::cloneRun);
    connect(&workspace_, &Workspace::storeChanged, this, [this] {
        last_setup_.reset();  // its dataset and folders belong to the other workspace
        if (isTraining()) return;  // the run keeps its own store; the list follows when it ends
        clearRun();
        refreshRuns();
    });
    connect(&workspace_, &Workspace::storeContentsChanged, this, &TrainPage::refreshRuns);
    connect(&workspace_, &Workspace::jobCancelRequested, this, [this] {
        if (owns_workspace_job_) stopTraining();
    });
    refreshRuns();
}

TrainPage::~TrainPage() {
    // The session's destructor stops the run and waits for its checkpoint; the status bar must not stay busy.
    if (owns_workspace_job_) workspace_.endJob(tr("Training stopped"));
}

void TrainPage::buildLayout() {
    run_combo_ = new QComboBox;
    run_combo_->setObjectName("runCombo");
    run_combo_->setMinimumContentsLength(24);  // "#12 sst2-lr3e-5 · completed"; longer names elide
    run_combo_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    run_combo_->setPlaceholderText(tr("No runs yet"));
    status_label_ = new ElidedLabel;  // "Run #3 completed: … metrics" must not widen the window
    status_label_->setObjectName("runStatusLabel");
    new_run_button_ = new QPushButton(tr("New training run…"));
    new_run_button_->setObjectName("newRunButton");
    new_run_button_->setDefault(true);
    clone_button_ = new QPushButton(tr("Clone…"));
    clone_button_->setObjectName("cloneButton");
    clone_button_->setToolTip(tr("Open the wizard on this run's model, data and settings, to train it again with changes."));
    stop_button_ = new QPushButton(tr("Stop"));
    stop_button_->setObjectName("stopButton");
    stop_button_->setToolTip(tr("Stop after the current step; a checkpoint is saved, and Resume continues from it."));
    resume_button_ = new QPushButton(tr("Resume"));
    resume_button_->setObjectName("resumeButton");
    resume_button_->setToolTip(tr("Continue this stopped or interrupted run from its latest checkpoint."));
    restart_button_ = new QPushButton(tr("Start again"));
    restart_button_->setObjectName("restartButton");
    restart_button_->setToolTip(tr("Train this run's model, data and settings again, as a new run."));
    auto* toolbar = new QHBoxLayout;
    toolbar->addWidget(new QLabel(tr("Run:")));
    toolbar->addWidget(run_combo_);
    toolbar->addWidget(status_label_, 1);
    toolbar->addWidget(new_run_button_);
    toolbar->addWidget(clone_button_);
    toolbar->addWidget(stop_button_);
    toolbar->addWidget(resume_button_);
    toolbar->addWidget(restart_button_);

    progress_bar_ = new QProgressBar;
    progress_bar_->setObjectName("progressBar");
    progress_bar_->setFormat(QStringLiteral("%p %"));
    step_label_ = new QLabel;
    step_label_->setObjectName("stepLabel");
    speed_label_ = new QLabel;
    speed_label_->setObjectName("speedLabel");
    eta_label_ = new QLabel;
    eta_label_->setObjectName("etaLabel");
    auto* progress = new QHBoxLayout;
    progress->addWidget(progress_bar_, 1);
    for (QLabel* label : {step_label_, speed_label_, eta_label_}) {
        progress->addSpacing(12);
        progress->addWidget(label);
    }

    problem_ = new ProblemLabel;
    charts_ = new TrainingCharts;
    probe_ = new ProbeView(charts_);

    auto* empty =
        new QLabel(tr("<h3>No run to show yet</h3><p>Start one with <b>New training run…</b>: choose a model, a "
                      "task and a dataset, and its curves draw here while it trains.</p><p>Runs started before "
                      "(here or with bertwork-cli) are in the run list above.</p>"));
    empty->setObjectName("emptyState");
    empty->setAlignment(Qt::AlignCenter);
    empty->setWordWrap(true);
    body_ = new QStackedWidget;
    body_->insertWidget(EmptyState, empty);
    body_->insertWidget(Charts, charts_);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(toolbar);
    layout->addLayout(progress);
    layout->addWidget(problem_);
    layout->addWidget(body_, 1);

    connect(run_combo_, qOverload<int>(&QComboBox::activated), this,
            [this](int index) { selectRun(run_combo_->itemData(index).toLongLong()); });
    connect(new_run_button_, &QPushButton::clicked, this, &TrainPage::openWizard);
    connect(clone_button_, &QPushButton::clicked, this, [this] { cloneRun(run_id_); });
    connect(stop_button_, &QPushButton::clicked, this, &TrainPage::stopTraining);
    connect(resume_button_, &QPushButton::clicked, this, [this] { resumeRun(run_id_); });
    connect(restart_button_, &QPushButton::clicked, this, [this] { restartRun(run_id_); });
    progress_bar_->setVisible(false);
    showProbe(false);
}

bool TrainPage::isTraining() const { return session_->isRunning(); }

QString TrainPage::problem() const { return problem_->isHidden() ? QString() : problem_->text(); }

void TrainPage::showProblem(const QString& text) { problem_->setProblem(text); }

// Only masked-LM and pretraining runs have a probe: it takes the grid cell after their charts.
void TrainPage::showProbe(bool on) {
    charts_->setCompanion(on ? probe_ : nullptr);
    probe_->setVisible(on);
}

// One run trains at a time: says so on the page.
bool TrainPage::refuseWhileTraining() {
    if (!isTraining()) return false;
    showProblem(tr("A run is training already: stop it, or wait for it to end."));
    return true;
}

TrainingWizard* TrainPage::openWizard() { return showWizard(last_setup_); }

TrainingWizard* TrainPage::cloneRun(qint64 run_id) {
    if (refuseWhileTraining()) return nullptr;
    store::ExperimentStore* store = store_->open(workspace_.storePath());
    if (!store) return nullptr;
    try {
        const auto run = store->getRun(run_id);
        if (!run) {
            showProblem(tr("There is no run #%1 in this workspace.").arg(run_id));
            return nullptr;
        }
        // A run's config is the request that started it.
        return showWizard(setupFromRequest(train::TrainingRequest::fromJson(run->config), store->listDatasets(),
                                           bundledModelDir(nullptr)));
    } catch (const std::exception& e) {
        showProblem(tr("Run #%1 cannot be cloned: %2").arg(run_id).arg(QString::fromStdString(e.what())));
        return nullptr;
    }
}

TrainingWizard* TrainPage::showWizard(std::optional<TrainingSetup> initial) {
    if (initial) {
        // A new name and folder: the old run keeps its own.
        std::vector<std::string> taken;
        if (store::ExperimentStore* store = store_->open(workspace_.storePath()))
            for (const store::RunRecord& run : store->listRuns()) taken.push_back(run.name);
        initial->run_name = freeRunName(QString::fromStdString(initial->run_name), taken).toStdString();
        initial->output_dir.clear();
    }
    auto* wizard = new TrainingWizard(workspace_, this, initial ? &*initial : nullptr);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->setWindowModality(Qt::WindowModal);
    connect(wizard, &QDialog::accepted, this, [this, wizard] {
        last_setup_ = wizard->state().setup;
        startTraining(wizard->request());
    });
    wizard->show();
    return wizard;
}

bool TrainPage::startTraining(const train::TrainingRequest& request) {
    if (refuseWhileTraining()) return false;
    run_id_ = 0;
    run_.reset();
    charts_->setTask(request.task);
    charts_->history().clear();
    charts_->history().beginSession(now());
    charts_->redrawNow();
    probe_->clear();
    showProbe(isLanguageModellingTask(request.task));
    beginRun(QString::fromStdString(request.run_name));
    session_->start(request);
    updateButtons();
    return true;
}

bool TrainPage::resumeRun(qint64 run_id) {
    if (refuseWhileTraining()) return false;
    store::ExperimentStore* store = store_->open(workspace_.storePath());
    if (!store) return false;
    try {
        const auto run = store->getRun(run_id);
        const auto checkpoint = store->latestCheckpoint(run_id);
        if (!run || !isResumable(run->status) || !checkpoint) {
            showProblem(
                tr("Run #%1 cannot be resumed: only a stopped or interrupted run with a checkpoint can.").arg(run_id));
            return false;
        }
        // Its curves up to the checkpoint first: the steps after it are trained (and logged) again.
        charts_->setTask(run->task);
        charts_->history().load(*store, run_id);
        charts_->history().truncateAfter(checkpoint->step);
        charts_->history().beginSession(now());
        charts_->redrawNow();
        run_id_ = run_id;
        run_ = run;
        showProbe(isLanguageModellingTask(run->task));
        if (!probe_->isHidden()) probe_->probe(QString::fromStdString(checkpoint->path), checkpoint->step);
        beginRun(QString::fromStdString(run->name));
    } catch (const std::exception& e) {
        showProblem(QString::fromStdString(e.what()));
        return false;
    }
    session_->resume(workspace_.storePath(), run_id);
    updateButtons();
    return true;
}

bool TrainPage::restartRun(qint64 run_id) {
    store::ExperimentStore* store = store_->open(workspace_.storePath());
    if (!store) return false;
    train::TrainingRequest request;
    try {
        const auto run = store->getRun(run_id);
        if (!run) return false;
        request = train::TrainingRequest::fromJson(run->config);  // a run's config is the request that started it
    } catch (const std::exception& e) {
        showProblem(tr("Run #%1 cannot be started again: %2").arg(run_id).arg(QString::fromStdString(e.what())));
        return false;
    }
    request.db = workspace_.storePath().toStdString();  // the workspace file may have moved since
    return startTraining(request);
}

void TrainPage::clearRun() {
    run_id_ = 0;
    run_.reset();
    can_resume_ = false;
    can_restart_ = false;
    charts_->history().clear();
    charts_->redrawNow();
    probe_->clear();
    showProbe(false);
    showProblem({});
    status_label_->setFullText({});
    for (QLabel* label : {step_label_, speed_label_, eta_label_}) label->clear();
    progress_bar_->setVisible(false);
    body_->setCurrentIndex(EmptyState);
}

void TrainPage::beginRun(const QString& title) {
    run_title_ = title;
    run_store_ = workspace_.storePath();
    showProblem({});
    body_->setCurrentIndex(Charts);
    progress_bar_->setVisible(true);
    progress_bar_->setRange(0, 0);  // busy until the engine has prepared the data
    status_label_->setFullText(tr("Preparing “%1”: tokenizing the data, building the model…").arg(title));
    step_label_->clear();
    speed_label_->clear();
    eta_label_->clear();
    // The status bar shows one job: an import already there keeps it, and this run reports here only.
    owns_workspace_job_ = !workspace_.jobRunning();
    if (owns_workspace_job_) workspace_.beginJob(tr("Training “%1”").arg(title));
}

void TrainPage::stopTraining() {
    if (!isTraining()) return;
    session_->stop();
    status_label_->setFullText(tr("Stopping “%1” after this step and saving a checkpoint…").arg(run_title_));
    updateButtons();
}

void TrainPage::runStarted(qint64 run_id) {
    run_id_ = run_id;
    status_label_->setFullText(tr("Training #%1 “%2”").arg(run_id).arg(run_title_));
    workspace_.notifyStoreContentsChanged();  // the run list (here and on the Runs page) gets it
}

void TrainPage::showProgress(const train::ProgressEvent& e) {
    const QLocale locale;
    progress_bar_->setRange(0, static_cast<int>(e.total_steps));
    progress_bar_->setValue(static_cast<int>(e.step));
    step_label_->setText(tr("step %1 / %2 · epoch %3")
                             .arg(locale.toString(static_cast<qlonglong>(e.step)),
                                  locale.toString(static_cast<qlonglong>(e.total_steps)))
                             .arg(locale.toString(e.epoch, 'f', 2)));
    speed_label_->setText(tr("%1 sequences/s").arg(locale.toString(e.sequences_per_second, 'f', 1)));
    eta_label_->setText(tr("ETA %1").arg(durationText(e.eta_seconds)));
    if (owns_workspace_job_ && e.total_steps > 0)
        workspace_.reportJobProgress(
            static_cast<int>(e.step * 100 / e.total_steps),
            tr("step %1 of %2, %3 left").arg(e.step).arg(e.total_steps).arg(durationText(e.eta_seconds)));
}

void TrainPage::checkpointSaved(const train::CheckpointEvent& e) {
    if (e.is_best) {
        charts_->history().setBestStep(e.step);
        charts_->scheduleRedraw();
    }
    if (!probe_->isHidden()) probe_->probe(QString::fromStdString(e.path), e.step);
}

void TrainPage::runFinished(const train::TrainingResult& result) {
    charts_->redrawNow();
    const QString seconds = durationText(result.seconds);
    const QString metrics = metricsText(result.metrics);
    if (result.status == "stopped") {
        endRun(tr("Run #%1 stopped at step %2; Resume continues it.").arg(result.run_id).arg(result.global_step));
    } else {
        endRun(metrics.isEmpty()
                   ? tr("Run #%1 completed: %2 steps in %3.").arg(result.run_id).arg(result.global_step).arg(seconds)
                   : tr("Run #%1 completed: %2 steps in %3; %4.")
                         .arg(result.run_id)
                         .arg(result.global_step)
                         .arg(seconds, metrics));
    }
}

void TrainPage::runFailed(const QString& error) {
    charts_->redrawNow();
    progress_bar_->setVisible(false);
    endRun(tr("Training failed."));
    showProblem(tr("Training failed: %1").arg(error));
}

void TrainPage::endRun(const QString& message) {
    if (owns_workspace_job_) workspace_.endJob(message);
    owns_workspace_job_ = false;
    if (progress_bar_->maximum() == 0) progress_bar_->setRange(0, 1);  // no longer busy
    eta_label_->clear();
    // The workspace switched to another store while this run trained: its run id means nothing there.
    if (workspace_.storePath() != run_store_) run_id_ = 0;
    workspace_.notifyStoreContentsChanged();  // the run list here (and on the Runs page) shows how it ended
    status_label_->setFullText(message);
}

void TrainPage::refreshRuns() {
    QString error;
    store::ExperimentStore* store = store_->open(workspace_.storePath(), &error);
    std::vector<store::RunRecord> runs;
    if (store) {
        try {
            runs = store->listRuns();
            error.clear();
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
    }
    if (!error.isEmpty() && workspace_.hasStore() && !isTraining()) showProblem(error);
    {
        const QSignalBlocker block(run_combo_);
        run_combo_->clear();
        for (const store::RunRecord& run : runs)
            run_combo_->addItem(runLabel(run), QVariant::fromValue<qint64>(run.id));
    }
    // A first look at the page shows the newest run, as TensorBoard opens on the latest logs.
    if (run_id_ == 0 && !isTraining() && !runs.empty()) {
        selectRun(runs.front().id);
        return;
    }
    run_.reset();
    can_resume_ = false;
    can_restart_ = false;
    for (const store::RunRecord& run : runs)
        if (run.id == run_id_) run_ = run;
    if (run_ && store && !isTraining()) {
        try {
            const bool has_checkpoint = store->latestCheckpoint(run_id_).has_value();
            can_resume_ = isResumable(run_->status) && has_checkpoint;
            can_restart_ = run_->status == store::RunStatus::Interrupted && !has_checkpoint;
        } catch (const std::exception&) {
            can_resume_ = false;
        }
    }
    run_combo_->setCurrentIndex(run_combo_->findData(QVariant::fromValue<qint64>(run_id_)));
    if (!isTraining() && !run_ && charts_->history().empty()) body_->setCurrentIndex(EmptyState);
    updateButtons();
}

bool TrainPage::selectRun(qint64 run_id) {
    if (isTraining()) return false;
    store::ExperimentStore* store = store_->open(workspace_.storePath());
    if (!store) return false;
    try {
        const auto run = store->getRun(run_id);
        if (!run) return false;
        run_id_ = run_id;
        charts_->setTask(run->task);
        charts_->history().load(*store, run_id);
        charts_->redrawNow();
        showProblem({});
        showRun(*run);
        probe_->clear();
        showProbe(isLanguageModellingTask(run->task));
        if (!probe_->isHidden()) probeLatestCheckpoint(run_id);
    } catch (const std::exception& e) {
        showProblem(QString::fromStdString(e.what()));
        return false;
    }
    refreshRuns();
    return true;
}

void TrainPage::showRun(const store::RunRecord& run) {
    body_->setCurrentIndex(Charts);
    progress_bar_->setVisible(false);
    const QLocale locale;
    const int64_t step = charts_->history().lastStep();
    // The base model's folder name is enough here; its whole path is in the tooltip (and the Runs page).
    const QString base_model = QString::fromStdString(run.base_model);
    status_label_->setFullText(
        tr("%1 · %2 · from %3")
            .arg(runStatusTitle(run.status), QString::fromStdString(run.task),
                 QFileInfo(base_model).fileName().isEmpty() ? base_model : QFileInfo(base_model).fileName()));
    status_label_->setToolTip(status_label_->fullText() + QLatin1Char('\n') + base_model);
    step_label_->setText(step > 0 ? tr("last logged step %1").arg(locale.toString(static_cast<qlonglong>(step)))
                                  : QString());
    speed_label_->clear();
    eta_label_->clear();
    showProblem(runProblem(run));
}

// Why a stored run ended badly, and what can be done about it; "" for a run that did not.
QString TrainPage::runProblem(const store::RunRecord& run) const {
    if (run.status == store::RunStatus::Interrupted) {
        store::ExperimentStore* store = store_->open(workspace_.storePath());
        bool has_checkpoint = false;
        try {
            has_checkpoint = store && store->latestCheckpoint(run.id).has_value();
        } catch (const std::exception&) {
            // Unreadable checkpoints: the run cannot be resumed, which is what the text then says.
        }
        const QString text =
            has_checkpoint ? tr("This run was interrupted; Resume continues it from its latest checkpoint.")
                           : tr("This run was interrupted before its first checkpoint, so it cannot be resumed. "
                                "Start again trains it anew with the same model, data and settings.");
        return run.error_message.empty()
                   ? text
                   : text + QLatin1Char('\n') + tr("Cause: %1").arg(QString::fromStdString(run.error_message));
    }
    if (run.error_message.empty()) return {};
    return tr("This run failed: %1").arg(QString::fromStdString(run.error_message));
}

void TrainPage::probeLatestCheckpoint(qint64 run_id) {
    store::ExperimentStore* store = store_->open(workspace_.storePath());
    if (!store) return;
    try {
        if (const auto checkpoint = store->latestCheckpoint(run_id))
            probe_->probe(QString::fromStdString(checkpoint->path), checkpoint->step);
    } catch (const std::exception&) {
        // No checkpoint to probe: the probe stays empty.
    }
}

void TrainPage::updateButtons() {
    const bool training = isTraining();
    new_run_button_->setEnabled(!training && workspace_.hasStore());
    new_run_button_->setToolTip(workspace_.hasStore() ? QString()
                                                      : tr("Open or create a workspace first (File menu)."));
    stop_button_->setEnabled(training && !session_->stopRequested());
    clone_button_->setEnabled(!training && run_.has_value());
    resume_button_->setEnabled(!training && can_resume_);
    restart_button_->setVisible(!training && can_restart_);
    run_combo_->setEnabled(!training && run_combo_->count() > 0);
}

}  // namespace bw::gui
