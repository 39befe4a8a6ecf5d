// One store at full rate from every side for a minute (BW_CONCURRENCY_SECONDS): a CLI training
// process logging every step and checkpointing, CLI readers listing and reading curves, CLI writers
// annotating runs, and this process as the window is: several connections, one training in a
// worker thread (~1,500 points a second), one creating runs, one reading. No one
// may see "database is locked", and every write must be there at the end.
#include "cli_runner.h"
#include "tiny_training.h"

#include "core/store/experiment_store.h"
#include "core/store/metric_writer.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

using nlohmann::json;
using namespace bw::clitest;
namespace store = bw::store;

namespace {

// What the threads saw; checked on the test's thread afterwards (QTest checks are not thread-safe).
struct Outcomes {
    std::mutex mutex;
    std::vector<std::string> errors;
    std::map<std::string, int> counts;

    void fail(const std::string& what) {
        std::lock_guard lock(mutex);
        errors.push_back(what);
    }
    void count(const std::string& what) {
        std::lock_guard lock(mutex);
        ++counts[what];
    }
};

// Runs bertwork-cli from a worker thread: exit 0 and nothing about locks on stderr, or a failure.
void runCli(const QStringList& args, Outcomes& outcomes) {
    QProcess p;
    p.start(BW_CLI_PATH, args);
    const bool finished = p.waitForStarted(30000) && p.waitForFinished(120000);
    const QString err = p.readAllStandardError();
    if (!finished || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0 || err.contains("lock"))
        outcomes.fail("bertwork-cli " + args.join(' ').toStdString() + ": exit " + std::to_string(p.exitCode()) + ": " +
                      err.toStdString());
    else
        outcomes.count(args.at(0).toStdString() + " " + args.at(3).toStdString());
}

store::RunRecord runSpec(const std::string& name) {
    store::RunRecord r;
    r.name = name;
    r.task = "sequence-classification";
    r.base_model = "scratch";
    r.config = {{"learning_rate", 1e-3}};
    r.output_dir = "nowhere/" + name;
    return r;
}

}  // namespace

class TestCliConcurrency : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    TinyTraining tiny_;

private slots:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        tiny_.prepare(tmp_.path());
    }

    void everyoneAtFullRateLosesNothing() {
        const int seconds = qEnvironmentVariableIntValue("BW_CONCURRENCY_SECONDS") > 0
                                ? qEnvironmentVariableIntValue("BW_CONCURRENCY_SECONDS")
                                : 60;
        const std::string db = tiny_.db.toStdString();
        // The CLI trainer: a loss point every step, a checkpoint row every 10, for the whole time.
        QStringList train = tiny_.trainArgs(tmp_.filePath("cli-run"), 1000000, 10);
        train << "--max-train-time" << QString("%1s").arg(seconds);
        QProcess trainer;
        trainer.start(BW_CLI_PATH, train);
        QVERIFY(trainer.waitForStarted());

        Outcomes outcomes;
        std::atomic<bool> stop{false};
        std::vector<std::thread> threads;
        // The window's training worker: its own connection, a metric batch every 5 ms at most.
        int64_t window_run = 0;
        int64_t window_points = 0;
        {
            auto workspace = store::ExperimentStore::open(db);
            window_run = workspace.createRun(runSpec("window")).id;
        }
        threads.emplace_back([&] {
            try {
                auto connection = store::ExperimentStore::open(db);
                connection.markRunning(window_run);
                store::MetricWriter writer(connection, window_run, {64, std::chrono::milliseconds(5)});
                for (int64_t step = 1; !stop; ++step) {
                    writer.add("train/loss", 1.0 / static_cast<double>(step), step);
                    window_points = step;
                    if (step % 16 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));  // ~1,500 points/s
                }
                writer.flush();
                connection.setRunStatus(window_run, store::RunStatus::Completed);
            } catch (const std::exception& e) {
                outcomes.fail(std::string("window training: ") + e.what());
            }
        });
        // The window's pages: runs created (the wizard), the table and curves read.
        threads.emplace_back([&] {
            try {
                auto connection = store::ExperimentStore::open(db);
                for (int i = 0; !stop; ++i) {
                    connection.createRun(runSpec("queued-" + std::to_string(i)));
                    outcomes.count("window runs created");
                    std::this_thread::sleep_for(std::chrono::milliseconds(20));
                }
            } catch (const std::exception& e) {
                outcomes.fail(std::string("window wizard: ") + e.what());
            }
        });
        threads.emplace_back([&] {
            try {
                auto connection = store::ExperimentStore::open(db);
                while (!stop) {
                    for (const store::RunRecord& run : connection.listRuns()) connection.metrics(run.id, "train/loss");
                    outcomes.count("window reads");
                }
            } catch (const std::exception& e) {
                outcomes.fail(std::string("window runs page: ") + e.what());
            }
        });
        // CLI readers and a CLI writer (notes on the window's run), one process after another.
        for (int reader = 0; reader < 2; ++reader)
            threads.emplace_back([&, reader] {
                while (!stop) {
                    const QStringList read = reader == 0 ? QStringList{"runs", "--db", tiny_.db, "list"}
                                                         : QStringList{"runs", "--db", tiny_.db, "show", QString::number(window_run)};
                    runCli(read, outcomes);
                    runCli({"runs", "--db", tiny_.db, "metrics", QString::number(window_run), "--name", "train/loss"}, outcomes);
                }
            });
        std::atomic<int> notes_written{0};
        threads.emplace_back([&] {
            for (int i = 1; !stop; ++i) {
                runCli({"runs", "--db", tiny_.db, "update", QString::number(window_run), "--notes", QString("note %1").arg(i)}, outcomes);
                notes_written = i;
            }
        });

        const bool trained = trainer.waitForFinished((seconds + 120) * 1000);
        stop = true;
        for (std::thread& t : threads) t.join();
        QVERIFY2(trained, "the CLI training did not finish in time");
        const QString trainer_err = trainer.readAllStandardError();
        QVERIFY2(trainer.exitStatus() == QProcess::NormalExit && trainer.exitCode() == 0, qPrintable(trainer_err));
        QVERIFY2(!trainer_err.contains("lock"), qPrintable(trainer_err));
        for (const std::string& e : outcomes.errors) qWarning("%s", e.c_str());
        QVERIFY2(outcomes.errors.empty(), outcomes.errors.empty() ? "" : outcomes.errors.front().c_str());
        for (const auto& [what, n] : outcomes.counts) qInfo("%-24s %d", what.c_str(), n);

        // Nothing lost: every step of both trainings once, every run created, the last note.
        auto check = store::ExperimentStore::open(db);
        const json result = json::parse(trainer.readAllStandardOutput().trimmed().split('\n').last().toStdString());
        const int64_t cli_run = result["run_id"].get<int64_t>(), cli_steps = result["global_step"].get<int64_t>();
        qInfo("CLI training: %lld steps; window training: %lld points", static_cast<long long>(cli_steps),
              static_cast<long long>(window_points));
        QVERIFY(cli_steps > 10);
        for (const auto& [run, steps] : {std::pair{cli_run, cli_steps}, std::pair{window_run, window_points}}) {
            const auto points = check.metrics(run, std::string("train/loss"));
            QCOMPARE(static_cast<int64_t>(points.size()), steps);
            for (size_t i = 0; i < points.size(); ++i) QCOMPARE(points[i].step, static_cast<int64_t>(i + 1));
        }
        QCOMPARE(check.getRun(window_run)->status, store::RunStatus::Completed);
        QCOMPARE(check.getRun(window_run)->notes, "note " + std::to_string(notes_written.load()));
        int created = 0;
        for (const store::RunRecord& run : check.listRuns()) created += run.name.rfind("queued-", 0) == 0;
        QCOMPARE(created, outcomes.counts["window runs created"]);
        QVERIFY(outcomes.counts["runs list"] > 0 && outcomes.counts["runs update"] > 0);
    }
};

QTEST_GUILESS_MAIN(TestCliConcurrency)
#include "test_cli_concurrency.moc"
