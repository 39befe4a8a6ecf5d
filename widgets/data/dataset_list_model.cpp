#include "widgets/data/dataset_list_model.h"

#include <QCoreApplication>
#include <QLocale>

namespace bw::gui {

QString taskKindTitle(const std::string& kind) {
    if (kind == "sequence") return QCoreApplication::translate("bw::gui::DatasetListModel", "Classification");
    if (kind == "token") return QCoreApplication::translate("bw::gui::DatasetListModel", "Token tagging");
    if (kind == "corpus") return QCoreApplication::translate("bw::gui::DatasetListModel", "Corpus");
    return QString::fromStdString(kind);
}

DatasetListModel::DatasetListModel(QObject* parent) : QAbstractTableModel(parent) {}

void DatasetListModel::setDatasets(std::vector<store::DatasetRecord> datasets) {
    beginResetModel();
    datasets_ = std::move(datasets);
    endResetModel();
}

const store::DatasetRecord* DatasetListModel::dataset(int row) const {
    return row >= 0 && static_cast<size_t>(row) < datasets_.size() ? &datasets_[static_cast<size_t>(row)] : nullptr;
}

int DatasetListModel::rowOf(const QString& name) const {
    for (size_t i = 0; i < datasets_.size(); ++i)
        if (QString::fromStdString(datasets_[i].name) == name) return static_cast<int>(i);
    return -1;
}

int DatasetListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(datasets_.size());
}

int DatasetListModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant DatasetListModel::data(const QModelIndex& index, int role) const {
    const store::DatasetRecord* d = dataset(index.row());
    if (!d) return {};
    auto rows = [d](const char* split) -> QVariant {
        const auto it = d->row_counts.find(split);
        return it == d->row_counts.end() ? QVariant() : QVariant(static_cast<qlonglong>(it->second));
    };
    if (role == Qt::TextAlignmentRole && index.column() >= Train)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    // A name too long for its column is cut in the middle; the tooltip has it whole, with the task.
    if (role == Qt::ToolTipRole && index.column() == Name)
        return QStringLiteral("%1 (%2)").arg(QString::fromStdString(d->name), taskKindTitle(d->task_kind));
    // Shown in the locale's digits ("10,000", as every other count); sorted by the number.
    if (role == SortRole) {
        switch (index.column()) {
        case Name: return QString::fromStdString(d->name);
        case Train: return rows("train");
        case Validation: return rows("validation");
        case Test: return rows("test");
        default: return {};
        }
    }
    if (role != Qt::DisplayRole) return {};
    if (index.column() == Name) return QString::fromStdString(d->name);
    const QVariant count = data(index, SortRole);
    return count.isValid() ? QLocale().toString(count.toLongLong()) : QVariant();
}

QVariant DatasetListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    static const char* const kSplits[] = {"", "train", "validation", "test"};  // as the store names them
    if (role == Qt::ToolTipRole && section >= Train && section < ColumnCount)
        return tr("Rows of the %1 split").arg(QLatin1String(kSplits[section]));
    if (role != Qt::DisplayRole) return {};
    switch (section) {
    case Name: return tr("Dataset");
    case Train: return tr("Train");
    case Validation: return tr("Val.", "the validation split, in a narrow column");
    case Test: return tr("Test");
    default: return {};
    }
}

}  // namespace bw::gui
