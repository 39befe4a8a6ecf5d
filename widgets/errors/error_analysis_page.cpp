#include "widgets/errors/error_analysis_page.h"

#include "core/store/experiment_store.h"
#include "core/train/analysis_job.h"
#include "core/train/error_analysis.h"
#include "widgets/errors/analysis_request_dialog.h"
#include "widgets/errors/analysis_rows_model.h"
#include "widgets/errors/binary_curves_plot.h"
#include "widgets/errors/entity_spans_delegate.h"
#include "widgets/shared/background_task.h"
#include "widgets/shared/csv_file.h"
#include "widgets/shared/file_name_part.h"
#include "widgets/shared/duration_text.h"
#include "widgets/shared/error_text.h"
#include "widgets/shared/evaluation_tables.h"
#include "widgets/shared/file_dialog.h"
#include "widgets/shared/metric_text.h"
#include "widgets/shared/run_label.h"
#include "widgets/shared/split_title.h"
#include "widgets/store/store_connection.h"
#include "widgets/workbench/workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>
#include <filesystem>
#include <set>

namespace bw::gui {
namespace {

QString html(const std::string& text) { return QString::fromStdString(text).toHtmlEscaped(); }

QString metricText(const nlohmann::json& metrics, const char* name) {
    const auto v = metrics.find(name);
    return v != metrics.end() && v->is_number() ? metricValueText(v->get<double>()) : QString();
}

}  // namespace

ErrorAnalysisPage::ErrorAnalysisPage(Workspace& workspace, QWidget* parent)
    : QWidget(parent), workspace_(workspace), store_(std::make_unique<StoreConnection>()), task_(new BackgroundTask(this)) {
    run_box_ = new QComboBox;
    run_box_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    analysis_box_ = new QComboBox;
    analysis_box_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    analyse_ = new QPushButton(tr("New analysis…"));
    analyse_->setToolTip(tr("Predict every row of a split with one of the run's checkpoints"));
    delete_ = new QPushButton(tr("Delete"));
    export_ = new QPushButton(tr("Export CSV…"));
    export_->setToolTip(tr("Every row of the analysis: text, gold, prediction, confidence, loss and probabilities"));
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Run:")));
    top->addWidget(run_box_);
    top->addSpacing(12);
    top->addWidget(new QLabel(tr("Analysis:")));
    top->addWidget(analysis_box_, 1);
    top->addWidget(analyse_);
    top->addWidget(delete_);
    top->addWidget(export_);

    summary_ = new QLabel;
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    problem_ = new QLabel;
    problem_->setWordWrap(true);
    problem_->setTextFormat(Qt::PlainText);  // errors name datasets and files as they are written
    problem_->setStyleSheet(QStringLiteral("color: #c62828"));
    problem_->hide();

    // Left: the analysis's tables, and its curves for a two-class task.
    tables_ = new QWidget;
    auto* tables_layout = new QVBoxLayout(tables_);
    tables_layout->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    auto* tables_scroll = new QScrollArea;
    tables_scroll->setWidget(tables_);
    tables_scroll->setWidgetResizable(true);
    tables_scroll->setFrameShape(QFrame::NoFrame);
    curves_tab_ = new QWidget;
    roc_ = new BinaryCurvesPlot(BinaryCurvesPlot::Kind::Roc);
    pr_ = new BinaryCurvesPlot(BinaryCurvesPlot::Kind::PrecisionRecall);
    positive_box_ = new QComboBox;
    positive_box_->setObjectName(QStringLiteral("positiveClassBox"));
    positive_box_->setSizeAdjustPolicy(QComboBox::AdjustToContents);  // a class name whole, in a narrow pane
    positive_box_->setToolTip(tr("The class drawn against all the others (one-vs-rest, as scikit-learn does it)"));
    curves_problem_ = new QLabel;
    curves_problem_->setObjectName(QStringLiteral("curvesProblem"));
    curves_problem_->setWordWrap(true);
    curves_problem_->hide();
    auto* positive_row = new QHBoxLayout;
    positive_row->addWidget(new QLabel(tr("Positive class:")));
    positive_row->addWidget(positive_box_);
    positive_row->addStretch(1);
    auto* curves_layout = new QVBoxLayout(curves_tab_);
    curves_layout->addLayout(positive_row);
    curves_layout->addWidget(curves_problem_);
    curves_layout->addWidget(pr_);
    curves_layout->addWidget(roc_);
    connect(positive_box_, qOverload<int>(&QComboBox::activated), this, [this] { drawClassCurves(); });
    tabs_ = new QTabWidget;
    tabs_->addTab(tables_scroll, tr("Metrics"));
    tabs_->addTab(curves_tab_, tr("Curves"));

    // Right: the rows.
    search_ = new QLineEdit;
    search_->setPlaceholderText(tr("Find text…"));
    search_->setClearButtonEnabled(true);
    wrong_only_ = new QCheckBox(tr("Only wrong rows"));
    wrong_only_->setObjectName(QStringLiteral("wrongOnlyBox"));
    wrong_only_->setChecked(true);
    sort_ = new QComboBox;
    sort_->setObjectName(QStringLiteral("rowOrderBox"));
    sort_->addItem(tr("Highest loss first"), QStringLiteral("loss-desc"));
    sort_->addItem(tr("Most confident first"), QStringLiteral("confidence-desc"));
    sort_->addItem(tr("Least confident first"), QStringLiteral("confidence-asc"));
    sort_->addItem(tr("Split order"), QStringLiteral("row-asc"));
    cell_filter_ = new QLabel;
    cell_filter_->setObjectName(QStringLiteral("cellFilterLabel"));
    cell_filter_->hide();
    clear_cell_ = new QPushButton(tr("All cells"));
    clear_cell_->setObjectName(QStringLiteral("allCellsButton"));
    clear_cell_->hide();
    auto* filters = new QHBoxLayout;
    filters->addWidget(search_, 1);
    filters->addWidget(wrong_only_);
    filters->addWidget(sort_);
    filters->addWidget(cell_filter_);
    filters->addWidget(clear_cell_);

    rows_model_ = new AnalysisRowsModel(this);
    rows_view_ = new QTableView;
    rows_view_->setObjectName(QStringLiteral("analysisRowsView"));
    rows_view_->setModel(rows_model_);
    // A tagger's matched entities in the text colour, the missed and invented ones in red.
    rows_view_->setItemDelegateForColumn(AnalysisRowsModel::GoldColumn, new EntitySpansDelegate(rows_view_));
    rows_view_->setItemDelegateForColumn(AnalysisRowsModel::PredictedColumn, new EntitySpansDelegate(rows_view_));
    rows_view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    rows_view_->setSelectionMode(QAbstractItemView::SingleSelection);
    rows_view_->setWordWrap(false);
    rows_view_->setTextElideMode(Qt::ElideRight);
    rows_view_->verticalHeader()->hide();
    rows_view_->horizontalHeader()->setSectionResizeMode(AnalysisRowsModel::TextColumn, QHeaderView::Stretch);
    rows_view_->horizontalHeader()->setSectionResizeMode(AnalysisRowsModel::RowColumn, QHeaderView::ResizeToContents);
    rows_view_->horizontalHeader()->setSectionResizeMode(AnalysisRowsModel::ConfidenceColumn, QHeaderView::ResizeToContents);
    rows_view_->horizontalHeader()->setSectionResizeMode(AnalysisRowsModel::LossColumn, QHeaderView::ResizeToContents);
    rows_view_->horizontalHeader()->resizeSection(AnalysisRowsModel::GoldColumn, 160);
    rows_view_->horizontalHeader()->resizeSection(AnalysisRowsModel::PredictedColumn, 160);

    detail_ = new QTextBrowser;
    detail_->setOpenLinks(false);
    open_attention_ = new QPushButton(tr("Open in Attention"));
    open_playground_ = new QPushButton(tr("Open in Playground"));
    for (QPushButton* b : {open_attention_, open_playground_})
        b->setToolTip(tr("Show this row on that page, with the checkpoint that predicted it"));
    auto* open_buttons = new QHBoxLayout;
    open_buttons->addStretch(1);
    open_buttons->addWidget(open_attention_);
    open_buttons->addWidget(open_playground_);

    auto* rows_panel = new QWidget;
    auto* rows_layout = new QVBoxLayout(rows_panel);
    rows_layout->setContentsMargins(0, 0, 0, 0);
    rows_layout->addLayout(filters);
    auto* rows_split = new QSplitter(Qt::Vertical);
    rows_split->addWidget(rows_view_);
    auto* detail_panel = new QWidget;
    auto* detail_layout = new QVBoxLayout(detail_panel);
    detail_layout->setContentsMargins(0, 0, 0, 0);
    detail_layout->addWidget(detail_);
    detail_layout->addLayout(open_buttons);
    rows_split->addWidget(detail_panel);
    rows_split->setStretchFactor(0, 3);
    rows_split->setStretchFactor(1, 1);
    rows_layout->addWidget(rows_split, 1);

    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(tabs_);
    split->addWidget(rows_panel);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(summary_);
    layout->addWidget(problem_);
    layout->addWidget(split, 1);

    connect(run_box_, &QComboBox::currentIndexChanged, this, [this] { reloadAnalyses(); });
    connect(analysis_box_, &QComboBox::currentIndexChanged, this, &ErrorAnalysisPage::showAnalysis);
    connect(analyse_, &QPushButton::clicked, this, &ErrorAnalysisPage::askForAnalysis);
    connect(delete_, &QPushButton::clicked, this, &ErrorAnalysisPage::deleteAnalysis);
    connect(export_, &QPushButton::clicked, this, &ErrorAnalysisPage::exportRows);
    connect(search_, &QLineEdit::textChanged, this, &ErrorAnalysisPage::updateRowSelection);
    connect(wrong_only_, &QCheckBox::toggled, this, &ErrorAnalysisPage::updateRowSelection);
    connect(sort_, &QComboBox::currentIndexChanged, this, &ErrorAnalysisPage::updateRowSelection);
    connect(clear_cell_, &QPushButton::clicked, this, [this] { showConfusionCell(-1, -1); });
    connect(rows_view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ErrorAnalysisPage::showRowDetail);
    connect(rows_view_, &QTableView::doubleClicked, this, [this] { openSelectedRowOn(QStringLiteral("attention")); });
    connect(open_attention_, &QPushButton::clicked, this, [this] { openSelectedRowOn(QStringLiteral("attention")); });
    connect(open_playground_, &QPushButton::clicked, this, [this] { openSelectedRowOn(QStringLiteral("playground")); });
    const auto markStale = [this] {
        stale_ = true;
        if (isVisible()) reloadRuns();
    };
    connect(&workspace_, &Workspace::storeChanged, this, [this, markStale] {
        rows_model_->clear();  // another file: its analysis ids mean other analyses
        markStale();
    });
    connect(&workspace_, &Workspace::errorAnalysisRequested, this, [this](qint64 run_id) {
        if (!selectRun(run_id)) setProblem(tr("Run #%1 has no checkpoint to analyse.").arg(run_id));
    });
    connect(&workspace_, &Workspace::jobCancelRequested, this, [this] {
        if (task_->isRunning()) task_->requestCancel();
    });
    connect(&workspace_, &Workspace::storeContentsChanged, this, markStale);
    showAnalysis();
}

ErrorAnalysisPage::~ErrorAnalysisPage() = default;

void ErrorAnalysisPage::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (stale_) reloadRuns();
}

void ErrorAnalysisPage::setProblem(const QString& text) {
    problem_->setText(text);
    problem_->setVisible(!text.isEmpty());
}

QString ErrorAnalysisPage::problemText() const { return problem_->text(); }
QString ErrorAnalysisPage::summaryText() const { return summary_->text(); }
QString ErrorAnalysisPage::detailHtml() const { return detail_->toHtml(); }
bool ErrorAnalysisPage::isAnalysing() const { return task_->isRunning(); }

void ErrorAnalysisPage::reloadRuns() {
    stale_ = false;
    const qint64 previous = run_box_->currentData().toLongLong();
    runs_.clear();
    QString error;
    if (store::ExperimentStore* store = store_->open(workspace_.storePath(), &error)) {
        try {
            const std::set<int64_t> with_models = store->runsWithCheckpointsOrAnalyses();
            for (const store::RunRecord& run : store->listRuns())
                if (train::canAnalyseErrors(run.task) && with_models.count(run.id)) runs_.push_back(run);
        } catch (const std::exception& e) {
            error = errorText(e);
        }
    }
    setProblem(error);
    const QSignalBlocker block(run_box_);
    run_box_->clear();
    for (const store::RunRecord& run : runs_) run_box_->addItem(runLabel(run), QVariant::fromValue<qint64>(run.id));
    const int keep = run_box_->findData(QVariant::fromValue<qint64>(previous));
    run_box_->setCurrentIndex(keep >= 0 ? keep : 0);
    reloadAnalyses();
}

bool ErrorAnalysisPage::selectRun(qint64 run_id) {
    if (stale_) reloadRuns();
    const int index = run_box_->findData(QVariant::fromValue<qint64>(run_id));
    if (index < 0) return false;
    run_box_->setCurrentIndex(index);
    return true;
}

void ErrorAnalysisPage::reloadAnalyses(std::optional<qint64> select) {
    analyses_.clear();
    const qint64 run = run_box_->currentData().toLongLong();
    dataset_names_.clear();
    if (store::ExperimentStore* store = store_->open(workspace_.storePath()); store && run > 0) {
        try {
            analyses_ = store->analyses(run);
            for (const auto& d : store->listDatasets()) dataset_names_[d.id] = d.name;
        } catch (const std::exception& e) {
            setProblem(errorText(e));
        }
    }
    const QSignalBlocker block(analysis_box_);
    analysis_box_->clear();
    for (auto a = analyses_.rbegin(); a != analyses_.rend(); ++a) {  // newest first
        const QString dataset = a->dataset_id && dataset_names_.count(*a->dataset_id)
                                    ? QString::fromStdString(dataset_names_[*a->dataset_id])
                                    : tr("deleted dataset");
        analysis_box_->addItem(tr("%1 of %2 · checkpoint %3 · %Ln row(s)", nullptr, static_cast<int>(a->row_count))
                                   .arg(splitTitle(a->split), dataset)
                                   .arg(a->step),
                               QVariant::fromValue<qint64>(a->id));
    }
    // The analysis asked for, else the one shown (a refresh after a training run ended or an import
    // must not jump away from it), else the newest.
    const qint64 shown = rows_model_->analysis().id;
    int index = analysis_box_->findData(QVariant::fromValue<qint64>(select.value_or(shown)));
    if (index < 0) index = 0;
    analysis_box_->setCurrentIndex(analysis_box_->count() ? index : -1);
    analyse_->setEnabled(run > 0 && !task_->isRunning());
    // Still the analysis on screen: its rows, filters and the row selected stay as they are.
    if (shown != 0 && analysis_box_->currentData().toLongLong() == shown) return;
    showAnalysis();
}

bool ErrorAnalysisPage::selectAnalysis(qint64 analysis_id) {
    const int index = analysis_box_->findData(QVariant::fromValue<qint64>(analysis_id));
    if (index < 0) return false;
    analysis_box_->setCurrentIndex(index);
    return true;
}

std::optional<store::AnalysisRecord> ErrorAnalysisPage::currentAnalysis() const {
    const qint64 id = analysis_box_->currentData().toLongLong();
    for (const store::AnalysisRecord& a : analyses_)
        if (a.id == id) return a;
    return std::nullopt;
}

void ErrorAnalysisPage::showAnalysis() {
    const std::optional<store::AnalysisRecord> analysis = currentAnalysis();
    delete_->setEnabled(analysis.has_value());
    export_->setEnabled(analysis.has_value());
    std::vector<store::AnalysisRow> rows;
    if (analysis) {
        if (store::ExperimentStore* store = store_->open(workspace_.storePath())) {
            try {
                rows = store->analysisRows(analysis->id);
            } catch (const std::exception& e) {
                setProblem(errorText(e));
            }
        }
    }
    // A new analysis lists every cell again, and says so (its filter label once stayed, naming a
    // cell of the last run's labels).
    train::RowSelection selection = rows_model_->selection();
    selection.gold.reset();
    selection.predicted.reset();
    rows_model_->setSelection(selection);
    cell_filter_->hide();
    clear_cell_->hide();
    rows_model_->setAnalysis(analysis.value_or(store::AnalysisRecord{}), std::move(rows));
    showChoicesFor(analysis ? analysis->problem_type : std::string());
    updateRowSelection();
    fillTables();
    fillCurves();

    if (!analysis) {
        summary_->setText(run_box_->count() == 0
                              ? tr("No run to analyse yet: train a classifier or a tagger on the Train page. Its "
                                   "checkpoints are analysed here.")
                              : tr("This run has no analysis yet. “New analysis…” predicts every row of a split "
                                   "with one of its checkpoints and keeps the predictions."));
        return;
    }
    const auto& all = rows_model_->allRows();
    const auto wrong = std::count_if(all.begin(), all.end(), [](const store::AnalysisRow& r) { return r.isWrong(); });
    // A score is never right or wrong, only near or far: a regression's summary gives its errors.
    QString summary =
        regression_ ? tr("%1 rows of the %2 split predicted by the checkpoint of step %3.")
                          .arg(all.size())
                          .arg(splitTitle(analysis->split))
                          .arg(analysis->step)
                    : tr("%1 rows of the %2 split predicted by the checkpoint of step %3: %4 wrong (%5%).")
                          .arg(all.size())
                          .arg(splitTitle(analysis->split))
                          .arg(analysis->step)
                          .arg(wrong)
                          .arg(all.empty() ? 0.0 : 100.0 * static_cast<double>(wrong) / static_cast<double>(all.size()),
                               0, 'f', 1);
    for (const char* metric : {"accuracy", "f1", "f1_macro", "mae", "mse", "pearson", "spearman", "loss"}) {
        const QString value = metricText(analysis->metrics, metric);
        if (!value.isEmpty()) summary += QStringLiteral("  %1 %2").arg(QString::fromLatin1(metric), value);
    }
    summary_->setText(summary);
    summary_->setToolTip(QDir::toNativeSeparators(QString::fromStdString(analysis->checkpoint)));
}

void ErrorAnalysisPage::fillTables() {
    metrics_ = confusion_ = per_class_ = nullptr;  // deleted with the layout's widgets below
    QLayout* layout = tables_->layout();
    while (QLayoutItem* item = layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const std::optional<store::AnalysisRecord> analysis = currentAnalysis();
    if (!analysis) return;
    const auto heading = [&](const QString& text) {
        auto* label = new QLabel(QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped()));
        layout->addWidget(label);
        return label;
    };
    heading(tr("Metrics"));
    metrics_ = gui::metricsTable(analysis->metrics);
    layout->addWidget(metrics_);
    confusion_ = gui::confusionMatrixTable(analysis->details.value("confusion_matrix", nlohmann::json()), analysis->labels);
    if (confusion_) {
        heading(tr("Confusion matrix"));
        auto* hint = new QLabel(tr("Rows: true label; columns: predicted. Click a cell to list its rows."));
        hint->setWordWrap(true);
        hint->setEnabled(false);
        layout->addWidget(hint);
        confusion_->setObjectName(QStringLiteral("confusionMatrix"));
        confusion_->setCursor(Qt::PointingHandCursor);
        connect(confusion_, &QTableWidget::cellClicked, this, &ErrorAnalysisPage::showConfusionCell);
        layout->addWidget(confusion_);
    }
    const nlohmann::json per_class = analysis->details.contains("per_class") ? analysis->details["per_class"]
                                                                              : analysis->details.value("per_type", nlohmann::json());
    per_class_ = gui::perClassTable(per_class, analysis->labels);
    if (per_class_) {
        heading(analysis->task == "token-classification" ? tr("Per entity type") : tr("Per class"));
        layout->addWidget(per_class_);
    }
    static_cast<QVBoxLayout*>(layout)->addStretch(1);  // the tables stay together at the top
}

void ErrorAnalysisPage::fillCurves() {
    const std::optional<store::AnalysisRecord> analysis = currentAnalysis();
    const bool drawable = analysis && train::hasClassCurves(*analysis, rows_model_->allRows());
    tabs_->setTabEnabled(tabs_->indexOf(curves_tab_), drawable);
    tabs_->setTabToolTip(tabs_->indexOf(curves_tab_),
                         drawable ? QString() : tr("Precision-recall and ROC curves are drawn for single-label classification"));
    const QSignalBlocker block(positive_box_);
    positive_box_->clear();
    if (!drawable) {
        roc_->clearCurves();
        pr_->clearCurves();
        if (tabs_->currentWidget() == curves_tab_) tabs_->setCurrentIndex(0);
        return;
    }
    for (size_t c = 0; c < analysis->labels.size(); ++c)
        positive_box_->addItem(QString::fromStdString(train::labelName(*analysis, static_cast<int64_t>(c))));
    positive_box_->setCurrentIndex(1);  // two classes: the second is the positive one, as scikit-learn's pos_label=1
    drawClassCurves();
}

void ErrorAnalysisPage::drawClassCurves() {
    const int positive = positive_box_->currentIndex();
    try {
        const train::BinaryCurves curves = train::binaryCurves(rows_model_->allRows(), positive);
        roc_->setCurves(curves, positive_box_->currentText());
        pr_->setCurves(curves, positive_box_->currentText());
        curves_problem_->hide();
    } catch (const std::exception& e) {  // every row, or none, of that class
        roc_->clearCurves();
        pr_->clearCurves();
        curves_problem_->setText(errorText(e));
        curves_problem_->show();
    }
}

void ErrorAnalysisPage::showConfusionCell(int gold, int predicted) {
    train::RowSelection selection = rows_model_->selection();
    if (gold < 0 || predicted < 0) {
        selection.gold.reset();
        selection.predicted.reset();
    } else {
        selection.gold = gold;
        selection.predicted = predicted;
        // A cell on the diagonal holds right answers: show them rather than nothing.
        const QSignalBlocker block(wrong_only_);
        wrong_only_->setChecked(gold != predicted);
        selection.wrong_only = gold != predicted;
    }
    rows_model_->setSelection(selection);
    const store::AnalysisRecord& analysis = rows_model_->analysis();
    const bool cell = selection.gold.has_value();
    cell_filter_->setText(cell ? tr("true %1, predicted %2")
                                     .arg(QString::fromStdString(train::labelName(analysis, *selection.gold)),
                                          QString::fromStdString(train::labelName(analysis, *selection.predicted)))
                               : QString());
    cell_filter_->setVisible(cell);
    clear_cell_->setVisible(cell);
    if (confusion_)  // the cell listed in bold
        for (int t = 0; t < confusion_->rowCount(); ++t)
            for (int p = 0; p < confusion_->columnCount(); ++p)
                if (QTableWidgetItem* item = confusion_->item(t, p)) {
                    QFont font = item->font();
                    font.setBold(cell && t == *selection.gold && p == *selection.predicted);
                    font.setUnderline(font.bold());
                    item->setFont(font);
                }
    selectShownRow(0);
}

void ErrorAnalysisPage::setWrongOnly(bool wrong_only) { wrong_only_->setChecked(wrong_only); }

QVariantMap ErrorAnalysisPage::viewState() const {
    return {{QStringLiteral("run"), run_box_->currentData()},
            {QStringLiteral("analysis"), analysis_box_->currentData()},
            {QStringLiteral("wrong_only"), wrong_only_->isChecked()},
            {QStringLiteral("sort"), sort_->currentData()},
            {QStringLiteral("search"), search_->text()},
            {QStringLiteral("positive"), positive_box_->currentIndex()}};
}

void ErrorAnalysisPage::restoreViewState(const QVariantMap& state) {
    if (!selectRun(state.value(QStringLiteral("run")).toLongLong())) return;
    selectAnalysis(state.value(QStringLiteral("analysis")).toLongLong());
    wrong_only_->setChecked(state.value(QStringLiteral("wrong_only"), true).toBool());
    if (const int sort = sort_->findData(state.value(QStringLiteral("sort"))); sort >= 0) sort_->setCurrentIndex(sort);
    search_->setText(state.value(QStringLiteral("search")).toString());
    const int positive = state.value(QStringLiteral("positive"), -1).toInt();
    if (positive >= 0 && positive < positive_box_->count() && positive != positive_box_->currentIndex()) {
        positive_box_->setCurrentIndex(positive);
        drawClassCurves();
    }
}
void ErrorAnalysisPage::setSearchText(const QString& text) { search_->setText(text); }

void ErrorAnalysisPage::showChoicesFor(const std::string& problem_type) {
    regression_ = problem_type == "regression";
    // A regression row has no wrong class and no confidence: its loss (the squared error) orders it.
    wrong_only_->setVisible(!regression_);
    rows_view_->setColumnHidden(AnalysisRowsModel::ConfidenceColumn, regression_);
    if (auto* items = qobject_cast<QStandardItemModel*>(sort_->model()))
        for (int i = 0; i < sort_->count(); ++i)
            if (sort_->itemData(i).toString().startsWith(QLatin1String("confidence")))
                items->item(i)->setEnabled(!regression_);
    if (regression_ && sort_->currentData().toString().startsWith(QLatin1String("confidence"))) {
        const QSignalBlocker block(sort_);
        sort_->setCurrentIndex(sort_->findData(QStringLiteral("loss-desc")));
    }
}

void ErrorAnalysisPage::updateRowSelection() {
    train::RowSelection selection = rows_model_->selection();
    selection.wrong_only = wrong_only_->isChecked() && !regression_;
    selection.text = search_->text().toStdString();
    const QString sort = sort_->currentData().toString();
    selection.order = train::rowOrderFromName(sort.section(QLatin1Char('-'), 0, 0).toStdString());
    selection.descending = sort.endsWith(QLatin1String("desc"));
    rows_model_->setSelection(selection);
    selectShownRow(0);
}

void ErrorAnalysisPage::selectShownRow(int index) {
    if (index >= 0 && index < rows_model_->rowCount())
        rows_view_->setCurrentIndex(rows_model_->index(index, 0));
    else
        rows_view_->setCurrentIndex({});
    showRowDetail();
}

void ErrorAnalysisPage::showRowDetail() {
    const store::AnalysisRow* row = rows_model_->rowAt(rows_view_->currentIndex().row());
    open_attention_->setEnabled(row != nullptr);
    open_playground_->setEnabled(row != nullptr);
    if (!row) {
        const auto& rows = rows_model_->allRows();
        const bool none_wrong = std::none_of(rows.begin(), rows.end(), [](const store::AnalysisRow& r) { return r.isWrong(); });
        // An analysis without a wrong row shows nothing under "Only wrong rows": say why, not "no match".
        if (rows.empty()) detail_->setHtml({});
        else if (none_wrong && wrong_only_->isChecked() && !regression_)
            detail_->setHtml(tr("<i>The model gets every row right. Untick “Only wrong rows” to see them.</i>"));
        else detail_->setHtml(tr("<i>No row matches.</i>"));
        return;
    }
    const store::AnalysisRecord& analysis = rows_model_->analysis();
    // pre-wrap: the text's own spaces (a join separator of two) are not collapsed as HTML would.
    QString out = QStringLiteral("<p style='white-space:pre-wrap'><b>%1</b> %2</p>")
                      .arg(AnalysisRowsModel::lineText(*row, true), html(row->text));
    if (row->text_pair)
        out += QStringLiteral("<p style='white-space:pre-wrap'><b>%1</b> %2</p>").arg(tr("Pair:"), html(*row->text_pair));
    if (analysis.task == "token-classification") {
        // Each word with its gold tag, and the predicted tag where it differs.
        QString words;
        for (size_t w = 0; w < row->words.size(); ++w) {
            QString cell = html(row->words[w]);
            if (w < row->gold_ids.size()) {
                const QString gold = html(train::labelName(analysis, row->gold_ids[w]));
                const QString predicted = html(train::labelName(analysis, row->predicted_ids[w]));
                if (gold == predicted)
                    cell += QStringLiteral("<sub>%1</sub>").arg(gold == QLatin1String("O") ? QString() : gold);
                else
                    cell = QStringLiteral("<span style='background:#ffcdd2; color:#1a1a1a'>%1<sub>%2 → %3</sub></span>").arg(cell, gold, predicted);
            } else {
                cell = QStringLiteral("<span style='color:gray'>%1</span>").arg(cell);
            }
            words += cell + QLatin1Char(' ');
        }
        out += QStringLiteral("<p>%1</p>").arg(words);
        const train::EntityDiff diff = train::entityDiff(*row, analysis.labels);
        const auto spans = [](const std::vector<train::EntitySpan>& list) {
            return list.empty() ? QStringLiteral("—") : entitiesText(list).toHtmlEscaped();
        };
        out += QStringLiteral("<p><b>%1</b> %2<br><b>%3</b> %4<br><b>%5</b> %6</p>")
                   .arg(tr("Found:"), spans(diff.found), tr("Missed:"), spans(diff.missed), tr("Invented:"), spans(diff.invented));
        if (row->gold_ids.size() < row->words.size())
            out += QStringLiteral("<p><i>%1</i></p>").arg(tr("The grey words were cut off by the maximum sequence length."));
    } else if (!row->targets.empty()) {
        out += QStringLiteral("<p><b>%1</b> %2 &nbsp; <b>%3</b> %4</p>")
                   .arg(tr("Target:"), rows_model_->data(rows_model_->index(rows_view_->currentIndex().row(), AnalysisRowsModel::GoldColumn), Qt::DisplayRole).toString(),
                        tr("Prediction:"), rows_model_->data(rows_model_->index(rows_view_->currentIndex().row(), AnalysisRowsModel::PredictedColumn), Qt::DisplayRole).toString());
    } else {
        // The probabilities, highest first, the gold label marked.
        std::vector<size_t> order(row->scores.size());
        for (size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return row->scores[a] > row->scores[b]; });
        QString table = QStringLiteral("<table cellspacing='0' cellpadding='2'>");
        for (size_t i : order) {
            const bool gold = (row->gold && static_cast<size_t>(*row->gold) == i) ||
                              std::find(row->gold_ids.begin(), row->gold_ids.end(), static_cast<int32_t>(i)) != row->gold_ids.end();
            table += QStringLiteral("<tr><td>%1%2</td><td align='right'>%3%</td></tr>")
                         .arg(html(train::labelName(analysis, static_cast<int64_t>(i))),
                              gold ? QStringLiteral(" ✔ <i>%1</i>").arg(tr("gold")) : QString())
                         .arg(100.0 * static_cast<double>(row->scores[i]), 0, 'f', 1);
        }
        out += table + QStringLiteral("</table>");
    }
    out += QStringLiteral("<p>%1</p>").arg(tr("Loss %1 · confidence %2").arg(row->loss, 0, 'f', 4).arg(row->confidence, 0, 'f', 3));
    detail_->setHtml(out);
}

void ErrorAnalysisPage::openSelectedRowOn(const QString& page) {
    const store::AnalysisRow* row = rows_model_->rowAt(rows_view_->currentIndex().row());
    if (!row) return;
    const QString checkpoint = QString::fromStdString(rows_model_->analysis().checkpoint);
    if (!QFileInfo(checkpoint).isDir()) {
        setProblem(tr("%1: the checkpoint directory no longer exists, so the row cannot be opened with it.")
                       .arg(QDir::toNativeSeparators(checkpoint)));
        return;
    }
    setProblem({});
    if (QDir(workspace_.modelDir()) != QDir(checkpoint)) workspace_.setModelDir(checkpoint);
    workspace_.requestTextOnPage(page, QString::fromStdString(row->text),
                                 row->text_pair ? QString::fromStdString(*row->text_pair) : QString());
}

void ErrorAnalysisPage::askForAnalysis() {
    const qint64 run_id = run_box_->currentData().toLongLong();
    store::ExperimentStore* store = store_->open(workspace_.storePath());
    if (!store || run_id <= 0) return;
    std::optional<store::RunRecord> run;
    std::vector<store::CheckpointRecord> checkpoints;
    std::vector<store::DatasetRecord> datasets;
    std::map<int64_t, std::vector<std::string>> labels_in_rows;
    try {
        run = store->getRun(run_id);
        checkpoints = store->checkpoints(run_id);
        datasets = store->listDatasets();
        // A dataset without a train split has no label set: read what its rows hold.
        for (const store::DatasetRecord& d : datasets)
            if (d.label_set.empty() && d.task_kind != "corpus") labels_in_rows[d.id] = store->labelsInRows(d.id);
    } catch (const std::exception& e) {
        setProblem(errorText(e));
        return;
    }
    if (!run) return;
    AnalysisRequestDialog dialog(*run, checkpoints, datasets, std::move(labels_in_rows), this);
    if (dialog.exec() != QDialog::Accepted) return;
    const train::AnalysisRequest request = dialog.request();
    startAnalysis(request.checkpoint, request.dataset, request.split);
}

bool ErrorAnalysisPage::startAnalysis(const std::string& checkpoint, const std::string& dataset, const std::string& split) {
    const qint64 run_id = run_box_->currentData().toLongLong();
    if (run_id <= 0 || task_->isRunning()) return false;
    if (workspace_.jobRunning()) {
        setProblem(tr("Wait for “%1” to finish: the workbench runs one job at a time.").arg(workspace_.jobTitle()));
        return false;
    }
    train::AnalysisRequest request;
    request.db = workspace_.storePath().toStdString();
    request.run_id = run_id;
    request.checkpoint = checkpoint;
    request.dataset = dataset;
    request.split = split;
    auto result = std::make_shared<std::optional<store::AnalysisRecord>>();
    auto error = std::make_shared<QString>();
    setProblem({});
    analyse_->setEnabled(false);
    workspace_.beginJob(tr("Analysing run #%1 on %2").arg(run_id).arg(splitTitle(split)));
    workspace_.reportJobProgress(-1, tr("Loading the checkpoint…"));
    train::AnalysisProgress progress;
    progress.cancel = task_->cancelFlag();
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    progress.on_progress = [this, clock](int64_t done, int64_t total) {
        const qint64 ms = clock->elapsed();  // from the start: loading the model counts too
        task_->post([this, done, total, ms] {
            const int percent = total > 0 ? static_cast<int>(100 * done / total) : -1;
            QString text = tr("Predicting row %1 of %2").arg(done).arg(total);
            if (done > 0 && done < total)
                text = tr("Predicting row %1 of %2, %3 left")
                           .arg(done)
                           .arg(total)
                           .arg(durationText(static_cast<double>(ms) / 1000.0 * static_cast<double>(total - done) /
                                             static_cast<double>(done)));
            workspace_.reportJobProgress(percent, text);
        });
    };
    task_->start(
        [request, result, error, progress] {
            try {
                *result = train::analyseCheckpoint(request, progress);
            } catch (const std::exception& e) {
                *error = errorText(e);
            }
        },
        [this, result, error, run_id] {
            const bool ok = result->has_value();
            const bool cancelled = error->contains(QLatin1String("cancelled"));
            workspace_.endJob(ok          ? tr("Analysed %Ln row(s)", nullptr, static_cast<int>((*result)->row_count))
                              : cancelled ? tr("Analysis cancelled")
                                          : tr("Analysis failed"));
            if (cancelled) error->clear();
            setProblem(*error);
            if (ok && run_box_->currentData().toLongLong() == run_id) reloadAnalyses((*result)->id);
            analyse_->setEnabled(true);
            emit analysisFinished(ok);
        });
    return true;
}

void ErrorAnalysisPage::deleteAnalysis() {
    const std::optional<store::AnalysisRecord> analysis = currentAnalysis();
    store::ExperimentStore* store = store_->open(workspace_.storePath());
    if (!analysis || !store) return;
    try {
        store->deleteAnalysis(analysis->id);
    } catch (const std::exception& e) {
        setProblem(errorText(e));
        return;
    }
    reloadAnalyses();
}

bool ErrorAnalysisPage::exportRowsTo(const QString& path) {
    const store::AnalysisRecord& analysis = rows_model_->analysis();
    if (analysis.id == 0) return false;
    QList<QStringList> lines;
    for (const store::AnalysisRow& row : rows_model_->allRows()) lines << csvCells(train::analysisCsvRow(analysis, row));
    QString error;
    if (!writeCsv(path, csvCells(train::analysisCsvHeader(analysis)), lines, &error)) {
        setProblem(error);
        return false;
    }
    setProblem({});
    return true;
}

QString ErrorAnalysisPage::suggestedCsvName() const {
    const store::AnalysisRecord& analysis = rows_model_->analysis();
    // Which data first: files of several runs on one dataset sort together ("sst2-validation-run3-...").
    const auto name = analysis.dataset_id ? dataset_names_.find(*analysis.dataset_id) : dataset_names_.end();
    const QString dataset = name != dataset_names_.end() ? fileNamePart(QString::fromStdString(name->second)) + '-'
                                                         : QString();
    return QStringLiteral("%1%2-run%3-step%4-predictions.csv")
        .arg(dataset, fileNamePart(QString::fromStdString(analysis.split)))
        .arg(analysis.run_id)
        .arg(analysis.step);
}

void ErrorAnalysisPage::exportRows() {
    const store::AnalysisRecord& analysis = rows_model_->analysis();
    if (analysis.id == 0) return;
    const QString path =
        FileDialog::getSaveFileName(this, tr("Export predictions"), suggestedCsvName(), tr("CSV files (*.csv)"));
    if (!path.isEmpty()) exportRowsTo(path);
}

}  // namespace bw::gui
