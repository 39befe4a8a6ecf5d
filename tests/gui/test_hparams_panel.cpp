// The Runs page's HParams tab on real runs: the bundled model fine-tuned on SST-2 three times,
// learning rates two decades apart and two batch sizes. Checked from outside: the tab compares the
// selected runs (or every run of the table when fewer are selected) and says which; sorting by the
// learning rate or a metric orders by number, not by the text shown; the parallel-coordinates plot
// gives the learning rate a log axis and the batch size a linear one; a click on a run's line
// selects that run in the table; the metrics follow the best / last / at-step choice.
#include "core/store/dataset_import.h"
#include "core/store/experiment_store.h"
#include "core/train/training_job.h"
#include "gui_test_support.h"
#include "widgets/runs/hparams_panel.h"
#include "widgets/runs/hparams_table_model.h"
#include "widgets/runs/parallel_coordinates_plot.h"
#include "widgets/runs/runs_page.h"
#include "widgets/shared/frozen_column_table_view.h"
#include "widgets/workbench/workspace.h"

#include <QCheckBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QScrollBar>
#include <QFile>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <qcustomplot.h>

#include <algorithm>

using namespace bw;
using namespace bw::gui;

namespace {

struct Setting {
    const char* name;
    double learning_rate;
    int64_t batch_size;
};
const Setting kSweep[] = {{"lr-1e-5", 1e-5, 8}, {"lr-1e-4", 1e-4, 16}, {"lr-1e-3", 1e-3, 8}};

int columnNamed(const QAbstractItemModel* model, const QString& name) {
    for (int c = 0; c < model->columnCount(); ++c)
        if (model->headerData(c, Qt::Horizontal).toString() == name) return c;
    return -1;
}

QList<qint64> runOrder(const QAbstractItemModel* model) {
    QList<qint64> ids;
    for (int r = 0; r < model->rowCount(); ++r) ids << model->index(r, 0).data(HParamsTableModel::RunIdRole).toLongLong();
    return ids;
}

const ParallelAxis* axisNamed(const ParallelCoordinatesPlot* plot, const QString& name) {
    for (const ParallelAxis& axis : plot->axes())
        if (axis.name == name) return &axis;
    return nullptr;
}

}  // namespace

class TestHParamsPanel : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QString db_;
    QList<qint64> runs_;  // in kSweep's order

    // A Runs page on the store with its HParams tab shown.
    struct Shown {
        Workspace workspace;
        std::unique_ptr<RunsPage> page;
        HParamsPanel* panel = nullptr;
    };
    void show(Shown& shown) {
        QString error;
        QVERIFY2(shown.workspace.openStore(db_, &error), qPrintable(error));
        shown.page = std::make_unique<RunsPage>(shown.workspace);
        shown.page->resize(1500, 1000);
        shown.page->show();
        shown.panel = shown.page->hparamsPanel();
        QVERIFY(shown.panel);
        auto* tabs = shown.page->findChild<QTabWidget*>(QStringLiteral("comparisonTabs"));
        QVERIFY(tabs);
        QCOMPARE(tabs->tabText(tabs->indexOf(shown.panel)), QStringLiteral("HParams"));
        tabs->setCurrentWidget(shown.panel);
        QVERIFY(QTest::qWaitForWindowExposed(shown.page.get()));
    }

private slots:
    void initTestCase() {
        bw::test::isolateSettings("test_hparams_panel");
        db_ = tmp_.filePath("runs.sqlite");
        bw::test::importSst2(db_, "sst2_train_head300.tsv");
        for (const Setting& s : kSweep) {
            train::TrainingRequest request;
            request.db = db_.toStdString();
            request.model_dir = BW_FIXTURES_DIR "/../../resources/models/bertwork-tiny-en";
            request.task = "sequence-classification";
            request.dataset = "sst2";
            request.output_dir = tmp_.filePath(s.name).toStdString();
            request.run_name = s.name;
            request.args.max_steps = 8;
            request.args.max_seq_length = 32;
            request.args.learning_rate = s.learning_rate;
            request.args.per_device_train_batch_size = s.batch_size;
            request.args.per_device_eval_batch_size = 64;
            request.args.evaluation_strategy = "steps";
            request.args.eval_steps = 4;
            request.args.save_strategy = "steps";
            request.args.save_steps = 4;
            request.args.logging_steps = 4;
            runs_ << train::runTraining(request).run_id;
        }
    }

    void comparesTheSelectionOrEveryRun() {
        Shown shown;
        show(shown);
        // The page opens on its newest run alone: one run is no comparison, so every run is shown.
        QCOMPARE(shown.page->selectedRunIds().size(), 1);
        QCOMPARE(shown.panel->model()->rowCount(), 3);
        QVERIFY2(shown.panel->scopeText().contains(QStringLiteral("all 3 run")), qPrintable(shown.panel->scopeText()));
        shown.page->selectRuns({runs_[0], runs_[2]});
        QCOMPARE(runOrder(shown.panel->model()), (QList<qint64>{runs_[0], runs_[2]}));
        QVERIFY2(shown.panel->scopeText().contains(QStringLiteral("2 selected run")), qPrintable(shown.panel->scopeText()));
        // The table's filter narrows "every run" too.
        shown.page->selectRuns({});
        auto* runs_filter = shown.page->findChild<QLineEdit*>(QStringLiteral("runFilter"));
        QVERIFY(runs_filter);
        runs_filter->setText(QStringLiteral("lr-1e-"));
        QCOMPARE(shown.panel->model()->rowCount(), 3);
        runs_filter->setText(QStringLiteral("lr-1e-4"));
        QCOMPARE(runOrder(shown.panel->model()), (QList<qint64>{runs_[1]}));
    }

    // Without a selection of two or more, the table's first 100 runs: more lines cannot be told apart.
    void comparesAtMostAHundredOfTheTablesRuns() {
        const QString path = tmp_.filePath("many.sqlite");
        {
            store::ExperimentStore store = store::ExperimentStore::open(path.toStdString());
            for (int i = 0; i < 105; ++i) {
                store::RunRecord spec;
                spec.name = "bare-" + std::to_string(i);
                spec.config = {{"training_args", {{"learning_rate", 1e-5 * (i + 1)}}}};
                store.createRun(spec);
            }
        }
        const QString kept = db_;
        db_ = path;
        Shown shown;
        show(shown);
        db_ = kept;
        QCOMPARE(shown.panel->model()->rowCount(), 100);
        QVERIFY2(shown.panel->scopeText().contains(QStringLiteral("first 100 of the 105 runs")), qPrintable(shown.panel->scopeText()));
    }

    void sortsNumbersAsNumbers() {
        Shown shown;
        show(shown);
        QTableView* table = shown.panel->table();
        const QAbstractItemModel* shown_rows = table->model();
        // The learning rates read "1·10⁻⁵", "1·10⁻⁴" and "0.001": as text they would sort backwards.
        const int lr = columnNamed(shown_rows, QStringLiteral("learning_rate"));
        QVERIFY(lr >= 0);
        table->sortByColumn(lr, Qt::AscendingOrder);
        QCOMPARE(runOrder(shown_rows), runs_);
        table->sortByColumn(lr, Qt::DescendingOrder);
        QCOMPARE(runOrder(shown_rows), (QList<qint64>{runs_[2], runs_[1], runs_[0]}));

        // By a metric: the order of its values in core's table.
        const train::HParamsTable& core = shown.panel->model()->table();
        for (const char* metric : {"loss", "accuracy"}) {
            const int column = columnNamed(shown_rows, QString::fromLatin1(metric));
            const int m = core.metricIndex(metric);
            QVERIFY(column >= 0 && m >= 0);
            table->sortByColumn(column, Qt::AscendingOrder);
            std::vector<double> values;
            for (qint64 id : runOrder(shown_rows))
                values.push_back(core.rows[shown.panel->model()->rowOfRun(id)].metrics[m].get<double>());
            QVERIFY2(std::is_sorted(values.begin(), values.end()), metric);
            QVERIFY(values.front() < values.back());  // the runs did not all end alike
        }

        // Before any evaluation (at step 2) the metric cells are empty, and empty cells sort last.
        shown.panel->setMetricsAt(train::MetricsAt::parse("2"));
        QCOMPARE(shown.panel->model()->index(0, HParamsTableModel::Step).data().toString(), QString());
    }

    void onlyDifferingHidesTheSharedSettings() {
        Shown shown;
        show(shown);
        const QAbstractItemModel* shown_rows = shown.panel->table()->model();
        auto* check = shown.panel->findChild<QCheckBox*>(QStringLiteral("onlyDiffering"));
        QVERIFY(check && check->isChecked());
        QVERIFY(columnNamed(shown_rows, QStringLiteral("learning_rate")) >= 0);
        QVERIFY(columnNamed(shown_rows, QStringLiteral("per_device_train_batch_size")) >= 0);
        QCOMPARE(columnNamed(shown_rows, QStringLiteral("seed")), -1);
        QVERIFY(columnNamed(shown_rows, QStringLiteral("accuracy")) >= 0);  // metrics always
        const int narrow = shown_rows->columnCount();
        check->setChecked(false);
        QVERIFY(columnNamed(shown_rows, QStringLiteral("seed")) >= 0);
        QCOMPARE(shown_rows->columnCount(), narrow + static_cast<int>(shown.panel->model()->table().hyperparameters.size()) - 2);
    }

    void metricsFollowTheMode() {
        Shown shown;
        show(shown);
        store::ExperimentStore store = store::ExperimentStore::open(db_.toStdString());
        const QAbstractItemModel* model = shown.panel->model();
        shown.panel->setMetricsAt(train::MetricsAt::parse("last"));
        for (int r = 0; r < model->rowCount(); ++r) QCOMPARE(model->index(r, HParamsTableModel::Step).data().toString(), QStringLiteral("8"));
        shown.panel->setMetricsAt(train::MetricsAt::parse("7"));
        for (int r = 0; r < model->rowCount(); ++r) QCOMPARE(model->index(r, HParamsTableModel::Step).data().toString(), QStringLiteral("4"));
        shown.panel->setMetricsAt(train::MetricsAt::parse("best"));
        for (int r = 0; r < model->rowCount(); ++r) {
            const qint64 id = model->index(r, 0).data(HParamsTableModel::RunIdRole).toLongLong();
            const auto best = store.bestCheckpoint(id);
            QVERIFY(best);
            QCOMPARE(model->index(r, HParamsTableModel::Step).data().toString(), QString::number(best->step));
        }
    }

    // Metrics with four decimals, as every page shows them; the filter box wide enough for its hint
    // (it was "Fi…" in the row of controls).
    void metricsReadAsElsewhereAndTheFilterFits() {
        Shown shown;
        show(shown);
        const QAbstractItemModel* model = shown.panel->table()->model();
        const int accuracy = columnNamed(model, QStringLiteral("accuracy"));
        QVERIFY(accuracy >= 0);
        for (int r = 0; r < model->rowCount(); ++r) {
            const QModelIndex cell = model->index(r, accuracy);
            QCOMPARE(cell.data().toString(), QString::number(cell.data(HParamsTableModel::SortRole).toDouble(), 'f', 4));
        }
        shown.page->resize(1120, 700);  // the page in a 1280-wide window, where the walkthrough saw "Fi…"
        QCoreApplication::processEvents();
        auto* filter = shown.panel->findChild<QLineEdit*>(QStringLiteral("hparamsFilter"));
        QVERIFY(filter->width() > filter->fontMetrics().horizontalAdvance(filter->placeholderText()) + 20);
    }

    void plotUsesALogAxisOnlyWhereValuesSpanDecades() {
        Shown shown;
        show(shown);
        QVERIFY(shown.panel->setColourMetric(QStringLiteral("accuracy")));
        const ParallelCoordinatesPlot* plot = shown.panel->plot();
        QCOMPARE(plot->axes().size(), size_t(3));  // the two settings that differ, then the metric
        const ParallelAxis* lr = axisNamed(plot, QStringLiteral("learning_rate"));
        const ParallelAxis* batch = axisNamed(plot, QStringLiteral("per_device_train_batch_size"));
        QVERIFY(lr && batch);
        QVERIFY(lr->numeric && lr->logarithmic);
        QVERIFY(batch->numeric && !batch->logarithmic);
        QCOMPARE(plot->axes().back().name, QStringLiteral("accuracy"));
        // On the log axis 1e-4 sits halfway between 1e-5 and 1e-3.
        QCOMPARE(*lr->position(1e-4), 0.5);
        QVERIFY(std::abs(*batch->position(12) - 0.5) < 1e-12);
        // Categories are evenly spaced.
        const ParallelAxis models = ParallelAxis::fromValues("model", {"b", "a", "c", nlohmann::json()});
        QVERIFY(!models.numeric);
        QCOMPARE(*models.position("a"), 0.0);
        QCOMPARE(*models.position("b"), 0.5);
        QVERIFY(!models.position(nlohmann::json()));
        for (qint64 id : runs_) QVERIFY(plot->lineOf(id));
    }

    // The filter above the table hides runs from the plot too (it once left every line drawn), and
    // the axes are the settings where the runs still shown differ.
    void theFilterNarrowsThePlot() {
        Shown shown;
        show(shown);
        QVERIFY(shown.panel->setColourMetric(QStringLiteral("accuracy")));
        const ParallelCoordinatesPlot* plot = shown.panel->plot();
        auto* filter = shown.panel->findChild<QLineEdit*>(QStringLiteral("hparamsFilter"));
        QVERIFY(filter);
        filter->setText(QStringLiteral("lr-1e-5"));
        QCOMPARE(shown.panel->table()->model()->rowCount(), 1);
        for (qint64 id : runs_) QVERIFY(!plot->lineOf(id));  // one run: nothing to compare
        filter->clear();
        for (qint64 id : runs_) QVERIFY(plot->lineOf(id));
        QCOMPARE(plot->axes().size(), size_t(3));
        // The two runs with batch size 8: only the learning rate tells them apart.
        QVERIFY(shown.panel->table()->model()->rowCount() == 3);
        shown.panel->filter()->setFilterRegularExpression(QStringLiteral("lr-1e-[53]"));
        QVERIFY(plot->lineOf(runs_[0]) && plot->lineOf(runs_[2]) && !plot->lineOf(runs_[1]));
        QCOMPARE(plot->axes().size(), size_t(2));
        QVERIFY(axisNamed(plot, QStringLiteral("learning_rate")));
        QVERIFY(!axisNamed(plot, QStringLiteral("per_device_train_batch_size")));
    }

    // The filter reads what the Runs page's filter reads: a tag, a note or the status finds the runs
    // there and here alike (here it once found nothing, leaving an empty table).
    void theFilterFindsTagsNotesAndStatus() {
        {
            auto store = store::ExperimentStore::open(db_.toStdString());
            store::RunUpdate update;
            update.tags = std::vector<std::string>{"Lr-Sweep"};
            update.notes = "tried on Tuesday";
            store.updateRun(runs_[1], update);
        }
        Shown shown;
        show(shown);
        auto* filter = shown.panel->findChild<QLineEdit*>(QStringLiteral("hparamsFilter"));
        const QAbstractItemModel* table = shown.panel->table()->model();
        for (const QString& text : {QStringLiteral("lr-sweep"), QStringLiteral("TUESDAY")}) {
            filter->setText(text);
            QCOMPARE(table->rowCount(), 1);
            QCOMPARE(table->index(0, 0).data(HParamsTableModel::RunIdRole).toLongLong(), runs_[1]);
        }
        filter->setText(QStringLiteral("completed"));
        QCOMPARE(table->rowCount(), 3);
        filter->setText(QStringLiteral("interrupted"));
        QCOMPARE(table->rowCount(), 0);
        {
            auto store = store::ExperimentStore::open(db_.toStdString());
            store::RunUpdate undo;
            undo.tags = std::vector<std::string>{};
            undo.notes = "";
            store.updateRun(runs_[1], undo);
        }
    }

    // Twelve axes with Hugging Face's long setting names, at the width a 1280 px window leaves: the
    // walkthrough's names ran into each other. On each line the names keep apart, whole.
    void axisNamesKeepApart() {
        const QStringList names = {"learning_rate", "num_train_epochs", "per_device_train_batch_size",
                                   "gradient_accumulation_steps", "warmup_ratio", "weight_decay", "max_seq_length",
                                   "evaluation_strategy", "save_strategy", "metric_for_best_model", "lr_scheduler_type",
                                   "f1_macro"};
        std::vector<ParallelColumn> columns;
        for (int c = 0; c < names.size(); ++c)
            columns.push_back({names[c], {nlohmann::json(c + 1.0), nlohmann::json(c + 2.0), nlohmann::json(c + 4.0)}});
        ParallelCoordinatesPlot plot;
        plot.resize(1140, 360);
        plot.show();
        plot.setRuns({1, 2, 3}, {"#1 a", "#2 b", "#3 c"}, columns);
        QTest::qWait(100);  // laid out, names placed, laid out again with their lines
        const auto& items = plot.axisNames();
        QCOMPARE(items.size(), size_t(names.size()));
        const int lines = plot.nameLines();
        QVERIFY2(lines > 1 && lines <= 3, qPrintable(QString::number(lines)));
        for (size_t i = 0; i < items.size(); ++i) {
            QCOMPARE(items[i]->text(), names[static_cast<int>(i)]);  // whole: three lines leave room enough
            if (i < static_cast<size_t>(lines)) continue;
            const QCPItemText* left = items[i - static_cast<size_t>(lines)];  // the last name on this one's line
            QVERIFY2(left->bottomRight->pixelPosition().x() <= items[i]->topLeft->pixelPosition().x(),
                     qPrintable(left->text() + " / " + items[i]->text()));
        }
        // The names stay inside the widget, under its top edge.
        for (const QCPItemText* item : items) QVERIFY(item->topLeft->pixelPosition().y() >= 0);
    }

    // Gaps ask for the room of the labels left of their axis: asks that fit leave every gap at least an
    // even share and give the wider ask its room; asks that do not fit share the width in proportion.
    void axesShareTheWidthByTheirLabels() {
        const auto offsets = [](std::vector<double> room, double width) { return ParallelCoordinatesPlot::axisOffsets(room, width); };
        QCOMPARE(offsets({50, 200, 50}, 900), (std::vector<double>{0, 300, 600, 900}));  // all fit in an even share
        QCOMPARE(offsets({50, 200, 50}, 450), (std::vector<double>{0, 125, 325, 450}));  // the wide one gets its 200
        QCOMPARE(offsets({50, 200, 50}, 150), (std::vector<double>{0, 25, 125, 150}));   // too little: in proportion
        QCOMPARE(offsets({}, 100), (std::vector<double>{0}));
    }

    // The walkthrough's sweep: task names cut to "s…n" between evenly spaced axes, and a seed axis of
    // 5, 42 and 44 labelled 42 at its top. Task names now get their room and the top label is 44.
    void longCategoryNamesAndTheHighestTickKeepTheirPlace() {
        const QStringList tasks = {"sequence-classification", "token-classification", "sentence-pair-classification"};
        std::vector<ParallelColumn> columns = {
            {"learning_rate", {nlohmann::json(1e-5), nlohmann::json(1e-4), nlohmann::json(1e-3)}},
            {"task", {nlohmann::json(tasks[0].toStdString()), nlohmann::json(tasks[1].toStdString()),
                      nlohmann::json(tasks[2].toStdString())}},
            {"seed", {nlohmann::json(5), nlohmann::json(42), nlohmann::json(44)}},
            {"per_device_train_batch_size", {nlohmann::json(8), nlohmann::json(16), nlohmann::json(32)}},
            {"weight_decay", {nlohmann::json(0), nlohmann::json(0.01), nlohmann::json(0.1)}},
            {"accuracy", {nlohmann::json(0.71), nlohmann::json(0.8), nlohmann::json(0.83)}}};
        ParallelCoordinatesPlot plot;
        plot.resize(800, 300);  // an even share of the width is too little for the task names
        plot.show();
        plot.setRuns({1, 2, 3}, {"#1 a", "#2 b", "#3 c"}, columns);
        QTest::qWait(100);
        const QStringList seeds = plot.tickLabels(2);
        QVERIFY2(seeds.size() >= 2 && seeds.front() == "5" && seeds.back() == "44", qPrintable(seeds.join(',')));
        QStringList drawn;
        for (int i = 0; i < plot.plot()->itemCount(); ++i)
            if (const auto* text = qobject_cast<QCPItemText*>(plot.plot()->item(i))) drawn << text->text();
        const auto x = [&](int axis) { return plot.pointOf(1, axis)->x(); };
        for (const QString& task : tasks) QVERIFY2(drawn.contains(task), qPrintable(drawn.join(" | ")));
        // The task axis stands further from its neighbour than the batch size's does from its own.
        QVERIFY2(x(1) - x(0) > x(4) - x(3), qPrintable(QString("%1 %2").arg(x(1) - x(0)).arg(x(4) - x(3))));
        // Lines still pass through their axes after the move.
        const QCPGraph* line = plot.lineOf(2);
        QCOMPARE(line->data()->size(), 6);
        QCOMPARE(plot.plot()->xAxis->coordToPixel((line->data()->constBegin() + 1)->key), x(1));
    }

    // A classifier's and a tagger's "f1" side by side: the header says each one's measure. Built from
    // a table as core's hparamsTable gives one (task and problem_type as hyperparameters).
    void metricHeadersSayWhatEachTaskMeasures() {
        train::HParamsTable table;
        table.hyperparameters = {{"task", false, true}, {"problem_type", false, false}};
        table.metrics = {{"f1", true, false}, {"mlm_accuracy", true, false}};
        for (const char* task : {"sequence-classification", "token-classification"}) {
            train::HParamsRow row;
            row.run_id = static_cast<int64_t>(table.rows.size() + 1);
            row.hyperparameters = {nlohmann::json(task), nlohmann::json("")};
            row.metrics = {nlohmann::json(0.5), nlohmann::json()};
            table.rows.push_back(row);
        }
        HParamsTableModel model;
        model.setTable(table, {"#1 a", "#2 b"}, {"", ""});
        const QString f1 = model.headerData(HParamsTableModel::FirstValueColumn + 2, Qt::Horizontal, Qt::ToolTipRole).toString();
        QVERIFY2(f1.startsWith(QStringLiteral("Not the same measure for every run here:")), qPrintable(f1));
        QVERIFY2(f1.contains(QStringLiteral("• sequence-classification: F1 of the positive class")), qPrintable(f1));
        QVERIFY2(f1.contains(QStringLiteral("• token-classification: entity F1 over whole entities")), qPrintable(f1));
        // A metric neither task reports has no meaning to give, only where it comes from.
        const QString mlm = model.headerData(HParamsTableModel::FirstValueColumn + 3, Qt::Horizontal, Qt::ToolTipRole).toString();
        QCOMPARE(mlm, QStringLiteral("At the evaluation the Step column names."));
        table.rows.pop_back();
        model.setTable(table, {"#1 a"}, {""});
        const QString one = model.headerData(HParamsTableModel::FirstValueColumn + 2, Qt::Horizontal, Qt::ToolTipRole).toString();
        QVERIFY2(one.startsWith(QStringLiteral("F1 of the positive class")), qPrintable(one));
    }

    void clickingALineSelectsItsRun() {
        Shown shown;
        show(shown);
        ParallelCoordinatesPlot* plot = shown.panel->plot();
        QVERIFY(plot->axes().size() >= 2);
        for (qint64 id : {runs_[1], runs_[0], runs_[2]}) {
            // Halfway between the first two axes, where the runs' lines are apart.
            const auto from = plot->pointOf(id, 0), to = plot->pointOf(id, 1);
            QVERIFY(from && to);
            const QPoint middle = ((*from + *to) / 2).toPoint();
            QTest::mouseMove(plot->plot(), middle);
            QTRY_COMPARE(plot->lineOf(id)->pen().widthF() > plot->lineOf(runs_[0] == id ? runs_[1] : runs_[0])->pen().widthF(), true);
            QTest::mouseClick(plot->plot(), Qt::LeftButton, {}, middle);
            QCOMPARE(shown.panel->selectedRun(), id);
            QCOMPARE(plot->highlightedRun(), id);
            const QModelIndexList selected = shown.panel->table()->selectionModel()->selectedRows();
            QCOMPARE(selected.size(), 1);
            QCOMPARE(selected.front().data(HParamsTableModel::RunIdRole).toLongLong(), id);
        }
        // Far from every line: a click selects nothing new.
        QTest::mouseClick(plot->plot(), Qt::LeftButton, {}, QPoint(3, 3));
        QCOMPARE(shown.panel->selectedRun(), runs_[2]);
        // And the other way: a run chosen in the table is the plot's highlighted line.
        shown.panel->selectRun(runs_[0]);
        QCOMPARE(plot->highlightedRun(), runs_[0]);
    }

    // The walkthrough scrolled to the last columns and lost the run names. The Run column stays at the
    // left edge over the scrolled table; a click on it selects the run and its header sorts.
    void theRunColumnStaysInSight() {
        Shown shown;
        show(shown);
        shown.panel->setOnlyDiffering(false);  // every setting: far wider than the window
        auto* table = qobject_cast<FrozenColumnTableView*>(shown.panel->table());
        QVERIFY(table);
        shown.page->resize(700, 1000);
        QTest::qWait(50);
        QScrollBar* sideways = table->horizontalScrollBar();
        QVERIFY(sideways->maximum() > 0);
        sideways->setValue(sideways->maximum());
        QTest::qWait(50);
        QTableView* frozen = table->frozenView();
        QVERIFY(frozen->isVisible());
        QCOMPARE(frozen->geometry().left(), table->viewport()->geometry().left());
        QCOMPARE(frozen->width(), table->columnWidth(HParamsTableModel::Run));
        // The main view's own Run column has scrolled away under it; the frozen one shows the names.
        QVERIFY(table->columnViewportPosition(HParamsTableModel::Run) < 0);
        const int row_y = frozen->rowViewportPosition(1) + frozen->rowHeight(1) / 2;
        const QModelIndex under = frozen->indexAt(QPoint(10, row_y));
        QCOMPARE(under.column(), int(HParamsTableModel::Run));
        const QString name = under.data().toString();
        QVERIFY2(name.startsWith(QLatin1Char('#')), qPrintable(name));
        QTest::mouseClick(frozen->viewport(), Qt::LeftButton, {}, QPoint(10, row_y));
        QCOMPARE(shown.panel->selectedRun(), under.data(HParamsTableModel::RunIdRole).toLongLong());
        // Sorting from the frozen header: by run, descending after ascending.
        QCOMPARE(table->horizontalHeader()->sortIndicatorSection(), int(HParamsTableModel::Run));
        const Qt::SortOrder before = table->horizontalHeader()->sortIndicatorOrder();
        const QList<qint64> order = runOrder(shown.panel->filter());
        QTest::mouseClick(frozen->horizontalHeader()->viewport(), Qt::LeftButton, {}, QPoint(10, frozen->horizontalHeader()->height() / 2));
        QVERIFY(table->horizontalHeader()->sortIndicatorOrder() != before);
        QList<qint64> reversed(order.rbegin(), order.rend());
        QCOMPARE(runOrder(shown.panel->filter()), reversed);
        // A cell reached by scrollTo() is not left under the frozen column.
        const QModelIndex step = shown.panel->filter()->index(0, HParamsTableModel::Step);
        table->scrollTo(step);
        QVERIFY(table->visualRect(step).left() >= table->columnWidth(HParamsTableModel::Run));
    }

    void exportWritesEveryDigit() {
        Shown shown;
        show(shown);
        const QString path = tmp_.filePath("hparams.csv");
        QVERIFY(shown.panel->exportTo(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList lines = QString::fromUtf8(file.readAll()).trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 4);
        QVERIFY2(lines[0].startsWith(QStringLiteral("id,name,status,step,epoch,learning_rate,per_device_train_batch_size,")),
                 qPrintable(lines[0]));
        const QStringList header = lines[0].split(QLatin1Char(','));
        const int lr = static_cast<int>(header.indexOf(QStringLiteral("learning_rate")));
        QStringList learning_rates;
        for (int i = 1; i < 4; ++i) learning_rates << lines[i].split(QLatin1Char(',')).value(lr);
        learning_rates.sort();
        QCOMPARE(learning_rates, (QStringList{"0.001", "1e-04", "1e-05"}));
    }

    // Pictures of the tab for a human to look at: BW_SCREENSHOT_DIR=/tmp/shots, of this test's runs
    // or of the store BW_SCREENSHOT_STORE names (a bigger sweep).
    void screenshots() {
        const QString out = qEnvironmentVariable("BW_SCREENSHOT_DIR");
        if (out.isEmpty()) QSKIP("set BW_SCREENSHOT_DIR to write screenshots");
        const QString other = qEnvironmentVariable("BW_SCREENSHOT_STORE");
        if (!other.isEmpty()) db_ = other;
        Shown shown;
        show(shown);
        shown.panel->setColourMetric(QStringLiteral("accuracy"));
        QTest::qWait(200);
        QVERIFY(shown.page->grab().save(out + QStringLiteral("/runs-hparams.png")));
        shown.panel->selectRun(shown.panel->model()->index(1, 0).data(HParamsTableModel::RunIdRole).toLongLong());
        QTest::qWait(100);
        QVERIFY(shown.panel->grab().save(out + QStringLiteral("/runs-hparams-selected.png")));
        shown.panel->table()->horizontalScrollBar()->setValue(shown.panel->table()->horizontalScrollBar()->maximum());
        QTest::qWait(100);
        QVERIFY(shown.panel->grab().save(out + QStringLiteral("/runs-hparams-scrolled.png")));
    }
};

QTEST_MAIN(TestHParamsPanel)
#include "test_hparams_panel.moc"
