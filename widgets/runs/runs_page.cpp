#include "widgets/runs/runs_page.h"

#include "core/store/experiment_store.h"
#include "core/train/run_results.h"
#include "core/train/runs_csv.h"
#include "widgets/runs/config_diff.h"
#include "widgets/runs/run_curves_plot.h"
#include "widgets/runs/run_evaluations_view.h"
#include "widgets/runs/runs_table_model.h"
#include "widgets/runs/store_time.h"
#include "widgets/shared/csv_file.h"
#include "widgets/shared/curve_axis_combo.h"
#include "widgets/shared/plot_export.h"
#include "widgets/shared/smoothing_slider.h"
#include "widgets/store/store_connection.h"
#include "widgets/workbench/workspace.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <set>

namespace bw::gui {

namespace {

constexpr int kPollMilliseconds = 2000;

QString runLabel(const store::RunRecord& run) {
    return QStringLiteral("#%1 %2").arg(run.id).arg(QString::fromStdString(run.name));
}

QStringList csvCells(const std::vector<std::string>& cells) {
    QStringList list;
    for (const std::string& cell : cells) list << QString::fromStdString(cell);
    return list;
}

// A file name from a metric name: "eval/accuracy" -> "eval-accuracy".
QString fileSafe(QString name) {
    for (QChar& c : name)
        if (!c.isLetterOrNumber() && c != QLatin1Char('-') && c != QLatin1Char('_')) c = QLatin1Char('-');
    return name;
}

}  // namespace

RunsPage::RunsPage(Workspace& workspace, QWidget* parent)
    : QWidget(parent), workspace_(workspace), store_(std::make_unique<StoreConnection>()),
      model_(new RunsTableModel(this)), proxy_(new QSortFilterProxyModel(this)), diff_model_(new ConfigDiffModel(this)),
      poll_timer_(new QTimer(this)) {
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(RunsTableModel::SortRole);
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy_->setFilterKeyColumn(-1);  // the filter looks at every column
    poll_timer_->setInterval(kPollMilliseconds);
    buildLayout();

    connect(poll_timer_, &QTimer::timeout, this, &RunsPage::refresh);
    connect(&workspace_, &Workspace::storeChanged, this, &RunsPage::storeChanged);
    connect(&workspace_, &Workspace::storeContentsChanged, this, &RunsPage::refresh);
    connect(model_, &RunsTableModel::runEdited, this, &RunsPage::updateRun);
    refresh();
}

RunsPage::~RunsPage() = default;

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
    for (QPushButton* b : {clone_button_, rename_button_, tags_button_, notes_button_, delete_button_, export_table_button})
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

    metric_combo_ = new QComboBox;
    metric_combo_->setObjectName("metricCombo");
    metric_combo_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    axis_combo_ = new CurveAxisCombo;
    axis_combo_->setObjectName("axisCombo");
    auto* export_curves_button = new QPushButton(tr("Export curves…"));
    export_curves_button->setToolTip(tr("Every metric of the selected runs, one row per run, metric and step"));
    auto* save_plot_button = new QPushButton(tr("Save plot…"));
    curves_ = new RunCurvesPlot;
    auto* curve_controls = new QHBoxLayout;
    curve_controls->addWidget(new QLabel(tr("Metric:")));
    curve_controls->addWidget(metric_combo_);
    curve_controls->addSpacing(12);
    curve_controls->addWidget(new QLabel(tr("X axis:")));
    curve_controls->addWidget(axis_combo_);
    curve_controls->addSpacing(12);
    smoothing_ = new SmoothingSlider;
    curve_controls->addWidget(smoothing_);
    curve_controls->addStretch(1);
    curve_controls->addWidget(export_curves_button);
    curve_controls->addWidget(save_plot_button);
    auto* curves_tab = new QWidget;
    auto* curves_layout = new QVBoxLayout(curves_tab);
    curves_layout->addLayout(curve_controls);
    curves_layout->addWidget(curves_, 1);

    diff_hint_ = new QLabel;
    diff_view_ = new QTableView;
    diff_view_->setObjectName("configDiffTable");
    diff_view_->setModel(diff_model_);
    diff_view_->verticalHeader()->setVisible(false);
    diff_view_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    diff_view_->horizontalHeader()->setStretchLastSection(true);
    diff_view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto* export_diff_button = new QPushButton(tr("Export differences…"));
    auto* diff_controls = new QHBoxLayout;
    diff_controls->addWidget(diff_hint_, 1);
    diff_controls->addWidget(export_diff_button);
    auto* diff_tab = new QWidget;
    auto* diff_layout = new QVBoxLayout(diff_tab);
    diff_layout->addLayout(diff_controls);
    diff_layout->addWidget(diff_view_, 1);

    evaluations_ = new RunEvaluationsView;
    auto* tabs = new QTabWidget;
    tabs->addTab(curves_tab, tr("Curves"));
    tabs->addTab(diff_tab, tr("Configuration differences"));
    tabs->addTab(evaluations_, tr("Final evaluations"));

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
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RunsPage::selectionChanged);
    connect(rename_button_, &QPushButton::clicked, this, [this] { editCurrent(RunsTableModel::Name); });
    connect(clone_button_, &QPushButton::clicked, this, [this] {
        if (selection_order_.size() == 1) workspace_.requestClone(selection_order_.front());
    });
    connect(tags_button_, &QPushButton::clicked, this, [this] { editCurrent(RunsTableModel::Tags); });
    connect(notes_button_, &QPushButton::clicked, this, [this] { editCurrent(RunsTableModel::Notes); });
    connect(delete_button_, &QPushButton::clicked, this, &RunsPage::confirmDelete);
    connect(export_table_button, &QPushButton::clicked, this, &RunsPage::exportTable);
    connect(export_curves_button, &QPushButton::clicked, this, &RunsPage::exportCurves);
    connect(save_plot_button, &QPushButton::clicked, this, [this] {
        savePlotInteractively(*curves_->plot(), QStringLiteral("curves-%1.png").arg(fileSafe(curves_->metric())), this);
    });
    connect(export_diff_button, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export differences"), QStringLiteral("config-diff.csv"),
                                                          tr("CSV (*.csv)"));
        QString error;
        if (!path.isEmpty() && !writeModelCsv(*diff_model_, path, &error)) showError(error);
    });
    connect(metric_combo_, qOverload<int>(&QComboBox::activated), this, &RunsPage::refreshCurves);
    connect(axis_combo_, qOverload<int>(&QComboBox::activated), this, &RunsPage::refreshCurves);
    connect(smoothing_, &SmoothingSlider::weightChanged, curves_, &RunCurvesPlot::setSmoothing);
}

void RunsPage::fitColumns() {
    // Wide enough to read, never so wide that notes push the table sideways.
    table_->resizeColumnsToContents();
    for (int c = 0; c < RunsTableModel::Notes; ++c) table_->setColumnWidth(c, std::min(table_->columnWidth(c), 260));
}

QAbstractItemModel* RunsPage::runsTable() const { return proxy_; }

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
    curves_->clear();
    refresh();
}

void RunsPage::refresh() {
    QString error;
    store::ExperimentStore* store = store_->open(workspace_.storePath(), &error);
    std::vector<RunSummary> runs;
    if (store) {
        try {
            runs = train::summarizeRuns(*store);
            error.clear();
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
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

    std::vector<nlohmann::json> configs;
    QStringList labels;
    for (qint64 id : selection_order_)
        if (const RunSummary* s = model_->runAt(model_->rowOfRun(id))) {
            configs.push_back(s->run.config);
            labels << runLabel(s->run);
        }
    train::ConfigDiff diff = configs.size() >= 2 ? train::diffConfigs(configs) : train::ConfigDiff{};
    diff_hint_->setText(configs.size() < 2 ? tr("Select two or more runs to see the settings in which they differ.")
                        : diff.keys.empty() ? tr("The selected runs have the same configuration.")
                                            : tr("%n setting(s) differ.", "", static_cast<int>(diff.keys.size())));
    diff_model_->setDiff(std::move(diff), configs.size() >= 2 ? labels : QStringList());

    std::vector<RunEvaluation> evaluations;
    if (store::ExperimentStore* store = store_->open(workspace_.storePath())) {
        try {
            for (qint64 id : selection_order_) {
                const RunSummary* s = model_->runAt(model_->rowOfRun(id));
                if (!s) continue;
                RunEvaluation e;
                e.run = runLabel(s->run);
                // The evaluation of the weights the run ended with (its best checkpoint's when reloaded).
                if (auto final = train::finalEvaluation(*store, s->run)) e.final = *final;
                e.labels = train::runLabelNames(*store, s->run);
                evaluations.push_back(std::move(e));
            }
        } catch (const std::exception& e) {
            showError(QString::fromStdString(e.what()));
        }
    }
    evaluations_->setEvaluations(evaluations);
    refreshMetricChoices();
    refreshCurves();
}

void RunsPage::refreshMetricChoices() {
    std::set<std::string> names;
    if (store::ExperimentStore* store = store_->open(workspace_.storePath())) {
        try {
            for (qint64 id : selection_order_)
                for (const std::string& name : store->metricNames(id)) names.insert(name);
        } catch (const std::exception& e) {
            showError(QString::fromStdString(e.what()));
        }
    }
    const QString current = metric_combo_->currentText();
    QSignalBlocker block(metric_combo_);
    metric_combo_->clear();
    for (const std::string& name : names) metric_combo_->addItem(QString::fromStdString(name));
    int index = metric_combo_->findText(current);
    if (index < 0) index = metric_combo_->findText(QStringLiteral("train/loss"));
    metric_combo_->setCurrentIndex(index >= 0 ? index : 0);
}

bool RunsPage::setCurveMetric(const QString& name) {
    const int index = metric_combo_->findText(name);
    if (index < 0) return false;
    metric_combo_->setCurrentIndex(index);
    refreshCurves();
    return true;
}

void RunsPage::refreshCurves() {
    const QString metric = metric_combo_->currentText();
    std::vector<RunCurve> curves;
    store::ExperimentStore* store = store_->open(workspace_.storePath());
    if (store && !metric.isEmpty()) {
        try {
            for (qint64 id : selection_order_) {
                const RunSummary* s = model_->runAt(model_->rowOfRun(id));
                if (!s) continue;
                RunCurve curve;
                curve.run_id = id;
                curve.label = runLabel(s->run);
                curve.points = store->metrics(id, metric.toStdString());
                curve.sessions = s->sessions;
                const QDateTime started = storeTime(s->run.started_at);
                curve.start_time = started.isValid()        ? static_cast<double>(started.toMSecsSinceEpoch()) / 1000.0
                                   : !curve.points.empty() ? curve.points.front().wall_time
                                                           : 0.0;
                curves.push_back(std::move(curve));
            }
        } catch (const std::exception& e) {
            showError(QString::fromStdString(e.what()));
        }
    }
    curves_->setSmoothing(smoothing_->weight());
    curves_->setCurves(std::move(curves), metric, axis_combo_->axis());
    smoothing_->setEnabled(curves_->smoothes());  // evaluations are drawn as they are
}

bool RunsPage::updateRun(qint64 id, const store::RunUpdate& update) {
    store::ExperimentStore* store = store_->open(workspace_.storePath());
    if (!store) return false;
    try {
        store->updateRun(id, update);
    } catch (const std::exception& e) {
        showError(QString::fromStdString(e.what()));
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
            showError(QString::fromStdString(e.what()));
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
    for (qint64 id : selection_order_)
        if (const RunSummary* s = model_->runAt(model_->rowOfRun(id))) names << runLabel(s->run);
    const auto answer = QMessageBox::question(
        this, tr("Delete runs"),
        tr("Delete %n run(s) with their curves and evaluations? Checkpoint files on disk stay.\n\n%1", "",
           static_cast<int>(names.size()))
            .arg(names.join(QLatin1Char('\n'))));
    if (answer == QMessageBox::Yes) deleteRuns(selection_order_);
}

void RunsPage::exportTable() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export runs"), QStringLiteral("runs.csv"), tr("CSV (*.csv)"));
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

void RunsPage::exportCurves() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export curves"), QStringLiteral("curves.csv"), tr("CSV (*.csv)"));
    if (!path.isEmpty()) exportCurvesTo(path);
}

bool RunsPage::exportCurvesTo(const QString& path) {
    QList<QStringList> rows;
    QString error;
    if (store::ExperimentStore* store = store_->open(workspace_.storePath(), &error)) {
        try {
            for (qint64 id : selection_order_) {
                const RunSummary* s = model_->runAt(model_->rowOfRun(id));
                if (!s) continue;
                for (const store::MetricPoint& p : store->metrics(id)) rows << csvCells(train::curvesCsvRow(id, runLabel(s->run).toStdString(), p));
            }
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
    }
    if (error.isEmpty() && writeCsv(path, csvCells(train::curvesCsvHeader()), rows, &error)) return true;
    showError(error);
    return false;
}

}  // namespace bw::gui
