#include "widgets/runs/runs_page.h"

#include "core/store/experiment_store.h"
#include "core/train/error_analysis.h"
#include "core/train/run_results.h"
#include "core/train/runs_csv.h"
#include "widgets/runs/config_diff_view.h"
#include "widgets/runs/hparams_panel.h"
#include "widgets/runs/run_curves_panel.h"
#include "widgets/runs/run_curves_plot.h"
#include "widgets/runs/run_evaluations_view.h"
#include "widgets/shared/error_text.h"
#include "widgets/shared/file_dialog.h"
#include "widgets/shared/run_label.h"
#include "widgets/runs/runs_table_model.h"
#include "widgets/shared/csv_file.h"
#include "widgets/store/store_connection.h"
#include "widgets/workbench/workspace.h"
#include "widgets/shared/message_box.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace bw::gui {

namespace {

constexpr int kPollMilliseconds = 2000;
constexpr int kMostHParamsRuns = 100;  // compared at once when the table's runs are

}  // namespace

RunsPage::RunsPage(Workspace& workspace, QWidget* parent)
    : QWidget(parent), workspace_(workspace), store_(std::make_unique<StoreConnection>()),
      model_(new RunsTableModel(this)), proxy_(new QSortFilterProxyModel(this)), poll_timer_(new QTimer(this)) {
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(RunsTableModel::SortRole);
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy_->setFilterKeyColumn(-1);  // the filter looks at every column
    poll_timer_->setInterval(kPollMilliseconds);
    buildLayout();

    connect(poll_timer_, &QTimer::timeout, this, &RunsPage::poll);
    connect(&workspace_, &Workspace::storeChanged, this, &RunsPage::storeChanged);
    connect(&workspace_, &Workspace::storeContentsChanged, this, &RunsPage::refresh);
    connect(model_, &RunsTableModel::runEdited, this, &RunsPage::updateRun);
    refresh();
}

RunsPage::~RunsPage() {
    delete curves_panel_;  // it reads through store_, which goes before the page's children do
}

void RunsPage::buildLayout() {
    filter_edit_ = new QLineEdit;
    filter_edit_->setObjectName("runFilter");
    filter_edit_->setPlaceholderText(tr("Filter runs: name, status, task, dataset, tags, notes…"));
    filter_edit_->setClearButtonEnabled(true);
    rename_button_ = new QPushButton(tr("Rename"));
    tags_button_ = new QPushButton(tr("Tags"));
    notes_button_ = new QPushButton(tr("Notes…"));
    delete_button_ = new QPushButton(tr("Delete…"));
    auto* export_table_button = new QPushButton(tr("Export table…"));
    auto* toolbar = new QHBoxLayout;
    toolbar->addWidget(filter_edit_, 1);
    clone_button_ = new QPushButton(tr("Clone…"));
    clone_button_->setObjectName("cloneButton");
    clone_button_->setToolTip(tr("Open the training wizard on this run's model, data and settings, to train it again with changes."));
    errors_button_ = new QPushButton(tr("Errors…"));
    errors_button_->setObjectName("errorsButton");
    errors_button_->setToolTip(tr("Where this run's model goes wrong: its analyses on the Errors page."));
    for (QPushButton* b : {clone_button_, errors_button_, rename_button_, tags_button_, notes_button_, delete_button_,
                           export_table_button})
        toolbar->addWidget(b);

    table_ = new QTableView;
    table_->setObjectName("runsTable");
    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(RunsTableModel::Id, Qt::DescendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    table_->setWordWrap(false);
    table_->verticalHeader()->setVisible(false);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    table_->horizontalHeader()->setStretchLastSection(true);

    curves_panel_ = new RunCurvesPanel(workspace_, *store_);
    diff_view_ = new ConfigDiffView;
    evaluations_ = new RunEvaluationsView;
    hparams_ = new HParamsPanel(workspace_, *store_);
    auto* tabs = comparison_tabs_ = new QTabWidget;
    tabs->setObjectName("comparisonTabs");
    tabs->addTab(curves_panel_, tr("Curves"));
    tabs->addTab(diff_view_, tr("Configuration differences"));
    tabs->addTab(evaluations_, tr("Final evaluations"));
    tabs->addTab(hparams_, tr("HParams"));

    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(table_);
    splitter->addWidget(tabs);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);

    message_label_ = new QLabel;
    message_label_->setObjectName("runsMessage");
    message_label_->setWordWrap(true);
    message_label_->setStyleSheet(QStringLiteral("color: #b00020;"));
    message_label_->setVisible(false);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(toolbar);
    layout->addWidget(splitter, 1);
    layout->addWidget(message_label_);

    connect(filter_edit_, &QLineEdit::textChanged, proxy_, &QSortFilterProxyModel::setFilterFixedString);
    connect(filter_edit_, &QLineEdit::textChanged, this, &RunsPage::refreshHParams);  // it may compare the table's runs
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RunsPage::selectionChanged);
    connect(rename_button_, &QPushButton::clicked, this, [this] { editCurrent(RunsTableModel::Name); });
    connect(errors_button_, &QPushButton::clicked, this, [this] {
        if (selection_order_.size() == 1) workspace_.requestErrorAnalysis(selection_order_.front());
    });
    connect(clone_button_, &QPushButton::clicked, this, [this] {
        if (selection_order_.size() == 1) workspace_.requestClone(selection_order_.front());
    });
    connect(tags_button_, &QPushButton::clicked, this, [this] { editCurrent(RunsTableModel::Tags); });
    connect(notes_button_, &QPushButton::clicked, this, [this] { editCurrent(RunsTableModel::Notes); });
    connect(delete_button_, &QPushButton::clicked, this, &RunsPage::confirmDelete);
    connect(export_table_button, &QPushButton::clicked, this, &RunsPage::exportTable);
    connect(curves_panel_, &RunCurvesPanel::failed, this, &RunsPage::showError);
    connect(diff_view_, &ConfigDiffView::failed, this, &RunsPage::showError);
    connect(hparams_, &HParamsPanel::failed, this, &RunsPage::showError);
}

void RunsPage::fitColumns() {
    // Wide enough to read, never so wide that notes push the table sideways.
    table_->resizeColumnsToContents();
    for (int c = 0; c < RunsTableModel::Notes; ++c) table_->setColumnWidth(c, std::min(table_->columnWidth(c), kMaxColumnWidth));
}

void RunsPage::widenColumnsToContents() {
    // A running run's cells grow (its best metric comes with its first evaluation); a column only
    // widens here, so a poll never undoes a width the user chose wider.
    const QAbstractItemView* view = table_;  // QTableView hides sizeHintForColumn, its base has it public
    for (int c = 0; c < RunsTableModel::Notes; ++c) {
        const int wanted = std::min(std::max(view->sizeHintForColumn(c), table_->horizontalHeader()->sectionSizeHint(c)),
                                    kMaxColumnWidth);
        if (table_->columnWidth(c) < wanted) table_->setColumnWidth(c, wanted);
    }
}

void RunsPage::widenColumnsToRuns(const std::vector<int64_t>& run_ids) {
    const int grid = table_->showGrid() ? 1 : 0;  // as QTableView::sizeHintForColumn counts it
    for (int c = 0; c < RunsTableModel::Notes; ++c) {
        int wanted = 0;
        for (const int64_t id : run_ids) {
            const QModelIndex index = proxy_->mapFromSource(model_->index(model_->rowOfRun(id), c));
            if (index.isValid()) wanted = std::max(wanted, table_->sizeHintForIndex(index).width() + grid);
        }
        wanted = std::min(wanted, kMaxColumnWidth);
        if (table_->columnWidth(c) < wanted) table_->setColumnWidth(c, wanted);
    }
}

QAbstractItemModel* RunsPage::runsTable() const { return proxy_; }

RunCurvesPlot* RunsPage::curvesPlot() const { return curves_panel_->plot(); }

SmoothingSlider* RunsPage::smoothingSlider() const { return curves_panel_->smoothingSlider(); }

const ConfigDiffModel* RunsPage::configDiff() const { return diff_view_->model(); }

bool RunsPage::isPolling() const { return poll_timer_->isActive(); }

void RunsPage::showError(const QString& text) {
    message_label_->setText(text);
    message_label_->setVisible(!text.isEmpty());
}

void RunsPage::storeChanged() {
    // Another workspace: nothing of this one's runs, selection or plot view carries over, even
    // where run ids coincide, and its newest run is shown as when the page first opens.
    selection_order_.clear();
    model_->setRuns({});
    curves_panel_->plot()->clear();
    refresh();
}

void RunsPage::poll() {
    // Runs added, ended, renamed or deleted reach refresh() through the workspace's store watcher;
    // the poll only reads the rows (and curves) that grow while a run trains.
    store::ExperimentStore* store = store_->open(workspace_.storePath());
    if (!store) {
        refresh();
        return;
    }
    try {
        std::vector<store::RunRecord> running = store->listRuns({store::RunStatus::Running, std::nullopt, std::nullopt});
        std::vector<int64_t> updated;
        bool selected_changed = false;
        for (store::RunRecord& run : running) {
            if (model_->rowOfRun(run.id) < 0) continue;  // started meanwhile: the watcher's refresh adds it
            updated.push_back(run.id);
            selected_changed = selected_changed || selection_order_.contains(run.id);
            model_->updateRun(train::summarizeRun(*store, std::move(run)));
        }
        widenColumnsToRuns(updated);
        if (selected_changed) refreshDetails();  // their curves grew
    } catch (const std::exception& e) {
        showError(errorText(e));
    }
}

void RunsPage::refresh() {
    QString error;
    store::ExperimentStore* store = store_->open(workspace_.storePath(), &error);
    std::vector<RunSummary> runs;
    ++full_refreshes_;
    if (store) {
        try {
            runs = train::summarizeRuns(*store);
            error.clear();
        } catch (const std::exception& e) {
            error = errorText(e);
        }
    }
    showError(workspace_.hasStore() ? error : QString());
    QList<qint64> keep = selection_order_;
    // A workspace just opened shows its newest run's curves rather than an empty plot.
    if (keep.isEmpty() && model_->rowCount() == 0 && !runs.empty())
        keep << std::max_element(runs.begin(), runs.end(), [](const RunSummary& a, const RunSummary& b) {
                    return a.run.id < b.run.id;
                })->run.id;
    const bool rows_changed = static_cast<int>(runs.size()) != model_->rowCount() ||
                              std::any_of(runs.begin(), runs.end(), [this](const RunSummary& s) { return model_->rowOfRun(s.run.id) < 0; });
    model_->setRuns(std::move(runs));
    if (rows_changed) {
        selectRuns(keep);  // a reset model lost the selection
        fitColumns();
    } else {
        widenColumnsToContents();
    }
    if (model_->anyRunning()) poll_timer_->start();
    else poll_timer_->stop();
    refreshDetails();
}

void RunsPage::selectRuns(const QList<qint64>& ids) {
    QItemSelection selection;
    QList<qint64> order;
    for (qint64 id : ids) {
        const int row = model_->rowOfRun(id);
        if (row < 0) continue;
        const QModelIndex index = proxy_->mapFromSource(model_->index(row, 0));
        if (!index.isValid()) continue;  // filtered out
        selection.select(index, index.siblingAtColumn(RunsTableModel::ColumnCount - 1));
        order << id;
    }
    selection_order_ = order;
    QSignalBlocker block(table_->selectionModel());
    table_->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    if (!order.isEmpty())
        table_->selectionModel()->setCurrentIndex(proxy_->mapFromSource(model_->index(model_->rowOfRun(order.last()), 0)),
                                                  QItemSelectionModel::NoUpdate);
    block.unblock();
    refreshDetails();
}

QVariantMap RunsPage::viewState() const {
    QVariantList ids;
    for (const qint64 id : selectedRunIds()) ids << id;
    return {{QStringLiteral("runs"), ids},
            {QStringLiteral("filter"), filter_edit_->text()},
            {QStringLiteral("tab"), comparison_tabs_->currentIndex()}};
}

void RunsPage::restoreViewState(const QVariantMap& state) {
    filter_edit_->setText(state.value(QStringLiteral("filter")).toString());
    QList<qint64> ids;
    for (const QVariant& id : state.value(QStringLiteral("runs")).toList()) ids << id.toLongLong();
    selectRuns(ids);
    comparison_tabs_->setCurrentIndex(state.value(QStringLiteral("tab"), 0).toInt());
}

QList<qint64> RunsPage::selectedRunIds() const { return selection_order_; }

void RunsPage::selectionChanged() {
    QList<qint64> selected;
    for (const QModelIndex& index : table_->selectionModel()->selectedRows())
        if (const RunSummary* s = model_->runAt(proxy_->mapToSource(index).row())) selected << s->run.id;
    // Keep the order runs were picked in (their colours), then add the new ones in table order.
    QList<qint64> order;
    for (qint64 id : selection_order_)
        if (selected.contains(id)) order << id;
    for (qint64 id : selected)
        if (!order.contains(id)) order << id;
    selection_order_ = order;
    refreshDetails();
}

void RunsPage::refreshDetails() {
    const bool one = selection_order_.size() == 1;
    clone_button_->setEnabled(one);
    rename_button_->setEnabled(one);
    tags_button_->setEnabled(one);
    notes_button_->setEnabled(one);
    delete_button_->setEnabled(!selection_order_.isEmpty());

    const std::vector<const RunSummary*> runs = selectedRuns();
    errors_button_->setEnabled(one && runs.size() == 1 && train::canAnalyseErrors(runs[0]->run.task));
    diff_view_->setRuns(runs);
    refreshEvaluations(runs);
    curves_panel_->setRuns(runs);
    refreshHParams();
}

// Two or more selected runs are compared; otherwise the runs the table shows (filtered, in its order),
// as a sweep is usually looked at whole, up to kMostHParamsRuns: more lines are no longer told apart
// (and a store of 10,000 runs would take seconds to read on every refresh).
void RunsPage::refreshHParams() {
    if (selection_order_.size() >= 2) {
        hparams_->setRuns(selectedRuns(), true);
        return;
    }
    std::vector<const RunSummary*> shown;
    for (int row = 0; row < proxy_->rowCount() && row < kMostHParamsRuns; ++row)
        if (const RunSummary* s = model_->runAt(proxy_->mapToSource(proxy_->index(row, 0)).row())) shown.push_back(s);
    hparams_->setRuns(shown, false, proxy_->rowCount());
}

std::vector<const RunSummary*> RunsPage::selectedRuns() const {
    std::vector<const RunSummary*> runs;
    for (qint64 id : selection_order_)
        if (const RunSummary* s = model_->runAt(model_->rowOfRun(id))) runs.push_back(s);
    return runs;
}

void RunsPage::refreshEvaluations(const std::vector<const RunSummary*>& runs) {
    std::vector<RunEvaluation> evaluations;
    if (store::ExperimentStore* store = store_->open(workspace_.storePath())) {
        try {
            for (const RunSummary* s : runs) {
                RunEvaluation e;
                e.run = runLabel(s->run);
                // The evaluation of the weights the run ended with (its best checkpoint's when reloaded).
                if (auto final = train::finalEvaluation(*store, s->run)) {
                    e.final = *final;
                    const std::vector<store::EvaluationRecord> all = store->evaluations(s->run.id);
                    if (!all.empty() && all.back().step != final->step) e.last_evaluated_step = all.back().step;
                }
                e.labels = train::runLabelNames(*store, s->run);
                evaluations.push_back(std::move(e));
            }
        } catch (const std::exception& e) {
            showError(errorText(e));
        }
    }
    evaluations_->setEvaluations(evaluations);
}

bool RunsPage::setCurveMetric(const QString& name) { return curves_panel_->setMetric(name); }

bool RunsPage::updateRun(qint64 id, const store::RunUpdate& update) {
    store::ExperimentStore* store = store_->open(workspace_.storePath());
    if (!store) return false;
    try {
        store->updateRun(id, update);
    } catch (const std::exception& e) {
        showError(errorText(e));
        return false;
    }
    workspace_.notifyStoreContentsChanged();  // refreshes this page too
    return true;
}

bool RunsPage::deleteRuns(const QList<qint64>& ids) {
    store::ExperimentStore* store = store_->open(workspace_.storePath());
    if (!store) return false;
    bool all = true;
    for (qint64 id : ids) {
        try {
            store->deleteRun(id);
        } catch (const std::exception& e) {  // a run still training is refused
            showError(errorText(e));
            all = false;
        }
    }
    workspace_.notifyStoreContentsChanged();
    return all;
}

void RunsPage::editCurrent(int column) {
    if (selection_order_.size() != 1) return;
    const int row = model_->rowOfRun(selection_order_.first());
    const QModelIndex index = proxy_->mapFromSource(model_->index(row, column));
    if (column != RunsTableModel::Notes) {
        table_->edit(index);
        return;
    }
    // Notes can run over several lines: they get a dialog rather than a cell editor.
    bool ok = false;
    const QString notes = QInputDialog::getMultiLineText(this, tr("Run notes"), tr("Notes for %1:").arg(index.siblingAtColumn(RunsTableModel::Name).data().toString()),
                                                         index.data(Qt::EditRole).toString(), &ok);
    if (ok) model_->setData(model_->index(row, column), notes);
}

void RunsPage::confirmDelete() {
    if (selection_order_.isEmpty()) return;
    QStringList names;
    for (const RunSummary* s : selectedRuns()) names << runLabel(s->run);
    if (askYesNo(this, tr("Delete runs"),
                 tr("Delete %n run(s) with their curves and evaluations? Checkpoint files on disk stay.\n\n%1", "",
                    static_cast<int>(names.size()))
                     .arg(names.join(QLatin1Char('\n')))))
        deleteRuns(selection_order_);
}

void RunsPage::exportTable() {
    const QString path = FileDialog::getSaveFileName(this, tr("Export runs"), QStringLiteral("runs.csv"), tr("CSV (*.csv)"));
    if (!path.isEmpty()) exportTableTo(path);
}

bool RunsPage::exportTableTo(const QString& path) {
    QList<QStringList> rows;
    for (int row = 0; row < proxy_->rowCount(); ++row)  // the table's order and filter
        if (const RunSummary* s = model_->runAt(proxy_->mapToSource(proxy_->index(row, 0)).row())) rows << csvCells(train::runsCsvRow(*s));
    QString error;
    if (writeCsv(path, csvCells(train::runsCsvHeader()), rows, &error)) return true;
    showError(error);
    return false;
}

bool RunsPage::exportCurvesTo(const QString& path) { return curves_panel_->exportTo(path); }

}  // namespace bw::gui
