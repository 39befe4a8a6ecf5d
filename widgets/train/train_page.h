#pragma once
// The Train page: starts runs from the wizard and shows them training live (TrainingController),
// or opens stored runs from the run list (RunBrowser), in one run view.
#include "core/train/training_job.h"
#include "widgets/train/training_setup.h"
#include "widgets/workbench/page_state.h"

#include <QWidget>

#include <memory>
#include <optional>

class QPushButton;

namespace bw::gui {

class ProbeView;
class RunBrowser;
class RunView;
class StoreConnection;
class TrainingCharts;
class TrainingController;
class TrainingWizard;
class Workspace;

// "New training run…" opens the fine-tune wizard, Clone… opens it on a stored run's settings.
// A training run has Stop and Resume; it is the workspace's job: the status bar shows it and its
// Cancel stops it. Across a language or theme switch the page keeps the run shown and the settings
// the next "New training run…" starts from.
class TrainPage : public QWidget, public PageState {
    Q_OBJECT
public:
    TrainPage(Workspace& workspace, QWidget* parent = nullptr);
    ~TrainPage() override;

    QVariantMap viewState() const override;
    void restoreViewState(const QVariantMap& state) override;

    // Opens the wizard (window-modal); when it finishes, its run starts here. It deletes itself on close.
    // It starts from the settings of the last run started here (under a new name), else from defaults.
    TrainingWizard* openWizard();
    // Opens the wizard on a stored run's model, data and settings, to train it again with changes;
    // null, with the reason shown, when the run is not there or a run is training.
    TrainingWizard* cloneRun(qint64 run_id);
    // False, with the reason shown on the page, when a run is already training here.
    // `estimated_seconds`: the review page's estimate of the run, shown beside the live ETA.
    bool startTraining(const train::TrainingRequest& request, std::optional<double> estimated_seconds = std::nullopt);
    // Resumes a stopped or interrupted run from its latest checkpoint, its stored curves first.
    bool resumeRun(qint64 run_id);
    void stopTraining();
    // Trains a run's request again as a new run (for one interrupted before it saved a checkpoint).
    bool restartRun(qint64 run_id);
    // Shows a stored run's curves (not while training).
    bool selectRun(qint64 run_id);

    bool isTraining() const;
    qint64 currentRunId() const;
    TrainingCharts* charts() const;
    ProbeView* probe() const;
    QString problem() const;  // the error shown, or ""
    QString loadSummary() const;  // how the last run's base model loaded (TrainingController)

public slots:
    void refreshRuns();

private:
    void buildLayout();
    void connectWorkspace();
    void updateButtons();
    bool refuseWhileTraining();  // true, with the reason shown, while a run trains here
    TrainingWizard* showWizard(std::optional<TrainingSetup> initial);

    Workspace& workspace_;
    std::unique_ptr<StoreConnection> store_;
    std::optional<TrainingSetup> last_setup_;  // of the last run the wizard started, in this workspace

    RunView* view_;
    TrainingController* controller_;
    RunBrowser* browser_;
    QPushButton* new_run_button_;
    QPushButton* clone_button_;
    QPushButton* stop_button_;
    QPushButton* resume_button_;
    QPushButton* restart_button_;
    QPushButton* errors_button_;
};

}  // namespace bw::gui
