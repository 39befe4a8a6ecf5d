#pragma once
// One metric of several runs overlaid (train/loss, eval/accuracy, ...), one colour per run with a
// legend above the axes, against step, epoch or time since the run started, with a margin around
// the data. It follows new points (live runs) until the user zooms or drags; a double-click fits
// everything again.
#include "core/store/store_records.h"

#include <QString>
#include <QWidget>

#include <vector>

class QCustomPlot;

namespace bw::gui {

enum class CurveAxis { Step, Epoch, Time };

struct RunCurve {
    int64_t run_id = 0;
    QString label;                          // "#3 baseline"
    double start_time = 0;                  // Unix seconds the time axis counts from
    std::vector<store::MetricPoint> points;  // in step order
};

class RunCurvesPlot : public QWidget {
    Q_OBJECT
public:
    explicit RunCurvesPlot(QWidget* parent = nullptr);

    void setCurves(std::vector<RunCurve> curves, const QString& metric, CurveAxis axis);
    // No curves and the axes of an empty plot (another workspace was opened).
    void clear();
    const std::vector<RunCurve>& curves() const { return curves_; }
    QString metric() const { return metric_; }
    QCustomPlot* plot() const { return plot_; }

    // The colour of the i-th run (a qualitative palette, repeating after ten).
    static QColor runColour(size_t i);

private:
    void fit();

    QCustomPlot* plot_;
    std::vector<RunCurve> curves_;
    QString metric_;
    bool follow_ = true;  // refit on new data until the user moves the view
};

}  // namespace bw::gui
