#include "widgets/runs/run_curves_plot.h"

#include <qcustomplot.h>

namespace bw::gui {
namespace {

double xOf(const store::MetricPoint& p, const RunCurve& curve, CurveAxis axis) {
    switch (axis) {
        case CurveAxis::Step: return static_cast<double>(p.step);
        case CurveAxis::Epoch: return p.epoch;
        case CurveAxis::Time:
            return curve.sessions.empty() ? p.wall_time - curve.start_time
                                          : store::trainedSecondsUntil(curve.sessions, p.wall_time);
    }
    return 0;
}

QString noRunsHint() { return RunCurvesPlot::tr("Select runs in the table to see their curves."); }

}  // namespace

std::vector<QColor> RunCurvesPlot::runColours(const std::vector<int64_t>& run_ids) {
    // Tableau 10: distinguishable, and kind to the common colour-vision deficiencies.
    static const QRgb palette[] = {0x4E79A7, 0xF28E2B, 0xE15759, 0x76B7B2, 0x59A14F,
                                   0xEDC948, 0xB07AA1, 0xFF9DA7, 0x9C755F, 0xBAB0AC};
    constexpr size_t n = sizeof palette / sizeof palette[0];
    std::vector<bool> taken(n, false);
    std::vector<QColor> colours;
    for (const int64_t id : run_ids) {
        size_t c = static_cast<size_t>(((id - 1) % static_cast<int64_t>(n) + static_cast<int64_t>(n)) % static_cast<int64_t>(n));
        // More runs than colours share them again; fewer never share one.
        if (colours.size() < n)
            while (taken[c]) c = (c + 1) % n;
        taken[c] = true;
        colours.emplace_back(palette[c]);
    }
    return colours;
}

RunCurvesPlot::RunCurvesPlot(QWidget* parent) : CurvePlot(QStringLiteral("curves"), parent) {
    setMinimumHeight(240);
    setEmptyHint(noRunsHint());
}

bool RunCurvesPlot::smoothes() const { return metric_.startsWith(QStringLiteral("train/")); }

void RunCurvesPlot::setCurves(std::vector<RunCurve> curves, const QString& metric, CurveAxis axis) {
    if (metric != metric_) followLatest();  // another metric: the old view means nothing
    curves_ = std::move(curves);
    metric_ = metric;
    std::vector<int64_t> ids;
    for (const RunCurve& c : curves_) ids.push_back(c.run_id);
    const std::vector<QColor> colours = runColours(ids);
    std::vector<PlotCurve> drawn;
    for (size_t i = 0; i < curves_.size(); ++i) {
        PlotCurve curve;
        curve.label = curves_[i].label;
        curve.colour = colours[i];
        curve.smoothable = smoothes();
        curve.dots_when_sparse = true;
        for (const store::MetricPoint& p : curves_[i].points) {
            curve.x.push_back(xOf(p, curves_[i], axis));
            curve.y.push_back(p.value);
        }
        drawn.push_back(std::move(curve));
    }
    plot()->yAxis->setLabel(metric_);
    setEmptyHint(curves_.empty()    ? noRunsHint()
                 : metric_.isEmpty() ? tr("The selected runs have logged no metrics yet.")
                                     : tr("The selected runs have no %1 points yet.").arg(metric_));
    CurvePlot::setCurves(std::move(drawn), CurveOptions{smoothing(), false, axis});
    // The time labels' unit, as the curves' extent decides it (CurvePlot::timeLabelsShowHours).
    plot()->xAxis->setLabel(axis == CurveAxis::Step    ? tr("step")
                            : axis == CurveAxis::Epoch ? tr("epoch")
                            : timeLabelsShowHours()    ? tr("training time, stops left out (h:min:s)")
                                                       : tr("training time, stops left out (min:s)"));
    plot()->replot(QCustomPlot::rpQueuedReplot);
}

void RunCurvesPlot::clear() {
    curves_.clear();
    metric_.clear();
    plot()->xAxis->setLabel(QString());
    plot()->yAxis->setLabel(QString());
    setEmptyHint(noRunsHint());
    CurvePlot::clear();
}

}  // namespace bw::gui
