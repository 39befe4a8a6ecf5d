#include "widgets/data/preview_table_model.h"

#include <algorithm>

#include <QBrush>
#include <QColor>
#include <QFont>

namespace bw::gui {

QString previewColumnTitle(const data::DatasetPreview& preview, size_t column) {
    if (preview.has_header || preview.format == data::DataFormat::Jsonl)
        return QString::fromStdString(preview.columns[column]);
    return PreviewTableModel::tr("column %1").arg(column + 1);
}

PreviewTableModel::PreviewTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void PreviewTableModel::setPreview(data::DatasetPreview preview, bool token_task) {
    beginResetModel();
    preview_ = std::move(preview);
    token_task_ = token_task;
    endResetModel();
}

void PreviewTableModel::setRoles(const ColumnRoles& roles) {
    roles_ = roles;
    if (columnCount() == 0) return;
    emit headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
    if (rowCount() > 0) emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

int PreviewTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(preview_.rows.size());
}

int PreviewTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(preview_.columns.size());
}

QString PreviewTableModel::roleName(int column) const {
    if (column == roles_.text) return token_task_ ? tr("token") : tr("text");
    if (column == roles_.text_pair) return tr("text pair");
    if (column == roles_.label) return token_task_ ? tr("tag") : tr("label");
    auto in = [column](const std::vector<int>& joined) {
        return std::find(joined.begin(), joined.end(), column) != joined.end();
    };
    if (in(roles_.text_joined)) return tr("text, joined");
    if (in(roles_.text_pair_joined)) return tr("text pair, joined");
    return {};
}

QVariant PreviewTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid()) return {};
    const auto& row = preview_.rows[static_cast<size_t>(index.row())];
    const auto column = static_cast<size_t>(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return column < row.size() ? QString::fromStdString(row[column]) : QString();
    case Qt::ToolTipRole:  // long sentences are elided in the cell
        return column < row.size() ? QString::fromStdString(row[column]) : QVariant();
    case Qt::BackgroundRole:
        // The mapped columns stand out so a wrong mapping is seen before importing.
        if (roleName(index.column()).isEmpty()) return {};
        return QBrush(QColor(index.column() == roles_.label ? 0xFFF3D6 : 0xE3F0FF));
    default:
        return {};
    }
}

QVariant PreviewTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Vertical) {
        // Rows are headed by their line in the file, as errors name them.
        if (role == Qt::DisplayRole && static_cast<size_t>(section) < preview_.row_lines.size())
            return QString::number(preview_.row_lines[static_cast<size_t>(section)]);
        return {};
    }
    if (static_cast<size_t>(section) >= preview_.columns.size()) return {};
    const QString name = previewColumnTitle(preview_, static_cast<size_t>(section));
    const QString mapped = roleName(section);
    if (role == Qt::DisplayRole) return mapped.isEmpty() ? name : tr("%1 (%2)").arg(name, mapped);
    if (role == Qt::FontRole && !mapped.isEmpty()) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    return {};
}

}  // namespace bw::gui
