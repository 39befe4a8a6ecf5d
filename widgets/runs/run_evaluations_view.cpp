#include "widgets/runs/run_evaluations_view.h"

#include "widgets/shared/evaluation_tables.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace bw::gui {

RunEvaluationsView::RunEvaluationsView(QWidget* parent) : QWidget(parent) {
    auto* content = new QWidget;
    row_ = new QHBoxLayout(content);
    auto* scroll = new QScrollArea;
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
}

void RunEvaluationsView::setEvaluations(const std::vector<RunEvaluation>& evaluations) {
    while (QLayoutItem* item = row_->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (evaluations.empty()) {
        auto* hint = new QLabel(tr("Select runs to compare their final evaluations."));
        hint->setEnabled(false);
        row_->addWidget(hint, 0, Qt::AlignTop);
    }
    for (const RunEvaluation& e : evaluations) {
        // Metrics and matrix side by side, each as large as its contents.
        auto* box = new QGroupBox(e.run);
        auto* layout = new QGridLayout(box);
        if (!e.final) {
            layout->addWidget(new QLabel(tr("No evaluation yet.")), 0, 0);
        } else {
            QString where = tr("Step %1 · epoch %2 · %3 split")
                                .arg(e.final->step)
                                .arg(e.final->epoch, 0, 'f', 2)
                                .arg(QString::fromStdString(e.final->split));
            // Not the last evaluation: say why these are the run's final figures.
            if (e.last_evaluated_step)
                where += QLatin1Char('\n') + tr("the best checkpoint, which the run loaded at its end (it evaluated up "
                                                 "to step %1)")
                                                  .arg(*e.last_evaluated_step);
            auto* where_label = new QLabel(where);
            where_label->setObjectName(QStringLiteral("finalEvaluationStep"));
            layout->addWidget(where_label, 0, 0, 1, 2);
            layout->addWidget(metricsTable(e.final->metrics), 2, 0, Qt::AlignTop | Qt::AlignLeft);
            if (QWidget* confusion = confusionMatrixTable(e.final->confusion, e.labels)) {
                // One line: wrapped to a 2x2 matrix's width it stood in a narrow column of four lines.
                auto* title = new QLabel(tr("Confusion matrix (rows: true label, columns: predicted)"));
                title->setObjectName(QStringLiteral("confusionCaption"));
                layout->addWidget(title, 1, 1);
                layout->addWidget(confusion, 2, 1, Qt::AlignTop | Qt::AlignLeft);
            }
            if (QWidget* per_class = perClassTable(e.final->per_class, e.labels)) {
                const bool classes = e.final->confusion.is_array() && !e.final->confusion.empty();
                layout->addWidget(new QLabel(classes ? tr("Per class") : tr("Per entity type")), 3, 0, 1, 2);
                layout->addWidget(per_class, 4, 0, 1, 2, Qt::AlignTop | Qt::AlignLeft);
            }
        }
        layout->setRowStretch(5, 1);
        row_->addWidget(box, 0, Qt::AlignTop);
    }
    row_->addStretch(1);
}

}  // namespace bw::gui
