#include "widgets/data/label_distribution_plot.h"

#include "widgets/shared/chart_numbers.h"
#include "widgets/shared/plot_save_menu.h"
#include "widgets/shared/plot_theme.h"

#include <QFontMetrics>
#include <QLocale>
#include <QVBoxLayout>

#include <cmath>

#include <qcustomplot.h>

#include <algorithm>

namespace bw::gui {

namespace {

constexpr int kLabelGap = 4;          // pixels between a bar's end and its count
constexpr double kRowsPerLine = 1.7;  // row pitch in text lines: the counts never touch

}  // namespace

LabelDistributionPlot::LabelDistributionPlot(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    plot_->yAxis->setRangeReversed(true);  // the first label on top, as the legend of a table
    plot_->yAxis->setSubTicks(false);
    plot_->yAxis->grid()->setVisible(false);
    useChartCounts(*plot_->xAxis);  // written as the counts at the bars' ends are
    // The counts' room depends on the axis width in pixels, known only once laid out.
    connect(plot_, &QCustomPlot::afterLayout, this, &LabelDistributionPlot::fitValueRange);
    addSavePlotMenu(plot_, QStringLiteral("label-distribution"));
    applyPaletteToPlot(*plot_);
    setCounts({}, false);
}

void LabelDistributionPlot::setCounts(const std::vector<std::pair<std::string, uint64_t>>& counts, bool token_task) {
    plot_->clearPlottables();
    plot_->clearItems();
    value_labels_.clear();
    labels_.clear();
    auto* bars = new QCPBars(plot_->yAxis, plot_->xAxis);  // keys down the left, counts along the bottom
    bars->setWidth(0.6);
    bars->setPen(Qt::NoPen);
    bars->setBrush(QColor(0x55A868));
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    uint64_t total = 0, highest = 1;
    for (const auto& [label, count] : counts) {
        total += count;
        highest = std::max(highest, count);
    }
    highest_ = static_cast<double>(highest);
    const QLocale locale;
    for (size_t i = 0; i < counts.size(); ++i) {
        const double key = static_cast<double>(i + 1);
        const double count = static_cast<double>(counts[i].second);
        bars->addData(key, count);
        ticker->addTick(key, QString::fromStdString(counts[i].first));
        labels_ << QString::fromStdString(counts[i].first);
        auto* text = new QCPItemText(plot_);
        text->position->setCoords(count, key);
        text->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        text->setPadding(QMargins(kLabelGap, 0, 0, 0));
        text->setText(tr("%1 (%2 %)")
                          .arg(locale.toString(static_cast<qulonglong>(counts[i].second)),
                               locale.toString(100.0 * count / std::max<double>(1, total), 'f', 1)));
        text->setFont(font());
        text->setColor(palette().color(QPalette::WindowText));
        value_labels_.push_back(text);
    }
    if (counts.empty() && !empty_hint_.isEmpty()) {
        auto* hint = new QCPItemText(plot_);
        hint->position->setType(QCPItemPosition::ptAxisRectRatio);
        hint->position->setCoords(0.5, 0.5);
        hint->setText(empty_hint_);
        hint->setColor(palette().color(QPalette::PlaceholderText));
    }
    plot_->yAxis->setTicker(ticker);
    plot_->yAxis->setRange(0.4, static_cast<double>(counts.size()) + 0.6);
    plot_->yAxis->setLabel(token_task ? tr("tag") : tr("label"));
    plot_->xAxis->setLabel(token_task ? tr("words") : tr("rows"));
    // Tall enough for one readable line per label (axes and their titles take about 90 px).
    const int line = QFontMetrics(font()).height();
    setMinimumHeight(std::max(220, static_cast<int>(kRowsPerLine * line * static_cast<double>(counts.size())) + 90));
    plot_->replot();
}

void LabelDistributionPlot::fitValueRange() {
    // Stretch the count axis so that the widest "count (share)" text ends inside the plot.
    int widest = 0;
    for (const QCPItemText* text : value_labels_)
        widest = std::max(widest, QFontMetrics(text->font()).horizontalAdvance(text->text()) + kLabelGap + 4);
    const double width = plot_->axisRect()->width();
    const double bar_share = width > 2.0 * widest ? (width - widest) / width : 0.5;
    const QCPRange range(0, highest_ / bar_share);
    // As many ticks as their labels have room for: five of "40000" ran together in a narrow pane.
    const int label = QFontMetrics(plot_->xAxis->tickLabelFont()).horizontalAdvance(chartCount(std::round(range.upper))) + 16;
    const int ticks = std::clamp(static_cast<int>(width) / (2 * label), 2, 5);
    if (qFuzzyCompare(plot_->xAxis->range().upper, range.upper) && plot_->xAxis->ticker()->tickCount() == ticks) return;
    plot_->xAxis->ticker()->setTickCount(ticks);
    plot_->xAxis->setRange(range);
    // This replot's ticks were made for the old range: draw again with ticks for the new one.
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace bw::gui
