#pragma once
// One chart of the Train page: the series of a ChartSpec from a TrainingHistory drawn in a
// CurvePlot under the chart's title, with a dashed line at the best checkpoint.
#include "widgets/shared/curve_plot.h"
#include "widgets/train/chart_specs.h"

#include <string>

namespace bw::gui {

class TrainingHistory;

class MetricChart : public CurvePlot {
    Q_OBJECT
public:
    explicit MetricChart(ChartSpec spec, QWidget* parent = nullptr);

    // Draws the series' points from the history; setFitXRange() then gives the charts of a page
    // one x range.
    void setCurves(const TrainingHistory& history, const CurveOptions& options);

    const ChartSpec& spec() const { return spec_; }
    // The graph that draws the metric (for a train series its smoothed curve), and its raw curve
    // (null for evaluation series, and while smoothing is off).
    QCPGraph* graph(const std::string& metric) const;
    QCPGraph* rawGraph(const std::string& metric) const;
    bool showsBestMarker() const { return showsMarker(); }

private:
    size_t indexOf(const std::string& metric) const;  // spec_.series.size() when absent

    ChartSpec spec_;
};

}  // namespace bw::gui
