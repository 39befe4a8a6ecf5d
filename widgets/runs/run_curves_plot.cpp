#include "widgets/runs/run_curves_plot.h"

#include "widgets/shared/plot_save_menu.h"
#include "widgets/shared/curve_smoothing.h"
#include "widgets/workbench/plot_theme.h"

#include <QVBoxLayout>

#include <qcustomplot.h>

namespace bw::gui {

namespace {

constexpr int kLegendColumns = 4;
constexpr double kAir = 1.08;  // the fitted ranges are this much wider than the data

}  // namespace

QColor RunCurvesPlot::runColour(size_t i) {
    // Tableau 10: distinguishable, and kind to the common colour-vision deficiencies.
    static const QRgb palette[] = {0x4E79A7, 0xF28E2B, 0xE15759, 0x76B7B2, 0x59A14F,
                                   0xEDC948, 0xB07AA1, 0xFF9DA7, 0x9C755F, 0xBAB0AC};
    return QColor(palette[i % (sizeof palette / sizeof palette[0])]);
}

RunCurvesPlot::RunCurvesPlot(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    setMinimumHeight(240);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    // The legend is a row above the axes, wrapping after a few runs: inside, it would hide curves.
    plot_->legend->setVisible(true);
    plot_->legend->setFont(font());
    plot_->legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot_->legend->setWrap(kLegendColumns);
    plot_->axisRect()->insetLayout()->take(plot_->legend);
    plot_->plotLayout()->insertRow(0);
    plot_->plotLayout()->addElement(0, 0, plot_->legend);
    plot_->plotLayout()->setRowStretchFactor(0, 0.001);
    connect(plot_, &QCustomPlot::mousePress, this, [this] { follow_ = false; });
    connect(plot_, &QCustomPlot::mouseWheel, this, [this] { follow_ = false; });
    connect(plot_, &QCustomPlot::mouseDoubleClick, this, [this] {
        follow_ = true;
        fit();
    });
    addSavePlotMenu(plot_, QStringLiteral("curves"));
    applyPaletteToPlot(*plot_);
}

void RunCurvesPlot::setCurves(std::vector<RunCurve> curves, const QString& metric, CurveAxis axis) {
    if (metric != metric_ || curves.size() != curves_.size() || axis != axis_) follow_ = true;  // another view
    curves_ = std::move(curves);
    metric_ = metric;
    axis_ = axis;
    draw();
}

void RunCurvesPlot::setSmoothing(double weight) {
    smoothing_ = weight;
    if (smoothes()) draw();
}

bool RunCurvesPlot::smoothes() const { return metric_.startsWith(QStringLiteral("train/")); }

void RunCurvesPlot::draw() {
    plot_->clearGraphs();
    lines_.assign(curves_.size(), nullptr);
    raws_.assign(curves_.size(), nullptr);
    const bool smoothed = smoothes() && smoothing_ > 0;
    for (size_t i = 0; i < curves_.size(); ++i) {
        const RunCurve& curve = curves_[i];
        QVector<double> x, y;
        x.reserve(static_cast<int>(curve.points.size()));
        y.reserve(static_cast<int>(curve.points.size()));
        for (const store::MetricPoint& p : curve.points) {
            x.push_back(axis_ == CurveAxis::Step    ? static_cast<double>(p.step)
                        : axis_ == CurveAxis::Epoch ? p.epoch
                        : curve.sessions.empty()    ? p.wall_time - curve.start_time
                                                    : store::trainedSecondsUntil(curve.sessions, p.wall_time));
            y.push_back(p.value);
        }
        const bool sorted = axis_ != CurveAxis::Epoch;  // epochs repeat within a step-ordered run
        if (smoothed) {
            QColor faint = runColour(i);
            faint.setAlpha(kRawCurveAlpha);
            QCPGraph* raw = plot_->addGraph();
            raw->setPen(QPen(faint, 1));
            raw->removeFromLegend();
            raw->setData(x, y, sorted);
            raws_[i] = raw;
            const std::vector<double> ema = smoothEma(std::vector<double>(y.begin(), y.end()), smoothing_);
            y = QVector<double>(ema.begin(), ema.end());
        }
        QCPGraph* graph = plot_->addGraph();
        graph->setName(curve.label);
        graph->setPen(QPen(runColour(i), 2));
        // A curve with a few points (evaluations) shows them as dots too; a smoothed one's are on its raw curve.
        if (!smoothed && curve.points.size() <= 50) graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
        graph->setData(x, y, sorted);
        lines_[i] = graph;
    }
    if (axis_ == CurveAxis::Time) {
        auto ticker = QSharedPointer<QCPAxisTickerTime>::create();
        ticker->setTimeFormat(QStringLiteral("%h:%m:%s"));
        plot_->xAxis->setTicker(ticker);
        plot_->xAxis->setLabel(tr("training time, stops left out (h:min:s)"));
    } else {
        plot_->xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
        plot_->xAxis->setLabel(axis_ == CurveAxis::Step ? tr("step") : tr("epoch"));
    }
    plot_->yAxis->setLabel(metric_);
    plot_->legend->setVisible(!curves_.empty());
    if (follow_) fit();
    plot_->replot();
}

void RunCurvesPlot::clear() {
    curves_.clear();
    lines_.clear();
    raws_.clear();
    metric_.clear();
    plot_->clearGraphs();
    plot_->legend->setVisible(false);
    plot_->xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    plot_->xAxis->setLabel(QString());
    plot_->yAxis->setLabel(QString());
    plot_->xAxis->setRange(0, 1);
    plot_->yAxis->setRange(0, 1);
    follow_ = true;
    plot_->replot();
}

void RunCurvesPlot::fit() {
    if (plot_->graphCount() == 0) return;
    plot_->rescaleAxes();
    // Air around the curves on both axes, so the first and last points are not cut by the frame.
    for (QCPAxis* axis : {plot_->xAxis, plot_->yAxis}) axis->scaleRange(kAir, axis->range().center());
    plot_->replot();
}

}  // namespace bw::gui
