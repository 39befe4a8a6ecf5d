#pragma once
// One class against the rest (the positive class of a two-class analysis): its ROC curve (false
// against true positive rate, with the chance diagonal) or precision-recall curve (with the positive
// rate as the no-skill line), the area in the title.
// QCustomPlot draws each as a step curve through scikit-learn's points (train::binaryCurves).
#include "core/train/error_analysis.h"

#include <qcustomplot.h>

namespace bw::gui {

class BinaryCurvesPlot : public QCustomPlot {
    Q_OBJECT
public:
    enum class Kind { Roc, PrecisionRecall };
    BinaryCurvesPlot(Kind kind, QWidget* parent = nullptr);

    void setCurves(const train::BinaryCurves& curves, const QString& positive_label);
    void clearCurves();
    QString title() const;

private:
    Kind kind_;
    QCPTextElement* title_;
    QCPGraph* curve_;
    QCPGraph* baseline_;
};

}  // namespace bw::gui
