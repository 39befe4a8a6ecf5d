// The Errors page on a real run: the bundled model fine-tuned for a few steps on SST-2, its
// checkpoint analysed by the page on its worker thread. Checked from outside the page: the rows it
// lists for a confusion-matrix cell are that cell's count and each is of that cell; the ROC area in
// the plot's title is the Mann-Whitney count over the stored rows; the CSV has one line per row;
// "Open in Playground" loads the checkpoint there and the Playground predicts what the analysis
// stored for that row; "Open in Attention" shows that checkpoint's attention over the row's tokens.
#include "core/analysis/bert_pipeline.h"
#include "core/store/dataset_import.h"
#include "core/store/experiment_store.h"
#include "core/train/training_job.h"
#include "gui_test_support.h"
#include "widgets/attention/attention_math.h"
#include "widgets/attention/attention_page.h"
#include "widgets/errors/analysis_request_dialog.h"
#include "widgets/errors/analysis_rows_model.h"
#include "widgets/errors/binary_curves_plot.h"
#include "widgets/errors/error_analysis_page.h"
#include "widgets/playground/playground_page.h"
#include "widgets/runs/runs_page.h"
#include "widgets/shared/file_name_part.h"
#include "widgets/shared/probability_chart.h"
#include "widgets/workbench/workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QStandardItemModel>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QFile>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>

using namespace bw;
using namespace bw::gui;

class TestErrorAnalysisPage : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QString db_;
    train::TrainingResult run_;
    qint64 later_run_ = 0;

private slots:
    void initTestCase() {
        bw::test::isolateSettings("test_error_analysis_page");
        db_ = tmp_.filePath("runs.sqlite");
        bw::test::importSst2(db_, "sst2_train_head2000.tsv");
        train::TrainingRequest request;
        request.db = db_.toStdString();
        request.model_dir = BW_FIXTURES_DIR "/../../resources/models/bertwork-tiny-en";
        request.task = "sequence-classification";
        request.dataset = "sst2";
        request.output_dir = tmp_.filePath("run").toStdString();
        request.run_name = "sst2 errors";
        request.args.max_steps = 30;
        request.args.max_seq_length = 64;
        request.args.per_device_train_batch_size = 16;
        request.args.learning_rate = 1e-3;
        request.args.evaluation_strategy = "steps";
        request.args.eval_steps = 30;
        request.args.save_strategy = "steps";
        request.args.save_steps = 30;
        run_ = train::runTraining(request);
        QVERIFY(run_.run_id > 0);
        request.run_name = "sst2 later";  // newer: listed first
        request.output_dir = tmp_.filePath("later").toStdString();
        request.args.max_steps = 10;
        request.args.eval_steps = 10;
        request.args.save_steps = 10;
        later_run_ = train::runTraining(request).run_id;
    }

    // The Runs page's "Errors…" shows the selected run on the Errors page.
    void runsPageOpensARunsErrors() {
        Workspace workspace;
        QString error;
        QVERIFY2(workspace.openStore(db_, &error), qPrintable(error));
        ErrorAnalysisPage page(workspace);
        page.show();
        QCOMPARE(page.runBox()->count(), 2);
        QCOMPARE(page.runBox()->currentData().toLongLong(), later_run_);
        RunsPage runs(workspace);
        runs.show();
        auto* button = runs.findChild<QPushButton*>(QStringLiteral("errorsButton"));
        QVERIFY(button);
        runs.selectRuns({run_.run_id, later_run_});
        QVERIFY(!button->isEnabled());  // one run at a time
        runs.selectRuns({run_.run_id});
        QVERIFY(button->isEnabled());
        QSignalSpy requested(&workspace, &Workspace::errorAnalysisRequested);
        button->click();
        QCOMPARE(requested.size(), 1);
        QCOMPARE(page.runBox()->currentData().toLongLong(), run_.run_id);
    }

    // The dialog opens on the run's dataset and its validation split, and says how many rows that is
    // (it once said "0 rows" until another split was picked), then follows the split and dataset.
    void theRequestDialogCountsTheSplitItOpensOn() {
        store::RunRecord run;
        run.id = 7;
        run.dataset_id = 2;
        store::DatasetRecord other, mine;
        other.id = 1;
        other.name = "other";
        other.row_counts = {{"train", 5}};
        mine.id = 2;
        mine.name = "mrpc";
        mine.row_counts = {{"train", 300}, {"validation", 30}, {"test", 0}};
        AnalysisRequestDialog dialog(run, {}, {other, mine});
        QCOMPARE(dialog.datasetBox()->currentText(), QStringLiteral("mrpc"));
        QCOMPARE(dialog.splitBox()->count(), 2);  // the empty test split is not offered
        QCOMPARE(dialog.splitBox()->currentData().toString(), QStringLiteral("validation"));
        QVERIFY2(dialog.rowCountText().startsWith(QStringLiteral("30 row")), qPrintable(dialog.rowCountText()));
        dialog.splitBox()->setCurrentIndex(1);
        QVERIFY2(dialog.rowCountText().startsWith(QStringLiteral("300 row")), qPrintable(dialog.rowCountText()));
        dialog.datasetBox()->setCurrentIndex(0);
        QVERIFY2(dialog.rowCountText().startsWith(QStringLiteral("5 row")), qPrintable(dialog.rowCountText()));
        QCOMPARE(dialog.request().split, std::string("train"));
    }

    // Datasets the run's model cannot predict are greyed with the reason before "Analyse", not refused
    // after it: tagged words for a sentence classifier, labels its head does not have. The model's
    // labels are SST-2's "0" and "1", written by the trainer into the checkpoint's config.json.
    void theRequestDialogGreysDatasetsTheModelCannotPredict() {
        store::ExperimentStore store = store::ExperimentStore::open(db_.toStdString());
        const std::optional<store::RunRecord> run = store.getRun(run_.run_id);
        QVERIFY(run);
        const std::vector<store::CheckpointRecord> checkpoints = store.checkpoints(run_.run_id);
        QVERIFY(!checkpoints.empty());
        std::vector<store::DatasetRecord> datasets;
        store::DatasetRecord conll;
        conll.id = 100;
        conll.name = "conll";
        conll.task_kind = "token";
        conll.label_set = {"O", "B-PER"};
        conll.row_counts = {{"validation", 20}};
        store::DatasetRecord three_classes = conll;
        three_classes.id = 101;
        three_classes.name = "three";
        three_classes.task_kind = "sequence";
        three_classes.label_set = {"0", "1", "2"};
        datasets = {conll, three_classes};
        for (const store::DatasetRecord& d : store.listDatasets()) datasets.push_back(d);
        QCOMPARE(datasets.back().name, std::string("sst2"));

        AnalysisRequestDialog dialog(*run, checkpoints, datasets);
        auto* items = qobject_cast<QStandardItemModel*>(dialog.datasetBox()->model());
        QVERIFY(items);
        QVERIFY(!items->item(0)->isEnabled());
        QVERIFY(!items->item(1)->isEnabled());
        QVERIFY(items->item(2)->isEnabled());
        const QString kind = dialog.datasetBox()->itemData(0, Qt::ToolTipRole).toString();
        QVERIFY2(kind.contains(QStringLiteral("classifies texts")) && kind.contains(QStringLiteral("tagged words")),
                 qPrintable(kind));
        const QString labels = dialog.datasetBox()->itemData(1, Qt::ToolTipRole).toString();
        // (Without the window's English plurals: "label(s)".)
        QVERIFY2(labels.contains(QStringLiteral("the model does not: “2”.")) &&
                     labels.contains(QStringLiteral("“0”, “1”")),
                 qPrintable(labels));
        // It opens on the run's own dataset, which the model predicts, and Analyse is offered.
        QCOMPARE(dialog.datasetBox()->currentData().toString(), QStringLiteral("sst2"));
        auto* analyse = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        QVERIFY(analyse->isEnabled());
        auto* note = dialog.findChild<QLabel*>(QStringLiteral("greyedDatasetsNote"));
        QVERIFY(note);
        QVERIFY2(note->text().startsWith(QStringLiteral("2 dataset")), qPrintable(note->text()));

        // Only datasets it cannot predict: the dialog says why and does not offer Analyse.
        AnalysisRequestDialog none(*run, checkpoints, {conll, three_classes});
        QVERIFY(!none.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->isEnabled());
        QVERIFY2(none.rowCountText().contains(QStringLiteral("tagged words")), qPrintable(none.rowCountText()));
        QVERIFY(none.findChild<QLabel*>(QStringLiteral("greyedDatasetsNote"))->text().startsWith(QStringLiteral("No dataset")));
    }

    // A dataset without a train split has no label set: the labels its rows hold are compared (the
    // page reads them with labelsInRows). A name that looks like HTML is shown as written.
    void theRequestDialogChecksDatasetsWithoutALabelSet() {
        store::ExperimentStore store = store::ExperimentStore::open(db_.toStdString());
        const store::RunRecord run = *store.getRun(run_.run_id);
        const std::vector<store::CheckpointRecord> checkpoints = store.checkpoints(run_.run_id);
        store::DatasetRecord words, digits;
        words.id = 200;
        words.name = "avis <b>bold</b>";
        words.task_kind = "sequence";
        words.row_counts = {{"validation", 2}};
        digits = words;
        digits.id = 201;
        digits.name = "digits";
        AnalysisRequestDialog dialog(run, checkpoints, {words, digits},
                                     {{200, {"négatif", "positif"}}, {201, {"0", "1"}}});
        auto* items = qobject_cast<QStandardItemModel*>(dialog.datasetBox()->model());
        QVERIFY(!items->item(0)->isEnabled());
        QVERIFY(items->item(1)->isEnabled());
        const QString tip = dialog.datasetBox()->itemData(0, Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("avis &lt;b&gt;bold&lt;/b&gt;")) && tip.contains(QStringLiteral("“négatif”")),
                 qPrintable(tip));
        QCOMPARE(dialog.datasetBox()->currentData().toString(), QStringLiteral("digits"));

        // "Best" is offered only where an evaluation chose a best checkpoint.
        QCOMPARE(dialog.checkpointBox()->itemData(0).toString(), QStringLiteral("best"));
        std::vector<store::CheckpointRecord> unranked = checkpoints;
        for (auto& c : unranked) c.is_best = false;
        AnalysisRequestDialog no_best(run, unranked, {digits});
        QCOMPARE(no_best.checkpointBox()->itemData(0).toString(), QStringLiteral("last"));
        QCOMPARE(no_best.request().checkpoint, std::string("last"));

        // Every choice names its step; one checkpoint both best and last says both.
        std::vector<store::CheckpointRecord> last_is_best = {checkpoints.back(), checkpoints.back()};
        last_is_best.front().step = 1;  // an earlier one beside it
        for (auto& c : last_is_best) c.is_best = &c == &last_is_best.back();
        const QString step = QString::number(last_is_best.back().step);
        AnalysisRequestDialog both(run, last_is_best, {digits});
        QComboBox* box = both.checkpointBox();
        QCOMPARE(box->itemText(0), QStringLiteral("Best (step %1)").arg(step));
        QCOMPARE(box->itemText(1), QStringLiteral("Last (step %1)").arg(step));
        QCOMPARE(box->itemText(box->count() - 1), QStringLiteral("Step %1 (best, last)").arg(step));
        QCOMPARE(box->itemText(2), QStringLiteral("Step 1"));
    }

    // For a model that predicts a score (problem_type regression in its config.json), any numeric
    // labels will do, and labels that are not numbers are refused before Analyse.
    void theRequestDialogWantsNumbersForARegression() {
        store::ExperimentStore store = store::ExperimentStore::open(db_.toStdString());
        const store::RunRecord run = *store.getRun(run_.run_id);
        std::vector<store::CheckpointRecord> checkpoints = store.checkpoints(run_.run_id);
        QTemporaryDir scorer;
        nlohmann::json config = nlohmann::json::parse(std::ifstream(checkpoints.front().path + "/config.json"));
        config["problem_type"] = "regression";
        config["id2label"] = {{"0", "LABEL_0"}};
        config["label2id"] = {{"LABEL_0", 0}};
        std::ofstream(scorer.filePath("config.json").toStdString()) << config.dump();
        for (auto& c : checkpoints) c.path = scorer.path().toStdString();
        store::DatasetRecord scores, words;
        scores.id = 300;
        scores.name = "scores";
        scores.task_kind = "sequence";
        scores.label_set = {"0.5", "3", "-1.25"};
        scores.row_counts = {{"train", 3}};
        words = scores;
        words.id = 301;
        words.name = "words";
        words.label_set = {"neg", "pos", "2"};
        AnalysisRequestDialog dialog(run, checkpoints, {scores, words});
        auto* items = qobject_cast<QStandardItemModel*>(dialog.datasetBox()->model());
        QVERIFY(items->item(0)->isEnabled());
        QVERIFY(!items->item(1)->isEnabled());
        const QString tip = dialog.datasetBox()->itemData(1, Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("predicts a score")) && tip.contains(QStringLiteral("“neg”, “pos”")) &&
                     !tip.contains(QStringLiteral("“2”")),
                 qPrintable(tip));
    }

    // A regression's analysis has no wrong rows and no confidence: the page offers neither and sums
    // it up by its errors. (Stored here as the analysis job stores one.)
    void aRegressionAnalysisShowsErrorsNotWrongRows() {
        qint64 id = 0;
        {
            store::ExperimentStore store = store::ExperimentStore::open(db_.toStdString());
            store::AnalysisRecord a;
            a.run_id = run_.run_id;
            a.step = 30;
            a.checkpoint = "ckpt";
            a.split = "validation";
            a.task = "sequence-classification";
            a.problem_type = "regression";
            a.labels = {"LABEL_0"};
            a.metrics = {{"loss", 0.625}, {"mae", 0.75}, {"mse", 0.625}};
            std::vector<store::AnalysisRow> rows(2);
            rows[0].text = "close";
            rows[0].targets = {2.0f};
            rows[0].scores = {1.5f};
            rows[0].loss = 0.25;
            rows[1].row_index = 1;
            rows[1].text = "far";
            rows[1].targets = {0.0f};
            rows[1].scores = {1.0f};
            rows[1].loss = 1.0;
            id = store.addAnalysis(a, rows).id;
        }
        Workspace workspace;
        QString error;
        QVERIFY2(workspace.openStore(db_, &error), qPrintable(error));
        ErrorAnalysisPage page(workspace);
        page.show();
        QVERIFY(page.selectRun(run_.run_id));
        QVERIFY(page.selectAnalysis(id));
        QVERIFY2(!page.summaryText().contains(QStringLiteral("wrong")) && page.summaryText().contains(QStringLiteral("mae 0.75")),
                 qPrintable(page.summaryText()));
        QVERIFY(!page.findChild<QCheckBox*>(QStringLiteral("wrongOnlyBox"))->isVisible());
        QVERIFY(page.findChild<QTableView*>(QStringLiteral("analysisRowsView"))->isColumnHidden(AnalysisRowsModel::ConfidenceColumn));
        QCOMPARE(page.rowsModel()->rowCount(), 2);  // every row listed, the farthest first
        QCOMPARE(page.rowsModel()->rowAt(0)->text, std::string("far"));
        QCOMPARE(page.rowsModel()->data(page.rowsModel()->index(0, AnalysisRowsModel::PredictedColumn), Qt::DisplayRole).toString(),
                 QStringLiteral("1.000"));
        auto* order = page.findChild<QComboBox*>(QStringLiteral("rowOrderBox"));
        auto* items = qobject_cast<QStandardItemModel*>(order->model());
        QVERIFY(!items->item(order->findData(QStringLiteral("confidence-desc")))->isEnabled());

        // Without it (the later tests start from a run with no analysis), the box and the column are back.
        {
            store::ExperimentStore store = store::ExperimentStore::open(db_.toStdString());
            store.deleteAnalysis(id);
        }
        workspace.notifyStoreContentsChanged();
        QCOMPARE(page.analysisBox()->count(), 0);
        QVERIFY(page.findChild<QCheckBox*>(QStringLiteral("wrongOnlyBox"))->isVisible());
        QVERIFY(!page.findChild<QTableView*>(QStringLiteral("analysisRowsView"))->isColumnHidden(AnalysisRowsModel::ConfidenceColumn));
    }

    // A name with characters a file name should not have becomes one dash per run of them.
    // A tagger's row: the entities both sides have read as usual, a missed one (gold) and an invented
    // one (predicted) in red; the walkthrough saw every predicted entity red, matched or not, and an
    // empty cell for a row without entities. By hand: gold PER John, LOC New York; predicted PER John,
    // LOC New (the I-LOC lost).
    void taggedRowsMarkOnlyTheEntitiesTheyGotWrong() {
        store::AnalysisRecord analysis;
        analysis.task = "token-classification";
        analysis.labels = {"O", "B-PER", "I-PER", "B-LOC", "I-LOC"};
        store::AnalysisRow row;
        row.words = {"John", "lives", "in", "New", "York"};
        row.text = "John lives in New York";
        row.gold_ids = {1, 0, 0, 3, 4};
        row.predicted_ids = {1, 0, 0, 3, 0};
        store::AnalysisRow none = row;
        none.row_index = 1;
        none.predicted_ids = {0, 0, 0, 0, 0};
        AnalysisRowsModel model;
        model.setSelection({});  // every row
        model.setAnalysis(analysis, {row, none});
        const auto cell = [&](int r, int column, int role) { return model.data(model.index(r, column), role); };
        QCOMPARE(cell(0, AnalysisRowsModel::GoldColumn, Qt::DisplayRole).toString(), QStringLiteral("PER John · LOC New York"));
        QCOMPARE(cell(0, AnalysisRowsModel::PredictedColumn, Qt::DisplayRole).toString(), QStringLiteral("PER John · LOC New"));
        QCOMPARE(cell(1, AnalysisRowsModel::PredictedColumn, Qt::DisplayRole).toString(), QStringLiteral("—"));
        const QVariantList predicted = cell(0, AnalysisRowsModel::PredictedColumn, AnalysisRowsModel::EntitySpansRole).toList();
        QCOMPARE(predicted.size(), 2);
        QCOMPARE(predicted[0].toList(), (QVariantList{QStringLiteral("PER John"), true}));
        QCOMPARE(predicted[1].toList(), (QVariantList{QStringLiteral("LOC New"), false}));
        const QVariantList gold = cell(0, AnalysisRowsModel::GoldColumn, AnalysisRowsModel::EntitySpansRole).toList();
        QCOMPARE(gold[1].toList(), (QVariantList{QStringLiteral("LOC New York"), false}));
        QVERIFY(!cell(0, AnalysisRowsModel::PredictedColumn, Qt::ForegroundRole).isValid());  // the delegate colours

        // Drawn: no red over the matched "PER John" (from the cell's edge to its width), red after it.
        Workspace workspace;
        ErrorAnalysisPage page(workspace);
        auto* view = page.findChild<QTableView*>(QStringLiteral("analysisRowsView"));
        QVERIFY(view);
        view->setModel(&model);
        view->resize(900, 200);
        view->setColumnWidth(AnalysisRowsModel::PredictedColumn, 300);
        const QImage image = view->viewport()->grab().toImage();
        const QRect rect = view->visualRect(model.index(0, AnalysisRowsModel::PredictedColumn));
        const int matched_end = rect.left() + QFontMetrics(view->font()).horizontalAdvance(QStringLiteral("PER John"));
        const auto reds = [&](int from, int to) {
            int n = 0;
            for (int x = from; x < to; ++x)
                for (int y = rect.top(); y <= rect.bottom(); ++y) {
                    const QColor c = image.pixelColor(x, y);
                    n += c.red() > 150 && c.green() < 110 && c.blue() < 110;
                }
            return n;
        };
        QCOMPARE(reds(rect.left(), matched_end), 0);
        QVERIFY(reds(matched_end, rect.right()) > 0);
    }

    void fileNamePartsKeepLettersAndDigits() {
        QCOMPARE(fileNamePart(QStringLiteral("weird: \"name\" / v2 <b>bold</b> & co")), QStringLiteral("weird-name-v2-b-bold-b-co"));
        QCOMPARE(fileNamePart(QStringLiteral("情感 数据/测试")), QStringLiteral("情感-数据-测试"));
        QCOMPARE(fileNamePart(QStringLiteral("eval/f1_macro")), QStringLiteral("eval-f1_macro"));
        QCOMPARE(fileNamePart(QStringLiteral("///")), QStringLiteral("unnamed"));
    }

    void analysesACheckpointAndBrowsesItsRows() {
        Workspace workspace;
        QString error;
        QVERIFY2(workspace.openStore(db_, &error), qPrintable(error));
        ErrorAnalysisPage page(workspace);
        page.resize(1400, 900);
        page.show();
        QVERIFY(page.selectRun(run_.run_id));
        QCOMPARE(page.analysisBox()->count(), 0);
        QVERIFY(page.summaryText().contains(QStringLiteral("no analysis yet")));

        QSignalSpy finished(&page, &ErrorAnalysisPage::analysisFinished);
        QVERIFY(page.startAnalysis("best", "sst2", "validation"));
        QVERIFY(finished.wait(300000));
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QVERIFY2(page.problemText().isEmpty(), qPrintable(page.problemText()));
        QCOMPARE(page.analysisBox()->count(), 1);
        const AnalysisRowsModel* model = page.rowsModel();
        const auto& rows = model->allRows();
        QCOMPARE(rows.size(), size_t{872});
        QVERIFY2(page.summaryText().contains(QStringLiteral("872 rows")), qPrintable(page.summaryText()));

        // The matrix counts what the rows hold, and a click on a cell lists exactly its rows.
        int64_t counts[2][2] = {{0, 0}, {0, 0}};
        for (const auto& r : rows) counts[*r.gold][*r.predicted] += 1;
        QTableWidget* matrix = page.confusionTable();
        QVERIFY(matrix);
        for (int t = 0; t < 2; ++t)
            for (int p = 0; p < 2; ++p) QCOMPARE(matrix->item(t, p)->text().toLongLong(), counts[t][p]);
        for (const auto& [gold, predicted] : {std::pair{0, 1}, std::pair{1, 0}, std::pair{1, 1}}) {
            emit matrix->cellClicked(gold, predicted);
            QCOMPARE(static_cast<int64_t>(model->rowCount()), counts[gold][predicted]);
            for (int i = 0; i < model->rowCount(); ++i) {
                QCOMPARE(*model->rowAt(i)->gold, gold);
                QCOMPARE(*model->rowAt(i)->predicted, predicted);
                if (i > 0) QVERIFY(model->rowAt(i - 1)->loss >= model->rowAt(i)->loss);  // worst first
            }
        }
        // A refresh (a run ended, a file was imported) keeps the analysis, the cell and the rows shown.
        emit matrix->cellClicked(1, 0);
        workspace.notifyStoreContentsChanged();
        QCOMPARE(static_cast<int64_t>(model->rowCount()), counts[1][0]);
        QCOMPARE(model->selection().gold, std::optional<int32_t>(1));
        // Another run (here one with no analysis) lists every cell again and no longer names one.
        auto* cell_label = page.findChild<QLabel*>(QStringLiteral("cellFilterLabel"));
        QVERIFY(cell_label && cell_label->isVisible());
        QVERIFY(page.selectRun(later_run_));
        QVERIFY(!cell_label->isVisible());
        QVERIFY(!page.findChild<QPushButton*>(QStringLiteral("allCellsButton"))->isVisible());
        QVERIFY(page.selectRun(run_.run_id));
        QVERIFY(!model->selection().gold.has_value());
        QVERIFY(!cell_label->isVisible());
        page.setWrongOnly(true);
        QCOMPARE(static_cast<int64_t>(model->rowCount()), counts[0][1] + counts[1][0]);
        page.setSearchText(QStringLiteral("FILM"));
        for (int i = 0; i < model->rowCount(); ++i)
            QVERIFY(QString::fromStdString(model->rowAt(i)->text).contains(QStringLiteral("film"), Qt::CaseInsensitive));
        page.setSearchText({});

        // The ROC area shown is P(a positive row outscores a negative one).
        double wins = 0, pairs = 0;
        for (const auto& a : rows)
            for (const auto& b : rows)
                if (*a.gold == 1 && *b.gold == 0) {
                    pairs += 1;
                    wins += a.scores[1] > b.scores[1] ? 1.0 : a.scores[1] == b.scores[1] ? 0.5 : 0.0;
                }
        QVERIFY2(page.rocPlot()->title().contains(QString::number(wins / pairs, 'f', 4)), qPrintable(page.rocPlot()->title()));
        QVERIFY(page.precisionRecallPlot()->title().contains(QStringLiteral("AP ")));
        // The other class against the rest: with two classes P(0) = 1 - P(1), so the area is the same.
        QCOMPARE(page.positiveClassBox()->count(), 2);
        QCOMPARE(page.positiveClassBox()->currentIndex(), 1);
        page.positiveClassBox()->setCurrentIndex(0);
        emit page.positiveClassBox()->activated(0);
        QVERIFY2(page.rocPlot()->title().contains(QStringLiteral("positive: 0")) &&
                     page.rocPlot()->title().contains(QString::number(wins / pairs, 'f', 4)),
                 qPrintable(page.rocPlot()->title()));

        // What the page keeps when the window makes it again in another language: the walkthrough saw
        // "Only wrong rows", the sort and the positive class reset by a switch to Chinese.
        page.setWrongOnly(false);
        page.findChild<QComboBox*>(QStringLiteral("rowOrderBox"))->setCurrentIndex(1);  // most confident first
        page.setSearchText(QStringLiteral("movie"));
        ErrorAnalysisPage again(workspace);
        again.restoreViewState(page.viewState());
        QCOMPARE(again.viewState(), page.viewState());
        QCOMPARE(again.rowsModel()->rowCount(), model->rowCount());
        QVERIFY(!again.rowsModel()->selection().wrong_only);
        QCOMPARE(again.positiveClassBox()->currentIndex(), 0);
        QVERIFY2(again.rocPlot()->title().contains(QStringLiteral("positive: 0")), qPrintable(again.rocPlot()->title()));
        page.setSearchText({});
        page.setWrongOnly(true);

        // Every row to CSV, with a header; the file name offered says which data, run and checkpoint.
        QCOMPARE(page.suggestedCsvName(),
                 QStringLiteral("sst2-validation-run%1-step30-predictions.csv").arg(run_.run_id));
        const QString csv = tmp_.filePath("predictions.csv");
        QVERIFY(page.exportRowsTo(csv));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 873);
        QVERIFY(lines[0].startsWith("row,line,text,text_pair,gold,predicted,correct,loss,confidence,"));
        QVERIFY(lines[1].startsWith("0,2,"));  // SST-2's dev file: a header, then a sentence a line

        // The table names the file's line, where the row can be found; the split's row is in the tip.
        QCOMPARE(model->headerData(AnalysisRowsModel::RowColumn, Qt::Horizontal, Qt::DisplayRole).toString(),
                 QStringLiteral("Line"));
        page.setWrongOnly(false);
        const QModelIndex line_cell = model->index(0, AnalysisRowsModel::RowColumn);
        const store::AnalysisRow& first = *model->rowAt(0);
        QCOMPARE(line_cell.data().toString(), QString::number(first.row_index + 2));
        QCOMPARE(line_cell.data(Qt::ToolTipRole).toString(),
                 QStringLiteral("Line %1 of the file (row %2 of the split)").arg(first.row_index + 2).arg(first.row_index));

        if (const char* dir = std::getenv("BW_SCREENSHOT_DIR")) {
            emit matrix->cellClicked(0, 1);
            page.selectShownRow(0);
            QTest::qWait(100);
            page.grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/errors-page.png"));
            page.findChild<QTabWidget*>()->setCurrentIndex(1);
            QTest::qWait(100);
            page.grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/errors-curves.png"));
            page.findChild<QTabWidget*>()->setCurrentIndex(0);
        }

        // Open the worst wrong row in the Playground: it loads the checkpoint and predicts what was stored.
        PlaygroundPage playground(workspace);
        page.setWrongOnly(true);
        page.selectShownRow(0);
        const store::AnalysisRow row = *model->rowAt(0);
        QSignalSpy requested(&workspace, &Workspace::textOnPageRequested);
        page.openSelectedRowOn(QStringLiteral("playground"));
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.at(0).at(0).toString(), QStringLiteral("playground"));
        QCOMPARE(requested.at(0).at(1).toString(), QString::fromStdString(row.text));
        QCOMPARE(QDir(workspace.modelDir()), QDir(QString::fromStdString(model->analysis().checkpoint)));
        bw::test::showAndWaitForModel(playground, workspace);
        const QString predicted = QString::fromStdString(model->analysis().labels.at(static_cast<size_t>(*row.predicted)));
        QTRY_VERIFY2(playground.predictionText().contains(predicted), qPrintable(playground.predictionText()));
        const std::vector<double> shown = playground.probabilityChart()->barValues();
        QCOMPARE(shown.size(), size_t{2});
        for (size_t i = 0; i < 2; ++i) QVERIFY(std::abs(shown[i] - static_cast<double>(row.scores[i])) < 1e-5);

        // And on the Attention page: the checkpoint's attention over that row's tokens.
        AttentionPage attention(workspace);
        page.openSelectedRowOn(QStringLiteral("attention"));
        bw::test::showAndWaitForModel(attention, workspace);
        QTRY_VERIFY2(!attention.attention().empty(), qPrintable(attention.problem()));
        const auto pipeline = analysis::BertPipeline::open(model->analysis().checkpoint);
        QCOMPARE(static_cast<size_t>(attention.attention().tokens()), pipeline->tokenizer().encode(row.text).ids.size());
        QVERIFY2(attention.viewTitle().contains(QStringLiteral("checkpoint-30")), qPrintable(attention.viewTitle()));
    }

    // An analysis without a wrong row, under "Only wrong rows" (the default): the page says the model
    // gets every row right and how to see them, not "No row matches." (found by a walk).
    void anAnalysisWithoutWrongRowsSaysSo() {
        qint64 analysis_id = 0;
        {
            auto store = store::ExperimentStore::open(db_.toStdString());
            store::AnalysisRecord analysis;
            analysis.run_id = later_run_;
            analysis.step = 10;
            analysis.checkpoint = tmp_.filePath("later/checkpoint-10").toStdString();
            analysis.split = "validation";
            analysis.task = "sequence-classification";
            analysis.labels = {"0", "1"};
            analysis.metrics = {{"accuracy", 1.0}, {"loss", 0.1}};
            std::vector<store::AnalysisRow> rows(2);
            for (int i = 0; i < 2; ++i) {
                rows[static_cast<size_t>(i)].row_index = i;
                rows[static_cast<size_t>(i)].text = i ? "fine" : "good";
                rows[static_cast<size_t>(i)].gold = rows[static_cast<size_t>(i)].predicted = i;
                rows[static_cast<size_t>(i)].scores = {i ? 0.1f : 0.9f, i ? 0.9f : 0.1f};
            }
            analysis_id = store.addAnalysis(analysis, rows).id;
        }
        Workspace workspace;
        QString error;
        QVERIFY2(workspace.openStore(db_, &error), qPrintable(error));
        ErrorAnalysisPage page(workspace);
        page.show();
        QVERIFY(page.selectRun(later_run_));
        QVERIFY(page.selectAnalysis(analysis_id));
        page.setWrongOnly(true);
        QVERIFY2(page.detailHtml().contains(QStringLiteral("every row right")), qPrintable(page.detailHtml()));
        page.setWrongOnly(false);
        QVERIFY2(!page.detailHtml().contains(QStringLiteral("every row right")), qPrintable(page.detailHtml()));
        page.setWrongOnly(true);
        page.setSearchText(QStringLiteral("nothing like it"));
        QVERIFY2(page.detailHtml().contains(QStringLiteral("every row right")), qPrintable(page.detailHtml()));
        {
            auto store = store::ExperimentStore::open(db_.toStdString());
            store.deleteAnalysis(analysis_id);
        }
    }

    // The status bar's cancel stops the prediction between batches: nothing is stored, no error shown.
    void cancelledAnalysisLeavesNothing() {
        Workspace workspace;
        QString error;
        QVERIFY2(workspace.openStore(db_, &error), qPrintable(error));
        ErrorAnalysisPage page(workspace);
        page.show();
        QVERIFY(page.selectRun(run_.run_id));
        const int before = page.analysisBox()->count();
        QSignalSpy finished(&page, &ErrorAnalysisPage::analysisFinished);
        QVERIFY(page.startAnalysis("best", "sst2", "train"));
        QVERIFY(workspace.jobRunning());
        workspace.requestJobCancel();
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QVERIFY2(page.problemText().isEmpty(), qPrintable(page.problemText()));
        QVERIFY(!workspace.jobRunning());
        QCOMPARE(page.analysisBox()->count(), before);
        store::ExperimentStore store = store::ExperimentStore::open(db_.toStdString());
        QCOMPARE(static_cast<int>(store.analyses(run_.run_id).size()), before);
    }
};

QTEST_MAIN(TestErrorAnalysisPage)
#include "test_error_analysis_page.moc"
