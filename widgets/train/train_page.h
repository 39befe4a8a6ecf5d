#pragma once
// The Train page: "New training run…" opens the fine-tune wizard; the run it starts trains on a
// worker thread while its curves draw live (loss, evaluation metrics or MLM/NSP loss and
// accuracy, learning rate, gradient norm), with progress, sequences/s and ETA, Stop (the engine
// saves a checkpoint; the run becomes "stopped") and Resume. Any run of the store can be opened
// from the run list to see its curves, and resumed when it was stopped or interrupted. The run is
// the workspace's job: the status bar shows it and its Cancel stops it.
#include "core/store/store_records.h"
#include "core/train/training_job.h"
#include "widgets/train/training_setup.h"

#include <QWidget>

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;

namespace bw::gui {

class ElidedLabel;
class ProbeView;
class ProblemLabel;
class StoreConnection;
class TrainingCharts;
class TrainingSession;
class TrainingWizard;
class Workspace;

class TrainPage : public QWidget {
    Q_OBJECT
public:
    TrainPage(Workspace& workspace, QWidget* parent = nullptr);
    ~TrainPage() override;

    // Opens the wizard (window-modal); when it finishes, its run starts here. It deletes itself on close.
    // It starts from the settings of the last run started here (under a new name), else from defaults.
    TrainingWizard* openWizard();
    // Opens the wizard on a stored run's model, data and settings, to train it again with changes;
    // null, with the reason shown, when the run is not there or a run is training.
    TrainingWizard* cloneRun(qint64 run_id);
    // False, with the reason shown on the page, when a run is already training here.
    bool startTraining(const train::TrainingRequest& request);
    // Resumes a stopped or interrupted run from its latest checkpoint, its stored curves first.
    bool resumeRun(qint64 run_id);
    void stopTraining();
    // Trains a run's request again as a new run (for one interrupted before it saved a checkpoint).
    bool restartRun(qint64 run_id);
    // Shows a stored run's curves (not while training).
    bool selectRun(qint64 run_id);

    bool isTraining() const;
    qint64 currentRunId() const { return run_id_; }
    TrainingCharts* charts() const { return charts_; }
    ProbeView* probe() const { return probe_; }
    QString problem() const;  // the error shown, or ""

public slots:
    void refreshRuns();

private:
    void buildLayout();
    void beginRun(const QString& title);
    void runStarted(qint64 run_id);
    void showProgress(const train::ProgressEvent& event);
    void checkpointSaved(const train::CheckpointEvent& event);
    void runFinished(const train::TrainingResult& result);
    void runFailed(const QString& error);
    void endRun(const QString& message);
    void showRun(const store::RunRecord& run);
    QString runProblem(const store::RunRecord& run) const;
    void clearRun();  // shows no run (another workspace was opened)
    void probeLatestCheckpoint(qint64 run_id);
    void updateButtons();
    void showProblem(const QString& text);
    bool refuseWhileTraining();  // true, with the reason shown, while a run trains here
    void showProbe(bool on);
    TrainingWizard* showWizard(std::optional<TrainingSetup> initial);

    Workspace& workspace_;
    std::unique_ptr<StoreConnection> store_;
    TrainingSession* session_;
    qint64 run_id_ = 0;                    // the run shown (and training, while isTraining())
    std::optional<store::RunRecord> run_;  // as last read from the store
    bool can_resume_ = false;              // run_ stopped or interrupted, with a checkpoint
    bool can_restart_ = false;             // run_ interrupted before its first checkpoint
    bool owns_workspace_job_ = false;
    std::optional<TrainingSetup> last_setup_;  // of the last run the wizard started, in this workspace
    QString run_title_;
    QString run_store_;  // the store the run trains in

    QComboBox* run_combo_;
    ElidedLabel* status_label_;
    QPushButton* new_run_button_;
    QPushButton* clone_button_;
    QPushButton* stop_button_;
    QPushButton* resume_button_;
    QPushButton* restart_button_;
    QProgressBar* progress_bar_;
    QLabel* step_label_;
    QLabel* speed_label_;
    QLabel* eta_label_;
    ProblemLabel* problem_;
    QStackedWidget* body_;  // the charts, or what to do while there is no run to show
    TrainingCharts* charts_;
    ProbeView* probe_;
};

}  // namespace bw::gui
