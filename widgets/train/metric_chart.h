#pragma once
// One chart of the Train page (a QCustomPlot): the series of a ChartSpec from a TrainingHistory,
// against step, epoch or time, smoothed the TensorBoard way over the faint raw curve, on a linear
// or log scale, with a dashed line at the best checkpoint. Hovering shows the values under the
// mouse; it follows new points until the user zooms or drags, and a double-click fits it again.
#include "widgets/runs/run_curves_plot.h"
#include "widgets/train/chart_specs.h"

#include <QWidget>

#include <optional>
#include <string>
#include <vector>

class QCPGraph;
class QCPRange;
class QCPItemStraightLine;
class QCPItemText;
class QCustomPlot;
class QMouseEvent;

namespace bw::gui {

class TrainingHistory;

struct ChartOptions {
    double smoothing = 0.6;  // TensorBoard's default
    bool log_scale = false;
    CurveAxis axis = CurveAxis::Step;
};

class MetricChart : public QWidget {
    Q_OBJECT
public:
    explicit MetricChart(ChartSpec spec, QWidget* parent = nullptr);

    // Takes the series' points from the history (smoothed, on the chosen axis and scale); then
    // showRange() draws them, so that the charts of a page can share one x range.
    void setCurves(const TrainingHistory& history, const ChartOptions& options);
    // The x extent of the points, if there are any.
    std::optional<QCPRange> keyRange() const;
    // Fits the view to the points over `x` (unless the user moved it) and draws.
    void showRange(const QCPRange& x);

    const ChartSpec& spec() const { return spec_; }
    QCustomPlot* plot() const { return plot_; }
    // The graph that draws the metric (for a train series its smoothed curve), and its raw curve
    // (null for evaluation series).
    QCPGraph* graph(const std::string& metric) const;
    QCPGraph* rawGraph(const std::string& metric) const;
    bool hasData() const;
    bool showsBestMarker() const;

signals:
    void fitRequested();  // the user double-clicked: fit again, to the range the charts share

private:
    struct Series {
        SeriesSpec spec;
        QCPGraph* raw = nullptr;
        QCPGraph* line = nullptr;
    };

    void buildHeader();
    void addSeries(const SeriesSpec& spec);
    void buildMarkers();
    void placeBestMarker(const QCPRange& x);
    void showValuesAt(QMouseEvent* event);

    ChartSpec spec_;
    QCustomPlot* plot_;
    std::vector<Series> series_;
    QCPItemStraightLine* best_line_;
    QCPItemText* best_label_;
    QCPItemText* empty_text_;
    std::optional<double> best_x_;  // where the best checkpoint is on the current axis
    CurveAxis axis_ = CurveAxis::Step;
    bool follow_ = true;  // refit on new points until the user moves the view
};

}  // namespace bw::gui
