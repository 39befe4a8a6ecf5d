#pragma once
// The Train page's run browser: the store's runs in the run list, and a stored run opened from it
// into the run view, with whether it can be resumed or only started again.
#include "core/store/store_records.h"

#include <QObject>

#include <functional>
#include <optional>

class QComboBox;

namespace bw::gui {

class RunView;
class StoreConnection;
class Workspace;

// An opened run shows its curves, its latest checkpoint probed and why it ended badly. A first
// look opens the newest run, as TensorBoard opens on the latest logs.
class RunBrowser : public QObject {
    Q_OBJECT
public:
    // `is_training` says whether a run trains on the page: then the view belongs to it.
    RunBrowser(Workspace& workspace, StoreConnection& store, RunView& view, std::function<bool()> is_training,
               QObject* parent = nullptr);

    QComboBox* runCombo() const { return combo_; }

    // Reads the run list again.
    void refresh();
    // Shows a stored run (not while training); false, with the reason shown, when it cannot be read.
    bool open(qint64 run_id);
    // Shows no run (another workspace was opened).
    void clear();

    // The run shown, and training while a run trains; 0 for none.
    qint64 currentRunId() const { return run_id_; }
    const std::optional<store::RunRecord>& currentRun() const { return run_; }  // as last read
    void setCurrentRunId(qint64 run_id) { run_id_ = run_id; }
    void setCurrentRun(const store::RunRecord& run);
    void forgetCurrentRun();
    bool canResume() const { return can_resume_; }    // stopped or interrupted, with a checkpoint
    bool canRestart() const { return can_restart_; }  // interrupted before its first checkpoint
    bool canAnalyse() const { return can_analyse_; }  // a classifier with a checkpoint: the Errors page can

signals:
    void changed();  // the list, the run shown or what can be done with it

private:
    void showRun(const store::RunRecord& run);
    bool hasCheckpoint(qint64 run_id) const;  // false when the store cannot say
    QString runProblem(const store::RunRecord& run) const;
    void probeLatestCheckpoint(qint64 run_id);

    Workspace& workspace_;
    StoreConnection& store_;
    RunView& view_;
    std::function<bool()> is_training_;
    QComboBox* combo_;
    qint64 run_id_ = 0;
    std::optional<store::RunRecord> run_;
    bool can_resume_ = false;
    bool can_restart_ = false;
    bool can_analyse_ = false;
};

}  // namespace bw::gui
