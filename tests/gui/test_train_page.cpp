// The Train page on a real SQLite store holding SST-2 (and a CoNLL slice), with the bundled model:
// the wizard driven through its widgets builds the expected TrainingRequest (and the widget-free
// mapping on its own); invalid combinations explain themselves and block Next; a short run started
// from the page trains on a worker thread, draws its curves live (coalesced redraws) and ends
// completed in the store; Stop leaves a run "stopped" and Resume completes it without a gap in
// its curve, in as long as the Runs page says; Clone opens the wizard on a stored run's settings
// and trains it again with a change; a stored run opens from the run list; quitting while a run
// trains asks, then stops it with a checkpoint before the window closes; pretraining on a corpus
// file draws MLM and NSP separately and probes each checkpoint's [MASK] predictions.
#include "core/store/dataset_import.h"
#include "core/store/experiment_store.h"
#include "core/train/quickstart.h"
#include "widgets/runs/runs_page.h"
#include "widgets/runs/runs_table_model.h"
#include "widgets/shared/elided_label.h"
#include "widgets/shared/length_histogram.h"
#include "widgets/train/chart_specs.h"
#include "widgets/train/max_length_wizard_page.h"
#include "widgets/train/probe_view.h"
#include "widgets/train/review_wizard_page.h"
#include "widgets/train/training_arguments_form.h"
#include "widgets/train/train_page.h"
#include "widgets/train/training_charts.h"
#include "widgets/train/training_setup.h"
#include "widgets/shared/hold_out_dialog.h"
#include "widgets/train/data_notes_text.h"
#include "widgets/train/training_wizard.h"
#include "widgets/shared/duration_text.h"
#include "widgets/train/run_progress_row.h"
#include "widgets/train/wizard_state.h"
#include "widgets/tokenizer/train_vocabulary_dialog.h"
#include "widgets/workbench/main_window.h"
#include "widgets/workbench/workspace.h"

#include "gui_test_support.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QListWidget>
#include <QLineEdit>
#include <QProgressBar>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTreeWidget>
#include <QTextBrowser>
#include <QFile>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QMessageBox>
#include <QTimer>
#include <QDir>
#include <QtTest>

#include <qcustomplot.h>

#include <fstream>
#include <set>

using namespace bw;
using namespace bw::gui;

namespace {

const QString kFixtures = QStringLiteral(BW_FIXTURES_DIR);
constexpr int kTrainingTimeoutMs = 60000;

template <typename T>
T* child(QObject* parent, const char* name) {
    T* found = parent->findChild<T*>(QString::fromLatin1(name));
    if (!found) qFatal("no child %s", name);
    return found;
}

// Clicks a radio button on its indicator: a click beside its text does not toggle it.
void choose(QRadioButton* radio) { QTest::mouseClick(radio, Qt::LeftButton, {}, QPoint(6, radio->height() / 2)); }

QAbstractButton* nextButton(QWizard* wizard) { return wizard->button(QWizard::NextButton); }
QAbstractButton* backButton(QWizard* wizard) { return wizard->button(QWizard::BackButton); }

// The sentence a page shows while it keeps Next disabled ("" when it has nothing to say).
QString problemOf(QWizard* wizard) {
    const QLabel* label = child<QLabel>(wizard->currentPage(), "problemLabel");
    return label->isVisible() ? label->text() : QString();
}

void importInto(store::ExperimentStore& store, const QString& file, const char* name, const char* split,
                data::DataFormat format = data::DataFormat::Auto) {
    store::ImportRequest request;
    request.input = file.toStdString();
    request.name = name;
    request.split = split;
    request.format = format;
    store::importDataset(store, request);
}

// The run status in the page's header, whole (the label shows it elided to its width).
QString statusOf(QWidget* page) { return child<ElidedLabel>(page, "runStatusLabel")->fullText(); }

// The sidebar and window frame leave a page this much of a 1024 px screen.
constexpr int kSmallScreenPageWidth = 860;

size_t pointsOf(QCPGraph* graph) { return graph ? static_cast<size_t>(graph->data()->size()) : 0; }

// The workbench window with the Train page, answering "Stop and Quit?" as told.
class AnsweringWindow : public MainWindow {
public:
    explicit AnsweringWindow(Workspace& workspace)
        : MainWindow(workspace, {{QStringLiteral("train"), QStringLiteral("Train"), {},
                                  [](Workspace& w, QWidget* parent) -> QWidget* { return new TrainPage(w, parent); }}}) {}
    bool answer = false;
    QStringList asked;  // the job named in each question
    bool askForReal(const QString& job) { return MainWindow::confirmStopAndQuit(job); }

protected:
    bool confirmStopAndQuit(const QString& job) override {
        asked << job;
        return answer;
    }
};

}  // namespace

class TestTrainPage : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    QString store_path_;
    QString bundled_;

    // A short fine-tune of the bundled model on the SST-2 slice, as the wizard would request it.
    train::TrainingRequest shortRun(const QString& name, int64_t steps) const {
        TrainingSetup setup;
        setup.store_path = store_path_.toStdString();
        setup.model_kind = BaseModelKind::Bundled;
        setup.model_dir = bundled_.toStdString();
        setup.task = "text-classification";
        setup.dataset = "sst2";
        setup.args.max_steps = steps;
        setup.args.per_device_train_batch_size = 16;
        setup.args.per_device_eval_batch_size = 128;
        setup.args.learning_rate = 1e-4;
        setup.args.max_seq_length = 48;
        setup.args.logging_steps = 5;
        setup.args.evaluation_strategy = "steps";
        setup.args.eval_steps = steps / 2;
        setup.args.save_strategy = "steps";
        setup.args.save_steps = steps / 2;
        setup.args.metric_for_best_model = "accuracy";
        setup.run_name = name.toStdString();
        setup.output_dir = dir_.filePath(QStringLiteral("out/") + name).toStdString();
        return toTrainingRequest(setup);
    }

    store::ExperimentStore openStore() const { return store::ExperimentStore::open(store_path_.toStdString()); }

    // Opens the wizard and waits for the bundled model to be read.
    static TrainingWizard* openWizard(TrainPage& page) {
        TrainingWizard* wizard = page.openWizard();
        if (!QTest::qWaitFor([&] { return wizard->currentPage()->isComplete(); }, kTrainingTimeoutMs))
            qFatal("the base model page did not complete: %s", qPrintable(problemOf(wizard)));
        return wizard;
    }

private slots:
    // The metric that picks the best checkpoint is drawn with the evaluation metrics, so its marker
    // can be read off a curve: a tagger picked by f1_macro showed only the micro averages.
    void theBestModelMetricIsCharted() {
        auto metricsOf = [](const std::string& task, const std::string& best) {
            std::vector<std::string> names;
            for (const ChartSpec& chart : chartsForTask(task, best))
                if (chart.id == QLatin1String("metrics"))
                    for (const SeriesSpec& series : chart.series) names.push_back(series.metric);
            return names;
        };
        const auto count = [](const std::vector<std::string>& names, const char* name) {
            return std::count(names.begin(), names.end(), std::string(name));
        };
        QCOMPARE(count(metricsOf("token-classification", ""), "eval/f1_macro"), 0);
        QCOMPARE(count(metricsOf("token-classification", "f1_macro"), "eval/f1_macro"), 1);
        QCOMPARE(count(metricsOf("token-classification", "f1_micro"), "eval/f1_micro"), 1);  // not twice
        QCOMPARE(metricsOf("sequence-classification", "loss"), metricsOf("sequence-classification", ""));
        QCOMPARE(count(metricsOf("sequence-classification", "f1_weighted"), "eval/f1_weighted"), 1);
        // A run that does not evaluate says so where its evaluation metrics would be.
        for (const bool evaluates : {true, false})
            for (const ChartSpec& chart : chartsForTask("sequence-classification", "", evaluates))
                if (chart.id == QLatin1String("metrics"))
                    QCOMPARE(chart.empty_hint.contains(QStringLiteral("does not evaluate")), !evaluates);
    }

    // "Best model by" offers what the setup check accepts: "f1" (the positive class's) for two
    // classes only; a four-class dataset once got it offered, then refused on the same page.
    void theBestMetricListFollowsTheLabelCount() {
        TrainingArgumentsForm form;
        auto* metric = child<QComboBox>(&form, "metric_for_best_model");
        form.setTask("text-classification", "single_label_classification", 4);
        QVERIFY(metric->findText(QStringLiteral("f1")) < 0);
        QVERIFY(metric->findText(QStringLiteral("f1_macro")) >= 0);
        form.setTask("text-classification", "single_label_classification", 2);
        QVERIFY(metric->findText(QStringLiteral("f1")) >= 0);
        // Each choice says what it measures: a tagger's "f1" and "accuracy" are not a classifier's.
        const auto tip = [&](const char* name) { return metric->itemData(metric->findText(QLatin1String(name)), Qt::ToolTipRole).toString(); };
        QVERIFY2(tip("f1").contains(QStringLiteral("positive class")), qPrintable(tip("f1")));
        QVERIFY2(tip("f1_micro").contains(QStringLiteral("equal to accuracy")), qPrintable(tip("f1_micro")));
        form.setTask("token-tagging", "", 9);
        QVERIFY2(tip("f1").contains(QStringLiteral("whole entities")) && tip("f1").contains(QStringLiteral("seqeval")), qPrintable(tip("f1")));
        QVERIFY2(tip("accuracy").contains(QStringLiteral("labelled tokens")), qPrintable(tip("accuracy")));
        QVERIFY2(tip("f1_macro").contains(QStringLiteral("entity types")), qPrintable(tip("f1_macro")));
        // Which way is better comes from the catalogue's higher_is_better.
        QCOMPARE(tip("loss"), QStringLiteral("Cross-entropy over the labelled tokens (lower is better)"));
        QVERIFY(!tip("f1").contains(QStringLiteral("lower is better")));
        for (int i = 0; i < metric->count(); ++i) QVERIFY2(!metric->itemData(i, Qt::ToolTipRole).toString().isEmpty(), qPrintable(metric->itemText(i)));
    }

    // The notes in words, from hand-made counts: the walkthrough's 30 validation rows measure an
    // accuracy to +-17.9 points (1.96 * sqrt(0.25 / 30) = 0.1789); rare labels rarest first.
    void dataNotesInWords() {
        QVERIFY(dataNotesText({}).isEmpty());
        train::DataSizeNotes notes;
        notes.validation_rows = 30;
        notes.validation_margin_points = train::accuracyMarginPoints(30);
        notes.rare_labels = {{"Sci/Tech", 0}, {"a<b", 3}};
        const QString text = dataNotesText(notes);
        QVERIFY2(text.startsWith(QStringLiteral("30 validation row(s): an accuracy measured on them is known to within ±17.9 points (95%)")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("<br>Labels with fewer than 10 training rows: Sci/Tech (0), a&lt;b (3).")),
                 qPrintable(text));
        QVERIFY(!text.contains(QStringLiteral("training row(s)")));
    }

    void initTestCase() {
        test::isolateSettings("test_train_page");
        QVERIFY(dir_.isValid());
        store_path_ = dir_.filePath(QStringLiteral("workspace.sqlite"));
        bundled_ = QString::fromStdString(train::findBundledModel().string());
        auto store = openStore();
        importInto(store, kFixtures + QStringLiteral("/data/sst2_train_head300.tsv"), "sst2", "train");
        importInto(store, kFixtures + QStringLiteral("/data/sst2_dev.tsv"), "sst2", "validation");
        importInto(store, kFixtures + QStringLiteral("/data/conll2003_train_head40.txt"), "conll", "train",
                   data::DataFormat::Conll);
    }

    // The mapping on its own: a model from scratch on a corpus file.
    void setupMapsToRequest() {
        TrainingSetup setup;
        setup.store_path = "/tmp/w.sqlite";
        setup.model_kind = BaseModelKind::Scratch;
        setup.model_dir = "ignored";
        setup.scratch_size = "mini";
        setup.vocab = "/data/vocab.txt";
        setup.task = "pretraining";
        setup.data_source = DataSource::CorpusFile;
        setup.dataset = "ignored";
        setup.corpus = "/data/imdb.txt";
        setup.problem_type = "regression";  // only for classification
        setup.output_dir = "/tmp/out";
        const train::TrainingRequest r = toTrainingRequest(setup);
        QCOMPARE(r.db.string(), std::string("/tmp/w.sqlite"));
        QVERIFY(!r.model_dir);
        QCOMPARE(r.init_config.value_or(""), std::string("mini"));
        QCOMPARE(r.vocab->string(), std::string("/data/vocab.txt"));
        QCOMPARE(r.task, std::string("pretraining"));
        QVERIFY(!r.dataset);
        QCOMPARE(r.corpus->string(), std::string("/data/imdb.txt"));
        QCOMPARE(r.problem_type, std::string());
        QCOMPARE(r.run_name, std::string("imdb-pretraining"));  // a default name when none is given

        setup.task = "sentence-pairs";  // a pair task reads the store, whatever the source says
        const train::TrainingRequest pairs = toTrainingRequest(setup);
        QCOMPARE(pairs.task, std::string("sequence-classification"));
        QCOMPARE(pairs.dataset.value_or(""), std::string("ignored"));
        QVERIFY(!pairs.corpus);
        QCOMPARE(pairs.problem_type, std::string("regression"));
    }

    // The way back, for cloning a run: every field the request came from, and free names.
    void requestMapsBackToTheSetup() {
        store::DatasetRecord pairs;
        pairs.name = "mrpc";
        pairs.columns = {{"text", "sentence1"}, {"text_pair", "sentence2"}};
        const std::vector<store::DatasetRecord> datasets = {pairs};
        TrainingSetup setup;
        setup.store_path = "/tmp/w.sqlite";
        setup.model_kind = BaseModelKind::Directory;
        setup.model_dir = dir_.path().toStdString();
        setup.task = "sentence-similarity";  // a score per pair (regression)
        setup.dataset = "mrpc";
        setup.problem_type = "regression";
        setup.args.learning_rate = 3e-5;
        setup.args.max_seq_length = 96;
        setup.run_name = "mrpc-lr-3e-5";
        setup.output_dir = "/tmp/out";
        const TrainingSetup back = setupFromRequest(toTrainingRequest(setup), datasets, bundled_);
        QCOMPARE(back.model_kind, BaseModelKind::Directory);
        QCOMPARE(back.model_dir, setup.model_dir);
        QCOMPARE(back.task, std::string("sentence-similarity"));  // the dataset has a second text
        QCOMPARE(back.dataset, std::string("mrpc"));
        QCOMPARE(back.data_source, DataSource::StoredDataset);
        QCOMPARE(back.problem_type, std::string("regression"));
        QCOMPARE(QString::fromStdString(back.args.toJson().dump()), QString::fromStdString(setup.args.toJson().dump()));
        QCOMPARE(back.run_name, std::string("mrpc-lr-3e-5"));
        QVERIFY(back.output_dir.empty());  // the settings page picks a folder of its own
        // Labels on pairs come back as sentence pairs, a score on single texts as text classification.
        setup.task = "sentence-pairs";
        setup.problem_type = "multi_label_classification";
        QCOMPARE(setupFromRequest(toTrainingRequest(setup), datasets, bundled_).task, std::string("sentence-pairs"));
        setup.task = "text-classification";
        setup.problem_type = "regression";
        QCOMPARE(setupFromRequest(toTrainingRequest(setup), {}, bundled_).task, std::string("text-classification"));

        setup.model_kind = BaseModelKind::Bundled;  // the bundled model, however its path is spelled
        setup.model_dir = (bundled_ + QStringLiteral("/.")).toStdString();
        setup.task = "text-classification";
        setup.dataset = "sst2";
        QCOMPARE(setupFromRequest(toTrainingRequest(setup), datasets, bundled_).model_kind, BaseModelKind::Bundled);
        QCOMPARE(setupFromRequest(toTrainingRequest(setup), datasets, bundled_).task, std::string("text-classification"));

        setup.model_kind = BaseModelKind::Scratch;
        setup.scratch_size = "small";
        setup.vocab = "/data/vocab.txt";
        setup.task = "pretraining";
        setup.data_source = DataSource::CorpusFile;
        setup.corpus = "/data/imdb.txt";
        const TrainingSetup scratch = setupFromRequest(toTrainingRequest(setup), datasets, bundled_);
        QCOMPARE(scratch.model_kind, BaseModelKind::Scratch);
        QCOMPARE(scratch.scratch_size, std::string("small"));
        QCOMPARE(scratch.vocab, std::string("/data/vocab.txt"));
        QCOMPARE(scratch.task, std::string("pretraining"));
        QCOMPARE(scratch.data_source, DataSource::CorpusFile);
        QCOMPARE(scratch.corpus, std::string("/data/imdb.txt"));

        QCOMPARE(freeRunName(QStringLiteral("a"), {}), QStringLiteral("a"));
        QCOMPARE(freeRunName(QStringLiteral("a"), {"a", "a-2"}), QStringLiteral("a-3"));
        QCOMPARE(freeRunName(QStringLiteral("lr-3e-4"), {"lr-3e-4"}), QStringLiteral("lr-3e-4-2"));
    }

    // A run from the wizard shows the review's estimate beside its live ETA, the estimate
    // corrected by the run: the time it has taken plus the time it still needs.
    void progressRowSetsTheEstimateAgainstTheRun() {
        RunProgressRow row;
        row.setEstimate(200.0);
        row.showPreparing();
        QTest::qWait(1100);
        train::ProgressEvent e;
        e.step = 10;
        e.total_steps = 100;
        e.eta_seconds = 90;
        row.showProgress(e);
        // About 1 s taken + 90 s left, in all (a busy machine takes a little longer to get here),
        // against the 200 s estimated.
        bool in_all = false;
        for (double seconds = 91; seconds <= 95; ++seconds)
            in_all = in_all || row.etaText().contains(QStringLiteral("about %1 in all").arg(durationText(seconds)));
        QVERIFY2(in_all, qPrintable(row.etaText()));
        QVERIFY2(row.etaText().contains(durationText(200.0)), qPrintable(row.etaText()));
        QVERIFY(row.etaText().contains(QStringLiteral("estimated before the start")));
        row.setEstimate(std::nullopt);  // a resumed run
        row.showProgress(e);
        QCOMPARE(row.etaText(), QStringLiteral("ETA %1").arg(durationText(90.0)));
        // Durations as read: a tenth under ten seconds (an epoch of 0.3 s once read "0 s per epoch").
        QCOMPARE(durationText(0.3), QStringLiteral("0.3 s"));
        QCOMPARE(durationText(0.01), QStringLiteral("under 0.1 s"));
        QCOMPARE(durationText(9.94), QStringLiteral("9.9 s"));
        QCOMPARE(durationText(38.4), QStringLiteral("38 s"));
        QCOMPARE(durationText(252), QStringLiteral("4 min 12 s"));
        QCOMPARE(durationText(3900), QStringLiteral("1 h 05 min"));
    }

    // A dataset without a validation split: the task page offers to hold one out, and shows the
    // dataset again with both splits once it is done.
    void taskPageHoldsOutValidation() {
        const QString path = dir_.filePath(QStringLiteral("train_only.sqlite"));
        {
            auto store = store::ExperimentStore::open(path.toStdString());
            importInto(store, kFixtures + QStringLiteral("/data/sst2_train_head300.tsv"), "train_only", "train");
        }
        Workspace workspace;
        QVERIFY(workspace.openStore(path, nullptr));
        TrainPage page(workspace);
        TrainingWizard* wizard = openWizard(page);
        QTest::mouseClick(nextButton(wizard), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(TrainingWizard::TaskAndData));
        choose(child<QRadioButton>(wizard, "textClassificationRadio"));
        QPushButton* hold_out = child<QPushButton>(wizard, "holdOutButton");
        QVERIFY(hold_out->isVisibleTo(wizard));
        QSignalSpy changed(&workspace, &Workspace::storeContentsChanged);
        QTest::mouseClick(hold_out, Qt::LeftButton);
        auto* dialog = wizard->findChild<HoldOutDialog*>();
        QVERIFY(dialog);
        QCOMPARE(dialog->findChild<QSpinBox*>(QStringLiteral("holdOutSeed"))->value(),
                 static_cast<int>(wizard->state().setup.args.seed));  // the run's seed
        dialog->accept();
        QTRY_VERIFY_WITH_TIMEOUT(!wizard->findChild<HoldOutDialog*>(), kTrainingTimeoutMs);
        QCOMPARE(changed.count(), 1);
        QVERIFY(!hold_out->isVisibleTo(wizard));
        const QString info = child<QLabel>(wizard, "datasetInfo")->text();
        QVERIFY2(info.contains(QStringLiteral("270")) && info.contains(QStringLiteral("30")), qPrintable(info));
        QCOMPARE(child<QComboBox>(wizard, "datasetCombo")->currentData().toString(), QStringLiteral("train_only"));
        QVERIFY(nextButton(wizard)->isEnabled());
        wizard->reject();
    }

    // The window's model given as another spelling of the bundled folder (relative, as
    // `bertwork --model resources/models/...` gives it) is the bundled model, not "a folder".
    void theBundledModelIsKnownHoweverItsFolderIsWritten() {
        Workspace workspace;
        QVERIFY(workspace.openStore(store_path_, nullptr));
        workspace.setModelDir(QDir::current().relativeFilePath(bundled_) + QStringLiteral("/."));
        QVERIFY(workspace.modelDir() != bundled_);
        TrainPage page(workspace);
        TrainingWizard* wizard = openWizard(page);
        QVERIFY(child<QRadioButton>(wizard, "bundledModelRadio")->isChecked());
        wizard->reject();
    }

    void wizardBuildsTheRequest() {
        Workspace workspace;
        QVERIFY(workspace.openStore(store_path_, nullptr));
        TrainPage page(workspace);
        TrainingWizard* wizard = openWizard(page);
        QVERIFY(child<QRadioButton>(wizard, "bundledModelRadio")->isChecked());
        QVERIFY(wizard->state().model.max_positions > 0);
        QTest::mouseClick(nextButton(wizard), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(TrainingWizard::TaskAndData));

        choose(child<QRadioButton>(wizard, "textClassificationRadio"));
        auto* datasets = child<QComboBox>(wizard, "datasetCombo");
        datasets->setCurrentIndex(datasets->findData(QStringLiteral("sst2")));
        const QString info = child<QLabel>(wizard, "datasetInfo")->text();
        QVERIFY2(info.contains(QStringLiteral("300")) && info.contains(QStringLiteral("872")), qPrintable(info));
        QVERIFY2(info.contains(QStringLiteral("0, 1")), qPrintable(info));
        QVERIFY2(info.contains(QStringLiteral("one text per row")), qPrintable(info));
        QVERIFY(nextButton(wizard)->isEnabled());
        QTest::mouseClick(nextButton(wizard), Qt::LeftButton);

        // Max length: the histogram of the train split and its truncation at the chosen length.
        QCOMPARE(wizard->currentId(), int(TrainingWizard::MaxLength));
        MaxLengthWizardPage* lengths = wizard->maxLengthPage();
        QTRY_VERIFY_WITH_TIMEOUT(!lengths->isComputing() && lengths->statistics(), kTrainingTimeoutMs);
        QCOMPARE(lengths->statistics()->rows, uint64_t(300));
        auto* spin = child<QSpinBox>(wizard, "maxLengthSpin");
        spin->setValue(16);
        QCOMPARE(lengths->histogram()->maxLength(), 16);
        const QString truncation = child<QLabel>(wizard, "truncationLabel")->text();
        QVERIFY2(truncation.contains(QStringLiteral("of 300 training rows")), qPrintable(truncation));
        QVERIFY2(!truncation.contains(QStringLiteral(" 0 of")), qPrintable(truncation));  // 16 tokens cut some rows
        spin->setValue(64);
        QTest::mouseClick(nextButton(wizard), Qt::LeftButton);

        // Settings: basic fields, then advanced ones.
        QCOMPARE(wizard->currentId(), int(TrainingWizard::Settings));
        child<QDoubleSpinBox>(wizard, "num_train_epochs")->setValue(2);
        child<QSpinBox>(wizard, "per_device_train_batch_size")->setValue(16);
        child<QLineEdit>(wizard, "learning_rate")->setText(QStringLiteral("1e-4"));
        child<QDoubleSpinBox>(wizard, "warmup_ratio")->setValue(0.1);
        auto* weight_decay = child<QLineEdit>(wizard, "weight_decay");  // takes scientific notation
        weight_decay->clear();
        QTest::keyClicks(weight_decay, QStringLiteral("1e-4"));
        child<QSpinBox>(wizard, "seed")->setValue(7);
        QVERIFY(!child<QComboBox>(wizard, "lr_scheduler_type")->isVisible());  // Basic hides it
        choose(child<QRadioButton>(wizard, "advancedSettingsRadio"));
        QVERIFY(child<QComboBox>(wizard, "lr_scheduler_type")->isVisible());
        QVERIFY(!child<QWidget>(wizard, "mlm_probability")->isVisible());  // not for classification
        // This machine's devices, auto first; the run takes the one chosen.
        auto* device = child<QComboBox>(wizard, "device");
        QVERIFY(device->isVisible());
        QCOMPARE(device->currentData().toString(), QStringLiteral("auto"));
        QVERIFY(device->itemText(0).startsWith(QStringLiteral("auto (here: ")));
        QCOMPARE(device->findData(QStringLiteral("cpu")), 1);
        device->setCurrentIndex(1);
        child<QComboBox>(wizard, "lr_scheduler_type")->setCurrentText(QStringLiteral("cosine"));
        // A time budget is typed as the CLI takes it; one the engine cannot read holds the wizard.
        auto* budget = child<QLineEdit>(wizard, "max_train_time");
        QVERIFY(budget->isVisible());
        QTest::keyClicks(budget, QStringLiteral("8x"));
        QVERIFY(!nextButton(wizard)->isEnabled());
        QVERIFY2(problemOf(wizard).contains(QStringLiteral("max_train_time")), qPrintable(problemOf(wizard)));
        budget->setText(QStringLiteral("45m"));
        child<QComboBox>(wizard, "evaluation_strategy")->setCurrentText(QStringLiteral("steps"));
        // A quarter epoch (19 steps of 16 rows) rather than 0 and an error.
        QCOMPARE(child<QSpinBox>(wizard, "eval_steps")->value(), 5);
        child<QSpinBox>(wizard, "eval_steps")->setValue(10);
        // load_best_model_at_end (on here by default) needs a checkpoint at each evaluation, as Hugging
        // Face's TrainingArguments says: evaluations by steps and checkpoints by epoch hold the wizard.
        QVERIFY(!nextButton(wizard)->isEnabled());
        QVERIFY2(problemOf(wizard).contains(QStringLiteral("evaluation_strategy is steps and save_strategy is epoch")),
                 qPrintable(problemOf(wizard)));
        child<QComboBox>(wizard, "save_strategy")->setCurrentText(QStringLiteral("steps"));
        child<QSpinBox>(wizard, "save_steps")->setValue(15);
        QVERIFY2(problemOf(wizard).contains(QStringLiteral("save_steps (15) must be a multiple of eval_steps (10)")),
                 qPrintable(problemOf(wizard)));
        QVERIFY(!nextButton(wizard)->isEnabled());
        child<QSpinBox>(wizard, "save_steps")->setValue(20);
        child<QSpinBox>(wizard, "logging_steps")->setValue(5);
        child<QComboBox>(wizard, "metric_for_best_model")->setCurrentText(QStringLiteral("f1_macro"));
        auto* name = child<QLineEdit>(wizard, "runNameEdit");
        name->clear();
        QTest::keyClicks(name, QStringLiteral("wizard-run"));
        const QString output = child<QLineEdit>(wizard, "outputDirEdit")->text();
        QCOMPARE(output, QDir(dir_.path()).filePath(QStringLiteral("runs/wizard-run")));  // next to the store
        QVERIFY2(nextButton(wizard)->isEnabled(), qPrintable(problemOf(wizard)));
        QTest::mouseClick(nextButton(wizard), Qt::LeftButton);

        // Review: the engine times real steps on a worker thread; Start waits for it.
        QCOMPARE(wizard->currentId(), int(TrainingWizard::Review));
        QVERIFY(wizard->reviewPage()->isEstimating());
        QVERIFY(!wizard->button(QWizard::FinishButton)->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!wizard->reviewPage()->isEstimating(), kTrainingTimeoutMs);
        QVERIFY2(wizard->reviewPage()->estimate().has_value(), qPrintable(problemOf(wizard)));
        QCOMPARE(wizard->reviewPage()->estimate()->train_examples, int64_t(300));
        QCOMPARE(wizard->reviewPage()->estimate()->steps_per_epoch, int64_t(19));  // ceil(300 / 16)
        QVERIFY(child<QLabel>(wizard, "estimateLabel")->text().contains(QStringLiteral("per epoch")));
        // 300 training rows is few for fine-tuning; 872 validation rows measure an accuracy to +-3.3
        // points, within the 5 that call for a note; each class has far more than 10 rows.
        const QLabel* notes = child<QLabel>(wizard, "dataNotesLabel");
        QVERIFY(notes->isVisible());
        QVERIFY2(notes->text().startsWith(QStringLiteral("300 training row(s): ")), qPrintable(notes->text()));
        QVERIFY2(!notes->text().contains(QStringLiteral("validation")) && !notes->text().contains(QStringLiteral("Labels")),
                 qPrintable(notes->text()));
        // 38 steps evaluated every 10 (steps 10, 20, 30), and the model kept at the end: 4.
        QCOMPARE(wizard->reviewPage()->estimate()->evaluations, int64_t(4));
        QVERIFY2(child<QLabel>(wizard, "estimateLabel")->text().contains(QStringLiteral("4 evaluation(s) (")) &&
                     child<QLabel>(wizard, "estimateLabel")->text().contains(QStringLiteral("counting a last one of the model kept at the end")),
                 qPrintable(child<QLabel>(wizard, "estimateLabel")->text()));
        QVERIFY(wizard->button(QWizard::FinishButton)->isEnabled());

        const train::TrainingRequest r = wizard->request();
        QCOMPARE(r.db.string(), store_path_.toStdString());
        QCOMPARE(r.model_dir->string(), bundled_.toStdString());
        QVERIFY(!r.init_config && !r.vocab && !r.corpus);
        QCOMPARE(r.task, std::string("sequence-classification"));
        QCOMPARE(r.dataset.value_or(""), std::string("sst2"));
        QCOMPARE(r.run_name, std::string("wizard-run"));
        QCOMPARE(QString::fromStdString(r.output_dir.string()), output);
        train::TrainingArguments expected;  // Hugging Face's defaults, with what was changed above
        expected.num_train_epochs = 2;
        expected.per_device_train_batch_size = 16;
        expected.learning_rate = 1e-4;
        expected.warmup_ratio = 0.1;
        expected.weight_decay = 1e-4;
        expected.seed = 7;
        expected.max_seq_length = 64;
        expected.lr_scheduler_type = "cosine";
        expected.max_train_time = "45m";
        expected.evaluation_strategy = "steps";
        expected.eval_steps = 10;
        expected.save_strategy = "steps";
        expected.save_steps = 20;
        expected.logging_steps = 5;
        expected.metric_for_best_model = "f1_macro";
        expected.device = "cpu";
        QCOMPARE(QString::fromStdString(r.args.toJson().dump()), QString::fromStdString(expected.toJson().dump()));

        // The review lists what applies to a classifier, as people read it, in bold what differs
        // from Hugging Face's defaults.
        std::map<QString, QTreeWidgetItem*> rows;
        auto* tree = child<QTreeWidget>(wizard, "configurationTree");
        for (QTreeWidgetItemIterator it(tree); *it; ++it) rows[(*it)->text(0)] = *it;
        for (const char* absent : {"mlm_probability", "nsp_probability", "short_seq_probability"})
            QVERIFY2(!rows.count(QString::fromLatin1(absent)), absent);
        QVERIFY(rows.count(QStringLiteral("class_weights")) && rows.count(QStringLiteral("eval_steps")) &&
                rows.count(QStringLiteral("save_steps")));
        for (const auto& [name, item] : rows)
            QVERIFY2(item->text(1) != QLatin1String("null") && item->text(1) != QLatin1String("\"\""), qPrintable(name));
        QVERIFY(rows.at(QStringLiteral("data_seed"))->text(1).startsWith(QStringLiteral("not set")));
        QCOMPARE(rows.at(QStringLiteral("device"))->text(1), QStringLiteral("cpu"));
        QCOMPARE(rows.at(QStringLiteral("Task"))->text(1), QStringLiteral("Text classification / sentiment (sequence-classification)"));
        const auto bold = [&](const char* name) { return rows.at(QString::fromLatin1(name))->font(1).bold(); };
        for (const char* changed : {"learning_rate", "weight_decay", "evaluation_strategy", "group_by_length",
                                    "load_best_model_at_end", "save_steps", "logging_steps"})
            QVERIFY2(bold(changed), changed);
        for (const char* unchanged : {"per_device_eval_batch_size", "adam_epsilon", "max_grad_norm", "class_weights",
                                      "save_strategy"})
            QVERIFY2(!bold(unchanged), unchanged);
        wizard->reject();
    }

    // The task page offers the catalogue's tasks, each with its own problem types.
    void everyCatalogueTaskIsOffered() {
        Workspace workspace;
        QVERIFY(workspace.openStore(store_path_, nullptr));
        TrainPage page(workspace);
        TrainingWizard* wizard = openWizard(page);
        QTRY_VERIFY_WITH_TIMEOUT(nextButton(wizard)->isEnabled(), kTrainingTimeoutMs);
        QTest::mouseClick(nextButton(wizard), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(TrainingWizard::TaskAndData));
        auto* problem_types = child<QComboBox>(wizard, "problemTypeCombo");
        int task_radios = 0;
        for (const train::TaskDefinition& task : train::taskCatalogue()) {
            QString name;
            for (const QString& part : QString::fromStdString(task.id).split(QLatin1Char('-')))
                name += name.isEmpty() ? part : part.left(1).toUpper() + part.mid(1);
            auto* radio = child<QRadioButton>(wizard, qPrintable(name + QStringLiteral("Radio")));
            QCOMPARE(radio->text(), QString::fromStdString(task.title));
            choose(radio);
            QCOMPARE(wizard->state().setup.task, task.id);
            QCOMPARE(problem_types->isVisible(), task.problem_types.size() > 1);
            QCOMPARE(problem_types->count(), int(task.problem_types.size()));
            for (int i = 0; i < problem_types->count(); ++i)
                QCOMPARE(problem_types->itemData(i).toString().toStdString(), task.problem_types[size_t(i)]);
            ++task_radios;
        }
        QVERIFY(task_radios >= 5);
        wizard->reject();
    }

    // "A new model, from scratch": its vocabulary trained here, on a dataset of the workspace; the
    // page then reads the new vocab.txt and lets the user go on.
    // The next run starts from the last one's settings: one from scratch opens as from scratch, with
    // its size and vocabulary (it opened on an empty "model folder" choice, refused).
    void aFromScratchSetupOpensAsFromScratch() {
        Workspace workspace;
        QVERIFY(workspace.openStore(store_path_, nullptr));
        TrainingSetup setup;
        setup.model_kind = BaseModelKind::Scratch;
        setup.scratch_size = "mini";
        setup.vocab = BW_FIXTURES_DIR "/vocab/bert-base-uncased/vocab.txt";
        setup.task = "masked-lm";
        TrainingWizard wizard(workspace, nullptr, &setup);
        QVERIFY(child<QRadioButton>(&wizard, "scratchModelRadio")->isChecked());
        QCOMPARE(wizard.state().setup.model_kind, BaseModelKind::Scratch);
        QCOMPARE(wizard.state().setup.scratch_size, std::string("mini"));
        QCOMPARE(wizard.state().setup.vocab, setup.vocab);
        QTRY_VERIFY_WITH_TIMEOUT(wizard.page(TrainingWizard::BaseModel)->isComplete(), kTrainingTimeoutMs);
    }

    // Until the user picks a task, it follows the model: masked LM for a model from scratch,
    // classification for a pretrained one; a task the user picked stays.
    void theTaskFollowsTheModelUntilChosen() {
        Workspace workspace;
        QVERIFY(workspace.openStore(store_path_, nullptr));
        TrainPage page(workspace);
        TrainingWizard* wizard = openWizard(page);
        choose(child<QRadioButton>(wizard, "scratchModelRadio"));
        child<QLineEdit>(wizard, "vocabEdit")->setText(kFixtures + QStringLiteral("/vocab/bert-base-uncased/vocab.txt"));
        QTRY_VERIFY_WITH_TIMEOUT(nextButton(wizard)->isEnabled(), kTrainingTimeoutMs);
        QTest::mouseClick(nextButton(wizard), Qt::LeftButton);
        QVERIFY(child<QRadioButton>(wizard, "maskedLmRadio")->isChecked());
        QCOMPARE(wizard->state().setup.task, std::string("masked-lm"));
        QTest::mouseClick(backButton(wizard), Qt::LeftButton);
        choose(child<QRadioButton>(wizard, "bundledModelRadio"));
        QTRY_VERIFY_WITH_TIMEOUT(nextButton(wizard)->isEnabled(), kTrainingTimeoutMs);
        QTest::mouseClick(nextButton(wizard), Qt::LeftButton);
        QVERIFY(child<QRadioButton>(wizard, "textClassificationRadio")->isChecked());
        choose(child<QRadioButton>(wizard, "maskedLmRadio"));  // the user's choice now
        QTest::mouseClick(backButton(wizard), Qt::LeftButton);
        QTest::mouseClick(nextButton(wizard), Qt::LeftButton);
        QVERIFY(child<QRadioButton>(wizard, "maskedLmRadio")->isChecked());
        wizard->reject();
    }

    void scratchModelTrainsItsVocabularyOnADataset() {
        Workspace workspace;
        QVERIFY(workspace.openStore(store_path_, nullptr));
        TrainPage page(workspace);
        TrainingWizard* wizard = openWizard(page);
        auto* train_vocabulary = child<QPushButton>(wizard, "trainVocabularyButton");
        QVERIFY(!train_vocabulary->isEnabled());  // only for a model from scratch
        choose(child<QRadioButton>(wizard, "scratchModelRadio"));
        QVERIFY(train_vocabulary->isEnabled());
        QTest::mouseClick(train_vocabulary, Qt::LeftButton);
        QPointer<TrainVocabularyDialog> dialog = wizard->findChild<TrainVocabularyDialog*>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        // No dataset chosen yet and no corpus stored: the first dataset is offered, its train split.
        QVERIFY(dialog->learnsFromDataset());
        QCOMPARE(child<QComboBox>(dialog, "datasetCombo")->currentText(), QStringLiteral("conll"));
        QCOMPARE(child<QLineEdit>(dialog, "outputDir")->text(), QDir(dir_.path()).filePath(QStringLiteral("tokenizers/conll")));
        QVERIFY(dialog->selectDataset(QStringLiteral("sst2")));
        QCOMPARE(child<QComboBox>(dialog, "splitCombo")->count(), 2);  // train and validation
        // Named after the text, beside the store.
        const QString expected_dir = QDir(dir_.path()).filePath(QStringLiteral("tokenizers/sst2"));
        QCOMPARE(child<QLineEdit>(dialog, "outputDir")->text(), expected_dir);
        dialog->setVocabSize(400);
        QSignalSpy trained(dialog, &TrainVocabularyDialog::trained);
        QTest::mouseClick(child<QPushButton>(dialog, "trainButton"), Qt::LeftButton);
        QVERIFY(trained.wait(kTrainingTimeoutMs));

        const QString vocab = QDir(expected_dir).filePath(QStringLiteral("vocab.txt"));
        QCOMPARE(child<QLineEdit>(wizard, "vocabEdit")->text(), vocab);
        QTRY_VERIFY_WITH_TIMEOUT(nextButton(wizard)->isEnabled(), kTrainingTimeoutMs);
        QCOMPARE(wizard->state().setup.vocab, vocab.toStdString());
        QCOMPARE(wizard->state().model.vocab_file, vocab.toStdString());
        const QString summary = child<QTextBrowser>(wizard, "modelSummary")->toPlainText();
        QVERIFY2(summary.contains(QStringLiteral("400 tokens")) && summary.contains(QStringLiteral("lower-cased")),
                 qPrintable(summary));
        if (const QString out = qEnvironmentVariable("BW_SCREENSHOT_DIR"); !out.isEmpty() && QDir().mkpath(out))
            QVERIFY(wizard->grab().save(out + QStringLiteral("/wizard-scratch-trained-vocabulary.png")));
        QFile file(vocab);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readLine().trimmed(), QByteArray("[PAD]"));

        // A second training would not write over the first: the next folder is numbered.
        QTRY_VERIFY(dialog.isNull());  // closed and deleted once it had trained
        QTest::mouseClick(train_vocabulary, Qt::LeftButton);
        auto* second = wizard->findChild<TrainVocabularyDialog*>();
        QVERIFY(second);
        QVERIFY(second->selectDataset(QStringLiteral("sst2")));
        QCOMPARE(child<QLineEdit>(second, "outputDir")->text(), QDir(dir_.path()).filePath(QStringLiteral("tokenizers/sst2-2")));
        QVERIFY(child<QLabel>(wizard, "vocabTrainingNote")->isHidden());  // the first got all it asked for
        // More tokens than the text allows: the page says why it got fewer, as the Tokenizer page does.
        second->setVocabSize(20000);
        QSignalSpy trained_again(second, &TrainVocabularyDialog::trained);
        QTest::mouseClick(child<QPushButton>(second, "trainButton"), Qt::LeftButton);
        QVERIFY(trained_again.wait(kTrainingTimeoutMs));
        auto* note = child<QLabel>(wizard, "vocabTrainingNote");
        QVERIFY2(!note->isHidden() && note->text().contains(QStringLiteral("of the 20,000 tokens asked for")), qPrintable(note->text()));
        child<QLineEdit>(wizard, "vocabEdit")->setText(vocab);  // another vocabulary: the note was of that one
        QVERIFY(note->isHidden());
        wizard->reject();
    }

    void invalidCombinationsBlockNext() {
        const QString word_labels = dir_.filePath(QStringLiteral("word-labels.tsv"));
        {
            std::ofstream(word_labels.toStdString()) << "sentence\tlabel\na fine film\tpos\na dull one\tneg\n";
            auto store = openStore();
            importInto(store, word_labels, "word-labels", "train");
        }
        Workspace workspace;
        QVERIFY(workspace.openStore(store_path_, nullptr));
        TrainPage page(workspace);
        TrainingWizard* wizard = openWizard(page);

        // Base model: a folder that is no model, and a model from scratch without a vocabulary.
        choose(child<QRadioButton>(wizard, "directoryModelRadio"));
        child<QLineEdit>(wizard, "modelDirEdit")->setText(dir_.path());
        QTRY_VERIFY_WITH_TIMEOUT(!problemOf(wizard).isEmpty(), kTrainingTimeoutMs);
        QVERIFY2(problemOf(wizard).contains(QStringLiteral("config.json")), qPrintable(problemOf(wizard)));
        QVERIFY(!nextButton(wizard)->isEnabled());
        choose(child<QRadioButton>(wizard, "scratchModelRadio"));
        QTRY_VERIFY(problemOf(wizard).contains(QStringLiteral("vocabulary")));
        QVERIFY(!nextButton(wizard)->isEnabled());
        choose(child<QRadioButton>(wizard, "bundledModelRadio"));
        QTRY_VERIFY_WITH_TIMEOUT(nextButton(wizard)->isEnabled(), kTrainingTimeoutMs);
        QVERIFY(problemOf(wizard).isEmpty());
        QTest::mouseClick(nextButton(wizard), Qt::LeftButton);

        // Task and data: tagging on sentences, pairs on single texts.
        auto* datasets = child<QComboBox>(wizard, "datasetCombo");
        datasets->setCurrentIndex(datasets->findData(QStringLiteral("sst2")));
        choose(child<QRadioButton>(wizard, "tokenTaggingRadio"));
        QVERIFY2(problemOf(wizard).contains(QStringLiteral("Token tagging needs a dataset of tagged words")),
                 qPrintable(problemOf(wizard)));
        QVERIFY(!nextButton(wizard)->isEnabled());
        QTest::mouseClick(nextButton(wizard), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(TrainingWizard::TaskAndData));
        choose(child<QRadioButton>(wizard, "sentencePairsRadio"));
        QVERIFY2(problemOf(wizard).contains(QStringLiteral("second text column")), qPrintable(problemOf(wizard)));
        QVERIFY(!nextButton(wizard)->isEnabled());
        QVERIFY(!child<QRadioButton>(wizard, "corpusFileRadio")->isEnabled());  // only for language modelling
        // A regression on labels that are words: refused here (once only by the review page's engine check).
        datasets->setCurrentIndex(datasets->findData(QStringLiteral("word-labels")));
        choose(child<QRadioButton>(wizard, "textClassificationRadio"));
        auto* problem_types = child<QComboBox>(wizard, "problemTypeCombo");
        problem_types->setCurrentIndex(problem_types->findData(QStringLiteral("regression")));
        QVERIFY2(problemOf(wizard).contains(QStringLiteral("A regression learns a number per row, but “word-labels” has 2 ")),
                 qPrintable(problemOf(wizard)));
        QVERIFY2(problemOf(wizard).contains(QStringLiteral(": “neg”, “pos”.")), qPrintable(problemOf(wizard)));
        QVERIFY(!nextButton(wizard)->isEnabled());
        problem_types->setCurrentIndex(0);  // one class per example
        QVERIFY2(problemOf(wizard).isEmpty(), qPrintable(problemOf(wizard)));
        // Tagging on the CoNLL dataset is fine; it has no validation split, which the settings catch.
        datasets->setCurrentIndex(datasets->findData(QStringLiteral("conll")));
        choose(child<QRadioButton>(wizard, "tokenTaggingRadio"));
        QVERIFY(problemOf(wizard).isEmpty());
        QTest::mouseClick(nextButton(wizard), Qt::LeftButton);

        // Max length past the model's position embeddings.
        auto* spin = child<QSpinBox>(wizard, "maxLengthSpin");
        spin->setValue(4096);
        QVERIFY2(problemOf(wizard).contains(QStringLiteral("max_position_embeddings")), qPrintable(problemOf(wizard)));
        QVERIFY(!nextButton(wizard)->isEnabled());
        spin->setValue(64);
        QVERIFY(nextButton(wizard)->isEnabled());
        QTest::mouseClick(nextButton(wizard), Qt::LeftButton);

        // Settings: evaluation without a validation split, then TrainingArguments::validate's messages.
        QVERIFY2(problemOf(wizard).contains(QStringLiteral("no validation split")), qPrintable(problemOf(wizard)));
        QVERIFY(!nextButton(wizard)->isEnabled());
        choose(child<QRadioButton>(wizard, "advancedSettingsRadio"));
        child<QComboBox>(wizard, "evaluation_strategy")->setCurrentText(QStringLiteral("no"));
        QVERIFY2(problemOf(wizard).isEmpty(), qPrintable(problemOf(wizard)));
        QVERIFY2(nextButton(wizard)->isEnabled(), qPrintable(problemOf(wizard)));
        auto* learning_rate = child<QLineEdit>(wizard, "learning_rate");
        learning_rate->setText(QStringLiteral("0"));
        QVERIFY2(problemOf(wizard).contains(QStringLiteral("learning_rate must be positive")),
                 qPrintable(problemOf(wizard)));
        QVERIFY(!nextButton(wizard)->isEnabled());
        learning_rate->setText(QStringLiteral("fast"));
        QVERIFY2(problemOf(wizard).contains(QStringLiteral("learning_rate is not a number")),
                 qPrintable(problemOf(wizard)));
        learning_rate->setText(QStringLiteral("5e-5"));
        // Saving by steps gets an interval at once (a quarter epoch), not "save_steps must be positive".
        child<QComboBox>(wizard, "save_strategy")->setCurrentText(QStringLiteral("steps"));
        QVERIFY(child<QSpinBox>(wizard, "save_steps")->value() > 0);
        QVERIFY2(problemOf(wizard).isEmpty(), qPrintable(problemOf(wizard)));
        child<QSpinBox>(wizard, "save_steps")->setValue(0);
        QVERIFY2(problemOf(wizard).contains(QStringLiteral("save_steps must be positive")),
                 qPrintable(problemOf(wizard)));
        child<QSpinBox>(wizard, "save_steps")->setValue(50);
        QVERIFY2(nextButton(wizard)->isEnabled(), qPrintable(problemOf(wizard)));
        wizard->reject();
    }

    // A dataset of sentence pairs is named so in the list; choosing it under "Text classification"
    // moves to "Sentence pairs" (the engine reads both texts either way), and choosing "Text
    // classification" back on it is refused with the reason.
    void aPairDatasetTrainsAsSentencePairs() {
        const QString path = dir_.filePath(QStringLiteral("pairs.tsv"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("sentence1\tsentence2\tlabel\n");
            for (int i = 0; i < 12; ++i)
                file.write(QByteArray("the film number ") + QByteArray::number(i) + "\ta movie numbered " +
                           QByteArray::number(i % 3 == 0 ? i : i + 1) + "\t" + QByteArray::number(i % 3 == 0 ? 1 : 0) + "\n");
        }
        {
            auto store = openStore();
            importInto(store, path, "pairs", "train");
        }
        Workspace workspace;
        QVERIFY(workspace.openStore(store_path_, nullptr));
        TrainPage page(workspace);
        TrainingWizard* wizard = openWizard(page);
        QTest::mouseClick(nextButton(wizard), Qt::LeftButton);
        auto* datasets = child<QComboBox>(wizard, "datasetCombo");
        datasets->setCurrentIndex(datasets->findData(QStringLiteral("sst2")));
        choose(child<QRadioButton>(wizard, "textClassificationRadio"));
        QVERIFY2(datasets->currentText().contains(QStringLiteral("labelled sentences")), qPrintable(datasets->currentText()));

        datasets->setCurrentIndex(datasets->findData(QStringLiteral("pairs")));
        QVERIFY2(datasets->currentText().contains(QStringLiteral("labelled sentence pairs")), qPrintable(datasets->currentText()));
        QVERIFY(child<QRadioButton>(wizard, "sentencePairsRadio")->isChecked());
        QVERIFY2(problemOf(wizard).isEmpty(), qPrintable(problemOf(wizard)));

        choose(child<QRadioButton>(wizard, "textClassificationRadio"));
        QVERIFY(child<QRadioButton>(wizard, "textClassificationRadio")->isChecked());  // the user's choice stays
        QVERIFY2(problemOf(wizard).contains(QStringLiteral("holds sentence pairs")), qPrintable(problemOf(wizard)));
        QVERIFY(!nextButton(wizard)->isEnabled());
        wizard->reject();
        store::ExperimentStore store = openStore();
        store.deleteDataset(store.findDataset("pairs")->id);  // the other tests count the datasets
    }

    // The default name of a new run is one no run of the workspace has: the walkthrough's second
    // AG News run was proposed "agnews-classification" again, and two runs of one name cannot be
    // told apart on the Errors page.
    void theDefaultRunNameIsFree() {
        int64_t taken = 0;
        {
            auto store = openStore();
            store::RunRecord spec;
            spec.name = "sst2-classification";
            spec.task = "sequence-classification";
            taken = store.createRun(spec).id;
        }
        Workspace workspace;
        QVERIFY(workspace.openStore(store_path_, nullptr));
        TrainPage page(workspace);
        TrainingWizard* wizard = openWizard(page);
        choose(child<QRadioButton>(wizard, "bundledModelRadio"));
        QTest::mouseClick(nextButton(wizard), Qt::LeftButton);
        choose(child<QRadioButton>(wizard, "textClassificationRadio"));
        auto* datasets = child<QComboBox>(wizard, "datasetCombo");
        datasets->setCurrentIndex(datasets->findData(QStringLiteral("sst2")));
        QTest::mouseClick(nextButton(wizard), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(nextButton(wizard)->isEnabled(), kTrainingTimeoutMs);
        QTest::mouseClick(nextButton(wizard), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(TrainingWizard::Settings));
        const QString name = child<QLineEdit>(wizard, "runNameEdit")->text();
        QVERIFY2(name.startsWith(QStringLiteral("sst2-classification-")), qPrintable(name));
        const std::vector<std::string> names = openStore().runNames();
        QVERIFY2(std::find(names.begin(), names.end(), name.toStdString()) == names.end(), qPrintable(name));
        wizard->reject();
        openStore().deleteRun(taken);  // the other tests count the runs
    }

    void shortRunDrawsLiveAndCompletes() {
        Workspace workspace;
        QVERIFY(workspace.openStore(store_path_, nullptr));
        TrainPage page(workspace);
        QSignalSpy job_started(&workspace, &Workspace::jobStarted);
        QSignalSpy job_finished(&workspace, &Workspace::jobFinished);
        QSignalSpy store_changed(&workspace, &Workspace::storeContentsChanged);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(page.startTraining(shortRun(QStringLiteral("short"), 30)));
        QVERIFY(page.isTraining());  // the call returned: it trains on a worker thread
        QCOMPARE(job_started.count(), 1);
        QVERIFY(!child<QPushButton>(&page, "newRunButton")->isEnabled());
        QVERIFY(child<QPushButton>(&page, "stopButton")->isEnabled());

        MetricChart* loss = page.charts()->chart(QStringLiteral("loss"));
        QVERIFY(loss);
        QTRY_VERIFY_WITH_TIMEOUT(pointsOf(loss->graph("train/loss")) > 0 || !page.isTraining(), kTrainingTimeoutMs);
        QVERIFY2(page.isTraining(), "the loss curve was drawn only after the run");
        QVERIFY(loss->hasData());
        QVERIFY(loss->isLive() && page.charts()->isLive());  // a drag on it shows "paused following"
        QTRY_VERIFY_WITH_TIMEOUT(!page.isTraining(), kTrainingTimeoutMs);
        QVERIFY(!loss->isLive());
        const qint64 elapsed = clock.elapsed();
        QVERIFY2(page.problem().isEmpty(), qPrintable(page.problem()));
        QCOMPARE(job_finished.count(), 1);
        QVERIFY(store_changed.count() >= 2);  // when the run appeared, when it ended
        // Redraws are coalesced: never more than one per interval (plus the explicit ones).
        QVERIFY2(page.charts()->redrawCount() <= elapsed / TrainingCharts::kRedrawIntervalMs + 5,
                 qPrintable(QStringLiteral("%1 redraws in %2 ms").arg(page.charts()->redrawCount()).arg(elapsed)));

        auto store = openStore();
        const auto run = store.getRun(page.currentRunId());
        QVERIFY(run.has_value());
        QCOMPARE(run->status, store::RunStatus::Completed);
        QCOMPARE(run->name, std::string("short"));
        // The curves hold exactly what the store holds.
        const auto stored_loss = store.metrics(run->id, std::string("train/loss"));
        QCOMPARE(stored_loss.size(), size_t(6));  // every 5 of 30 steps
        QCOMPARE(pointsOf(loss->graph("train/loss")), stored_loss.size());
        QCOMPARE(pointsOf(loss->rawGraph("train/loss")), stored_loss.size());
        QCOMPARE(loss->rawGraph("train/loss")->data()->at(5)->value, stored_loss.back().value);
        QCOMPARE(pointsOf(loss->graph("eval/loss")), store.metrics(run->id, std::string("eval/loss")).size());
        QVERIFY(pointsOf(page.charts()->chart(QStringLiteral("metrics"))->graph("eval/accuracy")) >= 2);
        QVERIFY(pointsOf(page.charts()->chart(QStringLiteral("learning-rate"))->graph("train/learning_rate")) == 6);
        QVERIFY(loss->showsBestMarker());
        QCOMPARE(page.charts()->history().bestStep(), store.bestCheckpoint(run->id)->step);
        auto* progress = child<QProgressBar>(&page, "progressBar");
        QCOMPARE(progress->value(), 30);
        QCOMPARE(progress->maximum(), 30);
        QVERIFY(child<QLabel>(&page, "speedLabel")->text().contains(QStringLiteral("sequences/s")));
        // The header's run list names the run, so its status line starts with the outcome; the status
        // bar's message names the run. (Without the window's English plurals: "step(s)".)
        QVERIFY2(statusOf(&page).startsWith(QStringLiteral("completed: 30 step(s) in ")), qPrintable(statusOf(&page)));
        const QString finished_message = job_finished.at(0).at(0).toString();
        QVERIFY2(finished_message.startsWith(QStringLiteral("Run #%1 completed: 30 step(s) in ").arg(run->id)),
                 qPrintable(finished_message));
        // The bundled masked-LM model gets a new classifier: the load report says so, as `inspect` would.
        QVERIFY2(page.loadSummary().contains(QStringLiteral("2 new weight(s) initialised (classifier.weight, classifier.bias)")),
                 qPrintable(page.loadSummary()));
        QVERIFY2(page.loadSummary().contains(QStringLiteral("unused (cls.predictions")), qPrintable(page.loadSummary()));
        // The long "completed: … metrics" status elides instead of widening the page (and the window).
        QVERIFY(child<ElidedLabel>(&page, "runStatusLabel")->toolTip().contains(QStringLiteral("completed")));
        QVERIFY2(page.minimumSizeHint().width() <= kSmallScreenPageWidth,
                 qPrintable(QString::number(page.minimumSizeHint().width())));
        page.resize(kSmallScreenPageWidth, 600);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QCOMPARE(page.width(), kSmallScreenPageWidth);
        page.hide();
        QVERIFY(!child<QPushButton>(&page, "resumeButton")->isEnabled());  // nothing to resume
        // A classifier with a checkpoint: its errors are one click away, on the Errors page.
        auto* errors = child<QPushButton>(&page, "errorsButton");
        QVERIFY(errors->isVisibleTo(&page) && errors->isEnabled());
        QSignalSpy error_analysis(&workspace, &Workspace::errorAnalysisRequested);
        errors->click();
        QCOMPARE(error_analysis.count(), 1);
        QCOMPARE(error_analysis.at(0).at(0).toLongLong(), run->id);

        // The plot controls redraw what is there: smoothing, log scale, epoch axis.
        page.charts()->setSmoothing(0);
        QCOMPARE(loss->graph("train/loss")->data()->at(5)->value, stored_loss.back().value);
        page.charts()->setLogScale(true);
        QCOMPARE(loss->plot()->yAxis->scaleType(), QCPAxis::stLogarithmic);
        page.charts()->setAxis(CurveAxis::Epoch);
        QCOMPARE(loss->graph("train/loss")->data()->at(5)->key, stored_loss.back().epoch);
    }

    // What the engine refuses once running shows on the page; nothing crashes, the job ends.
    void engineErrorsAreShown() {
        Workspace workspace;
        QVERIFY(workspace.openStore(store_path_, nullptr));
        TrainPage page(workspace);
        QSignalSpy job_finished(&workspace, &Workspace::jobFinished);
        train::TrainingRequest request = shortRun(QStringLiteral("missing"), 10);
        request.dataset = "no-such-dataset";
        QVERIFY(page.startTraining(request));
        QTRY_VERIFY_WITH_TIMEOUT(!page.isTraining(), kTrainingTimeoutMs);
        QVERIFY2(page.problem().contains(QStringLiteral("no dataset named 'no-such-dataset'")),
                 qPrintable(page.problem()));
        QCOMPARE(job_finished.count(), 1);
        QVERIFY(child<QPushButton>(&page, "newRunButton")->isEnabled());
    }

    void stopThenResumeCompletes() {
        Workspace workspace;
        QVERIFY(workspace.openStore(store_path_, nullptr));
        TrainPage page(workspace);
        page.resize(1100, 600);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(page.startTraining(shortRun(QStringLiteral("stopped"), 60)));
        auto* progress = child<QProgressBar>(&page, "progressBar");
        QTRY_VERIFY_WITH_TIMEOUT(progress->value() >= 3 || !page.isTraining(), kTrainingTimeoutMs);
        QVERIFY(page.isTraining());
        auto* stop = child<QPushButton>(&page, "stopButton");
        const QRect stop_while_training(stop->mapTo(&page, QPoint()), stop->size());
        QTest::mouseClick(stop, Qt::LeftButton);
        QVERIFY(!stop->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!page.isTraining(), kTrainingTimeoutMs);
        QVERIFY2(page.problem().isEmpty(), qPrintable(page.problem()));
        // Stopped with a checkpoint, the run offers "Find errors…": Stop stays where it was clicked
        // (the new button once pushed it left, under a second click).
        QTRY_VERIFY(child<QPushButton>(&page, "errorsButton")->isVisible());
        QTRY_COMPARE(QRect(stop->mapTo(&page, QPoint()), stop->size()), stop_while_training);
        page.hide();

        const qint64 id = page.currentRunId();
        {
            auto store = openStore();
            QCOMPARE(store.getRun(id)->status, store::RunStatus::Stopped);
            QVERIFY(store.latestCheckpoint(id).has_value());  // the engine saved where it stopped
            QVERIFY(store.latestCheckpoint(id)->step < 60);
        }
        QVERIFY(statusOf(&page).contains(QStringLiteral("stopped")));
        auto* resume = child<QPushButton>(&page, "resumeButton");
        QVERIFY(resume->isEnabled());

        QTest::qWait(1500);  // it stands stopped for a while
        QTest::mouseClick(resume, Qt::LeftButton);
        QVERIFY(page.isTraining());
        QTRY_VERIFY_WITH_TIMEOUT(!page.isTraining(), kTrainingTimeoutMs);
        QVERIFY2(page.problem().isEmpty(), qPrintable(page.problem()));
        auto store = openStore();
        QCOMPARE(store.getRun(id)->status, store::RunStatus::Completed);
        // One curve without gap or repeated step, and the page draws exactly it.
        const auto stored = store.metrics(id, std::string("train/loss"));
        std::vector<int64_t> steps;
        for (const auto& p : stored) steps.push_back(p.step);
        QCOMPARE(steps, (std::vector<int64_t>{5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60}));
        QCPGraph* raw = page.charts()->chart(QStringLiteral("loss"))->rawGraph("train/loss");
        QCOMPARE(pointsOf(raw), stored.size());
        for (int i = 0; i < raw->data()->size(); ++i) QCOMPARE(raw->data()->at(i)->key, double(steps[size_t(i)]));
        QCOMPARE(progress->value(), 60);

        // The run's duration is one text on this page and on the Runs page: both sessions, by one rule.
        RunsPage runs(workspace);
        const QAbstractItemModel* table = runs.runsTable();
        int row = 0;
        while (row < table->rowCount() && table->index(row, RunsTableModel::Id).data().toLongLong() != id) ++row;
        QVERIFY(row < table->rowCount());
        const QString duration = table->index(row, RunsTableModel::Duration).data().toString();
        QVERIFY(!duration.isEmpty());
        QVERIFY2(statusOf(&page).contains(QStringLiteral(" step(s) in %1").arg(duration)),
                 qPrintable(statusOf(&page) + QStringLiteral(" / Runs page: ") + duration));

        // On the time axis, live and reloaded from the store, the time it stood stopped is left out:
        // the last point is 1.5 s nearer the start than its wall time is.
        const double since_start = stored.back().wall_time - store.runSessions(id).front().started_at;
        for (int reload = 0; reload < 2; ++reload) {
            if (reload) QVERIFY(page.selectRun(id));
            page.charts()->setAxis(CurveAxis::Time);
            raw = page.charts()->chart(QStringLiteral("loss"))->rawGraph("train/loss");
            QCOMPARE(pointsOf(raw), stored.size());
            const double last = raw->data()->at(raw->data()->size() - 1)->key;
            QVERIFY2(last > 0 && last < since_start - 1.2,
                     qPrintable(QStringLiteral("%1 s on the axis, %2 s since the start").arg(last).arg(since_start)));
            page.charts()->setAxis(CurveAxis::Step);
        }
    }

    void storedRunOpensFromTheList() {
        Workspace workspace;
        QVERIFY(workspace.openStore(store_path_, nullptr));
        TrainPage page(workspace);
        auto store = openStore();
        const auto runs = store.listRuns();
        QVERIFY(runs.size() >= 2);
        QCOMPARE(page.currentRunId(), runs.front().id);  // the newest run shows first
        auto* combo = child<QComboBox>(&page, "runCombo");
        QCOMPARE(combo->count(), int(runs.size()));
        const int64_t first = runs.back().id;  // "short"
        const int index = combo->findData(QVariant::fromValue<qint64>(first));
        QVERIFY(index >= 0);
        QVERIFY(combo->itemText(index).contains(QStringLiteral("short")));
        combo->setCurrentIndex(index);
        emit combo->activated(index);
        QCOMPARE(page.currentRunId(), first);
        QCOMPARE(pointsOf(page.charts()->chart(QStringLiteral("loss"))->rawGraph("train/loss")),
                 store.metrics(first, std::string("train/loss")).size());
        QVERIFY(!child<QPushButton>(&page, "resumeButton")->isEnabled());  // completed
    }

    void pretrainingShowsMlmNspAndProbe() {
        Workspace workspace;
        QVERIFY(workspace.openStore(store_path_, nullptr));
        TrainPage page(workspace);
        TrainingSetup setup;
        setup.store_path = store_path_.toStdString();
        setup.model_dir = bundled_.toStdString();
        setup.task = "pretraining";
        setup.data_source = DataSource::CorpusFile;
        setup.corpus = (kFixtures + QStringLiteral("/data/wikitext2_test_head120.txt")).toStdString();
        setup.args.max_steps = 6;
        setup.args.per_device_train_batch_size = 8;
        setup.args.per_device_eval_batch_size = 32;
        setup.args.max_seq_length = 64;
        setup.args.logging_steps = 2;
        setup.args.evaluation_strategy = "steps";
        setup.args.eval_steps = 3;
        setup.args.save_strategy = "steps";
        setup.args.save_steps = 3;
        setup.output_dir = dir_.filePath(QStringLiteral("out/pretraining")).toStdString();
        QVERIFY(page.startTraining(toTrainingRequest(setup)));
        QVERIFY(page.probe()->isVisibleTo(&page));
        QTRY_VERIFY_WITH_TIMEOUT(!page.isTraining(), kTrainingTimeoutMs);
        QVERIFY2(page.problem().isEmpty(), qPrintable(page.problem()));

        // MLM and NSP apart, each with its train and eval curve.
        MetricChart* mlm = page.charts()->chart(QStringLiteral("mlm-loss"));
        MetricChart* nsp = page.charts()->chart(QStringLiteral("nsp-loss"));
        QVERIFY(mlm && nsp);
        QCOMPARE(pointsOf(mlm->rawGraph("train/mlm_loss")), size_t(3));  // steps 2, 4, 6
        QCOMPARE(pointsOf(nsp->rawGraph("train/nsp_loss")), size_t(3));
        QCOMPARE(pointsOf(mlm->graph("eval/mlm_loss")), size_t(2));  // steps 3, 6
        QCOMPARE(pointsOf(page.charts()->chart(QStringLiteral("mlm-accuracy"))->graph("eval/mlm_accuracy")), size_t(2));
        QCOMPARE(pointsOf(page.charts()->chart(QStringLiteral("nsp-accuracy"))->graph("eval/nsp_accuracy")), size_t(2));
        QVERIFY(!page.charts()->chart(QStringLiteral("metrics")));  // no classification metrics here

        // The probe predicted the [MASK] with a checkpoint of this run.
        QTRY_VERIFY_WITH_TIMEOUT(!page.probe()->isLoading(), kTrainingTimeoutMs);
        QVERIFY2(page.probe()->candidates().size() == size_t(ProbeView::kTopK),
                 qPrintable(child<QLabel>(page.probe(), "probeSource")->text()));
        QVERIFY2(child<QLabel>(page.probe(), "probeSource")->text().contains(QStringLiteral("checkpoint-6")),
                 qPrintable(child<QLabel>(page.probe(), "probeSource")->text()));
    }

    // A decimal typed into a field whose partial value the page refuses ("0" of "0.25": the
    // masking probability must be above 0) is typed on: QWizard hides and shows the page when Next
    // turns off, and a spin box shown again rewrote "0" as "0.000" under the typing. A value reached
    // with the arrows is the decimal shown, not 0.25000000000000006.
    void decimalsAreTypedAndSteppedAsShown() {
        Workspace workspace;
        QVERIFY(workspace.openStore(store_path_, nullptr));
        TrainPage page(workspace);
        TrainingWizard* wizard = openWizard(page);
        wizard->show();
        QTest::mouseClick(nextButton(wizard), Qt::LeftButton);
        choose(child<QRadioButton>(wizard, "maskedLmRadio"));
        QTRY_VERIFY_WITH_TIMEOUT(nextButton(wizard)->isEnabled(), kTrainingTimeoutMs);
        QTest::mouseClick(nextButton(wizard), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(nextButton(wizard)->isEnabled(), kTrainingTimeoutMs);
        QTest::mouseClick(nextButton(wizard), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(TrainingWizard::Settings));
        child<QAbstractButton>(wizard, "advancedSettingsRadio")->click();
        auto* probability = child<QDoubleSpinBox>(wizard, "mlm_probability");
        QVERIFY(probability->isVisible());
        probability->setFocus();
        probability->selectAll();
        QTest::keyClicks(probability, QStringLiteral("0.25"));
        QCOMPARE(probability->text(), QStringLiteral("0.25"));
        QTest::keyClick(probability, Qt::Key_Tab);  // the value counts once typed (Tab, Enter, a click elsewhere)
        QVERIFY(!probability->hasFocus());
        QCOMPARE(wizard->state().setup.args.mlm_probability, 0.25);
        QVERIFY2(nextButton(wizard)->isEnabled(), qPrintable(problemOf(wizard)));

        probability->setValue(0.2);
        QTest::keyClick(probability, Qt::Key_Up);
        QTest::keyClick(probability, Qt::Key_Up);
        QTest::keyClick(probability, Qt::Key_Up);
        QTest::keyClick(probability, Qt::Key_Up);
        QTest::keyClick(probability, Qt::Key_Up);
        QCOMPARE(wizard->state().setup.args.mlm_probability, 0.25);  // exactly the double nearest 0.25
        wizard->reject();
    }

    // Another run shown while the last one's checkpoint still loads (a language switch did this: the
    // new page opened the newest run, then the run shown before): its predictions must not join the
    // history of the run shown now.
    void aClearedProbeDropsTheCheckpointStillLoading() {
        ProbeView probe;
        probe.probe(bw::test::goldenModel("pretraining"), 120);
        QVERIFY(probe.isLoading());
        probe.clear();
        probe.probe(bundled_, 7);
        QTRY_VERIFY_WITH_TIMEOUT(!probe.isLoading(), kTrainingTimeoutMs);
        auto* history = child<QListWidget>(&probe, "probeHistory");
        QCOMPARE(history->count(), 1);
        QVERIFY2(history->item(0)->text().startsWith(QStringLiteral("step 7:")), qPrintable(history->item(0)->text()));
        QVERIFY(child<QLabel>(&probe, "probeSource")->text().contains(QStringLiteral("step 7")));
    }

    // Another workspace: nothing of the previous one's runs stays on the page.
    void anotherWorkspaceClearsThePage() {
        Workspace workspace;
        QVERIFY(workspace.openStore(store_path_, nullptr));
        TrainPage page(workspace);
        QVERIFY(page.currentRunId() > 0);
        QVERIFY(!page.charts()->history().empty());
        QVERIFY(!statusOf(&page).isEmpty());
        QVERIFY(workspace.openStore(dir_.filePath(QStringLiteral("empty.sqlite")), nullptr));
        QCOMPARE(page.currentRunId(), qint64(0));
        QVERIFY(page.charts()->history().empty());
        QVERIFY(statusOf(&page).isEmpty());
        QVERIFY2(page.problem().isEmpty(), qPrintable(page.problem()));
        auto* empty = child<QLabel>(&page, "emptyState");
        QCOMPARE(qobject_cast<QStackedWidget*>(empty->parentWidget())->currentWidget(), empty);
        QCOMPARE(child<QComboBox>(&page, "runCombo")->count(), 0);
        QVERIFY(!child<QPushButton>(&page, "resumeButton")->isEnabled());
    }

    // A run killed before its first checkpoint cannot resume: the page says so, and starts it again.
    void interruptedBeforeACheckpointStartsAgain() {
        qint64 id = 0;
        {
            auto store = openStore();
            const train::TrainingRequest request = shortRun(QStringLiteral("killed"), 10);
            store::RunRecord spec;
            spec.name = request.run_name;
            spec.task = request.task;
            spec.config = request.toJson();
            spec.output_dir = request.output_dir.string();
            id = store.createRun(spec).id;
            store.setRunStatus(id, store::RunStatus::Interrupted, "the process running it ended");
        }
        Workspace workspace;
        QVERIFY(workspace.openStore(store_path_, nullptr));
        TrainPage page(workspace);
        QVERIFY(page.selectRun(id));
        QVERIFY2(page.problem().contains(QStringLiteral("interrupted before its first checkpoint")),
                 qPrintable(page.problem()));
        QVERIFY(!page.problem().contains(QStringLiteral("failed")));
        QVERIFY(!child<QPushButton>(&page, "resumeButton")->isEnabled());
        auto* again = child<QPushButton>(&page, "restartButton");
        QVERIFY(again->isVisibleTo(&page));
        QTest::mouseClick(again, Qt::LeftButton);
        QVERIFY(page.isTraining());
        QVERIFY(!again->isVisibleTo(&page));
        QTRY_VERIFY_WITH_TIMEOUT(!page.isTraining(), kTrainingTimeoutMs);
        QVERIFY2(page.problem().isEmpty(), qPrintable(page.problem()));
        QVERIFY(page.currentRunId() != id);
        const auto run = openStore().getRun(page.currentRunId());
        QCOMPARE(run->status, store::RunStatus::Completed);
        QCOMPARE(run->name, std::string("killed"));
        QCOMPARE(run->config.at("training_args"), openStore().getRun(id)->config.at("training_args"));
    }

    // Clone: the wizard opens on a stored run's model, data and settings, under a new name and
    // folder; a change made there is what the new run trains with, and New run starts from it next.
    void cloneTrainsARunAgainWithChanges() {
        Workspace workspace;
        QVERIFY(workspace.openStore(store_path_, nullptr));
        TrainPage page(workspace);
        QVERIFY(page.startTraining(shortRun(QStringLiteral("to-clone"), 10)));
        QVERIFY(!child<QPushButton>(&page, "cloneButton")->isEnabled());  // not while training
        QTRY_VERIFY_WITH_TIMEOUT(!page.isTraining(), kTrainingTimeoutMs);
        const qint64 original = page.currentRunId();
        QVERIFY(child<QPushButton>(&page, "cloneButton")->isEnabled());

        workspace.requestClone(original);  // what the Runs page's Clone does
        QPointer<TrainingWizard> wizard = page.findChild<TrainingWizard*>();
        QVERIFY(wizard);
        QCOMPARE(wizard->state().setup.run_name, std::string("to-clone-2"));
        QTRY_VERIFY_WITH_TIMEOUT(nextButton(wizard)->isEnabled(), kTrainingTimeoutMs);
        QVERIFY(child<QRadioButton>(wizard, "bundledModelRadio")->isChecked());
        QTest::mouseClick(nextButton(wizard), Qt::LeftButton);
        QVERIFY(child<QRadioButton>(wizard, "textClassificationRadio")->isChecked());
        QCOMPARE(child<QComboBox>(wizard, "datasetCombo")->currentData().toString(), QStringLiteral("sst2"));
        QTest::mouseClick(nextButton(wizard), Qt::LeftButton);
        QCOMPARE(child<QSpinBox>(wizard, "maxLengthSpin")->value(), 48);
        QTRY_VERIFY_WITH_TIMEOUT(nextButton(wizard)->isEnabled(), kTrainingTimeoutMs);
        QTest::mouseClick(nextButton(wizard), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(TrainingWizard::Settings));
        auto* learning_rate = child<QLineEdit>(wizard, "learning_rate");
        QCOMPARE(learning_rate->text().toDouble(), 1e-4);
        QCOMPARE(child<QSpinBox>(wizard, "logging_steps")->value(), 5);
        QCOMPARE(child<QLineEdit>(wizard, "runNameEdit")->text(), QStringLiteral("to-clone-2"));
        QCOMPARE(child<QLineEdit>(wizard, "outputDirEdit")->text(), QDir(dir_.path()).filePath(QStringLiteral("runs/to-clone-2")));
        learning_rate->setText(QStringLiteral("2e-4"));
        QVERIFY2(nextButton(wizard)->isEnabled(), qPrintable(problemOf(wizard)));
        wizard->accept();  // Start training, without waiting for the review's estimate
        QTRY_VERIFY_WITH_TIMEOUT(page.currentRunId() != original && !page.isTraining(), kTrainingTimeoutMs);
        QTRY_VERIFY(wizard.isNull());

        auto store = openStore();
        const auto clone = store.getRun(page.currentRunId());
        QCOMPARE(clone->name, std::string("to-clone-2"));
        QCOMPARE(clone->status, store::RunStatus::Completed);
        const train::TrainingRequest request = train::TrainingRequest::fromJson(clone->config);
        QCOMPARE(request.args.learning_rate, 2e-4);
        QCOMPARE(request.args.max_steps, int64_t(10));
        QCOMPARE(request.dataset.value_or(""), std::string("sst2"));
        QVERIFY(request.output_dir != train::TrainingRequest::fromJson(store.getRun(original)->config).output_dir);

        TrainingWizard* next = page.openWizard();  // New run: the last run's settings, a new name
        QCOMPARE(next->state().setup.args.learning_rate, 2e-4);
        QCOMPARE(next->state().setup.run_name, std::string("to-clone-2-2"));
        // Another task: the carried name was for sst2's classification, so the run gets the default.
        QTRY_VERIFY_WITH_TIMEOUT(nextButton(next)->isEnabled(), kTrainingTimeoutMs);
        QTest::mouseClick(nextButton(next), Qt::LeftButton);
        choose(child<QRadioButton>(next, "maskedLmRadio"));
        QTRY_VERIFY_WITH_TIMEOUT(nextButton(next)->isEnabled(), kTrainingTimeoutMs);
        QTest::mouseClick(nextButton(next), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(nextButton(next)->isEnabled(), kTrainingTimeoutMs);
        QTest::mouseClick(nextButton(next), Qt::LeftButton);
        QCOMPARE(next->currentId(), int(TrainingWizard::Settings));
        QCOMPARE(child<QLineEdit>(next, "runNameEdit")->text(), QStringLiteral("sst2-mlm"));
        QTest::mouseClick(backButton(next), Qt::LeftButton);
        QTest::mouseClick(backButton(next), Qt::LeftButton);
        choose(child<QRadioButton>(next, "textClassificationRadio"));  // back to what the name was for
        QTest::mouseClick(nextButton(next), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(nextButton(next)->isEnabled(), kTrainingTimeoutMs);
        QTest::mouseClick(nextButton(next), Qt::LeftButton);
        QCOMPARE(child<QLineEdit>(next, "runNameEdit")->text(), QStringLiteral("to-clone-2-2"));
        next->reject();

        // A language switch makes the page again: the new one shows the run this one showed (not the
        // newest, which a new page shows) and starts the next run from the same settings.
        QVERIFY(page.selectRun(original));
        TrainPage remade(workspace);
        QVERIFY(remade.currentRunId() != original);
        remade.restoreViewState(page.viewState());
        QCOMPARE(remade.currentRunId(), original);
        TrainingWizard* after = remade.openWizard();
        QCOMPARE(after->state().setup.args.learning_rate, 2e-4);
        QCOMPARE(after->state().setup.run_name, std::string("to-clone-2-2"));
        after->reject();

        QVERIFY(!page.cloneRun(987654));
        QVERIFY2(page.problem().contains(QStringLiteral("no run #987654")), qPrintable(page.problem()));
    }

    // Closing the window (Ctrl+Q) while a run trains asks first; "Stop and Quit" stops the run after
    // its current step with a checkpoint, as Ctrl-C does in the CLI, and the window closes only then.
    void quittingWhileTrainingStopsTheRunFirst() {
        Workspace workspace;
        QVERIFY(workspace.openStore(store_path_, nullptr));
        AnsweringWindow window(workspace);
        window.show();
        auto* page = qobject_cast<TrainPage*>(window.page(QStringLiteral("train")));
        QVERIFY(page);
        QVERIFY(page->startTraining(shortRun(QStringLiteral("quit"), 400)));
        auto* progress = child<QProgressBar>(page, "progressBar");
        QTRY_VERIFY_WITH_TIMEOUT(progress->value() >= 12 || !page->isTraining(), kTrainingTimeoutMs);
        QVERIFY(page->isTraining());

        // The real question: its buttons, Cancel the default, answered here with Cancel.
        QString question, informative;
        QStringList buttons;
        QTimer::singleShot(0, [&] {
            for (QWidget* w : QApplication::topLevelWidgets()) {
                auto* box = qobject_cast<QMessageBox*>(w);
                if (!box || !box->isVisible()) continue;
                question = box->text();
                informative = box->informativeText();
                for (QAbstractButton* b : box->buttons()) buttons << b->text();
                if (const QString out = qEnvironmentVariable("BW_SCREENSHOT_DIR"); !out.isEmpty() && QDir().mkpath(out))
                    box->grab().save(out + QStringLiteral("/quit-while-training.png"));
                box->defaultButton()->click();
            }
        });
        QVERIFY(!window.askForReal(QStringLiteral("Training “quit”")));
        QCOMPARE(question, QStringLiteral("Training “quit” is still running."));
        QVERIFY2(informative.contains(QStringLiteral("saves a checkpoint")), qPrintable(informative));
        QVERIFY2(buttons.contains(QStringLiteral("Stop and Quit")) && buttons.size() == 2, qPrintable(buttons.join(',')));
        QVERIFY(page->isTraining());

        window.answer = false;  // Cancel: nothing happens
        QVERIFY(!window.close());
        QCOMPARE(window.asked, QStringList{QStringLiteral("Training “quit”")});
        QVERIFY(window.isVisible());
        QVERIFY(page->isTraining());

        window.answer = true;  // Stop and Quit
        QVERIFY(!window.close());  // not yet: the run is stopping
        QVERIFY(!window.close());  // a second Ctrl+Q while it stops asks nothing
        QCOMPARE(window.asked.size(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(!window.isVisible(), kTrainingTimeoutMs);
        QVERIFY(!page->isTraining());

        auto store = openStore();
        const qint64 id = page->currentRunId();
        QCOMPARE(store.getRun(id)->status, store::RunStatus::Stopped);
        const auto checkpoint = store.latestCheckpoint(id);
        QVERIFY(checkpoint.has_value());
        QVERIFY2(checkpoint->step >= 12 && checkpoint->step < 400, qPrintable(QString::number(checkpoint->step)));
        // The curve is complete up to where it stopped: every logging step, none missing.
        std::vector<int64_t> steps, expected;
        for (const auto& p : store.metrics(id, std::string("train/loss"))) steps.push_back(p.step);
        for (int64_t step = 5; step <= checkpoint->step; step += 5) expected.push_back(step);
        QCOMPARE(steps, expected);
    }
};

QTEST_MAIN(TestTrainPage)
#include "test_train_page.moc"
