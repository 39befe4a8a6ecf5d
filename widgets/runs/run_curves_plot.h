#pragma once
// One metric of several runs overlaid (train/loss, eval/accuracy, ...), one colour per run with a
// legend above the axes, against step, epoch or training time (stops left out), with a margin around
// the data. Train series (train/...) are smoothed the TensorBoard way over their faint raw curve;
// evaluations are a few points each worth seeing and are drawn as they are. It follows new points
// (live runs) until the user zooms or drags; a double-click fits everything again.
#include "core/store/store_records.h"

#include <QString>
#include <QWidget>

#include <vector>

class QCPGraph;
class QCustomPlot;

namespace bw::gui {

enum class CurveAxis { Step, Epoch, Time };

struct RunCurve {
    int64_t run_id = 0;
    QString label;                          // "#3 baseline"
    double start_time = 0;                  // Unix seconds the time axis counts from ...
    std::vector<store::RunSession> sessions;  // ... or, when known, the training time these add up to
    std::vector<store::MetricPoint> points;  // in step order
};

class RunCurvesPlot : public QWidget {
    Q_OBJECT
public:
    explicit RunCurvesPlot(QWidget* parent = nullptr);

    void setCurves(std::vector<RunCurve> curves, const QString& metric, CurveAxis axis);
    // The EMA weight for train series, 0 (raw) to 0.99; redraws what is there.
    void setSmoothing(double weight);
    double smoothing() const { return smoothing_; }
    bool smoothes() const;  // whether the metric shown is one that smoothing applies to
    // No curves and the axes of an empty plot (another workspace was opened).
    void clear();
    const std::vector<RunCurve>& curves() const { return curves_; }
    QString metric() const { return metric_; }
    QCustomPlot* plot() const { return plot_; }
    // The i-th run's curve as drawn (smoothed, for a train series), and its faint raw curve (null
    // when nothing is smoothed).
    QCPGraph* lineOf(size_t i) const { return i < lines_.size() ? lines_[i] : nullptr; }
    QCPGraph* rawOf(size_t i) const { return i < raws_.size() ? raws_[i] : nullptr; }

    // The colour of the i-th run (a qualitative palette, repeating after ten).
    static QColor runColour(size_t i);

private:
    void draw();
    void fit();

    QCustomPlot* plot_;
    std::vector<RunCurve> curves_;
    std::vector<QCPGraph*> lines_, raws_;  // per curve, owned by the plot
    QString metric_;
    CurveAxis axis_ = CurveAxis::Step;
    double smoothing_ = 0.6;  // TensorBoard's default
    bool follow_ = true;  // refit on new data until the user moves the view
};

}  // namespace bw::gui
