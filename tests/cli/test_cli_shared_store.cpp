// One workspace shared by the window and the CLI: a process that holds store connections (as the
// window does) while other processes open and close the same file (as bertwork-cli does) must not
// lose a write, nor end up writing to a write-ahead log another process deleted. And a command that
// only reads refuses a missing store instead of creating an empty one.
#include "cli_runner.h"
#include "tiny_training.h"

#include "core/store/experiment_store.h"
#include "tests/support/posix_locks.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <optional>

#include <fcntl.h>
#include <unistd.h>

using nlohmann::json;
using namespace bw::clitest;
namespace store = bw::store;

namespace {

// This process's descriptors whose file was deleted while open, as /proc shows them.
QStringList deletedFilesHeldOpen() {
    QStringList deleted;
    const QDir fds(QStringLiteral("/proc/self/fd"));
    for (const QString& fd : fds.entryList(QDir::NoDotAndDotDot | QDir::System | QDir::Files | QDir::Dirs)) {
        const QString target = QFileInfo(fds.filePath(fd)).symLinkTarget();
        if (target.endsWith(QStringLiteral(" (deleted)"))) deleted << target;
    }
    return deleted;
}


QStringList datasetNames(const QString& db) {
    const Run r = cli({"datasets", "--db", db});
    QStringList names;
    if (r.exit_code != 0) return {"datasets failed: " + QString::fromStdString(r.err)};
    for (const json& line : r.lines()) names << QString::fromStdString(line["name"].get<std::string>());
    return names;
}

store::DatasetRecord datasetSpec(const std::string& name) {
    store::DatasetRecord spec;
    spec.name = name;
    spec.task_kind = "sequence";
    spec.format = "tsv";
    spec.columns = json::object();
    spec.label_set = {"0", "1"};
    return spec;
}

}  // namespace

class TestCliSharedStore : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;

private slots:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        QVERIFY(QFileInfo(QStringLiteral("/proc/self/fd")).isDir());
    }

    void writesSurviveOtherProcessesOpeningAndClosingTheStore() {
        const QString db = tmp_.filePath("workspace.sqlite");
        const Run imported = cli({"import", "--db", db, "--name", "sst2", "--input", fixture("data/sst2_train_head300.tsv")});
        QVERIFY2(imported.exit_code == 0, imported.err.c_str());

        // The window: a workspace connection, then more on the same file (a page, a worker).
        std::optional<store::ExperimentStore> workspace = store::ExperimentStore::open(db.toStdString());
        QCOMPARE(workspace->listDatasets().size(), size_t{1});
        std::optional<store::ExperimentStore> page = store::ExperimentStore::open(db.toStdString());
        std::optional<store::ExperimentStore> worker = store::ExperimentStore::open(db.toStdString());
        page->createDataset(datasetSpec("from-the-page"));

        // The CLI, several times: each process opens the store and closes it again. Had this
        // process lost its locks on the file, the last of them would checkpoint and delete the
        // write-ahead log under the connections above.
        for (int i = 0; i < 3; ++i) QCOMPARE(datasetNames(db), (QStringList{"from-the-page", "sst2"}));
        QVERIFY(QFileInfo::exists(db + "-wal"));

        // The window writes again, as when the user deletes a dataset and creates another.
        workspace->deleteDataset(workspace->findDataset("sst2")->id);
        worker->createDataset(datasetSpec("after-the-cli"));
        QCOMPARE(deletedFilesHeldOpen(), QStringList());

        // Another process sees both writes at once, and so does a new connection after every
        // connection of this process is closed.
        QCOMPARE(datasetNames(db), (QStringList{"after-the-cli", "from-the-page"}));
        workspace.reset();
        page.reset();
        worker.reset();
        QCOMPARE(datasetNames(db), (QStringList{"after-the-cli", "from-the-page"}));
        auto reopened = store::ExperimentStore::open(db.toStdString(), store::StoreOptions::existingOnly());
        QCOMPARE(reopened.listDatasets().size(), size_t{2});
        QVERIFY(!reopened.findDataset("sst2"));
    }

    // Closing any descriptor of a file drops every POSIX lock the process holds on it. A file dialog
    // listing the workspace's folder did that (it read each file's first bytes to guess its type),
    // and the next CLI process to close the store found no one else holding it and deleted the
    // write-ahead log and its index under the window, whose writes then went nowhere. The store now
    // keeps both files: this process's writes survive losing its locks.
    void writesSurviveThisProcessLosingItsLocks() {
        const QString db = tmp_.filePath("lost-locks.sqlite");
        const Run imported = cli({"import", "--db", db, "--name", "sst2", "--input", fixture("data/sst2_train_head300.tsv")});
        QVERIFY2(imported.exit_code == 0, imported.err.c_str());
        std::optional<store::ExperimentStore> window = store::ExperimentStore::open(db.toStdString());
        window->createDataset(datasetSpec("before"));
        QVERIFY(bw::test::locksHeldOn(db) > 0);

        // What the dialog did: open each of the store's files and close it again.
        for (const QString& file : {db, db + "-wal", db + "-shm"}) {
            const int fd = ::open(file.toLocal8Bit().constData(), O_RDONLY);
            QVERIFY2(fd >= 0, qPrintable(file));
            ::close(fd);
        }
        QCOMPARE(bw::test::locksHeldOn(db), 0);  // the premise: this process holds no lock on the store now

        for (int i = 0; i < 3; ++i) QCOMPARE(datasetNames(db), (QStringList{"before", "sst2"}));
        QVERIFY(QFileInfo::exists(db + "-wal") && QFileInfo::exists(db + "-shm"));
        window->createDataset(datasetSpec("after"));
        QCOMPARE(deletedFilesHeldOpen(), QStringList());
        QCOMPARE(datasetNames(db), (QStringList{"after", "before", "sst2"}));
        window.reset();
        auto reopened = store::ExperimentStore::open(db.toStdString(), store::StoreOptions::existingOnly());
        QCOMPARE(reopened.listDatasets().size(), size_t{3});
    }

    // An export replaces its target folder whole: `export --output` the workspace's own folder once
    // deleted the store and everything beside it. Now only a folder holding nothing but a model's
    // files may be replaced, never a run's checkpoint; and no command reads the store's own files as
    // a dataset or a corpus (that would drop this process's locks on them). Nor does a second run
    // train into a folder holding a run's checkpoints: its checkpoint-N would replace the first's,
    // whose record would then name the other run's weights.
    void nothingTheStoreKeepsIsReplacedOrMisread() {
        TinyTraining tiny;
        tiny.prepare(tmp_.filePath("guarded"));
        const Run trained = cli(tiny.trainArgs(tmp_.filePath("guarded/run"), 2, 1));
        QVERIFY2(trained.exit_code == 0, trained.err.c_str());
        const QString workspace = QFileInfo(tiny.db).path();
        QFile notes(workspace + "/notes.txt");
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.write("keep me");
        notes.close();
        const auto exportTo = [&](const QString& out) { return QStringList{"export", "--db", tiny.db, "--run", "1", "--output", out}; };

        expectFailure(exportTo(workspace), "holds 'notes.txt', which is not part of a model");
        expectFailure(exportTo(tmp_.filePath("guarded/run")), "holds 'checkpoint-1'");
        expectFailure(exportTo(tmp_.filePath("guarded/run/checkpoint-1")), "is checkpoint 1 of run 1");
        expectFailure(exportTo(tmp_.filePath("guarded/run/checkpoint-2")), "is the model being exported");
        expectFailure(exportTo(tiny.db), "is a file, not a folder");
        // An earlier export is replaced; with a file of someone's beside it, it is not.
        const QString exported = tmp_.filePath("guarded/export");
        QCOMPARE(cli(exportTo(exported)).exit_code, 0);
        QCOMPARE(cli(exportTo(exported)).exit_code, 0);
        QFile(exported + "/results.xlsx").open(QIODevice::WriteOnly);
        expectFailure(exportTo(exported), "holds 'results.xlsx'");
        QVERIFY(QFileInfo::exists(exported + "/results.xlsx") && QFileInfo::exists(exported + "/model.safetensors"));

        for (const QString& file : {tiny.db, tiny.db + "-wal", tiny.db + "-shm"})
            expectFailure({"import", "--db", tiny.db, "--name", "itself", "--input", file}, "experiment store's own files");
        QStringList corpus = tiny.trainArgs(tmp_.filePath("guarded/mlm"), 2, 1);
        corpus.replace(corpus.indexOf("sst2") - 1, "--corpus");
        corpus.replace(corpus.indexOf("sst2"), tiny.db);
        corpus.replace(corpus.indexOf("sequence-classification"), "masked-lm");
        expectFailure(corpus, "experiment store's own files");

        expectFailure(tiny.trainArgs(tmp_.filePath("guarded/run"), 2, 1), "is the output directory of run 1");
        expectFailure(tiny.trainArgs(tmp_.filePath("guarded/run/"), 2, 1), "is the output directory of run 1");
        // Inside a checkpoint: rotating that checkpoint out would delete the new run's files.
        expectFailure(tiny.trainArgs(tmp_.filePath("guarded/run/checkpoint-1/nested"), 2, 1),
                      "lies inside checkpoint 1 of run 1");
        expectFailure(tiny.trainArgs(tmp_.filePath("guarded/elsewhere/../run/checkpoint-2"), 2, 1),
                      "lies inside checkpoint 2 of run 1");
        QVERIFY(!QFileInfo::exists(tmp_.filePath("guarded/run/checkpoint-1/nested")));

        QCOMPARE(datasetNames(tiny.db), QStringList{"sst2"});
        const Run runs = cli({"runs", "--db", tiny.db, "list"});
        QCOMPARE(runs.lines().size(), size_t{1});
        QVERIFY(notes.exists());
    }

    // Every command that reads or edits what is stored refuses a missing file and creates nothing.
    void readOnlyCommandsRefuseAMissingStore_data() {
        QTest::addColumn<QStringList>("args");
        const QString model = fixture("golden/seqcls");
        QTest::newRow("datasets") << QStringList{"datasets", "--db", "@"};
        QTest::newRow("dataset-stats") << QStringList{"dataset-stats", "--db", "@", "--name", "x", "--model", model};
        QTest::newRow("runs list") << QStringList{"runs", "--db", "@", "list"};
        QTest::newRow("runs show") << QStringList{"runs", "--db", "@", "show", "1"};
        QTest::newRow("runs metrics") << QStringList{"runs", "--db", "@", "metrics", "1"};
        QTest::newRow("runs compare") << QStringList{"runs", "--db", "@", "compare", "1", "2"};
        QTest::newRow("runs update") << QStringList{"runs", "--db", "@", "update", "1", "--notes", "n"};
        QTest::newRow("runs delete") << QStringList{"runs", "--db", "@", "delete", "1"};
        QTest::newRow("evaluate") << QStringList{"evaluate", "--db", "@", "--model", model, "--dataset", "x"};
        QTest::newRow("export") << QStringList{"export", "--db", "@", "--run", "1", "--output", tmp_.filePath("out")};
        QTest::newRow("resume") << QStringList{"resume", "--db", "@", "--run", "1"};
    }

    void readOnlyCommandsRefuseAMissingStore() {
        QFETCH(QStringList, args);
        const QString typo = tmp_.filePath("typo.db");
        args.replaceInStrings(QStringLiteral("@"), typo);
        expectFailure(args, "no experiment store here");
        QVERIFY(!QFileInfo::exists(typo));
        QVERIFY(!QFileInfo::exists(typo + "-wal"));
    }
};

QTEST_GUILESS_MAIN(TestCliSharedStore)
#include "test_cli_shared_store.moc"
