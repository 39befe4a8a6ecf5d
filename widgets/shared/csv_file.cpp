#include "widgets/shared/csv_file.h"

#include "core/data/csv_line.h"

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QSaveFile>

namespace bw::gui {

namespace {

// As the CLI writes a line (core's csvLine): the same table is the same bytes from either.
void writeLine(QSaveFile& file, const QStringList& fields) {
    std::vector<std::string> cells;
    for (const QString& field : fields) cells.push_back(field.toStdString());
    const std::string line = data::csvLine(cells);
    file.write(line.data(), static_cast<qint64>(line.size()));
}

}  // namespace

QStringList csvCells(const std::vector<std::string>& cells) {
    QStringList list;
    for (const std::string& cell : cells) list << QString::fromStdString(cell);
    return list;
}

bool writeCsv(const QString& path, const QStringList& header, const QList<QStringList>& rows, QString* error) {
    QSaveFile file(path);  // all or nothing: a failed export leaves no half-written file
    if (!file.open(QIODevice::WriteOnly)) {
        if (error) *error = QCoreApplication::translate("bw::gui::CsvFile", "Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    writeLine(file, header);
    for (const QStringList& row : rows) writeLine(file, row);
    if (!file.commit()) {
        if (error) *error = QCoreApplication::translate("bw::gui::CsvFile", "Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool writeModelCsv(const QAbstractItemModel& model, const QString& path, QString* error) {
    QStringList header;
    for (int c = 0; c < model.columnCount(); ++c) header << model.headerData(c, Qt::Horizontal).toString();
    QList<QStringList> rows;
    for (int r = 0; r < model.rowCount(); ++r) {
        QStringList row;
        for (int c = 0; c < model.columnCount(); ++c) row << model.index(r, c).data().toString();
        rows << row;
    }
    return writeCsv(path, header, rows, error);
}

}  // namespace bw::gui
