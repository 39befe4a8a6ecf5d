#pragma once
// The Runs page's comparison plot: one metric of several runs overlaid in a CurvePlot, one colour
// per run, with axis titles.
#include "core/store/store_records.h"
#include "widgets/shared/curve_plot.h"

#include <QString>

#include <vector>

namespace bw::gui {

struct RunCurve {
    int64_t run_id = 0;
    QString label;                          // "#3 baseline"
    double start_time = 0;                  // Unix seconds the time axis counts from ...
    std::vector<store::RunSession> sessions;  // ... or, when known, the training time these add up to
    std::vector<store::MetricPoint> points;  // in step order
};

// Against step, epoch or training time (stops left out). Only train series (train/...) are
// smoothed; evaluations are a few points each, drawn as they are.
class RunCurvesPlot : public CurvePlot {
    Q_OBJECT
public:
    explicit RunCurvesPlot(QWidget* parent = nullptr);

    void setCurves(std::vector<RunCurve> curves, const QString& metric, CurveAxis axis);
    double smoothing() const { return options().smoothing; }
    bool smoothes() const;  // whether the metric shown is one that smoothing applies to
    // No curves and the axes of an empty plot (another workspace was opened).
    void clear();
    const std::vector<RunCurve>& curves() const { return curves_; }
    QString metric() const { return metric_; }

    // The colours of runs shown together: each run keeps its own (by its id, from a qualitative
    // palette of ten) whatever else is selected, as TensorBoard and W&B keep a run's colour; two
    // runs whose ids would share one, the later takes the next one free.
    static std::vector<QColor> runColours(const std::vector<int64_t>& run_ids);

private:
    std::vector<RunCurve> curves_;
    QString metric_;
};

}  // namespace bw::gui
