#include "widgets/runs/run_evaluations_view.h"

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

namespace {

QTableWidget* readOnlyTable(int rows, int columns) {
    auto* table = new QTableWidget(rows, columns);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    return table;
}

// Exactly as large as its cells and headers: a small table never scrolls nor wastes width; the
// page's scroll area takes over when there are many.
void fitToContents(QTableWidget* table) {
    table->resizeColumnsToContents();
    table->resizeRowsToContents();
    const int left = table->verticalHeader()->isHidden() ? 0 : table->verticalHeader()->sizeHint().width();
    const int frame = 2 * table->frameWidth();
    table->setFixedSize(left + table->horizontalHeader()->length() + frame,
                        table->horizontalHeader()->sizeHint().height() + table->verticalHeader()->length() + frame);
}

QWidget* metricsTable(const nlohmann::json& metrics) {
    auto* table = readOnlyTable(0, 2);
    table->setHorizontalHeaderLabels({RunEvaluationsView::tr("Metric"), RunEvaluationsView::tr("Value")});
    table->verticalHeader()->setVisible(false);
    for (const auto& [name, value] : metrics.items()) {
        const int row = table->rowCount();
        table->insertRow(row);
        table->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(name)));
        const QString text = value.is_number() ? QString::number(value.get<double>(), 'g', 5) : QString::fromStdString(value.dump());
        auto* item = new QTableWidgetItem(text);
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table->setItem(row, 1, item);
    }
    fitToContents(table);
    return table;
}

// Null when the evaluation kept no matrix (token tasks report per entity type instead).
QWidget* confusionTable(const nlohmann::json& confusion, const std::vector<std::string>& labels) {
    if (!confusion.is_array() || confusion.empty()) return nullptr;
    const int n = static_cast<int>(confusion.size());
    auto* table = readOnlyTable(n, n);
    QStringList names;
    for (int i = 0; i < n; ++i)
        names << (static_cast<size_t>(i) < labels.size() ? QString::fromStdString(labels[static_cast<size_t>(i)]) : QString::number(i));
    table->setHorizontalHeaderLabels(names);
    table->setVerticalHeaderLabels(names);
    for (int t = 0; t < n; ++t) {
        const nlohmann::json& row = confusion[static_cast<size_t>(t)];
        double row_total = 0;
        for (const auto& v : row) row_total += v.is_number() ? v.get<double>() : 0.0;
        for (int p = 0; p < n && p < static_cast<int>(row.size()); ++p) {
            const double count = row[static_cast<size_t>(p)].is_number() ? row[static_cast<size_t>(p)].get<double>() : 0.0;
            auto* item = new QTableWidgetItem(QString::number(count, 'f', 0));
            item->setTextAlignment(Qt::AlignCenter);
            // Shade by the share of this true label: the diagonal is dark when the model is right.
            const double share = row_total > 0 ? count / row_total : 0.0;
            item->setBackground(QColor::fromRgbF(1.0 - 0.7 * share, 1.0 - 0.45 * share, 1.0 - 0.1 * share));
            if (share > 0.6) item->setForeground(Qt::white);
            table->setItem(t, p, item);
        }
    }
    fitToContents(table);
    return table;
}

// Precision, recall, F1 and support of each class (or entity type), in label order where the labels
// are known; null when the evaluation kept none.
QWidget* perClassTable(const nlohmann::json& per_class, const std::vector<std::string>& labels) {
    if (!per_class.is_object() || per_class.empty()) return nullptr;
    std::vector<std::string> names;
    for (const std::string& label : labels)
        if (per_class.contains(label)) names.push_back(label);
    for (const auto& [name, scores] : per_class.items())  // entity types, or classes the labels miss
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    auto* table = readOnlyTable(static_cast<int>(names.size()), 5);
    table->setObjectName(QStringLiteral("perClassTable"));
    table->setHorizontalHeaderLabels({RunEvaluationsView::tr("Class"), RunEvaluationsView::tr("Precision"),
                                      RunEvaluationsView::tr("Recall"), RunEvaluationsView::tr("F1"),
                                      RunEvaluationsView::tr("Support")});
    table->verticalHeader()->setVisible(false);
    for (size_t r = 0; r < names.size(); ++r) {
        const nlohmann::json& scores = per_class[names[r]];
        const int row = static_cast<int>(r);
        table->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(names[r])));
        const char* keys[] = {"precision", "recall", "f1", "support"};
        for (int c = 0; c < 4; ++c) {
            const nlohmann::json& v = scores.value(keys[c], nlohmann::json());
            const QString text = !v.is_number() ? QString()
                                 : c == 3        ? QString::number(v.get<int64_t>())
                                                 : QString::number(v.get<double>(), 'f', 4);
            auto* item = new QTableWidgetItem(text);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            table->setItem(row, c + 1, item);
        }
    }
    fitToContents(table);
    return table;
}

}  // namespace

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
            layout->addWidget(new QLabel(tr("Step %1 · epoch %2 · %3 split")
                                             .arg(e.final->step)
                                             .arg(e.final->epoch, 0, 'f', 2)
                                             .arg(QString::fromStdString(e.final->split))),
                              0, 0, 1, 2);
            layout->addWidget(metricsTable(e.final->metrics), 2, 0, Qt::AlignTop | Qt::AlignLeft);
            if (QWidget* confusion = confusionTable(e.final->confusion, e.labels)) {
                auto* title = new QLabel(tr("Confusion matrix (rows: true label, columns: predicted)"));
                title->setWordWrap(true);
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
