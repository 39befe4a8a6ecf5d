#include "widgets/shared/length_histogram.h"

#include "widgets/shared/chart_numbers.h"
#include "widgets/shared/plot_save_menu.h"
#include "widgets/shared/plot_theme.h"

#include <QFontMetrics>
#include <QResizeEvent>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace bw::gui {

namespace {

const QColor kKeptColour(0x4C72B0);
const QColor kTruncatedColour(0xDD8452);
const QColor kOverflowColour(0x8C8C8C);  // rows on both sides of the line may share the overflow bar
constexpr double kShownShare = 0.995;     // of the rows, each length with its own bar
constexpr double kOverflowGap = 2;        // bar widths between the last bar and the overflow bar
constexpr size_t kMostBars = 120;         // more, and a bar is a pixel wide and the counts a comb

// Tokens per bar: 1, 2, 5, 10, 20, 50, ..., the fewest that draw lengths 0..limit in kMostBars bars
// or fewer (IMDB's 1,300 lengths in 66 bars of 20 tokens, SST-2's 64 one per length).
size_t tokensPerBar(size_t limit) {
    for (size_t decade = 1;; decade *= 10)
        for (const size_t step : {1, 2, 5})
            if (limit / (step * decade) + 1 <= kMostBars) return step * decade;
}

// The longest length drawn with a bar of its own: the longest row, unless that is far beyond the
// 99.5th percentile (a long tail), which then ends the axis so that the bulk is not squeezed left.
size_t shownLimit(const std::vector<uint64_t>& counts) {
    uint64_t total = 0;
    size_t longest = 0;
    for (size_t length = 0; length < counts.size(); ++length) {
        total += counts[length];
        if (counts[length]) longest = length;
    }
    uint64_t seen = 0;
    for (size_t length = 0; length < counts.size(); ++length) {
        seen += counts[length];
        if (static_cast<double>(seen) >= kShownShare * static_cast<double>(total))
            return static_cast<double>(longest) <= 1.25 * static_cast<double>(length) + 2 ? longest : length;
    }
    return longest;
}

QCPBars* makeBars(QCustomPlot* plot, const QColor& colour, const QString& name) {
    auto* bars = new QCPBars(plot->xAxis, plot->yAxis);
    bars->setWidth(1.0);
    bars->setPen(Qt::NoPen);
    bars->setBrush(colour);
    bars->setName(name);
    return bars;
}

}  // namespace

LengthHistogram::LengthHistogram(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    setMinimumHeight(220);

    kept_ = makeBars(plot_, kKeptColour, tr("kept whole"));
    truncated_ = makeBars(plot_, kTruncatedColour, tr("truncated"));
    truncated_->moveAbove(kept_);  // a bar the line crosses: its kept rows below, its truncated ones on top
    overflow_ = makeBars(plot_, kOverflowColour, QString());
    overflow_label_ = new QCPItemText(plot_);
    overflow_label_->setPositionAlignment(Qt::AlignBottom | Qt::AlignHCenter);
    overflow_label_->setClipToAxisRect(false);
    overflow_label_->setColor(palette().color(QPalette::WindowText));
    plot_->xAxis->setLabel(tr("tokens per example ([CLS] … [SEP])"));
    plot_->yAxis->setLabel(tr("rows"));
    useChartNumbers(*plot_->xAxis);
    useChartCounts(*plot_->yAxis);
    // The legend sits in a row above the axes: inside, it would hide the max_length label.
    plot_->legend->setVisible(true);
    plot_->legend->setFont(font());
    plot_->legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot_->axisRect()->insetLayout()->take(plot_->legend);
    plot_->plotLayout()->insertRow(0);
    plot_->plotLayout()->addElement(0, 0, plot_->legend);
    plot_->plotLayout()->setRowStretchFactor(0, 0.001);

    line_ = new QCPItemStraightLine(plot_);
    line_->setPen(QPen(QColor(0xC44E52), 2));
    line_label_ = new QCPItemText(plot_);
    line_label_->setPositionAlignment(Qt::AlignTop | Qt::AlignLeft);
    line_label_->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    line_label_->setColor(QColor(0xC44E52));
    line_label_->setPadding(QMargins(4, 2, 4, 2));
    plot_->setCursor(Qt::SizeHorCursor);
    plot_->setToolTip(tr("Drag to move max_length"));

    connect(plot_, &QCustomPlot::mousePress, this, &LengthHistogram::mousePressed);
    connect(plot_, &QCustomPlot::mouseMove, this, &LengthHistogram::mouseMoved);
    connect(plot_, &QCustomPlot::mouseRelease, this, [this] { dragging_ = false; });
    connect(plot_, &QCustomPlot::afterLayout, this, &LengthHistogram::placeLineLabel);
    addSavePlotMenu(plot_, QStringLiteral("token-lengths"));
    applyPaletteToPlot(*plot_);
    redraw();
}

void LengthHistogram::setLengths(const std::vector<uint64_t>& length_counts) {
    counts_ = length_counts;
    redraw();
}

void LengthHistogram::setMaxLength(int max_length) {
    if (max_length == max_length_) return;
    max_length_ = max_length;
    redraw();
}

int LengthHistogram::lengthAt(const QMouseEvent* event) const {
    const double x = plot_->xAxis->pixelToCoord(event->position().x());
    return std::max(1, static_cast<int>(std::lround(x)));
}

void LengthHistogram::mousePressed(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton || !plot_->axisRect()->rect().contains(event->pos())) return;
    dragging_ = true;
    mouseMoved(event);  // a click moves the line there, too
}

void LengthHistogram::mouseMoved(QMouseEvent* event) {
    if (!dragging_) return;
    const int length = lengthAt(event);
    if (length == max_length_) return;
    max_length_ = length;
    redraw();
    emit maxLengthChanged(length);
}

int LengthHistogram::binWidth() const { return static_cast<int>(tokensPerBar(shownLimit(counts_))); }

void LengthHistogram::redraw() {
    const size_t limit = shownLimit(counts_);
    const size_t width = tokensPerBar(limit);
    // Bar b holds lengths b*width .. (b+1)*width-1: on the length axis it spans b*width-0.5 to
    // (b+1)*width-0.5, so that the line between max_length and the next length falls on a boundary
    // whenever it can (with width 1, as many bars as lengths, each centred on its own).
    std::vector<double> kept(limit / width + 1, 0.0), cut(limit / width + 1, 0.0);
    double overflow = 0;
    size_t longest = 0;
    for (size_t length = 0; length < counts_.size(); ++length) {
        if (!counts_[length]) continue;
        longest = length;
        const double count = static_cast<double>(counts_[length]);
        if (length > limit) overflow += count;
        else (static_cast<int64_t>(length) > max_length_ ? cut : kept)[length / width] += count;
    }
    QVector<double> kept_x, kept_y, cut_x, cut_y;
    double highest = 1;
    for (size_t b = 0; b < kept.size(); ++b) {
        const double centre = static_cast<double>(b * width) + static_cast<double>(width - 1) / 2;
        if (kept[b] > 0) kept_x.push_back(centre), kept_y.push_back(kept[b]);
        if (cut[b] > 0) cut_x.push_back(centre), cut_y.push_back(cut[b]);
        highest = std::max(highest, kept[b] + cut[b]);
    }
    for (QCPBars* bars : {kept_, truncated_}) bars->setWidth(static_cast<double>(width));
    kept_->setData(kept_x, kept_y, true);
    truncated_->setData(cut_x, cut_y, true);
    plot_->yAxis->setLabel(width == 1 ? tr("rows") : tr("rows per %1 tokens").arg(width));

    // The overflow bar stands a gap past the last bar, in the colour of what truncation does to it.
    const double gap = kOverflowGap * static_cast<double>(width);
    const double last_edge = static_cast<double>((limit / width + 1) * width) - 0.5;  // the last bar's right side
    const double overflow_x = last_edge - 0.5 + 1.5 * gap;
    overflow_->setWidth(gap);
    overflow_->setData(overflow > 0 ? QVector<double>{overflow_x} : QVector<double>(),
                       overflow > 0 ? QVector<double>{overflow} : QVector<double>());
    overflow_->setBrush(max_length_ <= static_cast<int>(limit)          ? kTruncatedColour
                        : max_length_ >= static_cast<int>(longest) ? kKeptColour
                                                                   : kOverflowColour);
    overflow_->setName(tr("%1 to %2 tokens").arg(limit + 1).arg(longest));
    if (overflow > 0) overflow_->addToLegend();
    else overflow_->removeFromLegend();
    overflow_label_->setVisible(overflow > 0);
    overflow_label_->position->setCoords(overflow_x, overflow);
    overflow_label_->setText(tr("> %1").arg(limit));
    // The label is centred on the last bar, at the axis's end: room for its right half.
    const int label_half = overflow > 0 ? QFontMetrics(overflow_label_->font()).horizontalAdvance(overflow_label_->text()) / 2 + 4 : 0;
    plot_->axisRect()->setMinimumMargins(QMargins(0, 0, label_half, 0));
    highest = std::max(highest, overflow);

    double right = last_edge - 0.5 + (overflow > 0 ? 2.5 * gap : 1.0);
    // A line a little past the data widens the axis; one far past it would squeeze the bars.
    const double line_x = max_length_ + 0.5;
    if (line_x < 1.5 * right) right = std::max(right, line_x + 1.0);
    plot_->xAxis->setRange(0, right);
    plot_->yAxis->setRange(0, highest * 1.15);

    // The line sits between the last kept length and the first cut one; beyond the axis, only its
    // label stays, at the right edge, pointing on.
    const bool line_shown = line_x <= right;
    line_->setVisible(line_shown);
    line_->point1->setCoords(line_x, 0);
    line_->point2->setCoords(line_x, 1);
    line_label_->position->setCoords(line_shown ? line_x : right, 0.02);
    line_label_->setText(line_shown ? tr("max_length %1").arg(max_length_) : tr("max_length %1 →").arg(max_length_));
    fitLegend(plot_->width());
    plot_->replot();
}

// On the line's right where the label fits there, else on its left: decided in pixels, once the
// layout has given the axes their width (a fraction of the range was too wide for a narrow pane).
void LengthHistogram::placeLineLabel() {
    const QMargins pad = line_label_->padding();
    const int width = QFontMetrics(line_label_->font()).horizontalAdvance(line_label_->text()) + pad.left() + pad.right();
    const double at = plot_->xAxis->coordToPixel(line_label_->position->coords().x());
    const bool fits_right = line_->visible() && at + width <= plot_->axisRect()->right();
    line_label_->setPositionAlignment(Qt::AlignTop | (fits_right ? Qt::AlignLeft : Qt::AlignRight));
}

void LengthHistogram::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    fitLegend(event->size().width());  // the plot fills this widget
    plot_->replot();
}

void LengthHistogram::fitLegend(int width) {
    QCPLegend* legend = plot_->legend;
    std::vector<int> widths;  // of the items; a wrapped legend's grid also has empty cells
    for (int i = 0; i < legend->itemCount(); ++i)
        if (QCPAbstractLegendItem* item = legend->item(i)) widths.push_back(item->minimumOuterSizeHint().width());
    const int items = static_cast<int>(widths.size());
    if (items == 0) return;
    const QMargins outer = legend->margins();
    const int available = width - outer.left() - outer.right() - 2 * legend->columnSpacing();
    const auto rowWidth = [&](int first, int count) {
        int total = 0;
        for (int i = first; i < std::min(items, first + count); ++i) total += widths[static_cast<size_t>(i)] + legend->columnSpacing();
        return total;
    };
    int per_row = items;
    for (; per_row > 1; --per_row) {
        bool fits = true;
        for (int first = 0; first < items && fits; first += per_row) fits = rowWidth(first, per_row) <= available;
        if (fits) break;
    }
    if (legend->wrap() != per_row) {
        legend->setWrap(per_row);
        legend->setFillOrder(QCPLegend::foColumnsFirst, true);  // re-lays the items out in rows of per_row
    }
}

}  // namespace bw::gui
