#pragma once
// What the Train page shows of one run, stored or training: its status line, progress row, problem,
// and its charts (with the [MASK] probe for language models), or what to do while there is no run.
#include <QWidget>

class QStackedWidget;

namespace bw::gui {

class ElidedLabel;
class ProbeView;
class ProblemLabel;
class RunProgressRow;
class TrainingCharts;

class RunView : public QWidget {
    Q_OBJECT
public:
    explicit RunView(QWidget* parent = nullptr);

    TrainingCharts* charts() const { return charts_; }
    ProbeView* probe() const { return probe_; }
    RunProgressRow* progress() const { return progress_; }
    // The one-line status; the page places it in its toolbar, beside the run list.
    ElidedLabel* statusLabel() const { return status_; }

    void setStatus(const QString& text);
    void setProblem(const QString& text);  // "" hides it
    QString problem() const;               // the problem shown, or ""
    // Only masked-LM and pretraining runs have a probe: it takes the grid cell after their charts.
    void showProbe(bool on);
    void showCharts();
    void showEmptyState();
    // No run: no curves, probe, status, problem or progress.
    void clear();

private:
    ElidedLabel* status_;
    RunProgressRow* progress_;
    ProblemLabel* problem_;
    QStackedWidget* body_;  // the charts, or what to do while there is no run to show
    TrainingCharts* charts_;
    ProbeView* probe_;
};

}  // namespace bw::gui
