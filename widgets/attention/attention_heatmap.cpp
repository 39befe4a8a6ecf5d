#include "widgets/attention/attention_heatmap.h"

#include "widgets/attention/attention_colors.h"
#include "widgets/shared/chart_numbers.h"
#include "widgets/shared/plot_theme.h"

#include <QFontMetrics>
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

void AttentionHeatmap::setMatrix(const AttentionMatrix& matrix, const QStringList& tokens, Scale scale,
                                 const std::vector<int>& segments) {
    matrix_ = matrix;
    tokens_ = tokens;
    segments_ = segments;
    kind_ = scale;
    markSentences();
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

void AttentionHeatmap::markSentences() {
    for (QCPAbstractItem* item : sentence_marks_) removeItem(item);
    sentence_marks_.clear();
    const int n = matrix_.size;
    const auto b = std::find(segments_.begin(), segments_.end(), 1);
    second_start_ = static_cast<int>(segments_.size()) == n && b != segments_.end() ? static_cast<int>(b - segments_.begin()) : -1;
    // A room above the map for the sentences' letters, kept whether or not this input is a pair, so
    // that the map does not jump between one text and two.
    axisRect()->setMinimumMargins(QMargins(0, QFontMetrics(font()).height() + 4, 0, 0));
    if (second_start_ <= 0) return;
    const QColor ink = palette().color(QPalette::WindowText);
    const double edge = second_start_ - 0.5;  // between the last token of A and the first of B
    for (const bool vertical : {true, false}) {
        auto* line = new QCPItemLine(this);
        line->start->setCoords(vertical ? edge : -0.5, vertical ? -0.5 : edge);
        line->end->setCoords(vertical ? edge : n - 0.5, vertical ? n - 0.5 : edge);
        line->setPen(QPen(QColor(255, 255, 255, 220), 1.5, Qt::DashLine));  // light over the map's dark low weights
        sentence_marks_.push_back(line);
    }
    const double middles[] = {(second_start_ - 1) / 2.0, (second_start_ + n - 1) / 2.0};
    const QString letters[] = {tr("A"), tr("B")};
    for (int i = 0; i < 2; ++i) {
        auto* letter = new QCPItemText(this);
        letter->position->setCoords(middles[i], -0.5);  // the top edge (the y axis runs down)
        letter->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        letter->setPadding(QMargins(0, 0, 0, 2));
        letter->setClipToAxisRect(false);
        letter->setText(letters[i]);
        QFont bold = font();
        bold.setBold(true);
        letter->setFont(bold);
        letter->setColor(ink);
        sentence_marks_.push_back(letter);
    }
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
    if (second_start_ > 0) {  // a pair: which sentence each token is in
        const auto sentence = [&](int i) { return i < second_start_ ? tr("A") : tr("B"); };
        return tr("“%1” (%2) → “%3” (%4): %5").arg(tokens_.value(row), sentence(row), tokens_.value(column), sentence(column), number);
    }
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
