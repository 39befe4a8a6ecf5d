#include "widgets/attention/attention_heatmap.h"

#include "widgets/attention/attention_colors.h"
#include "widgets/shared/chart_numbers.h"
#include "widgets/shared/plot_theme.h"

#include <QFontMetricsF>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace bw::gui {

namespace {

constexpr double kLinesPerLabel = 1.3;  // a label's room along the axis, in text lines
constexpr double kSmallestLabelScale = 0.7;  // labels shrink to this share of the font before some are left out

}  // namespace

AttentionHeatmap::AttentionHeatmap(QWidget* parent) : QCustomPlot(parent) {
    map_ = new QCPColorMap(xAxis, yAxis);
    map_->setInterpolate(false);
    map_->setTightBoundary(false);
    scale_ = new QCPColorScale(this);
    plotLayout()->addElement(0, 1, scale_);
    scale_->setType(QCPAxis::atRight);
    scale_->setBarWidth(14);
    useChartNumbers(*scale_->axis());  // a difference of two models can be a few 10⁻⁴
    map_->setColorScale(scale_);
    // The colour scale's height follows the heatmap's.
    auto* margins = new QCPMarginGroup(this);
    axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    scale_->setMarginGroup(QCP::msBottom | QCP::msTop, margins);

    QFont title_font = font();
    title_font.setBold(true);
    title_ = new QCPTextElement(this, QString(), title_font);
    title_->setTextColor(palette().color(QPalette::WindowText));  // light and dark themes
    plotLayout()->insertRow(0);
    plotLayout()->addElement(0, 0, title_);
    plotLayout()->setRowStretchFactor(0, 0.001);

    yAxis->setRangeReversed(true);  // the first token on top, as one reads
    xAxis->setTickLabelRotation(60);
    for (QCPAxis* axis : {xAxis, yAxis}) {
        axis->setTicker(QSharedPointer<QCPAxisTickerText>::create());
        axis->setSubTicks(false);
        axis->grid()->setVisible(false);
    }
    xAxis->setLabel(tr("attends to (key)"));
    yAxis->setLabel(tr("token (query)"));
    applyPaletteToPlot(*this);
    setMouseTracking(true);
    connect(this, &QCustomPlot::mouseMove, this, &AttentionHeatmap::showCellTip);
    // How many labels fit depends on the cells' size in pixels, known once laid out.
    connect(this, &QCustomPlot::afterLayout, this, &AttentionHeatmap::fitTickLabels);
    clearMatrix();
}

void AttentionHeatmap::setMatrix(const AttentionMatrix& matrix, const QStringList& tokens, Scale scale) {
    matrix_ = matrix;
    tokens_ = tokens;
    kind_ = scale;
    const int n = matrix.size;
    // Cell (column, row) is centred on the integer coordinates (column, row).
    map_->data()->setSize(n, n);
    map_->data()->setRange(QCPRange(0, std::max(n - 1, 1)), QCPRange(0, std::max(n - 1, 1)));
    for (int row = 0; row < n; ++row)
        for (int column = 0; column < n; ++column) map_->data()->setCell(column, row, matrix.at(row, column));

    setTickLabelScale(1.0);
    setTicks(tick_step_);  // fitTickLabels() adjusts the size and the step once laid out
    for (QCPAxis* axis : {xAxis, yAxis}) axis->setRange(-0.5, n - 0.5);
    if (scale == Scale::Weights) {
        map_->setGradient(weightGradient());
        float top = 0;
        for (float v : matrix.values) top = std::max(top, v);
        map_->setDataRange(QCPRange(0, top > 0 ? top : 1));
        scale_->axis()->setLabel(tr("attention weight"));
    } else {
        map_->setGradient(differenceGradient());
        const float extent = maxAbsolute(matrix);
        map_->setDataRange(QCPRange(-(extent > 0 ? extent : 1), extent > 0 ? extent : 1));
        scale_->axis()->setLabel(tr("difference (this model − other)"));
    }
    map_->setVisible(n > 0);
    replot();
}

void AttentionHeatmap::setTicks(int step) {
    tick_step_ = step;
    for (QCPAxis* axis : {xAxis, yAxis}) {
        auto ticker = axis->ticker().staticCast<QCPAxisTickerText>();
        ticker->clear();
        for (int i = 0; i < matrix_.size; i += step) ticker->addTick(i, tokens_.value(i));
    }
}

void AttentionHeatmap::setTickLabelScale(double scale) {
    label_scale_ = scale;
    QFont labels = font();
    if (font().pointSizeF() > 0)
        labels.setPointSizeF(font().pointSizeF() * scale);
    else  // a font sized in pixels
        labels.setPixelSize(std::max(1, static_cast<int>(std::lround(font().pixelSize() * scale))));
    for (QCPAxis* axis : {xAxis, yAxis}) axis->setTickLabelFont(labels);
}

void AttentionHeatmap::resizeEvent(QResizeEvent* event) {
    setTickLabelScale(1.0);  // room again for the full size; fitTickLabels() shrinks them if needed
    QCustomPlot::resizeEvent(event);
}

void AttentionHeatmap::fitTickLabels() {
    if (matrix_.size == 0) return;
    // The x labels are rotated, but consecutive ones still need about a line's height apart.
    const double cell = std::min(axisRect()->width(), axisRect()->height()) / static_cast<double>(matrix_.size);
    const double full_room = kLinesPerLabel * QFontMetricsF(font()).height();
    // Smaller labels before fewer; the scale only shrinks here, so smaller labels (which leave the
    // cells more room) cannot make it grow back and forth.
    const double scale = cell > 0 ? std::clamp(cell / full_room, kSmallestLabelScale, label_scale_) : label_scale_;
    const bool rescaled = std::abs(scale - label_scale_) > 1e-3;
    if (rescaled) setTickLabelScale(scale);
    const double room = kLinesPerLabel * QFontMetricsF(xAxis->tickLabelFont()).height();
    const int step = cell > 0 ? std::max(1, static_cast<int>(std::ceil(room / cell))) : 1;
    if (step == tick_step_ && !rescaled) return;
    setTicks(step);
    replot(QCustomPlot::rpQueuedReplot);  // this replot's ticks were made before the layout
}

void AttentionHeatmap::clearMatrix() { setMatrix({}, {}, Scale::Weights); }

void AttentionHeatmap::setTitle(const QString& title) {
    title_->setText(title);
    replot(QCustomPlot::rpQueuedReplot);
}

QString AttentionHeatmap::title() const { return title_->text(); }

QString AttentionHeatmap::describeCell(int row, int column) const {
    const float value = matrix_.at(row, column);
    const QString number = kind_ == Scale::Weights ? QString::number(value, 'f', 4)
                                                   : QString::asprintf("%+.4f", static_cast<double>(value));
    return tr("“%1” → “%2”: %3").arg(tokens_.value(row), tokens_.value(column), number);
}

void AttentionHeatmap::showCellTip(QMouseEvent* event) {
    const QPointF pos = event->position();
    const int column = static_cast<int>(std::lround(xAxis->pixelToCoord(pos.x())));
    const int row = static_cast<int>(std::lround(yAxis->pixelToCoord(pos.y())));
    if (!axisRect()->rect().contains(pos.toPoint()) || row < 0 || column < 0 || row >= matrix_.size ||
        column >= matrix_.size) {
        QToolTip::hideText();
        return;
    }
    QToolTip::showText(event->globalPosition().toPoint(), describeCell(row, column), this);
}

}  // namespace bw::gui
