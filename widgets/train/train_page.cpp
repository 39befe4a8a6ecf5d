#include "widgets/train/train_page.h"

#include "widgets/train/run_progress_row.h"

#include "widgets/train/review_wizard_page.h"

#include "core/store/experiment_store.h"
#include "widgets/shared/elided_label.h"
#include "widgets/store/store_connection.h"
#include "widgets/train/model_inspection.h"
#include "widgets/train/probe_view.h"
#include "widgets/train/review_wizard_page.h"
#include "widgets/train/run_browser.h"
#include "widgets/train/run_progress_row.h"
#include "widgets/train/run_view.h"
#include "widgets/train/training_controller.h"
#include "widgets/train/training_wizard.h"
#include "widgets/train/wizard_state.h"
#include "widgets/workbench/workspace.h"
#include "widgets/shared/error_text.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace bw::gui {

TrainPage::TrainPage(Workspace& workspace, QWidget* parent)
    : QWidget(parent), workspace_(workspace), store_(std::make_unique<StoreConnection>()), view_(new RunView) {
    controller_ = new TrainingController(workspace_, *store_, *view_, this);
    browser_ = new RunBrowser(workspace_, *store_, *view_, [this] { return isTraining(); }, this);
    buildLayout();
    connectWorkspace();
    refreshRuns();
}

TrainPage::~TrainPage() {
    // The run stops (and saves its checkpoint) while the view it draws into is still there.
    delete controller_;
}

void TrainPage::buildLayout() {
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
    errors_button_ = new QPushButton(tr("Find errors…"));
    errors_button_->setObjectName("errorsButton");
    errors_button_->setToolTip(tr("Where this run's model goes wrong: its predictions on the validation split, "
                                  "on the Errors page."));
    restart_button_ = new QPushButton(tr("Start again"));
    restart_button_->setObjectName("restartButton");
    restart_button_->setToolTip(tr("Train this run's model, data and settings again, as a new run."));
    auto* toolbar = new QHBoxLayout;
    toolbar->addWidget(new QLabel(tr("Run:")));
    toolbar->addWidget(browser_->runCombo());
    toolbar->addWidget(view_->statusLabel(), 1);
    // The buttons a run's state hides come first: Stop and Resume stay where the mouse left them
    // (with "Find errors…" last, Stop moved when a run started and a second click missed it).
    for (QPushButton* button : {restart_button_, errors_button_, new_run_button_, clone_button_, stop_button_, resume_button_})
        toolbar->addWidget(button);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(toolbar);
    layout->addWidget(view_, 1);

    connect(new_run_button_, &QPushButton::clicked, this, &TrainPage::openWizard);
    connect(clone_button_, &QPushButton::clicked, this, [this] { cloneRun(currentRunId()); });
    connect(stop_button_, &QPushButton::clicked, this, &TrainPage::stopTraining);
    connect(resume_button_, &QPushButton::clicked, this, [this] { resumeRun(currentRunId()); });
    connect(restart_button_, &QPushButton::clicked, this, [this] { restartRun(currentRunId()); });
    connect(errors_button_, &QPushButton::clicked, this, [this] { workspace_.requestErrorAnalysis(currentRunId()); });
    connect(browser_, &RunBrowser::changed, this, &TrainPage::updateButtons);
    connect(controller_, &TrainingController::runStarted, browser_, &RunBrowser::setCurrentRunId);
    // The workspace switched to another store while the run trained: its run id means nothing there.
    connect(controller_, &TrainingController::runEnded, this, [this](bool same_store) {
        if (!same_store) browser_->setCurrentRunId(0);
    });
    connect(controller_, &TrainingController::failed, view_, &RunView::setProblem);
}

void TrainPage::connectWorkspace() {
    connect(&workspace_, &Workspace::cloneRequested, this, &TrainPage::cloneRun);
    connect(&workspace_, &Workspace::storeChanged, this, [this] {
        last_setup_.reset();  // its dataset and folders belong to the other workspace
        if (isTraining()) return;  // the run keeps its own store; the list follows when it ends
        browser_->clear();
        refreshRuns();
    });
    connect(&workspace_, &Workspace::storeContentsChanged, this, &TrainPage::refreshRuns);
    connect(&workspace_, &Workspace::jobCancelRequested, this, [this] {
        if (controller_->ownsWorkspaceJob()) stopTraining();
    });
}

bool TrainPage::isTraining() const { return controller_->isTraining(); }

qint64 TrainPage::currentRunId() const { return browser_->currentRunId(); }

TrainingCharts* TrainPage::charts() const { return view_->charts(); }

ProbeView* TrainPage::probe() const { return view_->probe(); }

QString TrainPage::loadSummary() const { return controller_->loadSummary(); }

QString TrainPage::problem() const { return view_->problem(); }

void TrainPage::refreshRuns() { browser_->refresh(); }

bool TrainPage::selectRun(qint64 run_id) { return browser_->open(run_id); }

QVariantMap TrainPage::viewState() const {
    QVariantMap state{{QStringLiteral("run"), currentRunId()}};
    if (last_setup_) state.insert(QStringLiteral("last_setup"), QVariant::fromValue(*last_setup_));
    return state;
}

void TrainPage::restoreViewState(const QVariantMap& state) {
    const QVariant setup = state.value(QStringLiteral("last_setup"));
    if (setup.canConvert<TrainingSetup>() && setup.value<TrainingSetup>().store_path == workspace_.storePath().toStdString())
        last_setup_ = setup.value<TrainingSetup>();
    const qint64 run = state.value(QStringLiteral("run")).toLongLong();
    if (run > 0 && !isTraining()) selectRun(run);  // a run deleted meanwhile is not there to open
}

// One run trains at a time: says so on the page.
bool TrainPage::refuseWhileTraining() {
    if (!isTraining()) return false;
    view_->setProblem(tr("A run is training already: stop it, or wait for it to end."));
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
            view_->setProblem(tr("There is no run #%1 in this workspace.").arg(run_id));
            return nullptr;
        }
        // A run's config is the request that started it.
        return showWizard(setupFromRequest(train::TrainingRequest::fromJson(run->config), store->listDatasets(),
                                           bundledModelDir(nullptr)));
    } catch (const std::exception& e) {
        view_->setProblem(tr("Run #%1 cannot be cloned: %2").arg(run_id).arg(errorText(e)));
        return nullptr;
    }
}

TrainingWizard* TrainPage::showWizard(std::optional<TrainingSetup> initial) {
    // A new folder: the old run keeps its own (the settings page gives the clone a new name too).
    if (initial) initial->output_dir.clear();
    auto* wizard = new TrainingWizard(workspace_, this, initial ? &*initial : nullptr);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->setWindowModality(Qt::WindowModal);
    connect(wizard, &QDialog::accepted, this, [this, wizard] {
        last_setup_ = wizard->state().setup;
        const auto& estimate = wizard->reviewPage()->estimate();
        startTraining(wizard->request(), estimate ? std::optional<double>(estimate->total_seconds) : std::nullopt);
    });
    wizard->show();
    return wizard;
}

bool TrainPage::startTraining(const train::TrainingRequest& request, std::optional<double> estimated_seconds) {
    if (refuseWhileTraining()) return false;
    browser_->forgetCurrentRun();
    view_->progress()->setEstimate(estimated_seconds);
    controller_->start(request);
    updateButtons();
    return true;
}

bool TrainPage::resumeRun(qint64 run_id) {
    if (refuseWhileTraining()) return false;
    store::ExperimentStore* store = store_->open(workspace_.storePath());
    if (!store) return false;
    std::optional<store::RunRecord> run;
    try {
        run = store->getRun(run_id);
        const auto checkpoint = store->latestCheckpoint(run_id);
        if (!run || !train::isResumable(run->status) || !checkpoint) {
            view_->setProblem(
                tr("Run #%1 cannot be resumed: only a stopped, interrupted or failed run with a checkpoint can.").arg(run_id));
            return false;
        }
        controller_->loadCurvesToResume(*store, *run, checkpoint->step);
        browser_->setCurrentRun(*run);
        view_->showProbe(isLanguageModellingTask(run->task));
        if (!view_->probe()->isHidden()) view_->probe()->probe(QString::fromStdString(checkpoint->path), checkpoint->step);
    } catch (const std::exception& e) {
        view_->setProblem(errorText(e));
        return false;
    }
    view_->progress()->setEstimate(std::nullopt);  // the review's estimate was of the whole run
    controller_->resume(*run);
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
        view_->setProblem(tr("Run #%1 cannot be started again: %2").arg(run_id).arg(errorText(e)));
        return false;
    }
    request.db = workspace_.storePath().toStdString();  // the workspace file may have moved since
    return startTraining(request);
}

void TrainPage::stopTraining() {
    if (!isTraining()) return;
    controller_->stop();
    updateButtons();
}

void TrainPage::updateButtons() {
    const bool training = isTraining();
    new_run_button_->setEnabled(!training && workspace_.hasStore());
    new_run_button_->setToolTip(workspace_.hasStore() ? QString()
                                                      : tr("Open or create a workspace first (File menu)."));
    stop_button_->setEnabled(training && !controller_->stopRequested());
    clone_button_->setEnabled(!training && browser_->currentRun().has_value());
    resume_button_->setEnabled(!training && browser_->canResume());
    restart_button_->setVisible(!training && browser_->canRestart());
    errors_button_->setVisible(!training && browser_->canAnalyse());
    browser_->runCombo()->setEnabled(!training && browser_->runCombo()->count() > 0);
}

}  // namespace bw::gui
