#include "widgets/shared/evaluation_tables.h"

#include "widgets/shared/metric_text.h"

#include <QColor>
#include <QHeaderView>
#include <QTableWidget>

#include <algorithm>

namespace bw::gui {

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
void fitTableToContents(QTableWidget* table) {
    table->resizeColumnsToContents();
    table->resizeRowsToContents();
    const int left = table->verticalHeader()->isHidden() ? 0 : table->verticalHeader()->sizeHint().width();
    const int frame = 2 * table->frameWidth();
    table->setFixedSize(left + table->horizontalHeader()->length() + frame,
                        table->horizontalHeader()->sizeHint().height() + table->verticalHeader()->length() + frame);
}

QTableWidget* metricsTable(const nlohmann::json& metrics) {
    auto* table = readOnlyTable(0, 2);
    table->setHorizontalHeaderLabels({EvaluationTables::tr("Metric"), EvaluationTables::tr("Value")});
    table->verticalHeader()->setVisible(false);
    for (const auto& [name, value] : metrics.items()) {
        const int row = table->rowCount();
        table->insertRow(row);
        table->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(name)));
        // As every page shows a metric (0.6333 beside 0.6320, not 0.63333 beside 0.632); counts whole.
        const QString text = value.is_number_integer() ? QString::number(value.get<int64_t>())
                             : value.is_number()      ? metricValueText(value.get<double>())
                                                      : QString::fromStdString(value.dump());
        auto* item = new QTableWidgetItem(text);
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table->setItem(row, 1, item);
    }
    fitTableToContents(table);
    return table;
}

// Null when the evaluation kept no matrix (token tasks report per entity type instead).
QTableWidget* confusionMatrixTable(const nlohmann::json& confusion, const std::vector<std::string>& labels) {
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
    fitTableToContents(table);
    return table;
}

// Precision, recall, F1 and support of each class (or entity type), in label order where the labels
// are known; null when the evaluation kept none.
QTableWidget* perClassTable(const nlohmann::json& per_class, const std::vector<std::string>& labels) {
    if (!per_class.is_object() || per_class.empty()) return nullptr;
    std::vector<std::string> names;
    for (const std::string& label : labels)
        if (per_class.contains(label)) names.push_back(label);
    for (const auto& [name, scores] : per_class.items())  // entity types, or classes the labels miss
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    auto* table = readOnlyTable(static_cast<int>(names.size()), 5);
    table->setObjectName(QStringLiteral("perClassTable"));
    table->setHorizontalHeaderLabels({EvaluationTables::tr("Class"), EvaluationTables::tr("Precision"),
                                      EvaluationTables::tr("Recall"), EvaluationTables::tr("F1"),
                                      EvaluationTables::tr("Support")});
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
    fitTableToContents(table);
    return table;
}

}  // namespace bw::gui
