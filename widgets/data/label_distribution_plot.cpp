#include "widgets/data/label_distribution_plot.h"

#include "widgets/export/plot_save_menu.h"
#include "widgets/workbench/plot_theme.h"

#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>

namespace bw::gui {

LabelDistributionPlot::LabelDistributionPlot(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    setMinimumHeight(220);
    addSavePlotMenu(plot_, QStringLiteral("label-distribution"));
    applyPaletteToPlot(*plot_);
    setCounts({}, false);
}

void LabelDistributionPlot::setCounts(const std::vector<std::pair<std::string, uint64_t>>& counts, bool token_task) {
    plot_->clearPlottables();
    plot_->clearItems();
    auto* bars = new QCPBars(plot_->xAxis, plot_->yAxis);
    bars->setWidth(0.6);
    bars->setPen(Qt::NoPen);
    bars->setBrush(QColor(0x55A868));
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    uint64_t total = 0, highest = 1;
    for (const auto& [label, count] : counts) {
        total += count;
        highest = std::max(highest, count);
    }
    for (size_t i = 0; i < counts.size(); ++i) {
        const double x = static_cast<double>(i + 1);
        const double count = static_cast<double>(counts[i].second);
        bars->addData(x, count);
        ticker->addTick(x, QString::fromStdString(counts[i].first));
        auto* text = new QCPItemText(plot_);
        text->position->setCoords(x, count);
        text->setPositionAlignment(Qt::AlignBottom | Qt::AlignHCenter);
        text->setText(tr("%1\n%2 %").arg(counts[i].second).arg(100.0 * count / std::max<double>(1, total), 0, 'f', 1));
        text->setFont(font());
        text->setColor(palette().color(QPalette::WindowText));
    }
    plot_->xAxis->setTicker(ticker);
    plot_->xAxis->setTickLabelRotation(counts.size() > 8 ? 45 : 0);
    plot_->xAxis->setRange(0.4, static_cast<double>(counts.size()) + 0.6);
    plot_->xAxis->setLabel(token_task ? tr("tag") : tr("label"));
    plot_->yAxis->setLabel(token_task ? tr("words") : tr("rows"));
    // Headroom for the two-line count labels above the highest bar.
    plot_->yAxis->setRange(0, static_cast<double>(highest) * 1.25);
    plot_->replot();
}

}  // namespace bw::gui
