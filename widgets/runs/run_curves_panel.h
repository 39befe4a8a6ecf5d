#pragma once
// The Runs page's "Curves" tab: one metric of the selected runs overlaid (RunCurvesPlot) against step,
// epoch or training time, train curves smoothed; or, with "All metrics", a grid of small plots, one
// per metric, with the same smoothing and axis. The curves as CSV and a plot as an image.
#include "core/train/run_summary.h"

#include <QDateTime>
#include <QWidget>

#include <vector>

class QCheckBox;
class QComboBox;
class QGridLayout;
class QLabel;
class QScrollArea;

namespace bw::gui {

class CurveAxisCombo;
class RunCurvesPlot;
struct RunCurve;
class SmoothingSlider;
class StoreConnection;
class Workspace;

class RunCurvesPanel : public QWidget {
    Q_OBJECT
public:
    // Reads the curves through the page's `store` connection to the workspace's store.
    RunCurvesPanel(Workspace& workspace, StoreConnection& store, QWidget* parent = nullptr);

    // Shows these runs, in colour order: the metrics they logged to choose from, and their curves.
    void setRuns(const std::vector<const train::RunSummary*>& runs);
    bool setMetric(const QString& name);  // false when no run shown logged it
    // Every metric of the runs shown, one row per run, metric and step; false after failed().
    bool exportTo(const QString& path);

    RunCurvesPlot* plot() const { return plot_; }
    // The grid of every metric (at most kGridMetrics), shown instead of the one plot.
    static constexpr int kGridMetrics = 30;
    void setGridShown(bool shown);
    bool isGridShown() const;
    const std::vector<RunCurvesPlot*>& gridPlots() const { return grid_plots_; }
    SmoothingSlider* smoothingSlider() const { return smoothing_; }

signals:
    void failed(const QString& message);  // the store could not be read, or the file written

private:
    // A run shown, as the store summarized it when it was selected.
    struct ShownRun {
        qint64 id = 0;
        QString label;  // "#3 baseline"
        QDateTime started;
        std::vector<store::RunSession> sessions;
    };

    void refreshMetricChoices();
    void refreshCurves();
    void refreshGrid();
    std::vector<RunCurve> curvesOf(const QString& metric);  // the shown runs' curves of one metric
    void exportCurves();

    Workspace& workspace_;
    StoreConnection& store_;
    std::vector<ShownRun> runs_;

    QComboBox* metric_combo_;
    CurveAxisCombo* axis_combo_;
    SmoothingSlider* smoothing_;
    RunCurvesPlot* plot_;
    QCheckBox* grid_check_;
    QScrollArea* grid_area_;
    QGridLayout* grid_layout_;
    QLabel* grid_note_;
    QLabel* grid_legend_;  // the runs' colours, once for every small plot
    std::vector<RunCurvesPlot*> grid_plots_;
};

}  // namespace bw::gui
