#include "widgets/train/metric_chart.h"

#include "widgets/train/training_history.h"

#include <qcustomplot.h>

namespace bw::gui {
namespace {

double xOf(const CurvePoint& p, CurveAxis axis, const TrainingHistory& history) {
    switch (axis) {
        case CurveAxis::Step: return static_cast<double>(p.step);
        case CurveAxis::Epoch: return p.epoch;
        case CurveAxis::Time: return history.trainingTimeAt(p.wall_time);
    }
    return 0;
}

bool isEvaluation(const std::string& metric) { return metric.rfind("eval/", 0) == 0; }

}  // namespace

MetricChart::MetricChart(ChartSpec spec, QWidget* parent) : CurvePlot(spec.id, parent), spec_(std::move(spec)) {
    setObjectName(spec_.id + QStringLiteral("Chart"));
    plot()->setObjectName(spec_.id + QStringLiteral("Plot"));
    // The chart grid's rows share the height evenly, whatever a plot would like.
    setMinimumHeight(180);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Ignored);
    // Room for tick labels such as "8·10⁻⁵", so that the axes of charts above one another line up.
    plot()->axisRect()->setMinimumMargins(QMargins(68, 8, 12, 8));
    setTitle(spec_.title);
    setEmptyHint(spec_.empty_hint);
}

void MetricChart::setCurves(const TrainingHistory& history, const CurveOptions& options) {
    std::vector<PlotCurve> curves;
    for (const SeriesSpec& s : spec_.series) {
        PlotCurve curve;
        curve.label = s.label;
        curve.colour = s.colour;
        curve.smoothable = s.smoothed;
        curve.dots_when_sparse = isEvaluation(s.metric);  // a dense train series is a line
        if (const std::vector<CurvePoint>* points = history.series(s.metric))
            for (const CurvePoint& p : *points) {
                curve.x.push_back(xOf(p, options.axis, history));
                curve.y.push_back(p.value);
            }
        curves.push_back(std::move(curve));
    }
    std::optional<double> best_x;
    QString best_label;
    if (history.bestStep())
        if (const std::optional<CurvePoint> best = history.pointAtStep(*history.bestStep())) {
            best_x = xOf(*best, options.axis, history);
            best_label = tr("best checkpoint · step %1").arg(*history.bestStep());
        }
    setMarker(best_x, best_label);
    CurvePlot::setCurves(std::move(curves), options);
}

size_t MetricChart::indexOf(const std::string& metric) const {
    size_t i = 0;
    while (i < spec_.series.size() && spec_.series[i].metric != metric) ++i;
    return i;
}

QCPGraph* MetricChart::graph(const std::string& metric) const { return lineOf(indexOf(metric)); }

QCPGraph* MetricChart::rawGraph(const std::string& metric) const { return rawOf(indexOf(metric)); }

}  // namespace bw::gui
