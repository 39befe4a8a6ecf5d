// The Runs page on a real SQLite store filled through the real ExperimentStore API: the table
// lists every run (sorting, filter), two selected runs show only the settings that differ, the
// overlaid curves hold exactly the stored points (train curves smoothed over them), final evaluations
// with confusion matrices, clone asks for the wizard on a run; rename / tags / notes / delete written
// to the file, live polling of a running run, and durations and time axes without the time a run
// stood stopped.
#include "core/store/experiment_store.h"
#include "core/store/sqlite_database.h"
#include "widgets/runs/config_diff.h"
#include "widgets/runs/run_curves_plot.h"
#include "widgets/runs/runs_page.h"
#include "widgets/shared/curve_axis_combo.h"
#include "widgets/runs/run_curves_panel.h"
#include "widgets/runs/runs_table_model.h"
#include "widgets/shared/smoothing_slider.h"
#include "widgets/workbench/workspace.h"

#include <QComboBox>
#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QScrollArea>
#include <QScrollBar>
#include <QWheelEvent>
#include <QApplication>
#include <QtTest>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <set>

using namespace bw;
using namespace bw::gui;
using nlohmann::json;

namespace {

json configWith(double learning_rate, int epochs, const std::string& output_dir) {
    return {{"task", "sequence-classification"},
            {"dataset", "sst2"},
            {"output_dir", output_dir},
            {"training_args",
             {{"learning_rate", learning_rate},
              {"num_train_epochs", epochs},
              {"per_device_train_batch_size", 32},
              {"seed", 42},
              {"metric_for_best_model", "accuracy"}}}};
}

// A finished run with a loss curve, two evaluations (the last with a confusion matrix) and a best checkpoint.
int64_t addFinishedRun(store::ExperimentStore& store, int64_t dataset, const std::string& name, const json& config,
                       double loss_scale, double accuracy) {
    store::RunRecord spec;
    spec.name = name;
    spec.task = "sequence-classification";
    spec.base_model = "models/mini-uncased";
    spec.config = config;
    spec.dataset_id = dataset;
    spec.tags = {"sweep"};
    const int64_t id = store.createRun(spec).id;
    store.markRunning(id);
    std::vector<store::MetricPoint> points;
    for (int step = 1; step <= 20; ++step)
        points.push_back({id, step, step / 20.0, "train/loss", loss_scale / step, 1.7e9 + step * 3.0});
    points.push_back({id, 10, 0.5, "eval/accuracy", accuracy - 0.05, 1.7e9 + 31});
    points.push_back({id, 20, 1.0, "eval/accuracy", accuracy, 1.7e9 + 61});
    store.addMetrics(points);
    store::EvaluationRecord first;
    first.run_id = id;
    first.step = 10;
    first.split = "validation";
    first.metrics = {{"accuracy", accuracy - 0.05}, {"loss", 0.6}};
    store.addEvaluation(first);
    store::EvaluationRecord last = first;
    last.step = 20;
    last.epoch = 1.0;
    last.metrics = {{"accuracy", accuracy}, {"loss", 0.4}};
    last.confusion = json::array({json::array({40, 10}), json::array({5, 45})});
    // From that matrix: class 0 P 40/45 R 40/50, class 1 P 45/55 R 45/50.
    last.per_class = {{"negative", {{"precision", 40.0 / 45}, {"recall", 0.8}, {"f1", 2 * (40.0 / 45) * 0.8 / (40.0 / 45 + 0.8)}, {"support", 50}}},
                      {"positive", {{"precision", 45.0 / 55}, {"recall", 0.9}, {"f1", 2 * (45.0 / 55) * 0.9 / (45.0 / 55 + 0.9)}, {"support", 50}}}};
    store.addEvaluation(last);
    store::CheckpointRecord checkpoint;
    checkpoint.run_id = id;
    checkpoint.step = 20;
    checkpoint.path = "out/" + name + "/checkpoint-20";
    checkpoint.metric_value = accuracy;
    checkpoint.is_best = true;
    store.addCheckpoint(checkpoint);
    store.finishRun(id, store::RunStatus::Completed);
    return id;
}

// A CSV file without quoted fields (the tests' runs have no commas or line breaks in their texts).
QList<QStringList> readSimpleCsv(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) return {};
    QList<QStringList> rows;
    for (const QString& line : QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        rows << line.trimmed().split(QLatin1Char(','));
    return rows;
}

int rowOf(const QAbstractItemModel* model, qint64 id) {
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->index(r, RunsTableModel::Id).data().toLongLong() == id) return r;
    return -1;
}

}  // namespace

class TestRunsPage : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    QString path_;
    int64_t a_ = 0, b_ = 0, c_ = 0;

    store::ExperimentStore openStore() const { return store::ExperimentStore::open(path_.toStdString()); }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        path_ = dir_.filePath(QStringLiteral("runs.sqlite"));
        auto store = openStore();
        store::DatasetRecord dataset;
        dataset.name = "sst2";
        dataset.task_kind = "sequence";
        dataset.format = "tsv";
        dataset.label_set = {"negative", "positive"};
        const int64_t ds = store.createDataset(dataset).id;
        a_ = addFinishedRun(store, ds, "baseline", configWith(5e-5, 1, "out/a"), 0.7, 0.86);
        b_ = addFinishedRun(store, ds, "lower-lr", configWith(3e-5, 2, "out/a"), 0.9, 0.89);
        c_ = addFinishedRun(store, ds, "baseline-again", configWith(5e-5, 1, "out/a"), 0.8, 0.85);
    }

    void tableListsEveryRun() {
        Workspace workspace;
        QVERIFY(workspace.openStore(path_, nullptr));
        RunsPage page(workspace);
        const QAbstractItemModel* table = page.runsTable();
        QCOMPARE(table->rowCount(), 3);
        const int row = rowOf(table, b_);
        QVERIFY(row >= 0);
        QCOMPARE(table->index(row, RunsTableModel::Name).data().toString(), QStringLiteral("lower-lr"));
        QCOMPARE(table->index(row, RunsTableModel::Status).data().toString(), QStringLiteral("completed"));
        QCOMPARE(table->index(row, RunsTableModel::Task).data().toString(), QStringLiteral("sequence-classification"));
        // The model by its name; its whole path in the tooltip.
        QCOMPARE(table->index(row, RunsTableModel::BaseModel).data().toString(), QStringLiteral("mini-uncased"));
        QCOMPARE(table->index(row, RunsTableModel::BaseModel).data(Qt::ToolTipRole).toString(),
                 QDir::toNativeSeparators(QStringLiteral("models/mini-uncased")));
        QCOMPARE(table->index(row, RunsTableModel::Dataset).data().toString(), QStringLiteral("sst2"));
        // A run on a text file has no dataset: the file is named (it showed an empty cell).
        train::RunSummary on_corpus;
        on_corpus.corpus = "/data/texts/wiki.txt";
        RunsTableModel corpus_model;
        corpus_model.setRuns({on_corpus});
        QCOMPARE(corpus_model.index(0, RunsTableModel::Dataset).data().toString(), QStringLiteral("wiki.txt (text file)"));
        QCOMPARE(corpus_model.index(0, RunsTableModel::Dataset).data(Qt::ToolTipRole).toString(),
                 QDir::toNativeSeparators(QStringLiteral("/data/texts/wiki.txt")));
        QCOMPARE(table->index(row, RunsTableModel::BestMetric).data().toString(), QStringLiteral("accuracy 0.8900"));
        QCOMPARE(table->index(row, RunsTableModel::BestMetric).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("Share of rows whose predicted class is the gold one"));  // a tagger's is of tokens
        QCOMPARE(table->index(row, RunsTableModel::Tags).data().toString(), QStringLiteral("sweep"));
        QVERIFY(!table->index(row, RunsTableModel::Duration).data().toString().isEmpty());
        QVERIFY(!page.isPolling());  // nothing runs

        // Newest first by default; sorting by best metric puts the best run on top.
        QCOMPARE(table->index(0, RunsTableModel::Id).data().toLongLong(), c_);
        page.findChild<QTableView*>(QStringLiteral("runsTable"))->sortByColumn(RunsTableModel::BestMetric, Qt::DescendingOrder);
        QCOMPARE(table->index(0, RunsTableModel::Id).data().toLongLong(), b_);

        // The filter box keeps the matching rows.
        page.findChild<QLineEdit*>(QStringLiteral("runFilter"))->setText(QStringLiteral("AGAIN"));
        QCOMPARE(table->rowCount(), 1);
        QCOMPARE(table->index(0, RunsTableModel::Id).data().toLongLong(), c_);
    }

    void configDiffShowsOnlyDifferingKeys() {
        Workspace workspace;
        QVERIFY(workspace.openStore(path_, nullptr));
        RunsPage page(workspace);
        page.selectRuns({a_, b_});
        QCOMPARE(page.selectedRunIds(), (QList<qint64>{a_, b_}));
        const ConfigDiffModel* diff = page.configDiff();
        QCOMPARE(diff->rowCount(), 2);
        QCOMPARE(diff->columnCount(), 3);
        QCOMPARE(diff->index(0, 0).data().toString(), QStringLiteral("training_args.learning_rate"));
        QCOMPARE(diff->index(0, 1).data().toString().toDouble(), 5e-5);
        QCOMPARE(diff->index(0, 2).data().toString().toDouble(), 3e-5);
        QCOMPARE(diff->index(1, 0).data().toString(), QStringLiteral("training_args.num_train_epochs"));
        QCOMPARE(diff->index(1, 1).data().toString(), QStringLiteral("1"));
        QCOMPARE(diff->index(1, 2).data().toString(), QStringLiteral("2"));
        QCOMPARE(diff->headerData(1, Qt::Horizontal).toString(), QStringLiteral("#%1 baseline").arg(a_));

        page.selectRuns({a_, c_});  // same configuration
        QCOMPARE(diff->rowCount(), 0);

        // What a page made again (another language) is handed: the same runs, filter and tab.
        page.findChild<QTabWidget*>(QStringLiteral("comparisonTabs"))->setCurrentIndex(1);
        RunsPage again(workspace);
        again.restoreViewState(page.viewState());
        QCOMPARE(again.selectedRunIds(), (QList<qint64>{a_, c_}));
        QCOMPARE(again.findChild<QTabWidget*>(QStringLiteral("comparisonTabs"))->currentIndex(), 1);
        QCOMPARE(again.viewState(), page.viewState());
    }

    void curvesHoldTheStoredPoints() {
        Workspace workspace;
        QVERIFY(workspace.openStore(path_, nullptr));
        RunsPage page(workspace);
        page.smoothingSlider()->setWeight(0);  // the points as stored
        page.selectRuns({a_, b_});
        QVERIFY(page.setCurveMetric(QStringLiteral("train/loss")));
        QVERIFY(!page.setCurveMetric(QStringLiteral("no/such-metric")));
        auto store = openStore();
        const auto& curves = page.curvesPlot()->curves();
        QCOMPARE(curves.size(), size_t(2));
        QCustomPlot* plot = page.curvesPlot()->plot();
        QCOMPARE(plot->graphCount(), 2);
        for (int i = 0; i < 2; ++i) {
            const qint64 id = i == 0 ? a_ : b_;
            QCOMPARE(curves[static_cast<size_t>(i)].run_id, id);
            const auto stored = store.metrics(id, std::string("train/loss"));
            QCOMPARE(stored.size(), size_t(20));
            const auto data = page.curvesPlot()->lineOf(static_cast<size_t>(i))->data();
            QCOMPARE(data->size(), 20);
            for (int k = 0; k < 20; ++k) {
                QCOMPARE(data->at(k)->key, static_cast<double>(stored[static_cast<size_t>(k)].step));
                QCOMPARE(data->at(k)->value, stored[static_cast<size_t>(k)].value);
            }
            QCOMPARE(plot->graph(i)->name(), QStringLiteral("#%1 %2").arg(id).arg(i == 0 ? "baseline" : "lower-lr"));
        }
        QVERIFY(plot->graph(0)->pen().color() != plot->graph(1)->pen().color());

        QVERIFY(page.setCurveMetric(QStringLiteral("eval/accuracy")));
        QCOMPARE(plot->graph(1)->data()->size(), 2);
        QCOMPARE(plot->graph(1)->data()->at(1)->value, 0.89);


        // A run keeps its colour whatever else is selected (it once took the colour of its place
        // in the selection: b's line changed colour when a was deselected).
        const QColor b_colour = page.curvesPlot()->lineOf(1)->pen().color();
        page.selectRuns({c_, b_});
        QCOMPARE(page.curvesPlot()->curves().at(1).run_id, b_);
        QCOMPARE(page.curvesPlot()->lineOf(1)->pen().color(), b_colour);
        QVERIFY(page.curvesPlot()->lineOf(0)->pen().color() != b_colour);
        // Ids ten apart would share a colour: the later of two shown together takes another.
        const std::vector<QColor> apart = RunCurvesPlot::runColours({3, 13, 4});
        QVERIFY(apart[0] != apart[1] && apart[1] != apart[2] && apart[0] != apart[2]);
        QCOMPARE(RunCurvesPlot::runColours({13})[0], apart[0]);
    }

    // "All metrics": a small plot per metric the runs logged, each with the stored points, the
    // smoothing and the x axis of the one plot.
    void gridShowsEveryMetric() {
        Workspace workspace;
        QVERIFY(workspace.openStore(path_, nullptr));
        RunsPage page(workspace);
        page.smoothingSlider()->setWeight(0);
        page.selectRuns({a_, b_});
        RunCurvesPanel* panel = page.curvesPanel();
        QVERIFY(!panel->isGridShown());
        panel->findChild<QCheckBox*>(QStringLiteral("gridCheck"))->click();
        QVERIFY(panel->isGridShown());
        QVERIFY(!page.curvesPlot()->isVisibleTo(panel));

        auto store = openStore();
        std::set<std::string> names;
        for (const int64_t id : {a_, b_})
            for (const std::string& name : store.metricNames(id)) names.insert(name);
        const auto& plots = panel->gridPlots();
        QCOMPARE(plots.size(), std::min(names.size(), size_t(RunCurvesPanel::kGridMetrics)));
        QVERIFY(plots.size() >= 2);
        auto name = names.begin();
        for (RunCurvesPlot* small : plots) {
            QCOMPARE(small->metric(), QString::fromStdString(*name));
            QCOMPARE(small->curves().size(), size_t(2));
            const auto stored = store.metrics(b_, *name);
            QCOMPARE(small->curves()[1].points.size(), stored.size());
            ++name;
        }
        page.smoothingSlider()->setWeight(0.8);
        for (RunCurvesPlot* small : plots) QCOMPARE(small->smoothing(), 0.8);
        auto* axis = panel->findChild<CurveAxisCombo*>(QStringLiteral("axisCombo"));
        axis->setCurrentIndex(axis->findData(static_cast<int>(CurveAxis::Epoch)));
        emit axis->activated(axis->currentIndex());
        for (RunCurvesPlot* small : plots) QCOMPARE(small->options().axis, CurveAxis::Epoch);
        if (const QString shots = qEnvironmentVariable("BW_SCREENSHOT_DIR"); !shots.isEmpty()) {
            page.resize(1400, 900);
            page.show();
            QTest::qWait(100);
            page.grab().save(shots + QStringLiteral("/runs-grid.png"));
        }

        // One legend for the grid, not one per plot: at 1280 px the walkthrough's run names in every
        // plot's legend pushed the third column off the window. Every plot fits the grid's width.
        const std::string name_a = store.getRun(a_)->name, name_b = store.getRun(b_)->name;
        store.updateRun(a_, {std::string("agnews-classification-with-a-longer-name"), std::nullopt, std::nullopt});
        store.updateRun(b_, {std::string("reviews-stopresume-with-a-longer-name"), std::nullopt, std::nullopt});
        page.refresh();
        page.selectRuns({a_, b_});
        const auto* legend = panel->findChild<QLabel*>(QStringLiteral("gridLegend"));
        QVERIFY(legend && legend->isVisibleTo(panel));
        for (const int64_t id : {a_, b_})
            QVERIFY2(legend->text().contains(QStringLiteral("#%1 ").arg(id)), qPrintable(legend->text()));
        for (RunCurvesPlot* small : plots) QVERIFY(small->isInGrid() && !small->plot()->legend->visible());
        page.resize(1140, 700);  // a 1280 px window less the side bar
        page.show();
        QTest::qWait(50);
        auto* area = panel->findChild<QScrollArea*>();
        QVERIFY(!area->horizontalScrollBar()->isVisible());

        // The wheel scrolls the grid and leaves the plot's range alone; with Ctrl it zooms.
        area->setFixedHeight(120);  // shorter than a row of plots: the grid scrolls
        QTest::qWait(50);
        QVERIFY2(area->verticalScrollBar()->maximum() > 0, qPrintable(QStringLiteral("%1 plots, area %2 px high").arg(plots.size()).arg(area->height())));
        {
            RunCurvesPlot* first = plots.front();
            const QCPRange before = first->plot()->xAxis->range();
            const QPoint centre = first->plot()->rect().center();
            QWheelEvent down(centre, first->plot()->mapToGlobal(centre), {}, {0, -120}, Qt::NoButton, Qt::NoModifier,
                             Qt::NoScrollPhase, false);
            QApplication::sendEvent(first->plot(), &down);
            QVERIFY(area->verticalScrollBar()->value() > 0);
            QCOMPARE(first->plot()->xAxis->range().size(), before.size());
            QWheelEvent zoom(centre, first->plot()->mapToGlobal(centre), {}, {0, -120}, Qt::NoButton, Qt::ControlModifier,
                             Qt::NoScrollPhase, false);
            QApplication::sendEvent(first->plot(), &zoom);
            QVERIFY(first->plot()->xAxis->range().size() != before.size());
        }

        panel->setGridShown(false);
        QVERIFY(!legend->isVisibleTo(panel));
        store.updateRun(a_, {name_a, std::nullopt, std::nullopt});  // the other tests know the runs by name
        store.updateRun(b_, {name_b, std::nullopt, std::nullopt});
        QVERIFY(page.curvesPlot()->isVisibleTo(panel));
    }

    // Train curves are smoothed the TensorBoard way over their raw points, drawn faint behind;
    // evaluations are drawn as they are, and the slider is off for them.
    void trainCurvesAreSmoothedOverTheirRawPoints() {
        Workspace workspace;
        QVERIFY(workspace.openStore(path_, nullptr));
        RunsPage page(workspace);
        page.selectRuns({a_, b_});
        QVERIFY(page.setCurveMetric(QStringLiteral("train/loss")));
        page.smoothingSlider()->setWeight(0.9);
        RunCurvesPlot* curves = page.curvesPlot();
        QCOMPARE(curves->plot()->graphCount(), 4);  // a raw and a smoothed curve per run
        QCOMPARE(curves->plot()->legend->itemCount(), 2);
        const auto stored = openStore().metrics(a_, std::string("train/loss"));
        const auto raw = curves->rawOf(0)->data();
        const auto line = curves->lineOf(0)->data();
        QCOMPARE(raw->size(), 20);
        QCOMPARE(line->size(), 20);
        QCOMPARE(raw->at(7)->value, stored[7].value);
        QVERIFY(curves->rawOf(0)->pen().color().alpha() < curves->lineOf(0)->pen().color().alpha());
        // The first smoothed point is the first value (no start-up bias); then each is the debiased EMA.
        QCOMPARE(line->at(0)->value, stored[0].value);
        double average = 0;
        for (int k = 0; k < 20; ++k) {
            average = 0.9 * average + 0.1 * stored[static_cast<size_t>(k)].value;
            QVERIFY(qAbs(line->at(k)->value - average / (1 - std::pow(0.9, k + 1))) < 1e-9);
        }
        QVERIFY(line->at(19)->value != stored[19].value);

        page.smoothingSlider()->setWeight(0);  // no smoothing: one curve per run, as stored
        QCOMPARE(curves->plot()->graphCount(), 2);
        QVERIFY(curves->rawOf(0) == nullptr);
        QCOMPARE(curves->lineOf(0)->data()->at(19)->value, stored[19].value);

        page.smoothingSlider()->setWeight(0.9);
        QVERIFY(page.setCurveMetric(QStringLiteral("eval/accuracy")));
        QCOMPARE(curves->plot()->graphCount(), 2);
        QCOMPARE(curves->lineOf(1)->data()->at(1)->value, 0.89);
        QVERIFY(!page.smoothingSlider()->isEnabled());
    }

    // Every point lies inside the frame with room for its dot, and the legend sits outside the data.
    void curvesHaveAirAndTheLegendStaysClear() {
        Workspace workspace;
        QVERIFY(workspace.openStore(path_, nullptr));
        RunsPage page(workspace);
        page.resize(1200, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.selectRuns({a_, b_});
        for (const char* metric : {"train/loss", "eval/accuracy"}) {
            QVERIFY(page.setCurveMetric(QString::fromLatin1(metric)));
            QCustomPlot* plot = page.curvesPlot()->plot();
            plot->replot();
            const QRect inner = plot->axisRect()->rect().adjusted(4, 4, -4, -4);
            for (int g = 0; g < plot->graphCount(); ++g)
                for (auto it = plot->graph(g)->data()->constBegin(); it != plot->graph(g)->data()->constEnd(); ++it) {
                    const QPointF at(plot->xAxis->coordToPixel(it->key), plot->yAxis->coordToPixel(it->value));
                    QVERIFY2(inner.contains(at.toPoint()), qPrintable(QStringLiteral("%1: step %2 at %3,%4").arg(metric).arg(it->key).arg(at.x()).arg(at.y())));
                }
            QVERIFY(plot->legend->visible());
            QVERIFY(!plot->legend->outerRect().intersects(plot->axisRect()->rect()));
        }
    }

    // The table's CSV has numbers a spreadsheet can sum, and the hyperparameters runs differ in.
    void exportTableWritesNumbers() {
        Workspace workspace;
        QVERIFY(workspace.openStore(path_, nullptr));
        RunsPage page(workspace);
        const QString file = dir_.filePath(QStringLiteral("runs.csv"));
        QVERIFY(page.exportTableTo(file));
        // Lines end as the CLI's --format csv ends them ("\n"; the window once wrote "\r\n").
        {
            QFile bytes(file);
            QVERIFY(bytes.open(QIODevice::ReadOnly));
            const QByteArray all = bytes.readAll();
            QVERIFY(!all.contains('\r') && all.endsWith('\n'));
        }
        const QList<QStringList> csv = readSimpleCsv(file);
        QCOMPARE(csv.size(), 4);
        const QStringList& header = csv[0];
        for (const char* column : {"id", "best_metric", "best_value", "trained_seconds", "learning_rate", "per_device_train_batch_size",
                                   "num_train_epochs", "max_steps", "seed"})
            QVERIFY2(header.contains(QString::fromLatin1(column)), column);
        const auto cell = [&](const QStringList& row, const char* column) { return row.at(header.indexOf(QString::fromLatin1(column))); };
        bool found = false;
        for (const QStringList& row : csv.mid(1)) {
            if (cell(row, "id").toLongLong() != b_) continue;
            found = true;
            QCOMPARE(cell(row, "best_metric"), QStringLiteral("accuracy"));
            QCOMPARE(cell(row, "best_value").toDouble(), 0.89);
            bool number = false;
            QVERIFY(cell(row, "trained_seconds").toDouble(&number) >= 0 && number);
            QCOMPARE(cell(row, "learning_rate").toDouble(), 3e-5);
            QCOMPARE(cell(row, "per_device_train_batch_size"), QStringLiteral("32"));
            QCOMPARE(cell(row, "num_train_epochs"), QStringLiteral("2"));
            QCOMPARE(cell(row, "seed"), QStringLiteral("42"));
            QCOMPARE(cell(row, "max_steps"), QString());  // not in this run's configuration
        }
        QVERIFY(found);
    }

    // The curves' CSV holds every metric of every selected run, not only the one on screen.
    void exportCurvesWritesEveryMetric() {
        Workspace workspace;
        QVERIFY(workspace.openStore(path_, nullptr));
        RunsPage page(workspace);
        page.selectRuns({a_, b_});
        QVERIFY(page.setCurveMetric(QStringLiteral("train/loss")));
        const QString file = dir_.filePath(QStringLiteral("curves.csv"));
        QVERIFY(page.exportCurvesTo(file));
        const QList<QStringList> csv = readSimpleCsv(file);
        QCOMPARE(csv.at(0), (QStringList{"run_id", "run", "metric", "step", "epoch", "wall_time", "value"}));
        QCOMPARE(csv.size(), 1 + 2 * (20 + 2));
        std::set<QString> metrics;
        for (const QStringList& row : csv.mid(1)) metrics.insert(row.at(2));
        QCOMPARE(metrics, (std::set<QString>{QStringLiteral("train/loss"), QStringLiteral("eval/accuracy")}));
        const QStringList& last_accuracy = *std::find_if(csv.rbegin(), csv.rend(), [&](const QStringList& row) {
            return row.at(0).toLongLong() == b_ && row.at(2) == QStringLiteral("eval/accuracy");
        });
        QCOMPARE(last_accuracy.at(6).toDouble(), 0.89);
    }

    // The final evaluation's confusion matrix is shown whole, every cell in view.
    void confusionMatrixIsWhole() {
        Workspace workspace;
        QVERIFY(workspace.openStore(path_, nullptr));
        RunsPage page(workspace);
        page.resize(900, 480);  // a small window: the table above takes its share
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.selectRuns({a_, b_});
        page.findChild<QTabWidget*>()->setCurrentIndex(2);
        QCoreApplication::processEvents();
        int matrices = 0;
        for (QTableWidget* table : page.findChildren<QTableWidget*>()) {
            if (!table->isVisible()) continue;
            for (int r = 0; r < table->rowCount(); ++r)
                for (int c = 0; c < table->columnCount(); ++c)
                    QVERIFY2(table->viewport()->rect().contains(table->visualRect(table->model()->index(r, c))),
                             qPrintable(QStringLiteral("cell %1,%2 of a %3x%4 table in %5x%6").arg(r).arg(c).arg(table->rowCount())
                                            .arg(table->columnCount()).arg(table->viewport()->width()).arg(table->viewport()->height())));
            matrices += table->verticalHeader()->isVisible();
        }
        QCOMPARE(matrices, 2);
        // The matrix's caption on one line, however narrow the matrix; metric values as every page shows them.
        for (QLabel* caption : page.findChildren<QLabel*>(QStringLiteral("confusionCaption")))
            QVERIFY2(caption->height() < 2 * caption->fontMetrics().height(), qPrintable(QString::number(caption->height())));
        QStringList values;
        for (QTableWidget* table : page.findChildren<QTableWidget*>())
            if (table->horizontalHeaderItem(0) && table->horizontalHeaderItem(0)->text() == QStringLiteral("Metric"))
                for (int r = 0; r < table->rowCount(); ++r) values << table->item(r, 0)->text() + "=" + table->item(r, 1)->text();
        QVERIFY2(values.contains(QStringLiteral("loss=0.4000")), qPrintable(values.join(", ")));

        // Below each matrix, the per-class table the evaluation stored, in label order.
        const QList<QTableWidget*> per_class = page.findChildren<QTableWidget*>(QStringLiteral("perClassTable"));
        QCOMPARE(per_class.size(), 2);
        QTableWidget* table = per_class.first();
        QVERIFY(table->isVisible());
        QCOMPARE(table->rowCount(), 2);
        const auto cell = [&](int r, int c) { return table->item(r, c)->text(); };
        QCOMPARE(cell(0, 0), QStringLiteral("negative"));
        QCOMPARE(cell(0, 1), QStringLiteral("0.8889"));  // 40 / 45
        QCOMPARE(cell(0, 2), QStringLiteral("0.8000"));
        QCOMPARE(cell(0, 3), QStringLiteral("0.8421"));
        QCOMPARE(cell(0, 4), QStringLiteral("50"));
        QCOMPARE(cell(1, 0), QStringLiteral("positive"));
        QCOMPARE(cell(1, 1), QStringLiteral("0.8182"));  // 45 / 55
        QCOMPARE(cell(1, 3), QStringLiteral("0.8571"));
    }

    // Sorting by the best metric keeps each metric's runs together, best first whichever way the
    // metric improves (losses sorted among accuracies once put "loss 0.30" below "accuracy 0.89").
    void bestMetricSortsEachMetricByItsBest() {
        std::vector<int64_t> by_loss;
        {
            auto store = openStore();
            for (const double loss : {0.5, 0.3}) {
                json config = configWith(5e-5, 1, "out/l");
                config["training_args"]["metric_for_best_model"] = "loss";
                by_loss.push_back(addFinishedRun(store, store.findDataset("sst2")->id, "by-loss", config, 0.7, loss));
            }
        }
        Workspace workspace;
        QVERIFY(workspace.openStore(path_, nullptr));
        RunsPage page(workspace);
        page.findChild<QTableView*>(QStringLiteral("runsTable"))->sortByColumn(RunsTableModel::BestMetric, Qt::DescendingOrder);
        const QAbstractItemModel* table = page.runsTable();
        QList<qint64> order;
        for (int r = 0; r < table->rowCount(); ++r) order << table->index(r, RunsTableModel::Id).data().toLongLong();
        QCOMPARE(order, (QList<qint64>{by_loss[1], by_loss[0], b_, a_, c_}));
        auto store = openStore();
        for (int64_t id : by_loss) store.deleteRun(id);
    }

    // A run that loaded its best checkpoint at the end shows that checkpoint's evaluation as its final
    // one, and says so (it showed "Step 10" beside a run evaluated to step 20 without a word).
    void finalEvaluationSaysItIsTheBestCheckpoints() {
        int64_t early_best = 0;
        {
            auto store = openStore();
            early_best = addFinishedRun(store, store.findDataset("sst2")->id, "early-best", configWith(5e-5, 1, "out/e"),
                                        0.7, 0.86);
            store::CheckpointRecord earlier;
            earlier.run_id = early_best;
            earlier.step = 10;
            earlier.path = "out/early-best/checkpoint-10";
            earlier.metric_value = 0.95;
            earlier.is_best = true;  // the step-20 checkpoint is no longer the best
            store.addCheckpoint(earlier);
        }
        Workspace workspace;
        QVERIFY(workspace.openStore(path_, nullptr));
        RunsPage page(workspace);
        page.selectRuns({a_, early_best});
        QStringList steps;
        for (const QLabel* label : page.findChildren<QLabel*>(QStringLiteral("finalEvaluationStep"))) steps << label->text();
        QCOMPARE(steps.size(), 2);
        QCOMPARE(steps[0], QStringLiteral("Step 20 · epoch 1.00 · validation split"));
        QCOMPARE(steps[1], QStringLiteral("Step 10 · epoch 0.00 · validation split\nthe best checkpoint, which the run "
                                          "loaded at its end (it evaluated up to step 20)"));
        auto store = openStore();
        store.deleteRun(early_best);
    }

    // Opening another workspace drops the old runs' curves and view, even where run ids coincide,
    // and shows the new workspace's newest run.
    void anotherWorkspaceResetsTheCurves() {
        const QString other_path = dir_.filePath(QStringLiteral("other.sqlite"));
        int64_t other_run = 0;
        {
            auto other = store::ExperimentStore::open(other_path.toStdString());
            store::RunRecord spec;
            spec.name = "elsewhere";
            spec.task = "pretraining";
            spec.config = configWith(1e-4, 1, "out/elsewhere");
            other_run = other.createRun(spec).id;
            other.markRunning(other_run);
            std::vector<store::MetricPoint> points;
            for (int step = 1; step <= 5; ++step) points.push_back({other_run, step, 0.0, "train/loss", 100.0 + step, 1.7e9 + step});
            other.addMetrics(points);
            other.finishRun(other_run, store::RunStatus::Completed);
        }
        Workspace workspace;
        QVERIFY(workspace.openStore(path_, nullptr));
        RunsPage page(workspace);
        page.selectRuns({a_, b_});
        QVERIFY(page.setCurveMetric(QStringLiteral("train/loss")));
        QCustomPlot* plot = page.curvesPlot()->plot();
        QCOMPARE(page.curvesPlot()->curves().size(), size_t(2));

        QVERIFY(workspace.openStore(other_path, nullptr));
        QCOMPARE(page.selectedRunIds(), (QList<qint64>{other_run}));
        QCOMPARE(page.curvesPlot()->curves().size(), size_t(1));
        QCOMPARE(page.curvesPlot()->lineOf(0)->data()->size(), 5);
        QVERIFY(plot->yAxis->range().contains(101) && plot->yAxis->range().contains(105));
        QVERIFY2(plot->xAxis->range().upper < 10, qPrintable(QString::number(plot->xAxis->range().upper)));

        const QString empty_path = dir_.filePath(QStringLiteral("empty.sqlite"));
        store::ExperimentStore::open(empty_path.toStdString());
        QVERIFY(workspace.openStore(empty_path, nullptr));
        QCOMPARE(plot->graphCount(), 0);
        QVERIFY(page.curvesPlot()->curves().empty());
        QVERIFY(!plot->yAxis->range().contains(101));
        // An empty plot says what to do, and nothing else (QCPItemText's own default is "text").
        QCOMPARE(visibleTexts(*plot), QStringList{QStringLiteral("Select runs in the table to see their curves.")});
    }

    static QStringList visibleTexts(QCustomPlot& plot) {
        QStringList texts;
        for (int i = 0; i < plot.itemCount(); ++i)
            if (auto* text = qobject_cast<QCPItemText*>(plot.item(i)); text && text->visible()) texts << text->text();
        return texts;
    }

    void renameTagsNotesPersist() {
        Workspace workspace;
        QVERIFY(workspace.openStore(path_, nullptr));
        RunsPage page(workspace);
        QAbstractItemModel* table = page.runsTable();
        // The table's own editing path (a double-click editor ends in setData).
        QVERIFY(table->setData(table->index(rowOf(table, a_), RunsTableModel::Name), QStringLiteral("baseline-5e-5")));
        QVERIFY(table->setData(table->index(rowOf(table, a_), RunsTableModel::Tags), QStringLiteral(" best , lr-sweep,, ")));
        QVERIFY(table->setData(table->index(rowOf(table, a_), RunsTableModel::Notes), QStringLiteral("warmup 10%\nstable")));
        QVERIFY(!table->setData(table->index(rowOf(table, a_), RunsTableModel::Name), QStringLiteral("  ")));
        QCOMPARE(table->index(rowOf(table, a_), RunsTableModel::Name).data().toString(), QStringLiteral("baseline-5e-5"));

        auto store = openStore();  // a fresh connection reads the file
        const auto run = store.getRun(a_);
        QCOMPARE(run->name, std::string("baseline-5e-5"));
        QCOMPARE(run->tags, (std::vector<std::string>{"best", "lr-sweep"}));
        QCOMPARE(run->notes, std::string("warmup 10%\nstable"));
    }

    // Clone asks the workspace for the Train page's wizard on the one selected run.
    void cloneAsksForTheSelectedRun() {
        Workspace workspace;
        QVERIFY(workspace.openStore(path_, nullptr));
        RunsPage page(workspace);
        QSignalSpy cloned(&workspace, &Workspace::cloneRequested);
        auto* clone = page.findChild<QPushButton*>(QStringLiteral("cloneButton"));
        QVERIFY(clone);
        page.selectRuns({a_, b_});
        QVERIFY(!clone->isEnabled());  // which one?
        page.selectRuns({b_});
        QVERIFY(clone->isEnabled());
        QTest::mouseClick(clone, Qt::LeftButton);
        QCOMPARE(cloned.count(), 1);
        QCOMPARE(cloned.at(0).at(0).toLongLong(), b_);
    }

    void deleteAsksAndRemoves() {
        Workspace workspace;
        QVERIFY(workspace.openStore(path_, nullptr));
        RunsPage page(workspace);
        page.selectRuns({c_});
        bool asked = false;
        QTimer::singleShot(0, this, [&] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            QVERIFY(box);
            asked = true;
            box->button(QMessageBox::Yes)->click();
        });
        for (QPushButton* button : page.findChildren<QPushButton*>())
            if (button->text() == RunsPage::tr("Delete…")) QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(asked);
        QVERIFY(!openStore().getRun(c_));
        QCOMPARE(page.runsTable()->rowCount(), 2);
        QVERIFY(page.selectedRunIds().isEmpty());
    }

    void pollsARunningRun() {
        auto store = openStore();
        store::RunRecord spec;
        spec.name = "live";
        spec.task = "pretraining";
        spec.config = configWith(1e-4, 3, "out/live");
        const int64_t live = store.createRun(spec).id;
        store.markRunning(live);  // this process: alive, so the run stays running
        store.addMetrics({{live, 1, 0.0, "train/loss", 9.0, 1.7e9}});

        Workspace workspace;
        QVERIFY(workspace.openStore(path_, nullptr));
        RunsPage page(workspace);
        QVERIFY(page.isPolling());
        page.selectRuns({live});
        QVERIFY(page.setCurveMetric(QStringLiteral("train/loss")));
        QCOMPARE(page.curvesPlot()->curves().at(0).points.size(), size_t(1));
        // The trainer (another connection) logs more points; the page shows them without being asked.
        const int refreshes = page.fullRefreshes();
        store.addMetrics({{live, 2, 0.0, "train/loss", 8.0, 1.7e9 + 1}, {live, 3, 0.0, "train/loss", 7.5, 1.7e9 + 2}});
        QTRY_COMPARE_WITH_TIMEOUT(page.curvesPlot()->curves().at(0).points.size(), size_t(3), 6000);
        QCOMPARE(page.curvesPlot()->lineOf(0)->data()->size(), 3);
        // A poll read the running run alone, not every run of the store.
        QCOMPARE(page.fullRefreshes(), refreshes);
        // Its first best checkpoint: the column widens to the best metric's text, which came after the
        // columns were fitted to the run's empty cell.
        auto* table = page.findChild<QTableView*>(QStringLiteral("runsTable"));
        table->setColumnWidth(RunsTableModel::BestMetric, 40);
        store::CheckpointRecord best;
        best.run_id = live;
        best.step = 3;
        best.path = "out/live/checkpoint-3";
        best.metric_value = 0.87654321;
        best.is_best = true;
        store.addCheckpoint(best);
        QTRY_VERIFY_WITH_TIMEOUT(page.runsTable()
                                     ->index(rowOf(page.runsTable(), live), RunsTableModel::BestMetric)
                                     .data()
                                     .toString()
                                     .contains(QStringLiteral("0.8765")),
                                 6000);
        const QAbstractItemView* view = table;
        QVERIFY2(table->columnWidth(RunsTableModel::BestMetric) >= view->sizeHintForColumn(RunsTableModel::BestMetric),
                 qPrintable(QString::number(table->columnWidth(RunsTableModel::BestMetric))));
        QCOMPARE(page.fullRefreshes(), refreshes);
        // A run added by another process: the next poll reads every run.
        const int rows = page.runsTable()->rowCount();
        spec.name = "added meanwhile";
        const int64_t added = store.createRun(spec).id;
        QTRY_COMPARE_WITH_TIMEOUT(page.runsTable()->rowCount(), rows + 1, 6000);
        QVERIFY(rowOf(page.runsTable(), added) >= 0);
        QCOMPARE(page.fullRefreshes(), refreshes + 1);
        store.finishRun(live, store::RunStatus::Stopped);
        QTRY_VERIFY_WITH_TIMEOUT(!page.isPolling(), 6000);
        QCOMPARE(page.runsTable()->index(rowOf(page.runsTable(), live), RunsTableModel::Status).data().toString(),
                 QStringLiteral("stopped"));
    }

    // Pictures of the page for a human to look at: BW_SCREENSHOT_DIR=/tmp/shots-data.
    void screenshots() {
        const QString out = qEnvironmentVariable("BW_SCREENSHOT_DIR");
        if (out.isEmpty()) QSKIP("set BW_SCREENSHOT_DIR to write screenshots");
        QDir().mkpath(out);
        Workspace workspace;
        QVERIFY(workspace.openStore(path_, nullptr));
        RunsPage page(workspace);
        page.resize(1400, 900);
        page.show();
        page.selectRuns({a_, b_});
        page.setCurveMetric(QStringLiteral("train/loss"));
        QTest::qWait(200);
        QVERIFY(page.grab().save(out + QStringLiteral("/runs-page-curves.png")));
        auto* tabs = page.findChild<QTabWidget*>();
        tabs->setCurrentIndex(1);
        QTest::qWait(100);
        QVERIFY(page.grab().save(out + QStringLiteral("/runs-page-diff.png")));
        tabs->setCurrentIndex(2);
        QTest::qWait(100);
        QVERIFY(page.grab().save(out + QStringLiteral("/runs-page-evaluations.png")));
    }

    // A run stopped for an hour and resumed: its duration and its time axis count training only.
    void stoppedTimeIsNotTrainingTime() {
        int64_t paused = 0;
        {
            auto store = openStore();
            store::RunRecord spec;
            spec.name = "paused";
            spec.task = "sequence-classification";
            spec.config = configWith(5e-5, 1, "out/p");
            paused = store.createRun(spec).id;
            store.markRunning(paused);
            store.addMetrics({{paused, 1, 0.0, "train/loss", 1.0, 1.7e9 + 10}, {paused, 2, 0.0, "train/loss", 0.9, 1.7e9 + 3640}});
            store.finishRun(paused, store::RunStatus::Completed);
        }
        {
            // Its two sessions as a trainer stopped and resumed an hour later would have left them.
            store::Database raw = store::Database::open(path_.toStdString(), 1000);
            const std::string id = std::to_string(paused);
            raw.execute("DELETE FROM run_sessions WHERE run = " + id);
            raw.execute("INSERT INTO run_sessions (run, started_at, ended_at) VALUES (" + id + ", 1.7e9, 1.7e9 + 30), (" +
                        id + ", 1.7e9 + 3630, 1.7e9 + 3660)");
        }
        Workspace workspace;
        QVERIFY(workspace.openStore(path_, nullptr));
        RunsPage page(workspace);
        const QAbstractItemModel* table = page.runsTable();
        const int row = rowOf(table, paused);
        QCOMPARE(table->index(row, RunsTableModel::Duration).data(RunsTableModel::SortRole).toDouble(), 60.0);
        QCOMPARE(table->index(row, RunsTableModel::Duration).data().toString(), QStringLiteral("1 min 00 s"));

        page.selectRuns({paused});
        QVERIFY(page.setCurveMetric(QStringLiteral("train/loss")));
        auto* axis = page.findChild<QComboBox*>(QStringLiteral("axisCombo"));
        axis->setCurrentIndex(axis->findData(static_cast<int>(CurveAxis::Time)));
        emit axis->activated(axis->currentIndex());
        const auto line = page.curvesPlot()->lineOf(0)->data();
        QCOMPARE(line->size(), 2);
        QCOMPARE(line->at(0)->key, 10.0);
        QCOMPARE(line->at(1)->key, 40.0);  // 30 s in the first session, 10 in the second
        // The axis title names the labels' unit: 40 s of training (an hour of wall time) in min:s.
        QCOMPARE(page.curvesPlot()->plot()->xAxis->label(), QStringLiteral("training time, stops left out (min:s)"));
        openStore().deleteRun(paused);
    }
};

QTEST_MAIN(TestRunsPage)
#include "test_runs_page.moc"
