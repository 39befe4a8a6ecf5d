#pragma once
// The store's datasets as a table: name and the rows of each split. The task kind is in the name's
// tooltip and the dataset's overview: the list shares the page with the overview, and the names
// need the room at 1280 pixels wide.
#include "core/store/store_records.h"

#include <QAbstractTableModel>

#include <vector>

namespace bw::gui {

class DatasetListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Train, Validation, Test, ColumnCount };
    static constexpr int SortRole = Qt::UserRole + 1;  // the name, or the row count as a number

    explicit DatasetListModel(QObject* parent = nullptr);

    void setDatasets(std::vector<store::DatasetRecord> datasets);
    const store::DatasetRecord* dataset(int row) const;
    int rowOf(const QString& name) const;  // -1 when absent

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<store::DatasetRecord> datasets_;
};

// "sequence" -> "Classification", ...: the task kinds as users name them.
QString taskKindTitle(const std::string& kind);

}  // namespace bw::gui
