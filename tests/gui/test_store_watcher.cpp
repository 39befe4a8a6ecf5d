// One workspace, the window and bertwork-cli: what the CLI adds or changes while the window is open
// (a dataset, a run, its checkpoints, a new name) shows on the pages within the watcher's interval,
// with nobody pressing refresh. Metric points alone refresh no page, and the window's own change
// is announced once, not again by the watcher.
#include "../cli/tiny_training.h"
#include "core/store/experiment_store.h"
#include "core/store/metric_writer.h"
#include "gui_test_support.h"
#include "widgets/data/data_page.h"
#include "widgets/export/export_page.h"
#include "widgets/runs/runs_page.h"
#include "widgets/runs/runs_table_model.h"
#include "widgets/store/store_watcher.h"
#include "widgets/workbench/workspace.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace bw;
using namespace bw::gui;
using bw::clitest::cli;
using bw::clitest::fixture;

namespace {

constexpr int kTick = StoreWatcher::kIntervalMilliseconds;

// The text of the Runs table's Name column, row by row as shown.
QStringList runNames(const RunsPage& page) {
    QStringList names;
    const QAbstractItemModel* table = page.runsTable();
    for (int row = 0; row < table->rowCount(); ++row)
        names << table->index(row, RunsTableModel::Name).data().toString();
    return names;
}

}  // namespace

class TestStoreWatcher : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    clitest::TinyTraining tiny_;

private slots:
    void initTestCase() {
        test::isolateSettings("test_store_watcher");
        QVERIFY(dir_.isValid());
        tiny_.prepare(dir_.path());
    }

    void pagesShowWhatTheCliAdds() {
        Workspace workspace;
        QString error;
        QVERIFY2(workspace.openStore(tiny_.db, &error), qPrintable(error));
        DataPage data(workspace);
        RunsPage runs(workspace);
        ExportPage exporter(workspace);
        QSignalSpy changed(&workspace, &Workspace::storeContentsChanged);
        QVERIFY(data.selectDataset("sst2"));
        QVERIFY(runNames(runs).isEmpty());

        // Nothing happens: nothing is announced.
        QTest::qWait(2 * kTick + 500);
        QCOMPARE(changed.count(), 0);

        const clitest::Run imported =
            cli({"import", "--db", tiny_.db, "--name", "dev", "--input", fixture("data/sst2_dev.tsv")});
        QVERIFY2(imported.exit_code == 0, imported.err.c_str());
        QVERIFY(QTest::qWaitFor([&] { return data.selectDataset("dev"); }, 3 * kTick));
        QCOMPARE(changed.count(), 1);

        const clitest::Run trained = cli(tiny_.trainArgs(dir_.filePath("run"), 4, 2));
        QVERIFY2(trained.exit_code == 0, trained.err.c_str());
        QVERIFY(QTest::qWaitFor([&] { return runNames(runs).size() == 1; }, 3 * kTick));
        const QAbstractItemModel* table = runs.runsTable();
        QCOMPARE(table->index(0, RunsTableModel::Status).data().toString(), QStringLiteral("completed"));
        QVERIFY(exporter.selectRun(1));  // its checkpoints are offered

        const clitest::Run renamed = cli({"runs", "update", "1", "--db", tiny_.db, "--name", "renamed by the CLI"});
        QVERIFY2(renamed.exit_code == 0, renamed.err.c_str());
        QVERIFY(QTest::qWaitFor([&] { return runNames(runs) == QStringList{"renamed by the CLI"}; }, 3 * kTick));

        const int before = changed.count();
        const clitest::Run named = cli({"rename-labels", "--db", tiny_.db, "--name", "dev", "0=negative", "1=positive"});
        QVERIFY2(named.exit_code == 0, named.err.c_str());
        QVERIFY(QTest::qWaitFor([&] { return changed.count() == before + 1; }, 3 * kTick));
    }

    void metricPointsRefreshNoPage() {
        Workspace workspace;
        QString error;
        QVERIFY2(workspace.openStore(tiny_.db, &error), qPrintable(error));
        QSignalSpy changed(&workspace, &Workspace::storeContentsChanged);
        store::ExperimentStore trainer = store::ExperimentStore::open(tiny_.db.toStdString());
        store::MetricWriter metrics(trainer, 1);
        for (int tick = 0; tick < 3; ++tick) {
            for (int step = 0; step < 10; ++step) metrics.add("train/loss", 1.0 / (step + 1), 100 * tick + step);
            metrics.flush();  // a commit by another connection: the watcher reads its digest
            QTest::qWait(kTick + 200);
        }
        QCOMPARE(changed.count(), 0);
        trainer.updateRun(1, {std::string("renamed by a second connection"), std::nullopt, std::nullopt});
        QVERIFY(QTest::qWaitFor([&] { return changed.count() == 1; }, 3 * kTick));
    }

    void theWindowsOwnChangeIsAnnouncedOnce() {
        Workspace workspace;
        QString error;
        QVERIFY2(workspace.openStore(tiny_.db, &error), qPrintable(error));
        RunsPage runs(workspace);
        QSignalSpy changed(&workspace, &Workspace::storeContentsChanged);
        QVERIFY(runs.updateRun(1, {std::string("renamed on the Runs page"), std::nullopt, std::nullopt}));
        QCOMPARE(changed.count(), 1);
        QTest::qWait(2 * kTick + 500);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(runNames(runs), QStringList{"renamed on the Runs page"});
    }
};

QTEST_MAIN(TestStoreWatcher)
#include "test_store_watcher.moc"
