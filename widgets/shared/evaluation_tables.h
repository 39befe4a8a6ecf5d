#pragma once
// The tables an evaluation is read in, shared by the Runs page's comparison and the Errors page:
// its metrics, its confusion matrix (rows: true label, columns: predicted) shaded by each true
// label's share, and precision, recall, F1 and support per class (or entity type); every table
// exactly as large as its cells.
#include <nlohmann/json.hpp>

#include <QCoreApplication>

#include <string>
#include <vector>

class QTableWidget;

namespace bw::gui {

struct EvaluationTables {
    Q_DECLARE_TR_FUNCTIONS(EvaluationTables)
};

// Read-only, no selection, no scroll bars: fitTableToContents sizes it.
QTableWidget* readOnlyTable(int rows, int columns);
// Exactly as large as its cells and headers.
void fitTableToContents(QTableWidget* table);

QTableWidget* metricsTable(const nlohmann::json& metrics);
// Null when the evaluation kept no matrix (token tasks report per entity type instead).
QTableWidget* confusionMatrixTable(const nlohmann::json& confusion, const std::vector<std::string>& labels);
// In label order where the labels are known; null when the evaluation kept none.
QTableWidget* perClassTable(const nlohmann::json& per_class, const std::vector<std::string>& labels);

}  // namespace bw::gui
