#pragma once
// The Data page's "Rows" tab: one split of the selected dataset, row by row (DatasetRowsModel),
// filtered by a text and a label or tag (each label of a multi-label row too), in file order or
// shortest or longest first, with the count of the rows that match; the selected row in full
// below, and one action to try it in the Playground or the Attention page.
#include "core/store/dataset_row_query.h"
#include "core/store/store_records.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTextBrowser;
class QTimer;

namespace bw::gui {

class DatasetRowsModel;
class Workspace;

class DatasetRowsView : public QWidget {
    Q_OBJECT
public:
    explicit DatasetRowsView(Workspace& workspace, QWidget* parent = nullptr);

    // Shows the dataset's rows (nullopt: none). The same dataset with the same rows keeps the table
    // as it is (the page refreshes whenever the store changes; a run ending must not scroll it away).
    void setDataset(std::optional<store::DatasetRecord> dataset);

    QString currentSplit() const;     // "train", "validation", "test", or "" with none
    bool setSplit(const QString& split);  // false when the dataset has no rows in it
    // What the search field and the label box filter by (as typed and chosen); applied at once.
    void setFilter(const QString& contains, const QString& label = {});
    void setOrder(store::DatasetRowOrder order);

    DatasetRowsModel* model() const { return model_; }
    QTableView* table() const { return table_; }
    QString countText() const;
    QString detailText() const;  // of the selected row, as plain text

private:
    void reload();
    void updateCount();
    void fitColumns();
    void showSelectedRow();
    void openSelectedRowOn(const QString& page);
    void fillLabels();

    Workspace& workspace_;
    std::optional<store::DatasetRecord> dataset_;
    DatasetRowsModel* model_;
    QComboBox* split_combo_;
    QLineEdit* search_;
    QComboBox* label_combo_;
    QComboBox* order_combo_;
    QLabel* count_label_;
    QTableView* table_;
    QTextBrowser* detail_;
    QPushButton* open_playground_;
    QPushButton* open_attention_;
    QTimer* search_timer_;  // a query once typing pauses, not one per key
};

}  // namespace bw::gui
