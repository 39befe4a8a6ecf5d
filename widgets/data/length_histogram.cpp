#include "widgets/data/length_histogram.h"

#include "widgets/export/plot_save_menu.h"
#include "widgets/workbench/plot_theme.h"

#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace bw::gui {

namespace {

const QColor kKeptColour(0x4C72B0);
const QColor kTruncatedColour(0xDD8452);

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
    plot_->xAxis->setLabel(tr("tokens per example ([CLS] … [SEP])"));
    plot_->yAxis->setLabel(tr("rows"));
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

void LengthHistogram::redraw() {
    QVector<double> kept_x, kept_y, cut_x, cut_y;
    double highest = 1;
    for (size_t length = 0; length < counts_.size(); ++length) {
        if (!counts_[length]) continue;
        const bool cut = static_cast<int64_t>(length) > max_length_;
        (cut ? cut_x : kept_x).push_back(static_cast<double>(length));
        (cut ? cut_y : kept_y).push_back(static_cast<double>(counts_[length]));
        highest = std::max(highest, static_cast<double>(counts_[length]));
    }
    kept_->setData(kept_x, kept_y, true);
    truncated_->setData(cut_x, cut_y, true);
    // The line sits between the last kept length and the first cut one.
    const double line_x = max_length_ + 0.5;
    line_->point1->setCoords(line_x, 0);
    line_->point2->setCoords(line_x, 1);
    line_label_->position->setCoords(line_x, 0.02);
    line_label_->setText(tr("max_length %1").arg(max_length_));
    const double right = std::max(static_cast<double>(counts_.size()), max_length_ * 1.1 + 2);
    plot_->xAxis->setRange(0, right);
    plot_->yAxis->setRange(0, highest * 1.1);
    // The label flips to the left of the line near the right edge so it stays readable.
    line_label_->setPositionAlignment(line_x > right * 0.7 ? (Qt::AlignTop | Qt::AlignRight) : (Qt::AlignTop | Qt::AlignLeft));
    plot_->replot();
}

}  // namespace bw::gui
