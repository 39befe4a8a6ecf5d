#include "widgets/train/metric_chart.h"

#include "widgets/shared/plot_save_menu.h"
#include "widgets/shared/curve_smoothing.h"
#include "widgets/train/training_history.h"
#include "widgets/workbench/plot_theme.h"

#include <QToolTip>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <cmath>

namespace bw::gui {
namespace {

constexpr size_t kMostPointsWithDots = 50;  // sparse series (evaluations) show their points
const QColor kBestColour(0xB8860B);         // dark gold: visible on light and dark backgrounds

double xOf(const CurvePoint& p, CurveAxis axis, const TrainingHistory& history) {
    switch (axis) {
        case CurveAxis::Step: return static_cast<double>(p.step);
        case CurveAxis::Epoch: return p.epoch;
        case CurveAxis::Time: return history.trainingTimeAt(p.wall_time);
    }
    return 0;
}

QString axisValueText(double x, CurveAxis axis) {
    switch (axis) {
        case CurveAxis::Step: return MetricChart::tr("step %1").arg(std::llround(x));
        case CurveAxis::Epoch: return MetricChart::tr("epoch %1").arg(x, 0, 'f', 2);
        case CurveAxis::Time: {
            const auto s = static_cast<qint64>(std::llround(x));
            return MetricChart::tr("%1:%2:%3 of training")
                .arg(s / 3600)
                .arg((s % 3600) / 60, 2, 10, QLatin1Char('0'))
                .arg(s % 60, 2, 10, QLatin1Char('0'));
        }
    }
    return {};
}

// The nearest point to `key` of a graph sorted by key, or null.
const QCPGraphData* nearest(const QCPGraph* graph, double key) {
    const auto data = graph->data();
    if (data->isEmpty()) return nullptr;
    auto it = data->findBegin(key, false);
    if (it == data->constEnd()) return &*(data->constEnd() - 1);
    if (it != data->constBegin() && key - (it - 1)->key < it->key - key) --it;
    return &*it;
}

}  // namespace

MetricChart::MetricChart(ChartSpec spec, QWidget* parent)
    : QWidget(parent), spec_(std::move(spec)), plot_(new QCustomPlot(this)) {
    setObjectName(spec_.id + QStringLiteral("Chart"));
    plot_->setObjectName(spec_.id + QStringLiteral("Plot"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    // The chart grid's rows share the height evenly, whatever a plot would like.
    setMinimumHeight(180);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Ignored);
    // Room for tick labels such as "8·10⁻⁵", so that the axes of charts above one another line up.
    plot_->axisRect()->setMinimumMargins(QMargins(68, 8, 12, 8));
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);

    buildHeader();
    for (const SeriesSpec& s : spec_.series) addSeries(s);
    buildMarkers();

    // A drag or a zoom keeps the view; a double-click goes back to following the run.
    connect(plot_, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) {
        if (event->button() == Qt::LeftButton) follow_ = false;
    });
    connect(plot_, &QCustomPlot::mouseWheel, this, [this] { follow_ = false; });
    connect(plot_, &QCustomPlot::mouseDoubleClick, this, [this] {
        follow_ = true;
        emit fitRequested();
    });
    connect(plot_, &QCustomPlot::mouseMove, this, &MetricChart::showValuesAt);
    addSavePlotMenu(plot_, spec_.id);
    applyPaletteToPlot(*plot_);
    // Outside the axes, the legend sits on the window's background like the title.
    plot_->legend->setBrush(Qt::NoBrush);
    plot_->legend->setBorderPen(Qt::NoPen);
}

// The title, then the legend in a row of its own, both on the left: inside the axes the legend
// would hide the newest points, and beside the title it would not fit a narrow chart.
void MetricChart::buildHeader() {
    QFont title_font = font();
    title_font.setBold(true);
    auto* title = new QCPTextElement(plot_, spec_.title, title_font);
    title->setTextFlags(Qt::AlignLeft | Qt::AlignVCenter);
    title->setTextColor(palette().color(QPalette::WindowText));  // light and dark themes
    title->setMargins(QMargins(4, 2, 4, 0));
    auto* legend_row = new QCPLayoutGrid;
    plot_->plotLayout()->insertRow(0);
    plot_->plotLayout()->addElement(0, 0, title);
    plot_->plotLayout()->insertRow(1);
    plot_->plotLayout()->addElement(1, 0, legend_row);
    plot_->plotLayout()->setRowStretchFactor(0, 0.001);
    plot_->plotLayout()->setRowStretchFactor(1, 0.001);
    plot_->plotLayout()->setRowSpacing(0);
    plot_->axisRect()->insetLayout()->take(plot_->legend);
    legend_row->addElement(0, 0, plot_->legend);
    legend_row->addElement(0, 1, new QCPLayoutElement(plot_));  // takes the rest of the row
    legend_row->setColumnStretchFactor(0, 0.001);
    legend_row->setColumnStretchFactor(1, 1);
    plot_->legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot_->legend->setFont(font());
    plot_->legend->setMargins(QMargins(0, 0, 0, 0));
    plot_->legend->setVisible(true);
}

void MetricChart::addSeries(const SeriesSpec& spec) {
    Series series{spec};
    if (spec.smoothed) {
        QColor faint = spec.colour;
        faint.setAlpha(kRawCurveAlpha);
        series.raw = plot_->addGraph();
        series.raw->setPen(QPen(faint, 1));
        series.raw->removeFromLegend();
    }
    series.line = plot_->addGraph();
    series.line->setName(spec.label);
    series.line->setPen(QPen(spec.colour, 2));
    series_.push_back(series);
}

// The best checkpoint's dashed line and its label, and the hint shown while there are no points.
void MetricChart::buildMarkers() {
    best_line_ = new QCPItemStraightLine(plot_);
    best_line_->setPen(QPen(kBestColour, 1.5, Qt::DashLine));
    best_label_ = new QCPItemText(plot_);
    best_label_->setColor(kBestColour);
    best_label_->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    best_label_->setPadding(QMargins(4, 2, 4, 2));
    QColor label_background = palette().color(QPalette::Base);
    label_background.setAlpha(200);
    best_label_->setBrush(label_background);  // readable over the curves it crosses
    empty_text_ = new QCPItemText(plot_);
    empty_text_->position->setType(QCPItemPosition::ptAxisRectRatio);
    empty_text_->position->setCoords(0.5, 0.5);
    empty_text_->setText(spec_.empty_hint);
    empty_text_->setColor(palette().color(QPalette::PlaceholderText));
}

void MetricChart::setCurves(const TrainingHistory& history, const ChartOptions& options) {
    if (options.axis != axis_) follow_ = true;  // another axis: the old view means nothing
    axis_ = options.axis;
    for (Series& s : series_) {
        QVector<double> x, y;
        if (const std::vector<CurvePoint>* points = history.series(s.spec.metric)) {
            for (const CurvePoint& p : *points) {
                if (options.log_scale && !(p.value > 0)) continue;  // a log axis cannot show them
                x.push_back(xOf(p, options.axis, history));
                y.push_back(p.value);
            }
        }
        const bool sorted = options.axis != CurveAxis::Epoch;  // epochs never go back, but let QCustomPlot make sure
        if (s.raw) {
            s.raw->setData(x, y, sorted);
            s.raw->setVisible(options.smoothing > 0);
            const std::vector<double> smoothed = smoothEma(std::vector<double>(y.begin(), y.end()), options.smoothing);
            s.line->setData(x, QVector<double>(smoothed.begin(), smoothed.end()), sorted);
        } else {
            s.line->setData(x, y, sorted);
            // Evaluations are a few points each worth seeing; a dense train series is a line.
            const bool dots = s.spec.metric.rfind("eval/", 0) == 0 && x.size() <= static_cast<int>(kMostPointsWithDots);
            s.line->setScatterStyle(dots ? QCPScatterStyle(QCPScatterStyle::ssDisc, 6)
                                         : QCPScatterStyle(QCPScatterStyle::ssNone));
        }
        // Series a run does not report (NSP for masked LM, f1_macro for regression) stay out of the legend.
        if (x.isEmpty()) s.line->removeFromLegend();
        else s.line->addToLegend();
    }

    if (options.log_scale != (plot_->yAxis->scaleType() == QCPAxis::stLogarithmic)) {
        plot_->yAxis->setScaleType(options.log_scale ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
        plot_->yAxis->setTicker(options.log_scale ? QSharedPointer<QCPAxisTicker>(new QCPAxisTickerLog)
                                                  : QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        follow_ = true;
    }
    const bool time_ticker = !plot_->xAxis->ticker().dynamicCast<QCPAxisTickerTime>().isNull();
    if (time_ticker != (options.axis == CurveAxis::Time)) {
        if (options.axis == CurveAxis::Time) {
            auto ticker = QSharedPointer<QCPAxisTickerTime>::create();
            ticker->setTimeFormat(QStringLiteral("%h:%m:%s"));
            plot_->xAxis->setTicker(ticker);
        } else {
            plot_->xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
        }
    }

    best_x_.reset();
    if (history.bestStep())
        if (const std::optional<CurvePoint> best = history.pointAtStep(*history.bestStep())) {
            best_x_ = xOf(*best, options.axis, history);
            best_label_->setText(tr("best checkpoint · step %1").arg(*history.bestStep()));
        }
}

std::optional<QCPRange> MetricChart::keyRange() const {
    std::optional<QCPRange> range;
    for (const Series& s : series_) {
        bool found = false;
        const QCPRange keys = s.line->getKeyRange(found);
        if (!found) continue;
        range = range ? QCPRange(std::min(range->lower, keys.lower), std::max(range->upper, keys.upper)) : keys;
    }
    return range;
}

void MetricChart::showRange(const QCPRange& x) {
    const bool data = hasData();
    empty_text_->setVisible(!data);
    plot_->legend->setVisible(data);
    if (follow_ && data) {
        plot_->xAxis->setRange(x);
        plot_->yAxis->rescale(true);
        QCPRange y = plot_->yAxis->range();
        // One value has no extent: give it some, so it is not drawn on the frame.
        if (y.size() <= std::abs(y.center()) * 1e-9) {
            const double half = y.center() != 0 ? std::abs(y.center()) * 0.1 : 1.0;
            y = QCPRange(y.center() - half, y.center() + half);
        }
        plot_->yAxis->setRange(y);
        // A little air above and below, so the extremes are not on the frame.
        plot_->yAxis->scaleRange(1.1, plot_->yAxis->range().center());
    }
    placeBestMarker(plot_->xAxis->range());
    // A plot with no size yet (a hidden page) draws when it gets one.
    if (plot_->width() > 0 && plot_->height() > 0) plot_->replot(QCustomPlot::rpQueuedReplot);
}

void MetricChart::placeBestMarker(const QCPRange& x) {
    const bool visible = hasData() && best_x_.has_value();
    best_line_->setVisible(visible);
    best_label_->setVisible(visible);
    if (!visible) return;
    best_line_->point1->setCoords(*best_x_, 0);
    best_line_->point2->setCoords(*best_x_, 1);
    // At the foot of the line, where curves rarely are; on its left near the right edge.
    best_label_->position->setCoords(*best_x_, 1.0);
    const bool near_right = *best_x_ > x.lower + x.size() * 0.75;
    best_label_->setPositionAlignment(Qt::AlignBottom | (near_right ? Qt::AlignRight : Qt::AlignLeft));
}

QCPGraph* MetricChart::graph(const std::string& metric) const {
    for (const Series& s : series_)
        if (s.spec.metric == metric) return s.line;
    return nullptr;
}

QCPGraph* MetricChart::rawGraph(const std::string& metric) const {
    for (const Series& s : series_)
        if (s.spec.metric == metric) return s.raw;
    return nullptr;
}

bool MetricChart::hasData() const {
    for (const Series& s : series_)
        if (!s.line->data()->isEmpty()) return true;
    return false;
}

bool MetricChart::showsBestMarker() const { return best_line_->visible(); }

void MetricChart::showValuesAt(QMouseEvent* event) {
    if (!hasData() || !plot_->axisRect()->rect().contains(event->pos())) {
        QToolTip::hideText();
        return;
    }
    const double key = plot_->xAxis->pixelToCoord(event->position().x());
    QStringList lines;
    double shown_key = key;
    for (const Series& s : series_) {
        const QCPGraphData* p = nearest(s.line, key);
        if (!p) continue;
        shown_key = p->key;
        const QCPGraphData* raw = s.raw && s.raw->visible() ? nearest(s.raw, key) : nullptr;
        lines << (raw ? tr("%1: %2 (raw %3)").arg(s.spec.label).arg(p->value, 0, 'g', 4).arg(raw->value, 0, 'g', 4)
                      : tr("%1: %2").arg(s.spec.label).arg(p->value, 0, 'g', 4));
    }
    lines.prepend(axisValueText(shown_key, axis_));
    QToolTip::showText(event->globalPosition().toPoint(), lines.join(QLatin1Char('\n')), plot_);
}

}  // namespace bw::gui
