#include "widgets/data/data_page.h"

#include "core/store/experiment_store.h"
#include "core/store/validation_hold_out.h"
#include "widgets/data/dataset_list_model.h"
#include "widgets/data/dataset_rows_view.h"
#include "widgets/data/dataset_view.h"
#include "widgets/data/remove_split_dialog.h"
#include "widgets/shared/hold_out_dialog.h"
#include "widgets/data/import_dialog.h"
#include "widgets/data/label_names_dialog.h"
#include "widgets/store/store_connection.h"
#include "widgets/workbench/workspace.h"
#include "widgets/shared/error_text.h"
#include "widgets/shared/message_box.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace bw::gui {

namespace {

constexpr int kListWidth = 440;  // the dataset list's first width: names and three row counts


}  // namespace

DataPage::DataPage(Workspace& workspace, QWidget* parent)
    : QWidget(parent), workspace_(workspace), store_(std::make_unique<StoreConnection>()),
      model_(new DatasetListModel(this)), proxy_(new QSortFilterProxyModel(this)) {
    proxy_->setSourceModel(model_);
    proxy_->setSortCaseSensitivity(Qt::CaseInsensitive);
    proxy_->setSortRole(DatasetListModel::SortRole);  // row counts as numbers, not as their text

    list_ = new QTableView;
    list_->setObjectName("datasetList");
    list_->setModel(proxy_);
    list_->setSortingEnabled(true);
    list_->sortByColumn(DatasetListModel::Name, Qt::AscendingOrder);
    list_->setSelectionBehavior(QAbstractItemView::SelectRows);
    list_->setSelectionMode(QAbstractItemView::SingleSelection);
    list_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    list_->verticalHeader()->setVisible(false);
    list_->setWordWrap(false);
    list_->setTextElideMode(Qt::ElideMiddle);  // "sst2-…-run-b": names of one family differ at the end
    list_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    list_->horizontalHeader()->setSectionResizeMode(DatasetListModel::Name, QHeaderView::Stretch);
    list_->horizontalHeader()->setMinimumSectionSize(40);
    list_->setMinimumWidth(160);

    import_button_ = new QPushButton(tr("Import…"));
    import_button_->setObjectName("importButton");
    delete_button_ = new QPushButton(tr("Delete"));
    delete_button_->setToolTip(tr("Delete the dataset and its rows (runs trained on it keep their records)"));
    add_split_button_ = new QPushButton(tr("Add split…"));
    add_split_button_->setObjectName("addSplitButton");
    add_split_button_->setToolTip(tr("Import a file as another split of the selected dataset, with its columns"));
    remove_split_button_ = new QPushButton(tr("Remove split…"));
    remove_split_button_->setObjectName("removeSplitButton");
    remove_split_button_->setToolTip(tr("Remove a split: its rows go back into train (undoing a hold-out) or leave the "
                                        "dataset; the other splits stay"));
    label_names_button_ = new QPushButton(tr("Label names…"));
    label_names_button_->setObjectName("labelNamesButton");
    label_names_button_->setToolTip(tr("Name the labels of the selected dataset (1, 2, 3 → World, Sports, …): "
                                       "its rows, later splits and the models trained on it use the names"));
    hold_out_button_ = new QPushButton(tr("Hold out validation…"));
    hold_out_button_->setObjectName("holdOutButton");
    hold_out_button_->setToolTip(tr("Move a share of the train rows into a new validation split (each label keeps "
                                    "its share), for a dataset that has none"));
    store_label_ = new QLabel;
    store_label_->setWordWrap(true);
    store_label_->setEnabled(false);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(import_button_);
    buttons->addWidget(delete_button_);
    buttons->addWidget(label_names_button_);
    buttons->addStretch(1);
    auto* split_buttons = new QHBoxLayout;
    split_buttons->addWidget(add_split_button_);
    split_buttons->addWidget(remove_split_button_);
    split_buttons->addWidget(hold_out_button_);
    split_buttons->addStretch(1);
    auto* left = new QWidget;
    auto* left_layout = new QVBoxLayout(left);
    left_layout->setContentsMargins(0, 0, 0, 0);
    left_layout->addLayout(buttons);
    left_layout->addLayout(split_buttons);
    left_layout->addWidget(list_, 1);
    left_layout->addWidget(store_label_);

    view_ = new DatasetView(workspace_);
    auto* scroll = new QScrollArea;
    scroll->setWidget(view_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    // The details never scroll sideways: they wrap, and the splitter keeps them at least as wide
    // as their narrowest layout.
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(view_->minimumSizeHint().width() + scroll->verticalScrollBar()->sizeHint().width());

    rows_view_ = new DatasetRowsView(workspace_);
    tabs_ = new QTabWidget;
    tabs_->setObjectName("datasetTabs");
    tabs_->addTab(scroll, tr("Overview"));
    tabs_->addTab(rows_view_, tr("Rows"));

    auto* splitter = new QSplitter;
    splitter->setObjectName("dataSplitter");
    splitter->addWidget(left);
    splitter->addWidget(tabs_);
    splitter->setCollapsible(1, false);
    // Both sides give when the window shrinks, the list four times less than the details.
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 4);
    splitter->setSizes({kListWidth, 1400 - kListWidth});
    // A handle one can see and grab (the platform style draws next to nothing).
    splitter->setHandleWidth(7);
    splitter->setStyleSheet(QStringLiteral("QSplitter::handle { background: palette(midlight); }"
                                           "QSplitter::handle:hover { background: palette(highlight); }"));
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(splitter);

    connect(import_button_, &QPushButton::clicked, this, [this] { openImportDialog(); });
    connect(delete_button_, &QPushButton::clicked, this, &DataPage::deleteSelectedDataset);
    connect(add_split_button_, &QPushButton::clicked, this, [this] { openAddSplitDialog(); });
    connect(remove_split_button_, &QPushButton::clicked, this, [this] { openRemoveSplitDialog(); });
    connect(label_names_button_, &QPushButton::clicked, this, [this] { openLabelNamesDialog(); });
    connect(hold_out_button_, &QPushButton::clicked, this, [this] { openHoldOutDialog(); });
    connect(list_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &DataPage::selectionChanged);
    connect(&workspace_, &Workspace::storeChanged, this, &DataPage::refresh);
    connect(&workspace_, &Workspace::storeContentsChanged, this, &DataPage::refresh);
    connect(&workspace_, &Workspace::importRequested, this, [this](const QString& path) { openImportDialog(path); });
    refresh();
}

DataPage::~DataPage() = default;

void DataPage::refresh() {
    QString error;
    store::ExperimentStore* store = store_->open(workspace_.storePath(), &error);
    import_button_->setEnabled(store != nullptr);
    store_label_->setText(store ? tr("Store: %1").arg(workspace_.storePath()) : error);
    const QModelIndex current = list_->selectionModel()->currentIndex();
    const QString selected = current.isValid() ? current.siblingAtColumn(DatasetListModel::Name).data().toString() : QString();
    std::vector<store::DatasetRecord> datasets;
    if (store) {
        try {
            datasets = store->listDatasets();
        } catch (const std::exception& e) {
            store_label_->setText(errorText(e));
        }
    }
    model_->setDatasets(std::move(datasets));
    if (!selectDataset(selected) && model_->rowCount() > 0) list_->selectRow(0);
    if (model_->rowCount() == 0) selectionChanged();
}

bool DataPage::selectDataset(const QString& name) {
    const int row = model_->rowOf(name);
    if (name.isEmpty() || row < 0) return false;
    const QModelIndex index = proxy_->mapFromSource(model_->index(row, 0));
    list_->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    selectionChanged();  // also when the row was already selected: its contents may have changed
    return true;
}

void DataPage::selectionChanged() {
    const store::DatasetRecord* dataset = selectedDataset();
    delete_button_->setEnabled(dataset != nullptr);
    add_split_button_->setEnabled(dataset != nullptr);
    remove_split_button_->setEnabled(dataset != nullptr);
    label_names_button_->setEnabled(dataset && dataset->task_kind == "sequence" && !dataset->label_set.empty());
    hold_out_button_->setEnabled(dataset && store::canHoldOutValidation(*dataset));
    if (!dataset) {
        view_->setDataset(std::nullopt, {});
        rows_view_->setDataset(std::nullopt);
        return;
    }
    rows_view_->setDataset(*dataset);
    std::vector<store::DatasetSource> sources;
    QString sources_problem;
    if (store::ExperimentStore* store = store_->open(workspace_.storePath())) {
        try {
            sources = store->sources(dataset->id);
        } catch (const std::exception& e) {
            // The rows are still there to show; the splits table says why their files are not.
            sources_problem = errorText(e);
        }
    }
    view_->setDataset(*dataset, sources, sources_problem);
}

void DataPage::showRows(bool rows) { tabs_->setCurrentWidget(rows ? static_cast<QWidget*>(rows_view_) : tabs_->widget(0)); }

ImportDialog* DataPage::openImportDialog(const QString& path) {
    auto* dialog = new ImportDialog(workspace_, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!path.isEmpty()) dialog->setFile(path);
    dialog->offerDataset(selectedDatasetName());
    connect(dialog, &ImportDialog::imported, this, [this](const QString& name) { selectDataset(name); });
    dialog->show();
    return dialog;
}

ImportDialog* DataPage::openAddSplitDialog() {
    const QString name = selectedDatasetName();
    if (name.isEmpty()) return nullptr;
    ImportDialog* dialog = openImportDialog();
    dialog->addSplitTo(name);
    return dialog;
}

LabelNamesDialog* DataPage::openLabelNamesDialog() {
    const store::DatasetRecord* dataset = selectedDataset();
    store::ExperimentStore* store = store_->open(workspace_.storePath());
    if (!dataset || !store || dataset->task_kind != "sequence" || dataset->label_set.empty()) return nullptr;
    auto* dialog = new LabelNamesDialog(*store, dataset->id, QString::fromStdString(dataset->name), dataset->label_set, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, &workspace_, &Workspace::notifyStoreContentsChanged);
    dialog->show();
    return dialog;
}

HoldOutDialog* DataPage::openHoldOutDialog() {
    const store::DatasetRecord* dataset = selectedDataset();
    if (!dataset || !store::canHoldOutValidation(*dataset)) return nullptr;
    auto* dialog = new HoldOutDialog(workspace_.storePath(), *dataset, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &HoldOutDialog::heldOut, this, [this](const QString& name) {
        workspace_.notifyStoreContentsChanged();
        selectDataset(name);
    });
    dialog->show();
    return dialog;
}

const store::DatasetRecord* DataPage::selectedDataset() const {
    const QModelIndexList rows = list_->selectionModel()->selectedRows();
    return rows.isEmpty() ? nullptr : model_->dataset(proxy_->mapToSource(rows.first()).row());
}

QString DataPage::selectedDatasetName() const {
    const store::DatasetRecord* dataset = selectedDataset();
    return dataset ? QString::fromStdString(dataset->name) : QString();
}

QVariantMap DataPage::viewState() const {
    return {{QStringLiteral("dataset"), selectedDatasetName()},
            {QStringLiteral("tab"), tabs_->currentIndex()},
            {QStringLiteral("split"), view_->currentSplit()}};
}

void DataPage::restoreViewState(const QVariantMap& state) {
    if (!selectDataset(state.value(QStringLiteral("dataset")).toString())) return;
    view_->setCurrentSplit(state.value(QStringLiteral("split")).toString());
    tabs_->setCurrentIndex(state.value(QStringLiteral("tab"), 0).toInt());
}

RemoveSplitDialog* DataPage::openRemoveSplitDialog() {
    const store::DatasetRecord* dataset = selectedDataset();
    if (!dataset) return nullptr;
    const QString shown = tabs_->currentWidget() == rows_view_ ? rows_view_->currentSplit() : view_->currentSplit();
    auto* dialog = new RemoveSplitDialog(workspace_.storePath(), *dataset, shown, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RemoveSplitDialog::splitRemoved, this, [this](const QString& name) {
        workspace_.notifyStoreContentsChanged();
        selectDataset(name);
    });
    dialog->show();
    return dialog;
}

void DataPage::deleteSelectedDataset() {
    const store::DatasetRecord* dataset = selectedDataset();
    if (!dataset) return;
    const QString name = QString::fromStdString(dataset->name);
    if (!askYesNo(this, tr("Delete dataset"),
                  tr("Delete the dataset “%1” and all its rows from the store? Runs trained on it keep "
                     "their records.").arg(name)))
        return;
    store::ExperimentStore* store = store_->open(workspace_.storePath());
    if (!store) return;
    try {
        store->deleteDataset(dataset->id);
    } catch (const std::exception& e) {
        showWarning(this, tr("Delete dataset"), errorText(e));
        return;
    }
    workspace_.notifyStoreContentsChanged();
}

}  // namespace bw::gui
