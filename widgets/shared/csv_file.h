#pragma once
// Writing tables as CSV (core/data/csv_line: RFC 4180 quoting, lines as the CLI ends them), so every
// number the workbench shows can be taken to a spreadsheet or a script.
#include <QList>
#include <QString>
#include <QStringList>

#include <string>
#include <vector>

class QAbstractItemModel;

namespace bw::gui {

// One row of core's cells (core/train/runs_csv writes them as std::string) as Qt strings.
QStringList csvCells(const std::vector<std::string>& cells);

// Writes the header and rows as UTF-8; false with *error set when the file cannot be written.
bool writeCsv(const QString& path, const QStringList& header, const QList<QStringList>& rows, QString* error);

// The model's rows as they are shown (display role, the view's order when the model is a proxy),
// with the horizontal header as the first row.
bool writeModelCsv(const QAbstractItemModel& model, const QString& path, QString* error);

}  // namespace bw::gui
