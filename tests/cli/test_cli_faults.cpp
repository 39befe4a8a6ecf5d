// A full disk and a failing drive at the writes a user's work depends on: the store's import
// transaction and metric batches, the trainer's checkpoints, and export. bertwork-cli runs under
// tests/faults/io_faults.c (LD_PRELOAD), which fails the Nth write, fsync or rename under one folder.
// A clean run first counts those calls, so the faults land across all of them. After each fault:
// one error line, the store passes PRAGMA integrity_check, nothing half-written is visible, and
// the work goes on once the disk has room again (the import retried, the run resumed to the same
// weights an unfaulted run reaches, the export redone).
#include "cli_runner.h"
#include "tiny_training.h"

#include "core/store/experiment_store.h"
#include "core/store/sqlite_database.h"

#include <QDir>
#include <QFile>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

using nlohmann::json;
using namespace bw::clitest;
using bw::test::readBytes;
namespace fs = std::filesystem;

namespace {

struct Fault {
    QString path;           // only files under this folder fail
    QString ops = "write";  // write, fsync or rename
    long at = 0;            // the at-th such call fails, and every later one (0: none; counting only)
};

QProcessEnvironment underFault(const Fault& fault, const QString& count_file = {}) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("LD_PRELOAD", BW_IO_FAULTS_PATH);
    env.insert("BW_FAULT_PATH", fault.path);
    env.insert("BW_FAULT_OPS", fault.ops);
    env.insert("BW_FAULT_AT", QString::number(fault.at));
    env.insert("BW_FAULT_ERRNO", fault.ops == "write" ? "ENOSPC" : "EIO");
    if (!count_file.isEmpty()) env.insert("BW_FAULT_COUNT_FILE", count_file);
    // The sanitizer build preloads ASan itself; this library comes first, which is harmless.
    env.insert("ASAN_OPTIONS", env.value("ASAN_OPTIONS") + ":verify_asan_link_order=0");
    return env;
}

// How many `ops` calls under `path` a clean run of `args` makes (it must succeed).
long countCalls(const QStringList& args, const QString& path, const QString& ops, const QString& scratch) {
    const QString count_file = scratch + "/calls-" + ops + ".txt";
    QFile::remove(count_file);
    const Run r = cli(args, 300000, underFault({path, ops, 0}, count_file));
    if (r.exit_code != 0) {
        QTest::qFail(qPrintable("the clean run failed: " + QString::fromStdString(r.err)), __FILE__, __LINE__);
        return 0;
    }
    std::ifstream in(count_file.toStdString());
    std::string word;
    long calls = 0;
    in >> word >> calls;
    return calls;
}

// `count` call numbers spread over 1..total, both ends included.
std::vector<long> spread(long total, long count) {
    std::set<long> picked;
    for (long i = 0; i < count && total > 0; ++i) picked.insert(1 + (total - 1) * i / std::max(1L, count - 1));
    return {picked.begin(), picked.end()};
}

// Failed with one error line, after whatever progress lines came before it, and no crash.
void expectOneErrorLine(const Run& r, const QString& what) {
    QVERIFY2(r.exit_code == 1, qPrintable(what + ": exit " + QString::number(r.exit_code) + ": " + QString::fromStdString(r.err)));
    const QStringList lines = QString::fromStdString(r.err).split('\n', Qt::SkipEmptyParts);
    QVERIFY2(!lines.isEmpty() && lines.back().startsWith("bertwork-cli: error: "), qPrintable(what + ": " + lines.join(" | ")));
    QCOMPARE(lines.filter("error").size(), 1);
    QVERIFY2(lines.filter(QRegularExpression("terminate|Abort|Segmentation|Sanitizer")).isEmpty(), qPrintable(lines.join(" | ")));
}

void expectStoreIntact(const QString& db) {
    bw::store::Database raw = bw::store::Database::open(db.toStdString(), 5000, false);
    auto check = raw.prepare("PRAGMA integrity_check");
    QVERIFY(check.step());
    QCOMPARE(check.textAt(0), std::string("ok"));
}

// Temporary files and checkpoint staging folders left in `dir`, if any.
QStringList leftovers(const QString& dir) {
    QStringList found;
    if (!fs::exists(dir.toStdString())) return found;
    for (const auto& entry : fs::recursive_directory_iterator(dir.toStdString())) {
        const std::string name = entry.path().filename().string();
        if (name.find(".tmp") != std::string::npos || name.find(".writing-") != std::string::npos)
            found << QString::fromStdString(entry.path().string());
    }
    return found;
}

json latestRun(const QString& db) {
    const auto runs = cli({"runs", "--db", db, "list"}).lines();
    return runs.empty() ? json() : runs.front();
}

}  // namespace

class TestCliFaults : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    TinyTraining tiny_;
    static constexpr int kSteps = 12, kSaveSteps = 3;
    QString clean_weights_;  // model.safetensors of an unfaulted run at kSteps

    QString dir(const QString& name) const {
        QDir().mkpath(tmp_.filePath(name));
        return tmp_.filePath(name);
    }

    // After a fault in `output_dir` or in the store: the run is resumed (when it has a checkpoint)
    // to the weights of the clean run, with one loss point per step.
    void expectResumesToTheCleanWeights(int64_t run, const QString& output_dir, const QString& what) {
        const json shown = cli({"runs", "--db", tiny_.db, "show", QString::number(run)}).lines().at(0);
        const std::string status = shown["status"].get<std::string>();
        QVERIFY2(status == "failed" || status == "interrupted", qPrintable(what + ": " + QString::fromStdString(status)));
        if (shown["checkpoints"].empty()) {
            const Run resumed = cli({"resume", "--db", tiny_.db, "--run", QString::number(run)});
            QVERIFY2(resumed.exit_code == 1 && resumed.err.find("no checkpoint to resume from") != std::string::npos,
                     resumed.err.c_str());
            return;
        }
        // The last checkpoint the store knows of is complete and loads.
        const QString last = QString::fromStdString(shown["checkpoints"].back()["path"].get<std::string>());
        const Run inspected = cli({"inspect", "--model", last});
        QVERIFY2(inspected.exit_code == 0, qPrintable(what + ": " + last + ": " + QString::fromStdString(inspected.err)));
        const Run resumed = cli({"resume", "--db", tiny_.db, "--run", QString::number(run)}, 300000);
        QVERIFY2(resumed.exit_code == 0, qPrintable(what + ": resume: " + QString::fromStdString(resumed.err)));
        QCOMPARE(resumed.lines().back()["global_step"].get<int64_t>(), int64_t{kSteps});
        QVERIFY2(readBytes((output_dir + QString("/checkpoint-%1/model.safetensors").arg(kSteps)).toStdString()) ==
                     readBytes(clean_weights_.toStdString()),
                 qPrintable(what + ": the resumed run's weights differ from the clean run's"));
        std::multiset<int64_t> steps;
        for (const json& p : cli({"runs", "--db", tiny_.db, "metrics", QString::number(run), "--name", "train/loss"}).lines())
            steps.insert(p["step"].get<int64_t>());
        for (int64_t s = 1; s <= kSteps; ++s)
            QVERIFY2(steps.count(s) == 1, qPrintable(what + QString(": step %1 logged %2 times").arg(s).arg(steps.count(s))));
        QCOMPARE(steps.size(), size_t{kSteps});
    }

private slots:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        tiny_.prepare(tmp_.path());
        const QString clean = dir("out") + "/clean";
        const Run r = cli(tiny_.trainArgs(clean, kSteps, kSaveSteps), 300000);
        QVERIFY2(r.exit_code == 0, r.err.c_str());
        clean_weights_ = clean + QString("/checkpoint-%1/model.safetensors").arg(kSteps);
        QVERIFY(QFile::exists(clean_weights_));
    }

    // The import transaction: a fault at every write and every fsync of importing 200 rows.
    void importSurvivesAFaultAtEveryWrite() {
        const QString input = tmp_.filePath("extra.tsv");
        {
            std::ifstream in(fixture("data/sst2_train_head2000.tsv").toStdString());
            std::ofstream out(input.toStdString());
            std::string line;
            for (int i = 0; i <= 200 && std::getline(in, line); ++i) out << line << '\n';  // header + 200 rows
        }
        const QString store_dir = QFileInfo(tiny_.db).absolutePath();
        const auto importArgs = [&](const QString& db, const QString& name) {
            return QStringList{"import", "--db", db, "--name", name, "--input", input};
        };
        // Counted on a copy, so that the store under test sees only the faulted imports.
        const QString copy_dir = dir("store-copy");
        QVERIFY(QFile::copy(tiny_.db, copy_dir + "/runs.db"));
        int failed = 0, attempts = 0;
        for (const QString ops : {"write", "fsync"}) {
            const long total = countCalls(importArgs(copy_dir + "/runs.db", "counted-" + ops), copy_dir, ops, tmp_.path());
            QVERIFY2(total > 0, qPrintable(ops));
            qInfo("import: %ld %s calls in the store's folder; a fault at each", total, qPrintable(ops));
            for (long at = 1; at <= total; ++at) {
                const QString name = QString("extra-%1-%2").arg(ops).arg(at);
                const QString what = "import, " + ops + " " + QString::number(at) + "/" + QString::number(total);
                const Run r = cli(importArgs(tiny_.db, name), 120000, underFault({store_dir, ops, at}));
                ++attempts;
                if (r.exit_code != 0) {
                    ++failed;
                    expectOneErrorLine(r, what);
                    QVERIFY2(r.err.find(tiny_.db.toStdString()) != std::string::npos, r.err.c_str());
                }
                expectStoreIntact(tiny_.db);
                // All 200 rows or none: never part of the file; and all of them when it said so.
                // (Read here, not through the CLI: half the processes, which counts under the sanitizers.)
                const auto dataset = bw::store::ExperimentStore::open(tiny_.db.toStdString(),
                                                                      bw::store::StoreOptions::existingOnly())
                                         .findDataset(name.toStdString());
                if (dataset) QVERIFY2(dataset->row_counts.count("train") && dataset->row_counts.at("train") == 200, qPrintable(what));
                QVERIFY2(dataset || r.exit_code != 0, qPrintable(what + ": reported imported, but is not in the store"));
                if (QTest::currentTestFailed()) return;
            }
        }
        qInfo("%d of %d faulted imports failed; the others' faults hit writes after the commit", failed, attempts);
        QVERIFY(failed > attempts / 2);
        // Space again: the import goes through and the first dataset is untouched.
        const Run retried = cli(importArgs(tiny_.db, "extra"));
        QVERIFY2(retried.exit_code == 0, retried.err.c_str());
        for (const json& d : cli({"datasets", "--db", tiny_.db}).lines()) {
            if (d["name"] == "sst2") QCOMPARE(d["rows"]["train"].get<int64_t>(), int64_t{2000});
            if (d["name"] == "extra") QCOMPARE(d["rows"]["train"].get<int64_t>(), int64_t{200});
        }
    }

    // Checkpoint saves: the disk fills (or a fsync or rename fails) while the trainer writes one.
    void checkpointFaultsKeepTheLastGoodCheckpoint() {
        const QString out = dir("out-faults");
        for (const QString ops : {"write", "fsync", "rename"}) {
            const QString counted = tmp_.filePath("out-count/run-" + ops);  // a run's folder is its own
            QDir().mkpath(tmp_.filePath("out-count"));
            const long total = countCalls(tiny_.trainArgs(counted, kSteps, kSaveSteps), tmp_.filePath("out-count"), ops, tmp_.path());
            fs::remove_all(counted.toStdString());
            QVERIFY2(total > 0, qPrintable(ops));
            qInfo("training: %ld %s calls in the output folder", total, qPrintable(ops));
            for (const long at : spread(total, ops == "write" ? 6 : 3)) {
                const QString output_dir = out + QString("/%1-%2").arg(ops).arg(at);
                const QString what = "checkpoint, " + ops + " " + QString::number(at) + "/" + QString::number(total);
                const Run r = cli(tiny_.trainArgs(output_dir, kSteps, kSaveSteps), 300000, underFault({out, ops, at}));
                expectOneErrorLine(r, what);
                QVERIFY2(r.err.find("cannot") != std::string::npos, r.err.c_str());
                QVERIFY2(leftovers(output_dir).isEmpty(), qPrintable(leftovers(output_dir).join(", ")));
                expectStoreIntact(tiny_.db);
                expectResumesToTheCleanWeights(latestRun(tiny_.db)["id"].get<int64_t>(), output_dir, what);
                if (QTest::currentTestFailed()) return;
            }
        }
    }

    // The store fills while a run writes its record, its metric batches and its checkpoint rows.
    void storeFaultsDuringTrainingLoseNoMetric() {
        const QString store_dir = QFileInfo(tiny_.db).absolutePath();
        const QString out = dir("out-store-faults");
        for (const QString ops : {"write", "fsync"}) {
            // Counted on a copy of the store (the training writes the same pages either way).
            // With its write-ahead log: a fault in an earlier checkpoint of the log may have left the
            // database file alone behind the log, which still holds the pages (SQLite replays it).
            const QString copy_dir = dir("store-count-" + ops);
            for (const QString suffix : {"", "-wal", "-shm"}) {
                QFile::remove(copy_dir + "/runs.db" + suffix);
                if (QFile::exists(tiny_.db + suffix)) QVERIFY(QFile::copy(tiny_.db + suffix, copy_dir + "/runs.db" + suffix));
            }
            QStringList args = tiny_.trainArgs(out + "/counted-" + ops, kSteps, kSaveSteps);
            args[args.indexOf("--db") + 1] = copy_dir + "/runs.db";
            const long total = countCalls(args, copy_dir, ops, tmp_.path());
            QVERIFY2(total > 0, qPrintable(ops));
            qInfo("training: %ld %s calls in the store's folder", total, qPrintable(ops));
            for (const long at : spread(total, ops == "write" ? 7 : 4)) {
                const int64_t last_run = latestRun(tiny_.db)["id"].get<int64_t>();
                const QString output_dir = out + QString("/%1-%2").arg(ops).arg(at);
                const QString what = "store, " + ops + " " + QString::number(at) + "/" + QString::number(total);
                const Run r = cli(tiny_.trainArgs(output_dir, kSteps, kSaveSteps), 300000, underFault({store_dir, ops, at}));
                if (r.exit_code == 0) continue;  // the fault hit a write after the last commit
                expectOneErrorLine(r, what);
                expectStoreIntact(tiny_.db);
                const json run = latestRun(tiny_.db);
                if (run["id"].get<int64_t>() == last_run) continue;  // the disk filled before the run existed
                expectResumesToTheCleanWeights(run["id"].get<int64_t>(), output_dir, what);
                if (QTest::currentTestFailed()) return;
            }
        }
    }

    // Export: a fault at writes, fsyncs and renames leaves no half-written model folder.
    void exportFaultsLeaveNoPartialModel() {
        const int64_t run = cli({"runs", "--db", tiny_.db, "list"}).lines().back()["id"].get<int64_t>();  // the clean run
        const QString exports = dir("exports");
        for (const QString ops : {"write", "fsync", "rename"}) {
            const QString counted = dir("exports-count") + "/model";
            const long total = countCalls({"export", "--db", tiny_.db, "--run", QString::number(run), "--output", counted},
                                          dir("exports-count"), ops, tmp_.path());
            fs::remove_all(counted.toStdString());
            QVERIFY2(total > 0, qPrintable(ops));
            for (const long at : spread(total, 4)) {
                const QString target = exports + QString("/%1-%2").arg(ops).arg(at);
                const QString what = "export, " + ops + " " + QString::number(at) + "/" + QString::number(total);
                const Run r = cli({"export", "--db", tiny_.db, "--run", QString::number(run), "--output", target}, 120000,
                                  underFault({exports, ops, at}));
                expectOneErrorLine(r, what);
                QVERIFY2(!QFileInfo::exists(target), qPrintable(what + ": a partial export is visible"));
                QVERIFY2(leftovers(exports).isEmpty(), qPrintable(leftovers(exports).join(", ")));
                expectStoreIntact(tiny_.db);
                if (QTest::currentTestFailed()) return;
            }
        }
        const QString target = exports + "/model";
        QCOMPARE(cli({"export", "--db", tiny_.db, "--run", QString::number(run), "--output", target}).exit_code, 0);
        QCOMPARE(cli({"inspect", "--model", target}).exit_code, 0);
    }
};

QTEST_GUILESS_MAIN(TestCliFaults)
#include "test_cli_faults.moc"
