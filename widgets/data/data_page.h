#pragma once
// The Data page: the store's datasets on the left, the selected one on the right in two tabs (its
// overview, DatasetView, and its rows, DatasetRowsView), and the import dialog, opened by "Import…"
// or by a file dropped on the window. "Add split…" imports another split into the selected dataset,
// "Remove split…" returns a split's rows to train or deletes them, "Hold out validation…" splits a validation split
// off train, "Label names…" names a sequence dataset's labels.
#include "core/store/store_records.h"
#include "widgets/workbench/page_state.h"

#include <QWidget>

#include <memory>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

namespace bw::gui {

class DatasetListModel;
class DatasetRowsView;
class DatasetView;
class HoldOutDialog;
class RemoveSplitDialog;
class ImportDialog;
class LabelNamesDialog;
class StoreConnection;
class Workspace;

class DataPage : public QWidget, public PageState {
    Q_OBJECT
public:
    DataPage(Workspace& workspace, QWidget* parent = nullptr);

    // The dataset selected, the tab and the split shown.
    QVariantMap viewState() const override;
    void restoreViewState(const QVariantMap& state) override;
    ~DataPage() override;

    // Opens the import dialog (non-modal), on `path` when given; returns it for the caller to watch.
    // Its "Add a split to" offers the selected dataset first.
    ImportDialog* openImportDialog(const QString& path = {});
    // The import dialog set to add a split to the selected dataset (its columns pre-chosen).
    ImportDialog* openAddSplitDialog();
    // The label names of the selected sequence dataset, for editing (non-modal); nullptr when the
    // selection has no labels to name.
    LabelNamesDialog* openLabelNamesDialog();
    // The hold-out dialog for the selected dataset (non-modal); nullptr when it has no train rows to
    // hold out from or already a validation split.
    HoldOutDialog* openHoldOutDialog();
    // "Remove split…" on the selected dataset, the split shown offered first; nullptr without one.
    RemoveSplitDialog* openRemoveSplitDialog();
    // Selects the dataset named `name`; false when the store has none.
    bool selectDataset(const QString& name);
    DatasetView* datasetView() const { return view_; }
    DatasetRowsView* rowsView() const { return rows_view_; }
    // Shows the Rows tab (true) or the overview.
    void showRows(bool rows);

public slots:
    void refresh();  // reads the datasets again

private:
    void selectionChanged();
    void deleteSelectedDataset();
    const store::DatasetRecord* selectedDataset() const;  // null when none is
    QString selectedDatasetName() const;

    Workspace& workspace_;
    std::unique_ptr<StoreConnection> store_;
    DatasetListModel* model_;
    QSortFilterProxyModel* proxy_;
    QTableView* list_;
    QPushButton* import_button_;
    QPushButton* delete_button_;
    QPushButton* add_split_button_;
    QPushButton* remove_split_button_;
    QPushButton* label_names_button_;
    QPushButton* hold_out_button_;
    QLabel* store_label_;
    QTabWidget* tabs_;
    DatasetView* view_;
    DatasetRowsView* rows_view_;
};

}  // namespace bw::gui
