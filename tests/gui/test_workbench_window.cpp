// The main window: pages switch from the sidebar and the View menu, a workspace that cannot be
// opened is reported and leaves the open one in place, drops go to the Data page, and the status
// bar follows the background job; the model loads on a worker thread and the latest choice wins;
// the default workspace sits in the app's data folder, not a doubled one.
#include "core/analysis/bert_pipeline.h"
#include "core/runtime/compute_device.h"
#include "core/runtime/compute_setup.h"
#include "core/runtime/core_load.h"
#include "core/store/dataset_import.h"
#include "core/store/experiment_store.h"
#include "core/store/sqlite_database.h"
#include "gui_test_support.h"
#include "widgets/attention/attention_page.h"
#include "widgets/data/data_page.h"
#include "widgets/data/dataset_view.h"
#include "widgets/export/export_page.h"
#include "widgets/playground/playground_page.h"
#include "widgets/runs/runs_page.h"
#include "widgets/shared/device_text.h"
#include "widgets/shared/elided_label.h"
#include "widgets/shared/model_picker_dialog.h"
#include "widgets/tokenizer/tokenizer_page.h"
#include "widgets/train/train_page.h"
#include "widgets/workbench/default_workspace.h"
#include "widgets/workbench/job_status_widget.h"
#include "widgets/workbench/language.h"
#include "widgets/workbench/main_window.h"
#include "widgets/workbench/page_state.h"
#include "widgets/workbench/recent_workspaces.h"
#include "widgets/workbench/theme.h"
#include "widgets/workbench/workspace.h"

#include <QElapsedTimer>
#include <QFontDatabase>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMimeData>
#include <QProgressBar>
#include <QStackedWidget>
#include <QTabWidget>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QTranslator>
#include <QWizard>
#include <QLibraryInfo>
#include <QXmlStreamReader>
#include <QFile>
#include <QtTest>

#include <filesystem>

using namespace bw::gui;

namespace {

// A run named `name` with checkpoints at these steps and folders (a folder may be gone from the
// disk); `best` is the step an evaluation chose, 0 for none. Returns its id.
struct CheckpointAt {
    int64_t step;
    std::filesystem::path folder;
};
int64_t addRunWithCheckpoints(const QString& store_path, const std::string& name, const std::vector<CheckpointAt>& checkpoints,
                              int64_t best = 0) {
    auto store = bw::store::ExperimentStore::open(store_path.toStdString());
    bw::store::RunRecord run;
    run.name = name;
    run.task = "sequence-classification";
    const int64_t id = store.createRun(run).id;
    for (const CheckpointAt& at : checkpoints) {
        bw::store::CheckpointRecord checkpoint;
        checkpoint.run_id = id;
        checkpoint.step = at.step;
        checkpoint.path = at.folder.string();
        checkpoint.is_best = at.step == best;
        if (checkpoint.is_best) checkpoint.metric_value = 0.4262;
        store.addCheckpoint(checkpoint);
    }
    return id;
}

// Records errors instead of showing message boxes.
class RecordingWindow : public MainWindow {
public:
    using MainWindow::MainWindow;
    QStringList errors;

protected:
    void reportError(const QString& title, const QString& message) override { errors << title + QLatin1Char('\n') + message; }
};

QList<PageInfo> testPages() {
    const auto label = [](const QString& text) {
        return [text](Workspace&, QWidget* parent) -> QWidget* { return new QLabel(text, parent); };
    };
    return {{QStringLiteral("data"), QStringLiteral("Data"), {}, label(QStringLiteral("data page"))},
            {QStringLiteral("tokenizer"), QStringLiteral("Tokenizer"), {},
             [](Workspace& w, QWidget* parent) -> QWidget* { return new TokenizerPage(w, parent); }},
            {QStringLiteral("runs"), QStringLiteral("Runs"), {}, label(QStringLiteral("runs page"))}};
}

// Every page of the workbench, as app/gui/pages.cpp builds them.
template <typename Page>
PageInfo realPage(const char* id) {
    return {QString::fromLatin1(id), QString::fromLatin1(id), {},
            [](Workspace& w, QWidget* parent) -> QWidget* { return new Page(w, parent); }};
}

QList<PageInfo> workbenchPages() {
    return {realPage<DataPage>("data"),         realPage<TokenizerPage>("tokenizer"),
            realPage<TrainPage>("train"),       realPage<RunsPage>("runs"),
            realPage<AttentionPage>("attention"), realPage<PlaygroundPage>("playground"),
            realPage<ExportPage>("export")};
}

// Drags `path` over the window and drops it, as the user would (the drop goes to the widget that
// accepted the drag).
void dropOn(QWidget& window, const QString& path) {
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace

class TestWorkbenchWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        bw::test::isolateSettings("test_workbench_window");
        QSettings().clear();
    }

    // The model loads on a worker thread; choosing another model meanwhile discards the first load.
    void modelLoadsInTheBackgroundAndTheLatestChoiceWins() {
        Workspace workspace;
        using State = Workspace::ModelState;
        QCOMPARE(workspace.modelState(), State::None);
        workspace.setModelDir(bw::test::goldenModel("seqcls"));
        QCOMPARE(workspace.modelState(), State::NotLoaded);
        QSignalSpy loaded(&workspace, &Workspace::pipelineLoaded);
        workspace.loadPipeline();
        QCOMPARE(workspace.modelState(), State::Loading);
        QVERIFY(!workspace.pipeline());
        workspace.setModelDir(bw::test::goldenModel("pretraining"));
        workspace.loadPipeline();
        QVERIFY(bw::test::waitForModel(workspace));
        QCOMPARE(workspace.modelState(), State::Ready);
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(workspace.pipeline()->summary().architecture, std::string("BertForPreTraining"));

        workspace.setModelDir(QStringLiteral("/nonexistent/model"));
        workspace.loadPipeline();
        QVERIFY(bw::test::waitForModel(workspace));
        QCOMPARE(workspace.modelState(), State::Failed);
        QVERIFY(workspace.pipelineError().contains(QStringLiteral("/nonexistent/model")));
        workspace.loadPipeline();  // a failed model is not retried until it is chosen again
        QCOMPARE(workspace.modelState(), State::Failed);
    }

    void sidebarAndViewMenuSwitchPages() {
        Workspace workspace;
        workspace.setModelDir(bw::test::goldenModel("seqcls"));
        RecordingWindow window(workspace, testPages());
        window.show();
        QCOMPARE(window.pageIds(), (QStringList{"data", "tokenizer", "runs"}));
        auto* sidebar = window.findChild<QListWidget*>(QStringLiteral("sidebar"));
        auto* stack = window.findChild<QStackedWidget*>();
        QVERIFY(sidebar && stack);
        QCOMPARE(sidebar->count(), 3);

        sidebar->setCurrentRow(1);
        QCOMPARE(window.currentPageId(), QStringLiteral("tokenizer"));
        QVERIFY(stack->currentWidget()->isAncestorOf(window.page(QStringLiteral("tokenizer"))));
        QVERIFY(qobject_cast<TokenizerPage*>(window.page(QStringLiteral("tokenizer"))));
        QVERIFY(window.page(QStringLiteral("tokenizer"))->isVisible());

        // View ▸ Runs has Ctrl+3.
        QAction* runs = nullptr;
        for (QAction* action : window.findChildren<QAction*>())
            if (action->data().toString() == QLatin1String("runs")) runs = action;
        QVERIFY(runs);
        QCOMPARE(runs->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_3));
        runs->trigger();
        QCOMPARE(window.currentPageId(), QStringLiteral("runs"));
        QCOMPARE(sidebar->currentRow(), 2);
        QVERIFY(!window.showPage(QStringLiteral("nonexistent")));
        QCOMPARE(window.currentPageId(), QStringLiteral("runs"));
    }

    void corruptStoreIsReportedAndTheOpenOneKept() {
        QTemporaryDir dir;
        Workspace workspace;
        RecordingWindow window(workspace, testPages());
        const QString good = dir.filePath(QStringLiteral("good.sqlite"));
        QVERIFY(window.openWorkspace(good));
        QCOMPARE(workspace.storePath(), good);
        QVERIFY(window.errors.isEmpty());
        QCOMPARE(RecentWorkspaces::last(), QFileInfo(good).absoluteFilePath());

        const QString corrupt = dir.filePath(QStringLiteral("corrupt.sqlite"));
        const QByteArray garbage("this is not a SQLite database, just some words and no header\n");
        QFile file(corrupt);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(garbage);
        file.close();
        QSignalSpy changed(&workspace, &Workspace::storeChanged);
        QVERIFY(!window.openWorkspace(corrupt));
        QCOMPARE(window.errors.size(), 1);
        QVERIFY2(window.errors.first().contains(corrupt), qPrintable(window.errors.first()));
        QCOMPARE(workspace.storePath(), good);  // the previous workspace stays open
        QCOMPARE(changed.count(), 0);
        QCOMPARE(readAll(corrupt), garbage);  // and nothing was written to the bad file
        QCOMPARE(RecentWorkspaces::last(), QFileInfo(good).absoluteFilePath());
        QVERIFY(window.windowTitle().contains(QStringLiteral("good")));

        // A real store whose data pages were overwritten: refused at open, not at the first query.
        const QString damaged = dir.filePath(QStringLiteral("damaged.sqlite"));
        {
            auto store = bw::store::ExperimentStore::open(damaged.toStdString());
            bw::store::RunRecord spec;
            spec.name = "run";
            const int64_t run = store.createRun(spec).id;
            for (int step = 0; step < 2000; ++step) {
                bw::store::EvaluationRecord e;
                e.run_id = run;
                e.step = step;
                e.metrics = {{"accuracy", step / 2000.0}, {"note", std::string(200, 'x')}};
                store.addEvaluation(e);
            }
        }
        QFile pages(damaged);
        QVERIFY(pages.open(QIODevice::ReadWrite));
        QVERIFY(pages.size() > 60 * 4096);
        pages.seek(20 * 4096);
        pages.write(QByteArray(20 * 4096, '\x5a'));
        pages.close();
        const QByteArray before = readAll(damaged);
        QVERIFY(!window.openWorkspace(damaged));
        QCOMPARE(window.errors.size(), 2);
        QVERIFY2(window.errors.last().contains(QStringLiteral("file is damaged")), qPrintable(window.errors.last()));
        QCOMPARE(workspace.storePath(), good);
        QCOMPARE(readAll(damaged), before);
        QCOMPARE(RecentWorkspaces::last(), QFileInfo(good).absoluteFilePath());
    }

    // Opening reads every page of the file (PRAGMA quick_check) on a worker thread: timers keep
    // firing, so the window keeps painting through a 200 MB store, and the store is then open.
    void aBigWorkspaceOpensWithoutFreezingTheWindow() {
        QTemporaryDir dir;
        const QString big = dir.filePath(QStringLiteral("big.sqlite"));
        bw::store::ExperimentStore::open(big.toStdString());
        {
            bw::store::Database raw = bw::store::Database::open(big.toStdString(), 5000);
            raw.execute("CREATE TABLE padding (bytes BLOB)");
            raw.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) "
                        "INSERT INTO padding SELECT randomblob(1000000) FROM n");
        }
        Workspace workspace;
        RecordingWindow window(workspace, testPages());
        int ticks = 0;
        QTimer timer;
        timer.setInterval(10);
        connect(&timer, &QTimer::timeout, this, [&] { ++ticks; });
        timer.start();
        QElapsedTimer clock;
        clock.start();
        QVERIFY(window.openWorkspace(big));
        const qint64 ms = clock.elapsed();
        timer.stop();
        QCOMPARE(workspace.storePath(), big);
        QVERIFY(window.errors.isEmpty());
        // (About 120 ms here; a frozen window lets no 10 ms timer fire at all.)
        QVERIFY2(ms >= 40, qPrintable(QString("the check took %1 ms: too short to tell").arg(ms)));
        QVERIFY2(ticks >= std::max<qint64>(1, ms / 40), qPrintable(QString("%1 timer ticks in %2 ms").arg(ticks).arg(ms)));
    }

    void droppedFileGoesToTheDataPage() {
        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("reviews.csv"));
        QFile(csv).open(QIODevice::WriteOnly);
        Workspace workspace;
        RecordingWindow window(workspace, testPages());
        window.show();
        window.showPage(QStringLiteral("runs"));
        QSignalSpy imports(&workspace, &Workspace::importRequested);
        dropOn(window, csv);
        QCOMPARE(imports.count(), 1);
        QCOMPARE(imports.first().first().toString(), csv);
        QCOMPARE(window.currentPageId(), QStringLiteral("data"));

        // A dropped model folder becomes the model instead.
        dropOn(window, bw::test::goldenModel("pretraining"));
        QCOMPARE(workspace.modelDir(), bw::test::goldenModel("pretraining"));
        QCOMPARE(imports.count(), 1);
    }

    // A model folder that does not load is reported, and the model in use stays (or none, at start).
    void brokenModelIsReportedAndThePreviousKept() {
        QTemporaryDir dir;
        QFile config(dir.filePath(QStringLiteral("config.json")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("{\"hidden_size\": 12");  // truncated
        config.close();
        const QString good = bw::test::goldenModel("seqcls");
        Workspace workspace;
        RecordingWindow window(workspace, testPages());
        window.openModel(good);
        QVERIFY(bw::test::waitForModel(workspace));
        QCOMPARE(workspace.modelState(), Workspace::ModelState::Ready);
        QVERIFY(window.errors.isEmpty());

        window.openModel(dir.path());
        QTRY_COMPARE_WITH_TIMEOUT(window.errors.size(), 1, 60000);
        QVERIFY2(window.errors.first().contains(dir.path()), qPrintable(window.errors.first()));
        QVERIFY2(window.errors.first().contains(QStringLiteral("config.json")), qPrintable(window.errors.first()));
        QCOMPARE(workspace.modelDir(), good);
        QCOMPARE(QSettings().value(QStringLiteral("model/last")).toString(), good);
        workspace.loadPipeline();
        QVERIFY(bw::test::waitForModel(workspace));
        QCOMPARE(workspace.modelState(), Workspace::ModelState::Ready);

        // At start (bertwork --model DIR) there is no model to go back to.
        Workspace fresh;
        RecordingWindow starting(fresh, testPages());
        starting.openModel(dir.path());
        QTRY_COMPARE_WITH_TIMEOUT(starting.errors.size(), 1, 60000);
        QCOMPARE(fresh.modelState(), Workspace::ModelState::None);
    }

    // File → Choose Model… lists the runs' checkpoints; the chosen one loads, and the status bar
    // names its run and step rather than its folder.
    void modelPickerNamesTheRunAndStep() {
        QTemporaryDir dir;
        const QString store_path = dir.filePath(QStringLiteral("picker.sqlite"));
        const std::filesystem::path checkpoint = std::filesystem::path(dir.path().toStdString()) / "out" / "checkpoint-8";
        std::filesystem::create_directories(checkpoint.parent_path());
        std::filesystem::copy(bw::test::goldenModel("seqcls").toStdString(), checkpoint,
                              std::filesystem::copy_options::recursive);
        // Step 4's folder is deleted from the disk.
        addRunWithCheckpoints(store_path, "sst2-small", {{4, checkpoint.parent_path() / "checkpoint-4"}, {8, checkpoint}}, 8);
        Workspace workspace;
        QVERIFY(workspace.openStore(store_path, nullptr));
        RecordingWindow window(workspace, testPages());
        ModelPickerDialog* picker = window.openModelPicker();
        QTreeWidget* tree = picker->tree();
        QTreeWidgetItem* run = nullptr;
        for (int i = 0; i < tree->topLevelItemCount(); ++i)
            if (tree->topLevelItem(i)->text(0).contains(QStringLiteral("sst2-small"))) run = tree->topLevelItem(i);
        QVERIFY(run);
        QCOMPARE(run->childCount(), 2);
        QVERIFY(run->child(0)->isDisabled());  // its folder is gone
        QVERIFY(run->child(1)->text(0).contains(QStringLiteral("best")));
        // The metric is named, as on the Runs page: no metric_for_best_model is the loss.
        QCOMPARE(run->child(1)->text(2), QStringLiteral("loss 0.4262"));
        QCOMPARE(run->child(0)->text(2), QString());  // saved without an evaluation: none
        QCOMPARE(run->data(0, ModelPickerDialog::DirRole).toString(), QString::fromStdString(checkpoint.string()));
        picker->setFilter(QStringLiteral("no such run"));
        QVERIFY(run->isHidden());
        picker->setFilter(QStringLiteral("SST2"));
        QVERIFY(!run->isHidden());

        QVERIFY(picker->selectDir(QString::fromStdString(checkpoint.string())));
        QCOMPARE(tree->currentItem(), run->child(1));
        if (const QString shots = qEnvironmentVariable("BW_SCREENSHOT_DIR"); !shots.isEmpty()) {
            run->setExpanded(true);
            QTest::qWait(50);
            picker->grab().save(shots + QStringLiteral("/model-picker.png"));
            window.grab().save(shots + QStringLiteral("/window-before-pick.png"));
        }
        picker->accept();
        QCOMPARE(workspace.modelDir(), QString::fromStdString(checkpoint.string()));
        QVERIFY(bw::test::waitForModel(workspace));
        QVERIFY2(window.errors.isEmpty(), qPrintable(window.errors.join('\n')));
        QCOMPARE(window.modelLabelText(), QStringLiteral("Model: run 1 “sst2-small” · step 8 (best, last)"));
        if (const QString shots = qEnvironmentVariable("BW_SCREENSHOT_DIR"); !shots.isEmpty()) {
            window.resize(1200, 500);
            window.show();
            QTest::qWait(50);
            window.grab().save(shots + QStringLiteral("/window-picked.png"));
        }

        // The run renamed by another process (or the Runs page): the status bar follows the store
        // (it once kept the old name until another model was chosen).
        {
            auto store = bw::store::ExperimentStore::open(store_path.toStdString());
            bw::store::RunUpdate rename;
            rename.name = "renamed";
            store.updateRun(1, rename);
        }
        QTRY_COMPARE_WITH_TIMEOUT(window.modelLabelText(), QStringLiteral("Model: run 1 “renamed” · step 8 (best, last)"),
                                  10000);

        // A run that never evaluated has no best checkpoint: its last is only "last" (it once said
        // "(best, last)", since Best falls back to the last). Deleted, it is named by its folder.
        const std::filesystem::path unevaluated = std::filesystem::path(dir.path().toStdString()) / "plain" / "checkpoint-3";
        std::filesystem::create_directories(unevaluated.parent_path());
        std::filesystem::copy(checkpoint, unevaluated, std::filesystem::copy_options::recursive);
        QSignalSpy store_changes(&workspace, &Workspace::storeContentsChanged);
        const int64_t plain_run = addRunWithCheckpoints(store_path, "no-evaluation", {{3, unevaluated}});
        window.openModel(QString::fromStdString(unevaluated.string()));
        QVERIFY(bw::test::waitForModel(workspace));
        QCOMPARE(window.modelLabelText(), QStringLiteral("Model: run %1 “no-evaluation” · step 3 (last)").arg(plain_run));
        // The watcher compares what the store lists tick by tick: a run added and deleted within one
        // tick leaves the listing as it was. Let it see the new run first.
        QTRY_VERIFY_WITH_TIMEOUT(!store_changes.isEmpty(), 10000);
        {
            auto store = bw::store::ExperimentStore::open(store_path.toStdString());
            store.deleteRun(plain_run);
        }
        QTRY_COMPARE_WITH_TIMEOUT(window.modelLabelText(), QStringLiteral("Model: plain/checkpoint-3"), 10000);

        // A folder that is no run's checkpoint keeps its folder name.
        window.openModel(bw::test::goldenModel("seqcls"));
        QVERIFY(bw::test::waitForModel(workspace));
        QCOMPARE(window.modelLabelText(), QStringLiteral("Model: seqcls"));

        // A run whose best checkpoint's folder was deleted: its row opens the latest one left, and
        // says why (it was blank, and "Use this model" greyed without a reason).
        addRunWithCheckpoints(store_path, "best-deleted", {{2, unevaluated}, {5, unevaluated.parent_path() / "checkpoint-5"}}, 5);
        ModelPickerDialog* again = window.openModelPicker();
        QTreeWidgetItem* best_deleted = nullptr;
        for (int i = 0; i < again->tree()->topLevelItemCount(); ++i)
            if (again->tree()->topLevelItem(i)->text(0).contains(QStringLiteral("best-deleted"))) best_deleted = again->tree()->topLevelItem(i);
        QVERIFY(best_deleted);
        QCOMPARE(best_deleted->data(0, ModelPickerDialog::DirRole).toString(), QString::fromStdString(unevaluated.string()));
        QCOMPARE(best_deleted->text(1), QStringLiteral("2"));
        QVERIFY2(best_deleted->toolTip(0).contains(QStringLiteral("deleted")), qPrintable(best_deleted->toolTip(0)));
        again->reject();
    }

    // File > Run the Model in Int8: the model loads again with its encoder quantized, the status bar
    // says so, and switching back gives the float32 pipeline again.
    void int8SwitchReloadsTheModel() {
        Workspace workspace;
        RecordingWindow window(workspace, testPages());
        window.openModel(bw::test::goldenModel("seqcls"));
        QVERIFY(bw::test::waitForModel(workspace));
        QCOMPARE(workspace.pipeline()->summary().precision, std::string("float32"));
        QAction* int8 = window.findChild<QAction*>(QStringLiteral("int8Action"));
        QVERIFY(int8 && int8->isCheckable() && !int8->isChecked());
        QSignalSpy changed(&workspace, &Workspace::modelChanged);
        int8->trigger();
        QCOMPARE(changed.count(), 1);
        QVERIFY(workspace.int8Inference());
        QCOMPARE(window.modelLabelText(), QStringLiteral("Model: seqcls · int8"));
        workspace.loadPipeline();
        QVERIFY(bw::test::waitForModel(workspace));
        QCOMPARE(workspace.pipeline()->summary().precision, std::string("int8"));
        int8->trigger();
        QCOMPARE(window.modelLabelText(), QStringLiteral("Model: seqcls"));
        workspace.loadPipeline();
        QVERIFY(bw::test::waitForModel(workspace));
        QCOMPARE(workspace.pipeline()->summary().precision, std::string("float32"));
        QVERIFY2(window.errors.isEmpty(), qPrintable(window.errors.join('\n')));
    }

    // File > Train With Fewer Threads While Other Programs Are Busy: off at first; on, the process's
    // compute setting adapts (what the trainer reads when a run starts) and the choice is kept for
    // the next start; off again, one thread per core and nothing kept.
    void adaptiveThreadsSwitchIsAppliedAndKept() {
        Workspace workspace;
        RecordingWindow window(workspace, testPages());
        QAction* adaptive = window.findChild<QAction*>(QStringLiteral("adaptiveThreadsAction"));
        QVERIFY(adaptive && adaptive->isCheckable() && !adaptive->isChecked());
        QVERIFY(!bw::currentComputeSetup().adaptive_threads);
        adaptive->trigger();
        QVERIFY(bw::currentComputeSetup().adaptive_threads);
        QCOMPARE(QSettings().value(QStringLiteral("compute/adaptiveThreads")).toBool(), true);
        {
            Workspace again;
            RecordingWindow next_start(again, testPages());
            QVERIFY(next_start.findChild<QAction*>(QStringLiteral("adaptiveThreadsAction"))->isChecked());
        }
        adaptive->trigger();
        QVERIFY(!bw::currentComputeSetup().adaptive_threads);
        QCOMPARE(bw::currentComputeSetup().intra_op_threads, static_cast<int>(bw::usableCpus().size()));
        QVERIFY(!QSettings().contains(QStringLiteral("compute/adaptiveThreads")));
    }

    // The window fits a 1024 px screen with every page in it (a page's minimum width is the window's).
    void everyPageFitsASmallScreen() {
        QTemporaryDir dir;
        Workspace workspace;
        workspace.setModelDir(bw::test::goldenModel("seqcls"));
        RecordingWindow window(workspace, workbenchPages());
        QVERIFY(window.openWorkspace(dir.filePath(QStringLiteral("w.sqlite"))));
        window.resize(1024, 700);
        window.show();
        for (const QString& id : window.pageIds()) {
            window.showPage(id);
            bw::test::waitForModel(workspace);
            QTest::qWait(50);
            const int page_width = window.page(id)->minimumSizeHint().width();
            QVERIFY2(window.width() <= 1024 && window.minimumSizeHint().width() <= 1024,
                     qPrintable(QStringLiteral("%1: window %2 px wide (minimum %3), the page needs %4")
                                    .arg(id).arg(window.width()).arg(window.minimumSizeHint().width()).arg(page_width)));
        }
    }

    void statusBarFollowsTheJob() {
        Workspace workspace;
        RecordingWindow window(workspace, testPages());
        window.show();
        auto* job = window.findChild<JobStatusWidget*>();
        QVERIFY(job);
        QVERIFY(!job->isVisible());
        workspace.beginJob(QStringLiteral("Importing reviews.csv"));
        QVERIFY(job->isVisible());
        workspace.reportJobProgress(40, QStringLiteral("4,000 rows"));
        QCOMPARE(job->findChild<QProgressBar*>()->value(), 40);
        QVERIFY(job->findChild<ElidedLabel*>()->fullText().contains(QStringLiteral("4,000 rows")));

        QSignalSpy cancel(&workspace, &Workspace::jobCancelRequested);
        job->findChild<QToolButton*>()->click();
        QCOMPARE(cancel.count(), 1);
        workspace.endJob(QStringLiteral("Import cancelled"));
        QVERIFY(!job->isVisible());
        QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("Import cancelled"));
        // The next job's progress takes the place of the last one's message (a resumed run's
        // progress was drawn over "Run #2 stopped at step 77; Resume continues it.").
        workspace.beginJob(QStringLiteral("Training"));
        QVERIFY(job->isVisible());
        QVERIFY(window.statusBar()->currentMessage().isEmpty());
        workspace.endJob(QString());
    }

    // A job with a long title (an analysis names its split, checkpoint and run) once widened the
    // window past a 1280-pixel screen for good; so could a long model title. Both stay within 1024.
    void aLongStatusDoesNotWidenTheWindow() {
        Workspace workspace;
        RecordingWindow window(workspace, testPages());
        window.show();
        const QString long_name(200, QLatin1Char('x'));
        workspace.beginJob(QStringLiteral("Analysing the validation split of %1 with checkpoint 136").arg(long_name));
        workspace.reportJobProgress(40, QStringLiteral("60 of 150 rows of %1").arg(long_name));
        QTemporaryDir dir;
        const QString folder = QDir(dir.path()).filePath(long_name);
        QDir().mkpath(folder);
        workspace.setModelDir(folder);
        QTest::qWait(50);
        QVERIFY2(window.minimumSizeHint().width() <= 1024 && window.statusBar()->minimumSizeHint().width() <= 1024,
                 qPrintable(QStringLiteral("window minimum %1 px, status bar %2 px")
                                .arg(window.minimumSizeHint().width())
                                .arg(window.statusBar()->minimumSizeHint().width())));
        QVERIFY(window.findChild<JobStatusWidget*>()->findChild<ElidedLabel*>()->fullText().contains(long_name));
        workspace.endJob(QString());
    }

    // In Chinese, Qt's own buttons (the wizard's Next and Back, dialogs' OK) are Chinese too.
    // Chinese: our own strings (the window's menus, the Quit question's buttons) and, where Debian's
    // qt6-translations-l10n is installed, Qt's own (QWizard's Next).
    void stringsFollowTheLanguage() {
        const QLocale before;
        setLanguageSetting(QStringLiteral("zh_CN"));
        installTranslators(*qApp);
        Workspace workspace;
        QString quit_text;
        {
            RecordingWindow window(workspace, testPages());
            for (QAction* action : window.findChildren<QAction*>())
                if (action->menuRole() == QAction::QuitRole) quit_text = action->text();
        }
        const QString stop_and_quit = QCoreApplication::translate("bw::gui::MainWindow", "Stop and Quit");
        const bw::ComputeDeviceInfo cpu = bw::computeDeviceInfo("cpu");
        const QString device = deviceText(cpu);  // the status bar's and the wizard's; it was English
        // A CJK font leads (its metrics size the lines: a Latin font's clipped the glyphs' tops).
        const QString chinese_font = QGuiApplication::font().families().value(0);
        QWizard wizard;
        const QString next = wizard.buttonText(QWizard::NextButton);
        for (QTranslator* translator : qApp->findChildren<QTranslator*>()) {  // English again for the others
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
        setLanguageSetting(QString());
        QLocale::setDefault(before);
        QCOMPARE(quit_text, QStringLiteral("退出(&Q)"));  // translations/bertwork_zh_CN.ts
        QCOMPARE(device, QStringLiteral("cpu：CPU（%1 个线程，%2 个核心）").arg(cpu.cpu_threads).arg(cpu.cpu_cores));
        QVERIFY2(QFontDatabase::writingSystems(chinese_font).contains(QFontDatabase::SimplifiedChinese), qPrintable(chinese_font));
        installTranslators(*qApp);  // the system's language again (English here): the application's font again
        const QString font_after = QGuiApplication::font().families().value(0);
        for (QTranslator* translator : qApp->findChildren<QTranslator*>()) {  // the other tests read the sources
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
        QVERIFY2(!QFontDatabase::writingSystems(font_after).contains(QFontDatabase::SimplifiedChinese), qPrintable(font_after));
        QVERIFY2(stop_and_quit != QStringLiteral("Stop and Quit") && !stop_and_quit.isEmpty(), qPrintable(stop_and_quit));
        const QString qt_translations = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
        if (!QFileInfo::exists(qt_translations + QStringLiteral("/qtbase_zh_CN.qm")))
            QSKIP("Qt's own translations are not installed (Debian: qt6-translations-l10n); ours were checked");
        QVERIFY2(!next.contains(QStringLiteral("Next")), qPrintable(next));
    }

    // English, the source language, says "1 row" and "300 rows" where the source has "%n row(s)":
    // also in a language without a translation of its own (German here). Every message with %n is
    // looked up: a new one that bertwork_en.ts lacks fails here.
    void englishPluralsForEveryCount() {
        const QLocale before;
        struct Message {
            QString context, source;
        };
        QList<Message> messages;
        QFile ts(QStringLiteral(BW_PLURALS_TS));
        QVERIFY(ts.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&ts);
        QString context;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement) continue;
            if (xml.name() == QStringLiteral("name")) context = xml.readElementText();
            else if (xml.name() == QStringLiteral("source")) messages.append({context, xml.readElementText()});
        }
        QVERIFY(!xml.hasError());
        QVERIFY2(messages.size() >= 20, qPrintable(QString::number(messages.size())));

        for (const QString& language : {QStringLiteral("en_US"), QStringLiteral("de_DE")}) {
            setLanguageSetting(language);
            installTranslators(*qApp);
            QCOMPARE(QCoreApplication::translate("bw::gui::ImportDialog", "Imported %Ln row(s) into %1", "", 1),
                     QStringLiteral("Imported 1 row into %1"));
            QCOMPARE(QCoreApplication::translate("bw::gui::ImportDialog", "Imported %Ln row(s) into %1", "", 300),
                     QStringLiteral("Imported 300 rows into %1"));
            // Counts of rows in the locale's digits, as the other figures beside them ("3000 rows" once
            // stood beside "2,700").
            QCOMPARE(QCoreApplication::translate("bw::gui::ImportDialog", "Imported %Ln row(s) into %1", "", 3000),
                     QStringLiteral("Imported %1 rows into %2").arg(QLocale().toString(3000), QStringLiteral("%1")));
            QVERIFY(QLocale().toString(3000) != QStringLiteral("3000"));
            for (const Message& m : messages) {
                const QByteArray context = m.context.toUtf8(), source = m.source.toUtf8();
                const QString one = QCoreApplication::translate(context.constData(), source.constData(), "", 1);
                const QString many = QCoreApplication::translate(context.constData(), source.constData(), "", 300);
                QVERIFY2(!one.contains(QStringLiteral("(s)")) && !many.contains(QStringLiteral("(s)")) && one != many,
                         qPrintable(m.context + QStringLiteral(": ") + one + QStringLiteral(" / ") + many));
            }
        }
        for (QTranslator* translator : qApp->findChildren<QTranslator*>()) {
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
        setLanguageSetting(QString());
        QLocale::setDefault(before);
    }

    // View ▸ Language and View ▸ Theme apply at once: the window makes its pages, menus and status
    // bar again, in Chinese or in dark colours, and keeps the page shown; while a job runs that
    // waits for its end.
    void languageAndThemeApplyWithoutRestart() {
        const QLocale before;
        Workspace workspace;
        int made = 0;
        RecordingWindow window(workspace, [&made](const QPalette& palette) {
            ++made;
            QList<PageInfo> pages = testPages();
            // A page that keeps the window colour it was made with, as plots and icons do.
            pages << PageInfo{QStringLiteral("colour"), QStringLiteral("Colour"), {},
                              [colour = palette.color(QPalette::Window)](Workspace&, QWidget* parent) -> QWidget* {
                                  auto* label = new QLabel(colour.name(), parent);
                                  return label;
                              }};
            return pages;
        });
        QCOMPARE(made, 1);
        QVERIFY(window.showPage(QStringLiteral("runs")));
        const auto fileMenu = [&] { return window.menuBar()->actions().first()->text(); };
        QCOMPARE(fileMenu(), QStringLiteral("&File"));

        window.setLanguage(QStringLiteral("zh_CN"));
        QCOMPARE(made, 2);
        QCOMPARE(fileMenu(), QStringLiteral("文件(&F)"));
        QCOMPARE(window.modelLabelText(), QStringLiteral("无模型"));
        QCOMPARE(window.currentPageId(), QStringLiteral("runs"));
        QCOMPARE(languageSetting(), QStringLiteral("zh_CN"));

        // A job runs: the palette changes at once, the pages wait for the job to end.
        workspace.beginJob(QStringLiteral("training"));
        window.setTheme(Theme::Dark);
        QCOMPARE(made, 2);
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
        QVERIFY(QApplication::palette().color(QPalette::WindowText).lightness() > 180);
        workspace.endJob(QString());
        QTRY_COMPARE(made, 3);
        const QString dark = QApplication::palette().color(QPalette::Window).name();
        QCOMPARE(window.findChild<QLabel*>(QStringLiteral("colourPage"))->text(), dark);
        QCOMPARE(themeSetting(), Theme::Dark);

        window.setTheme(Theme::Light);
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 180);
        QCOMPARE(window.findChild<QLabel*>(QStringLiteral("colourPage"))->text(),
                 QApplication::palette().color(QPalette::Window).name());
        window.setTheme(Theme::System);
        window.setLanguage(QString());
        QCOMPARE(fileMenu(), QStringLiteral("&File"));
        QCOMPARE(window.rebuildCount(), 5);  // Chinese, dark (after the job), light, system, English
        QLocale::setDefault(before);
    }

    // A page's own state survives the window making its pages again: the walkthrough's switch to
    // Chinese put the Data page back on the first dataset and its first split.
    void aPageKeepsWhatWasChosenAcrossALanguageSwitch() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("state.sqlite"));
        bw::test::importSst2(path, "sst2_train_head300.tsv");
        {
            auto store = bw::store::ExperimentStore::open(path.toStdString());
            bw::store::ImportRequest other;
            other.input = BW_FIXTURES_DIR "/data/sst2_train_head300.tsv";
            other.name = "aa-first";  // listed before sst2: a page made anew selects it
            bw::store::importDataset(store, other);
        }
        Workspace workspace;
        QVERIFY(workspace.openStore(path, nullptr));
        RecordingWindow window(workspace, [](const QPalette&) {
            return QList<PageInfo>{realPage<DataPage>("data"), realPage<TokenizerPage>("tokenizer"),
                                   realPage<AttentionPage>("attention"), realPage<PlaygroundPage>("playground")};
        });
        auto* data = qobject_cast<DataPage*>(window.page(QStringLiteral("data")));
        QVERIFY(data);
        QVERIFY(data->selectDataset(QStringLiteral("sst2")));
        QVERIFY(data->datasetView()->setCurrentSplit(QStringLiteral("validation")));
        data->findChild<QTabWidget*>(QStringLiteral("datasetTabs"))->setCurrentIndex(1);
        const QVariantMap before = data->viewState();
        QCOMPARE(before.value(QStringLiteral("split")).toString(), QStringLiteral("validation"));
        // Texts typed on the model pages (no model here: the texts wait for one).
        qobject_cast<TokenizerPage*>(window.page(QStringLiteral("tokenizer")))->setTexts(QStringLiteral("naïve café"), QStringLiteral("b"));
        auto* attention = qobject_cast<AttentionPage*>(window.page(QStringLiteral("attention")));
        attention->setInputs(QStringLiteral("the cat sat"), QStringLiteral("a dog ran"));
        attention->setHideSpecialTokens(true);
        qobject_cast<PlaygroundPage*>(window.page(QStringLiteral("playground")))
            ->restoreViewState({{QStringLiteral("text"), QStringLiteral("what a film")}, {QStringLiteral("top_k"), 7}});
        const auto stateOf = [&](const char* id) { return dynamic_cast<PageState*>(window.page(QLatin1String(id)))->viewState(); };
        const QVariantMap tokenizer = stateOf("tokenizer"), attention_state = stateOf("attention"), playground = stateOf("playground");
        QCOMPARE(tokenizer.value(QStringLiteral("text")).toString(), QStringLiteral("naïve café"));
        QCOMPARE(playground.value(QStringLiteral("top_k")).toInt(), 7);

        window.setLanguage(QStringLiteral("zh_CN"));
        QCOMPARE(stateOf("tokenizer"), tokenizer);
        QCOMPARE(stateOf("playground"), playground);
        for (const char* key : {"text", "pair", "hide_specials"})
            QCOMPARE(stateOf("attention").value(QLatin1String(key)), attention_state.value(QLatin1String(key)));
        auto* rebuilt = qobject_cast<DataPage*>(window.page(QStringLiteral("data")));
        QVERIFY(rebuilt && rebuilt != data);
        QCOMPARE(rebuilt->viewState(), before);
        QCOMPARE(rebuilt->findChild<QTabWidget*>(QStringLiteral("datasetTabs"))->currentIndex(), 1);
        window.setLanguage(QString());
        QCOMPARE(qobject_cast<DataPage*>(window.page(QStringLiteral("data")))->viewState(), before);
    }

    // The app's organisation and application are both "Bertwork": the default workspace goes to
    // <data>/Bertwork, not <data>/Bertwork/Bertwork; one that earlier versions left there stays in use.
    void defaultWorkspaceFolderIsNotDoubled() {
        const QString organisation = QCoreApplication::organizationName(), application = QCoreApplication::applicationName();
        QCoreApplication::setOrganizationName(QStringLiteral("Bertwork"));
        QCoreApplication::setApplicationName(QStringLiteral("Bertwork"));
        const QString data = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
        QDir ours(QDir(data).filePath(QStringLiteral("Bertwork")));  // in ~/.qttest/share, never the user's
        ours.removeRecursively();
        const QString path = defaultWorkspacePath();
        const QString earlier_folder = QDir(data).filePath(QStringLiteral("Bertwork/Bertwork"));
        QDir().mkpath(earlier_folder);
        QFile earlier(QDir(earlier_folder).filePath(QStringLiteral("workspace.sqlite")));
        const bool wrote = earlier.open(QIODevice::WriteOnly);
        earlier.close();
        const QString with_earlier = defaultWorkspacePath();
        ours.removeRecursively();
        QCoreApplication::setOrganizationName(organisation);
        QCoreApplication::setApplicationName(application);

        QCOMPARE(path, QDir(data).filePath(QStringLiteral("Bertwork/workspace.sqlite")));
        QVERIFY2(!path.contains(QStringLiteral("Bertwork/Bertwork")), qPrintable(path));
        QVERIFY(wrote);
        QCOMPARE(with_earlier, earlier.fileName());
    }

    // A workspace without data gets the bundled SST-2 slice and says so (it came without a word);
    // one with data, or opened again, is left alone.
    void aNewWorkspaceIsSeededAndSaysSo() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("new.sqlite"));
        (void)bw::store::ExperimentStore::open(path.toStdString());  // a new, empty workspace
        const QString said = seedBundledDataset(path);
        QCOMPARE(said, QStringLiteral("Added the bundled SST-2 slice, “sst2-quickstart”, to this empty workspace."));
        auto store = bw::store::ExperimentStore::open(path.toStdString());
        const auto dataset = store.findDataset("sst2-quickstart");
        QVERIFY(dataset.has_value());
        QCOMPARE(store.rowCount(dataset->id, "train"), int64_t{10000});
        QCOMPARE(seedBundledDataset(path), QString());  // it has data now
        QCOMPARE(store.listDatasets().size(), size_t{1});
    }
};

QTEST_MAIN(TestWorkbenchWindow)
#include "test_workbench_window.moc"
