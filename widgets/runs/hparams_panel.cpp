#include "widgets/runs/hparams_panel.h"

#include "core/store/experiment_store.h"
#include "widgets/runs/hparams_table_model.h"
#include "widgets/runs/parallel_coordinates_plot.h"
#include "widgets/shared/csv_file.h"
#include "widgets/shared/error_text.h"
#include "widgets/shared/file_dialog.h"
#include "widgets/shared/frozen_column_table_view.h"
#include "widgets/shared/plot_export.h"
#include "widgets/shared/run_label.h"
#include "widgets/store/store_connection.h"
#include "widgets/workbench/workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace bw::gui {
namespace {

constexpr int kWidestColumn = 220;

}  // namespace

HParamsPanel::HParamsPanel(Workspace& workspace, StoreConnection& store, QWidget* parent)
    : QWidget(parent), workspace_(workspace), store_(store), model_(new HParamsTableModel(this)),
      filter_(new HParamsFilter(this)) {
    filter_->setSourceModel(model_);
    buildLayout();
}

void HParamsPanel::buildLayout() {
    scope_label_ = new QLabel;
    scope_label_->setObjectName("hparamsScope");
    scope_label_->setWordWrap(true);
    at_combo_ = new QComboBox;
    at_combo_->setObjectName("metricsAtCombo");
    at_combo_->addItem(tr("best checkpoint"), int(train::MetricsAt::Kind::Best));
    at_combo_->addItem(tr("last evaluation"), int(train::MetricsAt::Kind::Last));
    at_combo_->addItem(tr("step (or the last evaluation before it)"), int(train::MetricsAt::Kind::Step));
    at_combo_->setToolTip(tr("Which evaluation of each run gives its metrics: the one of its best checkpoint "
                             "(metric_for_best_model), its last one, or the one at a step (else the last one before it)"));
    step_spin_ = new QSpinBox;
    step_spin_->setObjectName("metricsStep");
    step_spin_->setRange(0, 1000000000);
    step_spin_->setEnabled(false);
    metric_combo_ = new QComboBox;
    metric_combo_->setObjectName("colourMetricCombo");
    metric_combo_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    metric_combo_->setToolTip(tr("The metric of the plot's last axis, which colours the lines"));
    differing_check_ = new QCheckBox(tr("Only hyperparameters that differ"));
    differing_check_->setObjectName("onlyDiffering");
    differing_check_->setChecked(true);
    filter_edit_ = new QLineEdit;
    filter_edit_->setObjectName("hparamsFilter");
    filter_edit_->setPlaceholderText(tr("Filter runs…"));
    filter_edit_->setClearButtonEnabled(true);
    auto* export_button = new QPushButton(tr("Export table…"));
    auto* save_plot_button = new QPushButton(tr("Save plot…"));

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Metrics at:")));
    controls->addWidget(at_combo_);
    controls->addWidget(step_spin_);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("Colour by:")));
    controls->addWidget(metric_combo_);
    controls->addSpacing(12);
    controls->addWidget(differing_check_);
    controls->addStretch(1);
    controls->addWidget(export_button);
    controls->addWidget(save_plot_button);

    table_ = new FrozenColumnTableView;  // the run's name stays in sight beside the last columns
    table_->setObjectName("hparamsTable");
    table_->setModel(filter_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(HParamsTableModel::Run, Qt::AscendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setWordWrap(false);
    table_->verticalHeader()->setVisible(false);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    plot_ = new ParallelCoordinatesPlot;

    // The plot below the table, across the whole width: beside it a dozen axes shared 480 px at
    // 1280 and their names ran into each other.
    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(table_);
    splitter->addWidget(plot_);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    // The filter on the scope's line: in the row of controls it was squeezed to "Fi…".
    auto* scope_row = new QHBoxLayout;
    scope_row->addWidget(scope_label_, 1);
    filter_edit_->setMinimumWidth(filter_edit_->fontMetrics().horizontalAdvance(filter_edit_->placeholderText()) * 2);
    scope_row->addWidget(filter_edit_);
    layout->addLayout(scope_row);
    layout->addLayout(controls);
    layout->addWidget(splitter, 1);

    connect(at_combo_, qOverload<int>(&QComboBox::activated), this, &HParamsPanel::modeChanged);
    connect(step_spin_, &QSpinBox::editingFinished, this, &HParamsPanel::refresh);
    connect(metric_combo_, qOverload<int>(&QComboBox::activated), this, &HParamsPanel::refreshPlot);
    connect(differing_check_, &QCheckBox::toggled, this, [this](bool only) {
        filter_->setOnlyDiffering(only);
        table_->resizeColumnsToContents();
    });
    connect(filter_edit_, &QLineEdit::textChanged, filter_, &QSortFilterProxyModel::setFilterFixedString);
    // The plot draws the runs the table shows: a filter hides a run's line too.
    connect(filter_, &QAbstractItemModel::rowsInserted, this, &HParamsPanel::refreshPlot);
    connect(filter_, &QAbstractItemModel::rowsRemoved, this, &HParamsPanel::refreshPlot);
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &HParamsPanel::tableSelectionChanged);
    connect(plot_, &ParallelCoordinatesPlot::runClicked, this, &HParamsPanel::selectRun);
    connect(export_button, &QPushButton::clicked, this, &HParamsPanel::exportTable);
    connect(save_plot_button, &QPushButton::clicked, this,
            [this] { savePlotInteractively(*plot_->plot(), QStringLiteral("hparams.png"), window()); });
}

void HParamsPanel::setRuns(const std::vector<const train::RunSummary*>& runs, bool selected, int table_runs) {
    runs_.clear();
    for (const train::RunSummary* s : runs) runs_.push_back({s->run, s->best.metric});
    const int n = static_cast<int>(runs_.size());
    scope_label_->setText(selected       ? tr("Comparing the %Ln selected run(s).", "", n)
                          : n < table_runs ? tr("Comparing the first %1 of the %2 runs in the table above; select two or "
                                                "more runs to compare only those.").arg(n).arg(table_runs)
                                           : tr("Comparing all %Ln run(s) in the table above; select two or more runs to "
                                                "compare only those.", "", n));
    stale_ = true;
    if (isVisible()) refresh();
}

QString HParamsPanel::scopeText() const { return scope_label_->text(); }

void HParamsPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (stale_) refresh();
}

void HParamsPanel::setMetricsAt(const train::MetricsAt& at) {
    at_combo_->setCurrentIndex(at_combo_->findData(int(at.kind)));
    step_spin_->setValue(static_cast<int>(std::min<int64_t>(at.step, step_spin_->maximum())));
    modeChanged();
}

void HParamsPanel::modeChanged() {
    step_spin_->setEnabled(at_combo_->currentData().toInt() == int(train::MetricsAt::Kind::Step));
    refresh();
}

void HParamsPanel::setOnlyDiffering(bool only) { differing_check_->setChecked(only); }

void HParamsPanel::refresh() {
    stale_ = false;
    train::MetricsAt at;
    at.kind = static_cast<train::MetricsAt::Kind>(at_combo_->currentData().toInt());
    at.step = step_spin_->value();
    train::HParamsTable table;
    table.at = at;
    QStringList labels, search;
    if (!runs_.empty()) {
        QString error;
        store::ExperimentStore* store = store_.open(workspace_.storePath(), &error);
        try {
            if (!store) throw std::runtime_error(error.toStdString());
            std::vector<store::RunRecord> records;
            for (const ShownRun& r : runs_) {
                records.push_back(r.run);
                labels << runLabel(r.run);
                QStringList words{QString::fromStdString(std::string(store::runStatusName(r.run.status))),
                                  QString::fromStdString(r.run.notes)};
                for (const std::string& tag : r.run.tags) words << QString::fromStdString(tag);
                search << words.join(QLatin1Char('\n'));
            }
            table = train::hparamsTable(*store, records, at);
        } catch (const std::exception& e) {
            emit failed(errorText(e));
            labels.clear();
            search.clear();
        }
    }
    const qint64 keep = selectedRun();
    model_->setTable(std::move(table), labels, search);
    table_->resizeColumnsToContents();
    for (int c = 0; c < filter_->columnCount(); ++c) table_->setColumnWidth(c, std::min(table_->columnWidth(c), kWidestColumn));
    refreshMetricChoices();
    refreshPlot();
    if (keep) selectRun(keep);
}

void HParamsPanel::refreshMetricChoices() {
    QString current = metric_combo_->currentText();
    // At first the metric the runs pick their best checkpoint by.
    if (current.isEmpty() && !runs_.empty()) current = QString::fromStdString(runs_.front().best_metric);
    QSignalBlocker block(metric_combo_);
    metric_combo_->clear();
    for (const train::HParamsColumn& c : model_->table().metrics)
        if (c.numeric) metric_combo_->addItem(QString::fromStdString(c.name));
    const int index = metric_combo_->findText(current);
    metric_combo_->setCurrentIndex(index >= 0 ? index : 0);
}

bool HParamsPanel::setColourMetric(const QString& name) {
    const int index = metric_combo_->findText(name);
    if (index < 0) return false;
    metric_combo_->setCurrentIndex(index);
    refreshPlot();
    return true;
}

void HParamsPanel::refreshPlot() {
    const train::HParamsTable& table = model_->table();
    // The runs the filter shows, as the table does: a filtered-out run has no line either.
    std::vector<int> shown;
    for (int r = 0; r < filter_->rowCount(); ++r) shown.push_back(filter_->mapToSource(filter_->index(r, 0)).row());
    const auto valuesOf = [&](auto member, size_t c) {
        std::vector<nlohmann::json> values;
        for (const int row : shown) values.push_back((table.rows[row].*member)[c]);
        return values;
    };
    std::vector<ParallelColumn> columns;
    for (size_t c = 0; c < table.hyperparameters.size(); ++c) {
        std::vector<nlohmann::json> values = valuesOf(&train::HParamsRow::hyperparameters, c);
        // An axis where the shown runs differ (among all runs it may differ while these share it).
        if (std::all_of(values.begin(), values.end(), [&](const nlohmann::json& v) { return v == values.front(); }))
            continue;
        columns.push_back({QString::fromStdString(table.hyperparameters[c].name), std::move(values)});
    }
    const bool any_hyperparameter = !columns.empty();
    const int metric = table.metricIndex(metric_combo_->currentText().toStdString());
    if (metric >= 0) columns.push_back({metric_combo_->currentText(), valuesOf(&train::HParamsRow::metrics, metric)});
    QList<qint64> ids;
    QStringList labels;
    for (const int row : shown) {
        ids << model_->index(row, 0).data(HParamsTableModel::RunIdRole).toLongLong();
        labels << model_->index(row, HParamsTableModel::Run).data().toString();
    }
    plot_->setEmptyHint(table.rows.empty()  ? tr("No runs to compare.")
                        : shown.empty()     ? tr("No run matches the filter.")
                        : shown.size() < 2  ? tr("One run: nothing to compare.")
                        : !any_hyperparameter ? tr("These runs have the same hyperparameters.")
                                              : tr("These runs have no evaluation to compare."));
    if (metric < 0 || !any_hyperparameter) columns.clear();
    plot_->setRuns(ids, labels, columns);
    plot_->highlightRun(selectedRun());
}

qint64 HParamsPanel::selectedRun() const {
    const QModelIndexList rows = table_->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : rows.front().data(HParamsTableModel::RunIdRole).toLongLong();
}

void HParamsPanel::selectRun(qint64 run_id) {
    const int row = model_->rowOfRun(run_id);
    const QModelIndex index = row < 0 ? QModelIndex() : filter_->mapFromSource(model_->index(row, 0));
    if (!index.isValid()) {  // not in the table, or filtered out
        table_->clearSelection();
        return;
    }
    table_->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    table_->selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
    table_->scrollTo(index);
}

void HParamsPanel::tableSelectionChanged() { plot_->highlightRun(selectedRun()); }

void HParamsPanel::exportTable() {
    const QString path = FileDialog::getSaveFileName(window(), tr("Export HParams table"), QStringLiteral("hparams.csv"),
                                                      tr("CSV (*.csv)"));
    if (!path.isEmpty()) exportTo(path);
}

bool HParamsPanel::exportTo(const QString& path) {
    // core's cells (numbers in full, as `runs hparams --format csv` writes them), in the table's order
    // and filter, with or without the settings every run shares as the table shows them.
    const bool only = filter_->onlyDiffering();
    const std::vector<std::vector<std::string>> cells = model_->table().csvRows(only);
    QList<QStringList> rows;
    for (int r = 0; r < filter_->rowCount(); ++r) rows << csvCells(cells[filter_->mapToSource(filter_->index(r, 0)).row()]);
    QString error;
    if (writeCsv(path, csvCells(model_->table().csvHeader(only)), rows, &error)) return true;
    emit failed(error);
    return false;
}

}  // namespace bw::gui
