#include "widgets/runs/parallel_coordinates_plot.h"

#include "widgets/shared/chart_numbers.h"
#include "widgets/shared/plot_save_menu.h"
#include "widgets/shared/plot_theme.h"
#include "widgets/shared/viridis_gradient.h"

#include <QToolTip>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>
#include <set>

namespace bw::gui {
namespace {

// A log axis for values whose largest is more than this many times the smallest (one decade).
constexpr double kLogRatio = 10;
// An axis with at most this many distinct values is labelled at each of them.
constexpr int kMostValueTicks = 6;
constexpr int kTicks = 5;  // otherwise: evenly spaced, or the decades of a log axis
// The axes' ends leave this much of the height free, so that a line at either end is whole.
constexpr double kAir = 0.03;
constexpr int kBottomMargin = 8;
constexpr int kTickLength = 4;
constexpr int kLabelPadding = kTickLength + 3 + 2 + 6;  // the tick, the label's padding and a little air
// An axis asks for the room its tick labels take to its left, between these bounds: the lines
// between two axes stay visible, and one long category name does not take the whole plot.
constexpr double kLeastRoom = 44, kMostRoom = 190;
constexpr size_t kNameLines = 3;  // axis names go up in turns over at most this many lines
constexpr double kLineWidth = 1.6, kHighlightWidth = 3.6;
constexpr int kFadedAlpha = 50;
constexpr double kHoverPixels = 6;  // how near the mouse must be to a line
const QColor kNoMetricColour(0x9E9E9E);

QString valueText(const nlohmann::json& value) {
    if (value.is_string()) return QString::fromStdString(value.get<std::string>());
    return QString::fromStdString(value.dump());
}

// Where the ticks of an axis go: at each value when there are few, else evenly (or at the decades).
std::vector<double> tickValues(const ParallelAxis& axis, const std::vector<double>& values) {
    std::set<double> distinct(values.begin(), values.end());
    if (static_cast<int>(distinct.size()) <= kMostValueTicks) return {distinct.begin(), distinct.end()};
    std::vector<double> ticks;
    if (axis.logarithmic) {
        for (int e = static_cast<int>(std::ceil(std::log10(axis.lower))); e <= std::floor(std::log10(axis.upper)); ++e)
            ticks.push_back(std::pow(10.0, e));
        if (ticks.size() < 2) ticks = {axis.lower, axis.upper};
        return ticks;
    }
    for (int i = 0; i < kTicks; ++i) ticks.push_back(axis.lower + (axis.upper - axis.lower) * i / (kTicks - 1));
    return ticks;
}

}  // namespace

ParallelAxis ParallelAxis::fromValues(const QString& name, const std::vector<nlohmann::json>& values) {
    ParallelAxis axis;
    axis.name = name;
    std::vector<double> numbers;
    bool only_numbers = true;
    for (const nlohmann::json& v : values) {
        if (v.is_null()) continue;
        if (v.is_number()) numbers.push_back(v.get<double>());
        else only_numbers = false;
    }
    axis.numeric = only_numbers && !numbers.empty();
    if (axis.numeric) {
        const auto [lowest, highest] = std::minmax_element(numbers.begin(), numbers.end());
        axis.lower = *lowest;
        axis.upper = *highest;
        axis.logarithmic = axis.lower > 0 && axis.upper / axis.lower > kLogRatio;
        return axis;
    }
    std::set<QString> names;
    for (const nlohmann::json& v : values)
        if (!v.is_null()) names.insert(valueText(v));
    axis.categories = QStringList(names.begin(), names.end());
    return axis;
}

std::optional<double> ParallelAxis::position(const nlohmann::json& value) const {
    if (value.is_null()) return std::nullopt;
    if (!numeric) {
        const qsizetype at = categories.indexOf(valueText(value));
        if (at < 0) return std::nullopt;
        return categories.size() == 1 ? 0.5 : static_cast<double>(at) / (categories.size() - 1);
    }
    if (!value.is_number()) return std::nullopt;
    const double v = value.get<double>();
    if (upper == lower) return 0.5;
    if (logarithmic) {
        if (!(v > 0)) return std::nullopt;
        return (std::log10(v) - std::log10(lower)) / (std::log10(upper) - std::log10(lower));
    }
    return (v - lower) / (upper - lower);
}

ParallelCoordinatesPlot::ParallelCoordinatesPlot(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    setMinimumSize(320, 240);
    plot_->xAxis->setVisible(false);
    plot_->yAxis->setVisible(false);
    plot_->axisRect()->setAutoMargins(QCP::msNone);
    colour_scale_ = new QCPColorScale(plot_);
    colour_scale_->setType(QCPAxis::atRight);
    colour_scale_->setGradient(viridisGradient(/*dark_end=*/true));
    colour_scale_->setBarWidth(10);
    colour_scale_->setRangeDrag(false);
    colour_scale_->setRangeZoom(false);
    plot_->plotLayout()->addElement(0, 1, colour_scale_);
    auto* margins = new QCPMarginGroup(plot_);  // the scale as tall as the axes
    plot_->axisRect()->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
    colour_scale_->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
    useChartNumbers(*colour_scale_->axis());
    applyPaletteToPlot(*plot_);
    addSavePlotMenu(plot_, QStringLiteral("hparams"));
    plot_->setMouseTracking(true);
    connect(plot_, &QCustomPlot::mouseMove, this, &ParallelCoordinatesPlot::hover);
    connect(plot_, &QCustomPlot::mousePress, this, &ParallelCoordinatesPlot::click);
    // Whether names must take turns in two rows depends on the width the axes got.
    connect(plot_, &QCustomPlot::afterLayout, this, &ParallelCoordinatesPlot::placeLabels);
    redraw();
}

void ParallelCoordinatesPlot::setEmptyHint(const QString& hint) {
    empty_hint_ = hint;
    empty_text_->setText(hint);
    plot_->replot();
}

void ParallelCoordinatesPlot::setRuns(const QList<qint64>& run_ids, const QStringList& labels,
                                      const std::vector<ParallelColumn>& columns) {
    run_ids_ = run_ids;
    labels_ = labels;
    columns_ = columns;
    if (!run_ids_.contains(highlighted_)) highlighted_ = 0;
    hovered_ = 0;
    redraw();
}

void ParallelCoordinatesPlot::redraw() {
    plot_->clearGraphs();
    plot_->clearItems();  // the axes, their ticks and names; the empty hint is made again below
    axis_names_.clear();
    category_labels_.clear();
    tick_texts_.clear();
    label_room_.clear();
    lines_.clear();
    colours_.clear();
    axes_.clear();
    empty_text_ = new QCPItemText(plot_);
    empty_text_->position->setType(QCPItemPosition::ptAxisRectRatio);
    empty_text_->position->setCoords(0.5, 0.5);
    empty_text_->setColor(palette().color(QPalette::PlaceholderText));
    empty_text_->setText(empty_hint_);

    for (const ParallelColumn& c : columns_) axes_.push_back(ParallelAxis::fromValues(c.name, c.values));
    const int n = static_cast<int>(axes_.size());
    const bool drawn = n >= 2 && !run_ids_.isEmpty();
    empty_text_->setVisible(!drawn);
    colour_scale_->setVisible(drawn);
    const int line_height = QFontMetrics(font()).height();
    plot_->axisRect()->setMargins(QMargins(int(kLeastRoom), line_height + 12, 24, kBottomMargin));  // placeLabels adds lines
    // The axes sit at fractions of the width, evenly at first; placeLabels() gives each the room its labels need.
    plot_->xAxis->setRange(n > 1 ? QCPRange(0, 1) : QCPRange(-0.5, 0.5));
    plot_->yAxis->setRange(-kAir, 1 + kAir);
    axis_x_.clear();
    for (int a = 0; a < n; ++a) axis_x_.push_back(n > 1 ? double(a) / (n - 1) : 0.0);
    anchors_.assign(static_cast<size_t>(n), {});
    if (!drawn) {
        plot_->replot();
        return;
    }

    // The last column is the metric: it colours the lines, on its axis's scale.
    const ParallelAxis& metric = axes_.back();
    colour_scale_->axis()->setLabel(metric.name);
    colour_scale_->setDataScaleType(metric.logarithmic ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    useChartNumbers(*colour_scale_->axis());
    colour_scale_->setDataRange(metric.numeric && metric.upper > metric.lower ? QCPRange(metric.lower, metric.upper)
                                : metric.numeric ? QCPRange(metric.lower - 0.5, metric.lower + 0.5)
                                                 : QCPRange(0, 1));
    QCPColorGradient gradient = viridisGradient(/*dark_end=*/true);
    for (int r = 0; r < run_ids_.size(); ++r) {
        const nlohmann::json& value = columns_.back().values[r];
        colours_.push_back(metric.numeric && value.is_number()
                               ? QColor(gradient.color(value.get<double>(), colour_scale_->dataRange(), metric.logarithmic))
                               : kNoMetricColour);
        QCPGraph* line = plot_->addGraph();
        QVector<double> x, y;
        for (int a = 0; a < n; ++a) {
            x << axis_x_[a];
            y << axes_[a].position(columns_[a].values[r]).value_or(std::nan(""));  // a gap where it has no value
        }
        line->setData(x, y, true);
        line->setName(labels_.value(r));
        line->setSelectable(QCP::stNone);
        lines_.push_back(line);
    }
    for (int a = 0; a < n; ++a) drawAxis(a);
    QMargins margins = plot_->axisRect()->margins();
    margins.setLeft(static_cast<int>(label_room_.front()));  // the first axis's labels
    plot_->axisRect()->setMargins(margins);
    placeLabels();
    restyleLines();
}

void ParallelCoordinatesPlot::drawAxis(int index) {
    const ParallelAxis& axis = axes_[index];
    const QColor text = palette().color(QPalette::WindowText);
    QColor label_background = palette().color(QPalette::Base);
    label_background.setAlpha(210);  // tick labels stay readable over the lines
    auto* line = new QCPItemLine(plot_);
    line->start->setCoords(axis_x_[index], 0);
    line->end->setCoords(axis_x_[index], 1);
    anchors_[index] = {line->start, line->end};
    line->setPen(QPen(text, 1.5));
    line->setLayer(QStringLiteral("main"));

    std::vector<std::pair<double, QString>> ticks;  // position, label
    if (axis.numeric) {
        std::vector<double> values;
        for (const nlohmann::json& v : columns_[index].values)
            if (v.is_number()) values.push_back(v.get<double>());
        for (double t : tickValues(axis, values))
            if (const auto at = axis.position(t)) ticks.emplace_back(*at, chartNumber(t, 4));
    } else {
        for (const QString& c : axis.categories)
            ticks.emplace_back(*axis.position(nlohmann::json(c.toStdString())), c.isEmpty() ? tr("(empty)") : c);
    }
    // Labels closer than a line of text to a neighbour are left out (two runs of nearly equal accuracy),
    // but never the lowest and the highest: an axis of seeds 5, 42 and 44 is labelled 44 at its top.
    std::sort(ticks.begin(), ticks.end());
    const double height = plot_->axisRect()->height() > 50 ? plot_->axisRect()->height() : 300;
    const double closest = (QFontMetrics(font()).height() + 2) * (1 + 2 * kAir) / height;
    std::vector<std::pair<double, QString>> kept;
    for (size_t t = 0; t < ticks.size(); ++t) {
        const bool end = t == 0 || t + 1 == ticks.size();
        if (!end && (ticks[t].first - kept.back().first < closest || ticks.back().first - ticks[t].first < closest))
            continue;
        kept.push_back(ticks[t]);
    }
    const QFontMetrics label_metrics(font());
    double widest = 0;
    QStringList texts;
    for (const auto& [at, label] : kept) {
        widest = std::max(widest, double(label_metrics.horizontalAdvance(label)) + 2);  // elidedText cuts at the advance
        texts << label;
        auto* tick = new QCPItemLine(plot_);
        tick->start->setCoords(axis_x_[index], at);
        anchors_[index].push_back(tick->start);
        tick->end->setParentAnchor(tick->start);
        tick->end->setType(QCPItemPosition::ptAbsolute);
        tick->end->setCoords(-kTickLength, 0);
        tick->setPen(QPen(text));
        auto* text_item = new QCPItemText(plot_);
        text_item->position->setCoords(axis_x_[index], at);
        anchors_[index].push_back(text_item->position);
        text_item->setPositionAlignment(Qt::AlignRight | Qt::AlignVCenter);
        text_item->setPadding(QMargins(2, 0, kTickLength + 3, 0));
        text_item->setText(label);
        text_item->setColor(text);
        text_item->setBrush(label_background);
        text_item->setClipToAxisRect(false);
        text_item->setLayer(QStringLiteral("axes"));  // above the lines
        if (!axis.numeric) category_labels_.push_back({text_item, label, index});  // elided to the room they get
    }
    tick_texts_.push_back(texts);
    label_room_.push_back(std::clamp(widest + kLabelPadding, kLeastRoom, kMostRoom));
    auto* name = new QCPItemText(plot_);
    name->position->setCoords(axis_x_[index], 1 + kAir);
    anchors_[index].push_back(name->position);
    name->setPositionAlignment(Qt::AlignBottom | Qt::AlignHCenter);
    name->setText(axisTitle(axis));
    QFont bold = font();
    bold.setBold(true);
    name->setFont(bold);
    name->setColor(text);
    name->setClipToAxisRect(false);
    axis_names_.push_back(name);
}

std::vector<double> ParallelCoordinatesPlot::axisOffsets(const std::vector<double>& room, double width) {
    // room[i]: what the gap before axis i + 1 asks for. When the asks fit, every gap gets at least
    // the same share (a water level) and more where it asks more; else each gets its share of the width.
    std::vector<double> gaps = room;
    const double asked = std::accumulate(room.begin(), room.end(), 0.0);
    if (asked >= width && asked > 0) {
        for (double& g : gaps) g *= width / asked;
    } else if (!room.empty()) {
        std::vector<double> sorted = room;
        std::sort(sorted.begin(), sorted.end(), std::greater<>());
        double fixed = 0;  // the asks above the level
        size_t above = 0;
        double level = width / static_cast<double>(room.size());
        while (above < sorted.size() && sorted[above] > level) {
            fixed += sorted[above++];
            level = (width - fixed) / static_cast<double>(room.size() - above);
        }
        for (double& g : gaps) g = std::max(g, level);
    }
    std::vector<double> offsets{0};
    for (double g : gaps) offsets.push_back(offsets.back() + g);
    return offsets;
}

// Each axis gets the room its tick labels need to its left (axisOffsets), the lines and items move
// with it, and category names are cut in the middle (paths and task names differ at either end) to
// what room is left. The first name starts at its axis and the last ends at its own, so that both stay
// inside the plot; the others are centred. Where neighbours would overlap, the names go up in turns
// over as many lines as it takes (at most kNameLines; past that they are cut in the middle to the room
// they have).
void ParallelCoordinatesPlot::placeLabels() {
    if (axis_names_.empty()) return;
    const size_t n = axis_names_.size();
    const double width = plot_->axisRect()->width();
    if (n > 1 && width > 0) {
        const std::vector<double> offsets = axisOffsets({label_room_.begin() + 1, label_room_.end()}, width);
        bool moved = false;
        for (size_t a = 0; a < n; ++a) {
            const double x = offsets[a] / width;
            if (std::abs(x - axis_x_[a]) * width < 0.5) continue;
            moved = true;
            axis_x_[a] = x;
            for (QCPItemPosition* p : anchors_[a]) p->setCoords(x, p->coords().y());
        }
        if (moved)
            for (QCPGraph* line : lines_) {
                QVector<double> x(axis_x_.begin(), axis_x_.end()), y;
                for (auto it = line->data()->constBegin(); it != line->data()->constEnd(); ++it) y << it->value;
                line->setData(x, y, true);
            }
    }
    const auto pixelOf = [&](size_t a) { return plot_->xAxis->coordToPixel(axis_x_[a]); };
    // The room left of axis a, in pixels: the margin for the first.
    const auto roomBefore = [&](size_t a) {
        return a == 0 ? double(plot_->axisRect()->margins().left()) : pixelOf(a) - pixelOf(a - 1);
    };
    const QFontMetrics label_metrics(font());
    for (const CategoryLabel& label : category_labels_) {
        const double room = roomBefore(static_cast<size_t>(label.axis)) - kLabelPadding;
        label.item->setText(label_metrics.elidedText(label.text, Qt::ElideMiddle, static_cast<int>(std::max(room, 24.0))));
    }
    const QFontMetrics metrics(axis_names_.front()->font());
    for (size_t i = 0; i < n; ++i) axis_names_[i]->setText(axisTitle(axes_[i]));  // whole again, then measured
    std::vector<Qt::Alignment> alignment(n, Qt::AlignHCenter);
    std::vector<std::pair<double, double>> extent(n);  // left and right, in pixels
    for (size_t i = 0; i < n; ++i) {
        if (n > 1 && i == 0) alignment[i] = Qt::AlignLeft;
        if (n > 1 && i + 1 == n) alignment[i] = Qt::AlignRight;
        const double x = pixelOf(i);
        const double name_width = metrics.horizontalAdvance(axis_names_[i]->text()) + 8;
        extent[i] = alignment[i] == Qt::AlignLeft    ? std::pair(x, x + name_width)
                    : alignment[i] == Qt::AlignRight ? std::pair(x - name_width, x)
                                                     : std::pair(x - name_width / 2, x + name_width / 2);
    }
    // The fewest lines on which no name overlaps the next one on its own line.
    const auto overlapFree = [&](size_t lines) {
        for (size_t i = lines; i < n; ++i)
            if (extent[i - lines].second > extent[i].first) return false;
        return true;
    };
    size_t lines = 1;
    while (lines < kNameLines && !overlapFree(lines)) ++lines;
    if (!overlapFree(lines))  // still too close: each name gets the room to the names beside it on its line
        for (size_t i = 0; i < n; ++i) {
            const double left = i >= lines ? pixelOf(i) - pixelOf(i - lines) : 2 * width;
            const double right = i + lines < n ? pixelOf(i + lines) - pixelOf(i) : 2 * width;
            axis_names_[i]->setText(metrics.elidedText(axis_names_[i]->text(), Qt::ElideMiddle,
                                                       static_cast<int>(std::min(left, right)) - 12));
        }
    for (size_t i = 0; i < n; ++i) {
        const int raise = static_cast<int>(i % lines) * metrics.height();
        axis_names_[i]->setPadding(QMargins(0, 0, 0, 4 + raise));
        axis_names_[i]->setPositionAlignment(Qt::AlignBottom | alignment[i]);
    }
    const int top = static_cast<int>(lines) * metrics.height() + 12;
    if (plot_->axisRect()->margins().top() != top) {
        QMargins margins = plot_->axisRect()->margins();
        margins.setTop(top);
        plot_->axisRect()->setMargins(margins);
        plot_->replot(QCustomPlot::rpQueuedReplot);  // laid out again with the room, and placed again
    }
}

QString ParallelCoordinatesPlot::axisTitle(const ParallelAxis& axis) const {
    return axis.name + (axis.logarithmic ? tr(" (log)") : QString());
}

int ParallelCoordinatesPlot::nameLines() const {
    int lines = 1;
    for (const QCPItemText* name : axis_names_)
        lines = std::max(lines, 1 + (name->padding().bottom() - 4) / QFontMetrics(name->font()).height());
    return lines;
}

void ParallelCoordinatesPlot::restyleLines() {
    const qint64 shown = hovered_ ? hovered_ : highlighted_;
    for (int r = 0; r < static_cast<int>(lines_.size()); ++r) {
        QColor colour = colours_[r];
        const bool on = run_ids_[r] == shown;
        if (shown && !on) colour.setAlpha(kFadedAlpha);
        lines_[r]->setPen(QPen(colour, on ? kHighlightWidth : kLineWidth));
    }
    if (const int r = run_ids_.indexOf(shown); r >= 0 && r < static_cast<int>(lines_.size()))
        lines_[r]->setLayer(QStringLiteral("main"));  // moved to the top of its layer
    plot_->replot();
}

void ParallelCoordinatesPlot::highlightRun(qint64 run_id) {
    highlighted_ = run_ids_.contains(run_id) ? run_id : 0;
    restyleLines();
}

QCPGraph* ParallelCoordinatesPlot::lineOf(qint64 run_id) const {
    const int r = run_ids_.indexOf(run_id);
    return r >= 0 && r < static_cast<int>(lines_.size()) ? lines_[r] : nullptr;
}

std::optional<QPointF> ParallelCoordinatesPlot::pointOf(qint64 run_id, int axis) const {
    const int r = run_ids_.indexOf(run_id);
    if (r < 0 || r >= static_cast<int>(lines_.size()) || axis < 0 || axis >= static_cast<int>(axes_.size())) return std::nullopt;
    const auto at = axes_[axis].position(columns_[axis].values[r]);
    if (!at) return std::nullopt;
    return QPointF(plot_->xAxis->coordToPixel(axis_x_[static_cast<size_t>(axis)]), plot_->yAxis->coordToPixel(*at));
}

qint64 ParallelCoordinatesPlot::runNear(const QPointF& pixel) const {
    qint64 nearest = 0;
    double distance = kHoverPixels;
    for (int r = 0; r < static_cast<int>(lines_.size()); ++r) {
        const double d = lines_[r]->selectTest(pixel, false);
        if (d >= 0 && d < distance) {
            distance = d;
            nearest = run_ids_[r];
        }
    }
    return nearest;
}

void ParallelCoordinatesPlot::hover(QMouseEvent* event) {
    const qint64 run = runNear(event->position());
    if (run != hovered_) {
        hovered_ = run;
        restyleLines();
    }
    if (!run) {
        QToolTip::hideText();
        return;
    }
    // The run and its values, axis by axis.
    const int r = run_ids_.indexOf(run);
    QStringList lines{QStringLiteral("<b>%1</b>").arg(labels_.value(r).toHtmlEscaped())};
    for (size_t a = 0; a < columns_.size(); ++a) {
        const nlohmann::json& v = columns_[a].values[r];
        const QString value = v.is_null() ? QStringLiteral("–") : v.is_number() ? chartNumber(v.get<double>(), 6) : valueText(v);
        lines << QStringLiteral("%1: %2").arg(columns_[a].name.toHtmlEscaped(), value.toHtmlEscaped());
    }
    QToolTip::showText(plot_->mapToGlobal(event->position().toPoint()), lines.join(QStringLiteral("<br>")), plot_);
}

void ParallelCoordinatesPlot::click(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return;
    const qint64 run = runNear(event->position());
    if (!run) return;
    highlightRun(run);
    emit runClicked(run);
}

}  // namespace bw::gui
