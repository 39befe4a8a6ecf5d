#include "widgets/runs/config_diff.h"

#include <QBrush>
#include <QColor>

namespace bw::gui {

ConfigDiffModel::ConfigDiffModel(QObject* parent) : QAbstractTableModel(parent) {}

void ConfigDiffModel::setDiff(train::ConfigDiff diff, const QStringList& runs) {
    beginResetModel();
    diff_ = std::move(diff);
    runs_ = runs;
    endResetModel();
}

int ConfigDiffModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(diff_.keys.size()); }

int ConfigDiffModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(runs_.size()) + 1; }

QVariant ConfigDiffModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid()) return {};
    const auto row = static_cast<size_t>(index.row());
    if (index.column() == 0) return role == Qt::DisplayRole ? QString::fromStdString(diff_.keys[row]) : QVariant();
    const nlohmann::json& value = diff_.values[row][static_cast<size_t>(index.column() - 1)];
    if (role == Qt::DisplayRole) {
        if (value.is_null()) return tr("(not set)");
        return QString::fromStdString(value.is_string() ? value.get<std::string>() : value.dump());
    }
    if (role == Qt::ForegroundRole && value.is_null()) return QBrush(QColor(0x9E9E9E));
    return {};
}

QVariant ConfigDiffModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    if (section == 0) return tr("Setting");
    return section - 1 < runs_.size() ? runs_[section - 1] : QVariant();
}

}  // namespace bw::gui
