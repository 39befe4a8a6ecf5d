#pragma once
// The Train page's progress row: the bar, "step n / N · epoch e", sequences/s and the ETA while a
// run trains; the last logged step of a stored run.
#include "core/train/training_job.h"

#include <QWidget>

#include <cstdint>

class QLabel;
class QProgressBar;

namespace bw::gui {

class RunProgressRow : public QWidget {
    Q_OBJECT
public:
    explicit RunProgressRow(QWidget* parent = nullptr);

    void showPreparing();  // a busy bar until the engine has prepared the data
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
};

}  // namespace bw::gui
