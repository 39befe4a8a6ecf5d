#include "widgets/errors/binary_curves_plot.h"

#include "widgets/shared/plot_save_menu.h"
#include "widgets/shared/plot_theme.h"

namespace bw::gui {

BinaryCurvesPlot::BinaryCurvesPlot(Kind kind, QWidget* parent) : QCustomPlot(parent), kind_(kind) {
    setMinimumSize(260, 240);
    plotLayout()->insertRow(0);
    title_ = new QCPTextElement(this, QString(), QFont(font().family(), font().pointSize(), QFont::Bold));
    plotLayout()->addElement(0, 0, title_);
    const bool roc = kind == Kind::Roc;
    xAxis->setLabel(roc ? tr("false positive rate") : tr("recall"));
    yAxis->setLabel(roc ? tr("true positive rate") : tr("precision"));
    xAxis->setRange(0, 1);
    yAxis->setRange(0, 1.02);
    baseline_ = addGraph();
    baseline_->setPen(QPen(palette().color(QPalette::Mid), 1, Qt::DashLine));
    curve_ = addGraph();
    curve_->setPen(QPen(palette().color(QPalette::Highlight), 2));
    // ROC points join by straight lines (their trapezoids are the area); precision-recall by steps,
    // as average precision sums rectangles.
    if (!roc) curve_->setLineStyle(QCPGraph::lsStepLeft);
    applyPaletteToPlot(*this);
    addSavePlotMenu(this, roc ? QStringLiteral("roc-curve") : QStringLiteral("precision-recall-curve"));
    clearCurves();
}

void BinaryCurvesPlot::setCurves(const train::BinaryCurves& curves, const QString& positive_label) {
    QVector<double> x, y;
    if (kind_ == Kind::Roc) {
        for (const train::RocPoint& p : curves.roc) {
            x << p.false_positive_rate;
            y << p.true_positive_rate;
        }
        baseline_->setData({0, 1}, {0, 1});
        title_->setText(tr("ROC — AUC %2\npositive: %1").arg(positive_label).arg(curves.roc_auc, 0, 'f', 4));
    } else {
        // From recall 0 up, so that the steps read left to right.
        for (auto p = curves.precision_recall.rbegin(); p != curves.precision_recall.rend(); ++p) {
            x << p->recall;
            y << p->precision;
        }
        const double rate = static_cast<double>(curves.positives) / static_cast<double>(curves.positives + curves.negatives);
        baseline_->setData({0, 1}, {rate, rate});
        title_->setText(tr("Precision-recall — AP %2\npositive: %1").arg(positive_label).arg(curves.average_precision, 0, 'f', 4));
    }
    curve_->setData(x, y, /*alreadySorted=*/true);
    replot();
}

void BinaryCurvesPlot::clearCurves() {
    curve_->data()->clear();
    baseline_->data()->clear();
    title_->setText(kind_ == Kind::Roc ? tr("ROC") : tr("Precision-recall"));
    replot();
}

QString BinaryCurvesPlot::title() const { return title_->text(); }

}  // namespace bw::gui
