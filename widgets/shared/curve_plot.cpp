#include "widgets/shared/curve_plot.h"

#include "widgets/shared/chart_numbers.h"
#include "widgets/shared/curve_smoothing.h"
#include "widgets/shared/plot_save_menu.h"
#include "widgets/shared/plot_theme.h"

#include <QAbstractScrollArea>
#include <QCoreApplication>
#include <QPushButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <optional>

namespace bw::gui {
namespace {

// More points than this are a line, not points to look at one by one.
constexpr size_t kMostPointsWithDots = 50;
constexpr double kDotSize = 6;
// A fit shows this much more than the data, so no point is on the frame.
constexpr double kAir = 1.1;
// Legend entries in a row before it wraps (many runs, or a narrow chart).
constexpr int kLegendColumns = 4;
// Dark gold: visible on light and dark backgrounds.
const QColor kMarkerColour(0xB8860B);
// The "paused following" button's distance from the axes' top right corner.
constexpr int kFollowButtonInset = 6;

// The hover texts keep the translation context of the Train page's chart, where they were written.
QString axisValueText(double x, CurveAxis axis) {
    switch (axis) {
        case CurveAxis::Step:
            return QCoreApplication::translate("bw::gui::MetricChart", "step %1").arg(std::llround(x));
        case CurveAxis::Epoch:
            return QCoreApplication::translate("bw::gui::MetricChart", "epoch %1").arg(x, 0, 'f', 2);
        case CurveAxis::Time: {
            const auto s = static_cast<qint64>(std::llround(x));
            return QCoreApplication::translate("bw::gui::MetricChart", "%1:%2:%3 of training")
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

CurvePlot::CurvePlot(const QString& file_name, QWidget* parent)
    : QWidget(parent), plot_(new QCustomPlot(this)), header_(new QCPLayoutGrid) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    useChartNumbers(*plot_->xAxis);
    useChartNumbers(*plot_->yAxis);
    buildLegendRow();
    buildItems();

    // A drag or a zoom keeps the view; a double-click goes back to following the curves.
    connect(plot_, &QCustomPlot::mousePress, this, &CurvePlot::holdView);
    connect(plot_, &QCustomPlot::mouseRelease, this, &CurvePlot::releaseView);
    connect(plot_, &QCustomPlot::mouseWheel, this, &CurvePlot::stopFollowing);
    connect(plot_, &QCustomPlot::mouseDoubleClick, this, [this] {
        held_.reset();  // the release that ends the double-click is not a drag
        followLatest();
    });
    connect(plot_, &QCustomPlot::mouseMove, this, &CurvePlot::showValuesAt);
    addSavePlotMenu(plot_, file_name);
    applyPaletteToPlot(*plot_);
    // Outside the axes, the legend sits on the window's background like the title.
    plot_->legend->setBrush(Qt::NoBrush);
    plot_->legend->setBorderPen(Qt::NoPen);
}

void CurvePlot::setInGrid(bool in_grid) {
    in_grid_ = in_grid;
    if (in_grid) plot_->installEventFilter(this);
    else plot_->removeEventFilter(this);
    plot_->legend->setVisible(hasData() && !in_grid);
    replotWhenShown();
}

bool CurvePlot::eventFilter(QObject* watched, QEvent* event) {
    // The wheel without Ctrl goes to the grid's scroll area, not to QCustomPlot's zoom. Sent there
    // rather than left to propagate: QCustomPlot stops mouse events from reaching its parents.
    if (watched != plot_ || event->type() != QEvent::Wheel) return QWidget::eventFilter(watched, event);
    auto* wheel = static_cast<QWheelEvent*>(event);
    if (wheel->modifiers() & Qt::ControlModifier) return false;
    QWidget* above = parentWidget();
    while (above && !qobject_cast<QAbstractScrollArea*>(above)) above = above->parentWidget();
    if (auto* area = qobject_cast<QAbstractScrollArea*>(above)) {
        QWheelEvent forwarded(area->viewport()->mapFromGlobal(wheel->globalPosition()), wheel->globalPosition(),
                              wheel->pixelDelta(), wheel->angleDelta(), wheel->buttons(), wheel->modifiers(),
                              wheel->phase(), wheel->inverted());
        QCoreApplication::sendEvent(area->viewport(), &forwarded);
    }
    return true;
}

// The legend in a row of its own above the axes, on the left: inside the axes it would hide the
// newest points, and beside a title it would not fit a narrow chart.
void CurvePlot::buildLegendRow() {
    plot_->plotLayout()->insertRow(0);
    plot_->plotLayout()->addElement(0, 0, header_);
    plot_->plotLayout()->setRowStretchFactor(0, 0.001);
    plot_->plotLayout()->setRowSpacing(0);
    header_->setRowSpacing(0);
    auto* legend_row = new QCPLayoutGrid;
    header_->addElement(0, 0, legend_row);
    plot_->axisRect()->insetLayout()->take(plot_->legend);
    legend_row->addElement(0, 0, plot_->legend);
    legend_row->addElement(0, 1, new QCPLayoutElement(plot_));  // takes the rest of the row
    legend_row->setColumnStretchFactor(0, 0.001);
    legend_row->setColumnStretchFactor(1, 1);
    plot_->legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot_->legend->setWrap(kLegendColumns);
    plot_->legend->setFont(font());
    plot_->legend->setMargins(QMargins(0, 0, 0, 0));
    plot_->legend->setVisible(false);
}

// The marker's dashed line and label, and the hint shown while there are no points.
void CurvePlot::buildItems() {
    marker_line_ = new QCPItemStraightLine(plot_);
    marker_line_->setPen(QPen(kMarkerColour, 1.5, Qt::DashLine));
    marker_label_ = new QCPItemText(plot_);
    marker_label_->setColor(kMarkerColour);
    marker_label_->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    marker_label_->setPadding(QMargins(4, 2, 4, 2));
    QColor label_background = palette().color(QPalette::Base);
    label_background.setAlpha(200);
    marker_label_->setBrush(label_background);  // readable over the curves it crosses
    empty_text_ = new QCPItemText(plot_);
    empty_text_->setText(QString());  // QCPItemText starts as "text": a plot without a hint shows none
    empty_text_->position->setType(QCPItemPosition::ptAxisRectRatio);
    empty_text_->position->setCoords(0.5, 0.5);
    empty_text_->setColor(palette().color(QPalette::PlaceholderText));
    empty_text_->setVisible(false);
    placeMarker();
    connect(plot_, &QCustomPlot::afterLayout, this, &CurvePlot::placeMarkerLabel);

    follow_button_ = new QPushButton(plot_);
    follow_button_->setObjectName(QStringLiteral("followButton"));
    follow_button_->setCursor(Qt::PointingHandCursor);
    follow_button_->hide();
    connect(follow_button_, &QPushButton::clicked, this, &CurvePlot::followLatest);
    // In the axes' top right corner, wherever the legend and the tick labels put that corner.
    connect(plot_, &QCustomPlot::afterLayout, this, &CurvePlot::updateFollowButton);
    // Before the layout, which makes the ticks: the axes keep the width of the last layout.
    connect(plot_, &QCustomPlot::beforeReplot, this, &CurvePlot::fitTimeTicks);
}

void CurvePlot::setTitle(const QString& title) {
    QFont title_font = font();
    title_font.setBold(true);
    auto* element = new QCPTextElement(plot_, title, title_font);
    element->setTextFlags(Qt::AlignLeft | Qt::AlignVCenter);
    element->setTextColor(palette().color(QPalette::WindowText));  // light and dark themes
    element->setMargins(QMargins(4, 2, 4, 0));
    header_->insertRow(0);
    header_->addElement(0, 0, element);
}

void CurvePlot::setEmptyHint(const QString& hint) { empty_text_->setText(hint); }

void CurvePlot::setMarker(std::optional<double> x, const QString& label) {
    marker_x_ = x;
    marker_label_->setText(label);
}

bool CurvePlot::showsMarker() const { return marker_line_->visible(); }

void CurvePlot::setCurves(std::vector<PlotCurve> curves, const CurveOptions& options) {
    // Another axis, scale or set of curves: the old view means nothing.
    if (options.axis != options_.axis || options.log_scale != options_.log_scale || curves.size() != curves_.size())
        follow_ = true;
    curves_ = std::move(curves);
    options_ = options;
    redraw();
}

void CurvePlot::setSmoothing(double weight) {
    options_.smoothing = weight;
    redraw();
}

void CurvePlot::clear() {
    curves_.clear();
    marker_x_.reset();
    options_ = CurveOptions{options_.smoothing};  // the user's smoothing stays
    follow_ = true;
    redraw();
    plot_->xAxis->setRange(0, 1);
    plot_->yAxis->setRange(0, 1);
    replotWhenShown();
}

namespace {

// Two metrics that are equal at every point (accuracy and f1_macro on a balanced binary task,
// micro precision and recall) draw one line over the other.
bool samePoints(const QVector<double>& x1, const QVector<double>& y1, const QVector<double>& x2,
                const QVector<double>& y2) {
    if (x1.isEmpty() || x1.size() != x2.size()) return false;
    for (int k = 0; k < x1.size(); ++k)
        if (x1[k] != x2[k] || std::abs(y1[k] - y2[k]) > 1e-12 * std::max(1.0, std::abs(y1[k]))) return false;
    return true;
}

}  // namespace

void CurvePlot::redraw() {
    plot_->clearGraphs();
    lines_.assign(curves_.size(), nullptr);
    raws_.assign(curves_.size(), nullptr);
    const bool sorted = options_.axis != CurveAxis::Epoch;  // epochs repeat within a step-ordered run
    std::vector<QVector<double>> drawn_x(curves_.size()), drawn_y(curves_.size());  // before smoothing
    for (size_t i = 0; i < curves_.size(); ++i) {
        const PlotCurve& curve = curves_[i];
        QVector<double>& x = drawn_x[i];
        QVector<double> y;
        for (int k = 0; k < curve.x.size() && k < curve.y.size(); ++k) {
            if (options_.log_scale && !(curve.y[k] > 0)) continue;  // a log axis cannot show them
            x.push_back(curve.x[k]);
            y.push_back(curve.y[k]);
        }
        drawn_y[i] = y;
        // A curve equal to one drawn before it is dashed over it, its dots rings around the other's,
        // and the legend says which it equals: both stay in sight.
        std::optional<size_t> twin;
        for (size_t j = 0; j < i && !twin; ++j)
            if (samePoints(x, y, drawn_x[j], drawn_y[j])) twin = j;
        const bool smoothed = curve.smoothable && options_.smoothing > 0;
        if (smoothed) {
            QColor faint = curve.colour;
            faint.setAlpha(kRawCurveAlpha);
            raws_[i] = plot_->addGraph();
            raws_[i]->setPen(QPen(faint, 1));
            raws_[i]->removeFromLegend();
            raws_[i]->setData(x, y, sorted);
            const std::vector<double> ema = smoothEma(std::vector<double>(y.begin(), y.end()), options_.smoothing);
            y = QVector<double>(ema.begin(), ema.end());
        }
        QCPGraph* line = plot_->addGraph();
        line->setName(twin ? tr("%1 (= %2)").arg(curve.label, curves_[*twin].label) : curve.label);
        line->setPen(QPen(curve.colour, 2, twin ? Qt::DashLine : Qt::SolidLine));
        // A smoothed curve's points are on its raw curve; a sparse one shows them as dots, and a
        // single point, which draws no line at all, always does (a run shorter than logging_steps).
        const bool sparse = curve.dots_when_sparse && static_cast<size_t>(x.size()) <= kMostPointsWithDots;
        if (x.size() == 1 || (!smoothed && sparse))
            line->setScatterStyle(twin ? QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(curve.colour, 2), Qt::NoBrush,
                                                         kDotSize + 5)
                                       : QCPScatterStyle(QCPScatterStyle::ssDisc, kDotSize));
        line->setData(x, y, sorted);
        // A curve without points (a metric this run does not report) stays out of the legend.
        if (x.isEmpty()) line->removeFromLegend();
        lines_[i] = line;
    }
    // A hidden legend still sizes its row: in a grid, where the grid has the legend, it holds nothing.
    if (in_grid_) plot_->legend->clearItems();
    updateTickers();
    const bool data = hasData();
    empty_text_->setVisible(!data && !empty_text_->text().isEmpty());
    plot_->legend->setVisible(data && !in_grid_);
    if (follow_) fit();
    placeMarker();
    updateFollowButton();
    replotWhenShown();
}

void CurvePlot::updateTickers() {
    const bool log_ticker = plot_->yAxis->scaleType() == QCPAxis::stLogarithmic;
    if (options_.log_scale != log_ticker) {
        plot_->yAxis->setScaleType(options_.log_scale ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
        useChartNumbers(*plot_->yAxis);
    }
    const bool time_ticker = !plot_->xAxis->ticker().dynamicCast<QCPAxisTickerTime>().isNull();
    if (time_ticker != (options_.axis == CurveAxis::Time)) {
        if (options_.axis == CurveAxis::Time) {
            plot_->xAxis->setTicker(QSharedPointer<QCPAxisTickerTime>::create());  // formatted by fitTimeTicks
        } else {
            useChartNumbers(*plot_->xAxis);
        }
    }
}

// Time labels ("01:02:30") are wider than the numbers a ticker's five ticks are sized for: in a
// narrow plot (the Runs page's grid) they ran into each other. Before each layout, which makes the
// ticks: hours only when the curves reach an hour, and as many ticks as such labels fit in the
// axes (or, before the first layout, the widget less the left margin a chart keeps for its labels).
void CurvePlot::fitTimeTicks() {
    const auto ticker = plot_->xAxis->ticker().dynamicCast<QCPAxisTickerTime>();
    if (!ticker) return;
    const bool hours = timeLabelsShowHours();
    ticker->setTimeFormat(hours ? QStringLiteral("%h:%m:%s") : QStringLiteral("%m:%s"));
    const QFontMetrics metrics(plot_->xAxis->tickLabelFont());
    // A label and a gap of two digits each, twice: the ticker rounds its step to the nearest whole
    // time (2.8 s becomes 2 s), which can nearly double the ticks asked for. At least two, for the scale.
    const int slot = metrics.horizontalAdvance(hours ? QStringLiteral("00:00:0000") : QStringLiteral("00:0000"));
    const int axes = plot_->axisRect()->width() > 0 ? plot_->axisRect()->width() : plot_->width() - 80;
    ticker->setTickCount(std::clamp(axes / std::max(1, 2 * slot), 2, 5));
}

bool CurvePlot::timeLabelsShowHours() const {
    // By the curves, not the view: zoomed into an hour-long run, the labels keep their hours.
    const QCPRange range = keyRange().value_or(plot_->xAxis->range());
    return std::max(std::abs(range.lower), std::abs(range.upper)) >= 3600;
}

void CurvePlot::setFitXRange(double lower, double upper) {
    fit_x_ = std::make_pair(lower, upper);
    if (follow_) fit();
    placeMarker();
    replotWhenShown();
}

void CurvePlot::followLatest() {
    follow_ = true;
    fit();
    placeMarker();
    updateFollowButton();
    replotWhenShown();
}

void CurvePlot::setLive(bool live) {
    if (live == live_) return;
    live_ = live;
    if (live) followLatest();  // a run (re)starting is followed, whatever the view was
    else updateFollowButton();
}

// The left button holds the view still (new points must not move it under a drag); the release
// tells a drag, which keeps the view, from a click, which changes nothing.
void CurvePlot::holdView(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return;  // a right-click only opens the menu
    const QCPRange x = plot_->xAxis->range(), y = plot_->yAxis->range();
    held_ = HeldView{x.lower, x.upper, y.lower, y.upper, follow_};
    follow_ = false;
}

void CurvePlot::releaseView(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton || !held_) return;
    const HeldView held = *held_;
    held_.reset();
    const QCPRange x = plot_->xAxis->range(), y = plot_->yAxis->range();
    const bool moved = x.lower != held.x_lower || x.upper != held.x_upper || y.lower != held.y_lower ||
                       y.upper != held.y_upper;
    if (moved) stopFollowing();
    else if (held.followed) followLatest();  // points that came during the click are fitted in
}

void CurvePlot::stopFollowing() {
    follow_ = false;
    updateFollowButton();
}

// Shown while a live plot does not follow its points; the full sentence where it fits the axes.
void CurvePlot::updateFollowButton() {
    const bool shown = live_ && !follow_ && !held_ && hasData();
    if (!shown) {
        follow_button_->hide();
        return;
    }
    const QString full = tr("Paused following — click to follow the run again");
    const QRect axes = plot_->axisRect()->rect();
    follow_button_->setText(full);
    follow_button_->setToolTip(full);
    if (follow_button_->sizeHint().width() > axes.width() - 2 * kFollowButtonInset)
        follow_button_->setText(tr("Paused — follow again"));
    follow_button_->resize(follow_button_->sizeHint());
    follow_button_->move(axes.right() - kFollowButtonInset - follow_button_->width(), axes.top() + kFollowButtonInset);
    follow_button_->show();
    follow_button_->raise();
}

// Shows every point with air around it, so that neither the first nor the last is on the frame.
void CurvePlot::fit() {
    if (!hasData()) return;
    if (fit_x_) {
        plot_->xAxis->setRange(fit_x_->first, fit_x_->second);
    } else {
        plot_->xAxis->rescale(true);
        plot_->xAxis->scaleRange(kAir, plot_->xAxis->range().center());
    }
    plot_->yAxis->rescale(true);
    QCPRange y = plot_->yAxis->range();
    // The values' own extent: rescale keeps the old range's size around a single value.
    bool any = false;
    QCPRange values;
    for (int g = 0; g < plot_->graphCount(); ++g) {
        bool found = false;
        const QCPRange r = plot_->graph(g)->getValueRange(found);
        if (!found || !plot_->graph(g)->visible()) continue;
        values = any ? QCPRange(std::min(values.lower, r.lower), std::max(values.upper, r.upper)) : r;
        any = true;
    }
    if (any) y = values;
    // One value has no extent: give it some, so it is not drawn on the frame.
    if (y.size() <= std::abs(y.center()) * 1e-9) {
        const double half = y.center() != 0 ? std::abs(y.center()) * 0.1 : 1.0;
        y = QCPRange(y.center() - half, y.center() + half);
    }
    plot_->yAxis->setRange(y);
    plot_->yAxis->scaleRange(kAir, plot_->yAxis->range().center());
}

void CurvePlot::placeMarker() {
    const bool visible = hasData() && marker_x_.has_value();
    marker_line_->setVisible(visible);
    marker_label_->setVisible(visible);
    if (!visible) return;
    marker_line_->point1->setCoords(*marker_x_, 0);
    marker_line_->point2->setCoords(*marker_x_, 1);
    placeMarkerLabel();
}

// At the foot of the line, where curves rarely are: right of it where the label fits, else left of
// it, else as near as the plot's edges allow (a fixed share of the range once cut "best checkpoint ·
// ste" at the edge of a narrow plot). Placed in pixels after each layout, since it depends on the
// plot's width.
void CurvePlot::placeMarkerLabel() {
    if (!marker_x_ || !marker_label_->visible()) return;
    const QRect area = plot_->axisRect()->rect();
    const double at = plot_->xAxis->coordToPixel(*marker_x_);
    const QMargins padding = marker_label_->padding();
    const double width = QFontMetrics(marker_label_->font()).horizontalAdvance(marker_label_->text()) + padding.left() + padding.right();
    double left = at;                                             // right of the line
    if (at + width > area.right()) left = at - width;             // left of it
    if (left < area.left()) left = std::max<double>(area.left(), area.right() - width);  // neither: within the edges
    marker_label_->position->setTypeX(QCPItemPosition::ptAbsolute);
    marker_label_->position->setCoords(left, 1.0);
    marker_label_->setPositionAlignment(Qt::AlignBottom | Qt::AlignLeft);
}

// A plot with no size yet (on a hidden page) draws when it gets one.
void CurvePlot::replotWhenShown() {
    if (plot_->width() > 0 && plot_->height() > 0) plot_->replot(QCustomPlot::rpQueuedReplot);
}

std::optional<QCPRange> CurvePlot::keyRange() const {
    std::optional<QCPRange> range;
    for (const QCPGraph* line : lines_) {
        bool found = false;
        const QCPRange keys = line->getKeyRange(found);
        if (!found) continue;
        range = range ? QCPRange(std::min(range->lower, keys.lower), std::max(range->upper, keys.upper)) : keys;
    }
    return range;
}

bool CurvePlot::hasData() const {
    for (const QCPGraph* line : lines_)
        if (!line->data()->isEmpty()) return true;
    return false;
}

void CurvePlot::showValuesAt(QMouseEvent* event) {
    if (!hasData() || !plot_->axisRect()->rect().contains(event->pos())) {
        QToolTip::hideText();
        return;
    }
    const double key = plot_->xAxis->pixelToCoord(event->position().x());
    QStringList lines;
    double shown_key = key;
    for (size_t i = 0; i < curves_.size(); ++i) {
        const QCPGraphData* p = nearest(lines_[i], key);
        if (!p) continue;
        shown_key = p->key;
        const QCPGraphData* raw = raws_[i] ? nearest(raws_[i], key) : nullptr;
        const QString& label = curves_[i].label;
        lines << (raw ? QCoreApplication::translate("bw::gui::MetricChart", "%1: %2 (raw %3)")
                            .arg(label, chartNumber(p->value), chartNumber(raw->value))
                      : QCoreApplication::translate("bw::gui::MetricChart", "%1: %2").arg(label, chartNumber(p->value)));
    }
    lines.prepend(axisValueText(shown_key, options_.axis));
    QToolTip::showText(event->globalPosition().toPoint(), lines.join(QLatin1Char('\n')), plot_);
}

}  // namespace bw::gui
