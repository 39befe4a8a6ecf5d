#include "widgets/shared/csv_file.h"

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QSaveFile>
#include <QTextStream>

namespace bw::gui {

namespace {

QString csvField(const QString& text) {
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n')) &&
        !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

void writeLine(QTextStream& out, const QStringList& fields) {
    for (qsizetype i = 0; i < fields.size(); ++i) out << (i ? "," : "") << csvField(fields[i]);
    out << "\r\n";
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
    QTextStream out(&file);
    writeLine(out, header);
    for (const QStringList& row : rows) writeLine(out, row);
    out.flush();
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
