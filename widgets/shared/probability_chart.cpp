#include "widgets/shared/probability_chart.h"

#include "widgets/shared/plot_theme.h"

namespace bw::gui {

ProbabilityChart::ProbabilityChart(QWidget* parent) : QCustomPlot(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Maximum);
    bars_ = new QCPBars(yAxis, xAxis);  // keys down the side: horizontal bars
    bars_->setWidth(0.6);
    const QColor accent = palette().color(QPalette::Highlight);
    bars_->setBrush(accent);
    bars_->setPen(Qt::NoPen);
    yAxis->setTicker(QSharedPointer<QCPAxisTickerText>::create());
    yAxis->setRangeReversed(true);  // first label on top
    yAxis->grid()->setVisible(false);
    yAxis->setSubTicks(false);
    yAxis->setTickLength(0, 0);  // a tick ran into the percentage of a thin bar ("-2.6%")
    xAxis->setRange(0, 1.12);       // room for the percentages right of a full bar
    auto percent = QSharedPointer<QCPAxisTickerFixed>::create();
    percent->setTickStep(0.25);
    xAxis->setTicker(percent);
    xAxis->setLabel(tr("probability"));
    applyPaletteToPlot(*this);
}

void ProbabilityChart::setProbabilities(const QStringList& labels, const std::vector<float>& probabilities) {
    labels_ = labels;
    QVector<double> keys, values;
    auto ticker = yAxis->ticker().staticCast<QCPAxisTickerText>();
    ticker->clear();
    for (QCPItemText* item : values_) removeItem(item);
    values_.clear();
    for (int i = 0; i < labels.size() && i < static_cast<int>(probabilities.size()); ++i) {
        keys << i;
        values << probabilities[static_cast<size_t>(i)];
        ticker->addTick(i, labels[i]);
        auto* text = new QCPItemText(this);
        text->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        text->position->setAxes(xAxis, yAxis);
        text->position->setCoords(values.back(), i);
        text->setPadding(QMargins(4, 0, 0, 0));  // clear of the bar's end, however short the bar
        text->setText(QStringLiteral("%1%").arg(100.0 * values.back(), 0, 'f', 1));
        text->setColor(palette().color(QPalette::WindowText));
        values_ << text;
    }
    bars_->setData(keys, values, true);
    updateGeometry();
    yAxis->setRange(-0.6, std::max<double>(labels.size(), 1) - 0.4);
    replot();
}

QSize ProbabilityChart::sizeHint() const {
    const int rows = std::max<int>(static_cast<int>(labels_.size()), 2);
    return {400, 70 + rows * (fontMetrics().height() + 22)};
}

std::vector<double> ProbabilityChart::barValues() const {
    std::vector<double> out;
    for (auto it = bars_->data()->constBegin(); it != bars_->data()->constEnd(); ++it) out.push_back(it->value);
    return out;
}

}  // namespace bw::gui
