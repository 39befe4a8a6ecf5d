#pragma once
// The Train page's progress row: the bar, "step n / N · epoch e", sequences/s and the ETA while a
// run trains, beside the review page's estimate when the run came from the wizard ("about 3 min 10 s
// in all; 2 min 55 s estimated before the start"): the estimate updated from the live run. The last
// logged step of a stored run.
#include "core/train/training_job.h"

#include <QElapsedTimer>
#include <QWidget>

#include <cstdint>
#include <optional>

class QLabel;
class QProgressBar;

namespace bw::gui {

class RunProgressRow : public QWidget {
    Q_OBJECT
public:
    explicit RunProgressRow(QWidget* parent = nullptr);

    void showPreparing();  // a busy bar until the engine has prepared the data; the run's clock starts
    // The review page's estimate of the whole run (seconds), for the run that starts now; nullopt
    // for a run without one (resumed, started again).
    void setEstimate(std::optional<double> total_seconds) { estimate_ = total_seconds; }
    QString etaText() const;
    void showProgress(const train::ProgressEvent& event);
    void showEnded();  // the bar stays at the last step, not busy
    void showStoredRun(int64_t last_logged_step);
    void hideBar();
    void clear();

private:
    QProgressBar* bar_;
    QLabel* step_;
    QLabel* speed_;
    QLabel* eta_;
    std::optional<double> estimate_;
    QElapsedTimer since_start_;
};

}  // namespace bw::gui
