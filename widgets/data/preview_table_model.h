#pragma once
// The first rows of a file to import, as a table: one column per file column, rows headed by their
// line number in the file, and the columns the mapping uses marked with their role.
#include "core/data/dataset_preview.h"

#include <QAbstractTableModel>

#include <vector>

namespace bw::gui {

// The columns the import dialog's combo boxes picked (-1 = none).
struct ColumnRoles {
    int text = -1;
    int text_pair = -1;
    int label = -1;
    std::vector<int> text_joined;  // joined after the text (second text)
    std::vector<int> text_pair_joined;
};

// The name a column goes by: its header name (CSV/TSV with a header, JSONL keys), else "column N".
QString previewColumnTitle(const data::DatasetPreview& preview, size_t column);

class PreviewTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit PreviewTableModel(QObject* parent = nullptr);

    void setPreview(data::DatasetPreview preview, bool token_task);
    void setRoles(const ColumnRoles& roles);
    const data::DatasetPreview& preview() const { return preview_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString roleName(int column) const;

    data::DatasetPreview preview_;
    ColumnRoles roles_;
    bool token_task_ = false;
};

}  // namespace bw::gui
