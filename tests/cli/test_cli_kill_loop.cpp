// A run SIGKILLed at 20 random moments (between and during its checkpoint writes, it saves every
// 3 steps) and resumed after each: it ends with the weights of a run never interrupted, bit for bit
// (no dropout; the data order and the optimizer come back from the checkpoint), and its loss curve
// has each step once, with the uninterrupted run's values.
#include "cli_runner.h"
#include "tiny_training.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <csignal>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <thread>

using nlohmann::json;
using namespace bw::clitest;
using bw::test::readBytes;
namespace fs = std::filesystem;

namespace {

constexpr int kSteps = 399, kSaveSteps = 3, kKills = 20;

std::map<int64_t, double> lossCurve(const QString& db, int64_t run) {
    std::map<int64_t, double> curve;
    for (const json& p : cli({"runs", "--db", db, "metrics", QString::number(run), "--name", "train/loss"}).lines()) {
        const auto [it, inserted] = curve.emplace(p["step"].get<int64_t>(), p["value"].get<double>());
        if (!inserted) QTest::qFail(qPrintable(QString("step %1 logged twice").arg(it->first)), __FILE__, __LINE__);
    }
    return curve;
}

// The step of the newest finished checkpoint folder in `dir`; 0 when there is none.
int newestCheckpoint(const QString& dir) {
    int newest = 0;
    if (!fs::exists(dir.toStdString())) return 0;
    for (const auto& entry : fs::directory_iterator(dir.toStdString())) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("checkpoint-", 0) == 0 && name.find('.') == std::string::npos)
            newest = std::max(newest, std::atoi(name.c_str() + 11));
    }
    return newest;
}

bool stagingLeftIn(const QString& dir) {
    if (!fs::exists(dir.toStdString())) return false;
    for (const auto& entry : fs::directory_iterator(dir.toStdString()))
        if (entry.path().filename().string().find(".writing-") != std::string::npos) return true;
    return false;
}

}  // namespace

class TestCliKillLoop : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    TinyTraining tiny_;

private slots:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        tiny_.prepare(tmp_.path());
    }

    void killedTwentyTimesEndsWhereAnUninterruptedRunEnds() {
        const QString reference_dir = tmp_.filePath("uninterrupted");
        const Run reference = cli(tiny_.trainArgs(reference_dir, kSteps, kSaveSteps), 600000);
        QVERIFY2(reference.exit_code == 0, reference.err.c_str());
        const int64_t reference_run = reference.lines().back()["run_id"].get<int64_t>();

        std::mt19937 random(20261204);
        // Kill moments follow the run's progress, not the clock (a faster machine would otherwise
        // finish before the 20th kill): once the next checkpoint is on disk, 0-120 ms more, which
        // lands in the steps after it or in the middle of writing the one after.
        std::uniform_int_distribution<int> extra_ms(0, 120);
        std::set<int64_t> not_this_run{reference_run};  // and runs killed before their first checkpoint
        int64_t run = 0;
        int attempt = 1, kills = 0, during_checkpoint_write = 0, restarted = 0;
        QString killed_dir = tmp_.filePath("killed-1");
        QProcess child;
        child.start(BW_CLI_PATH, tiny_.trainArgs(killed_dir, kSteps, kSaveSteps));
        QVERIFY(child.waitForStarted());
        bool finished = false;
        while (kills < kKills && !finished) {
            const int seen = newestCheckpoint(killed_dir);
            QElapsedTimer waited;
            waited.start();
            const auto ended = [&child](int ms) { return child.state() == QProcess::NotRunning || child.waitForFinished(ms); };
            while (newestCheckpoint(killed_dir) <= seen && !(finished = ended(10)) && waited.elapsed() < 300000) {
            }
            if (finished || (finished = ended(extra_ms(random)))) break;  // it reached the end first
            ::kill(static_cast<pid_t>(child.processId()), SIGKILL);
            QVERIFY(child.waitForFinished());
            ++kills;
            if (stagingLeftIn(killed_dir)) ++during_checkpoint_write;
            const json newest = cli({"runs", "--db", tiny_.db, "list"}).lines().front();
            if (!not_this_run.count(newest["id"].get<int64_t>())) run = newest["id"].get<int64_t>();
            json shown;
            if (run != 0) {
                shown = cli({"runs", "--db", tiny_.db, "show", QString::number(run)}).lines().at(0);
                QCOMPARE(shown["status"].get<std::string>(), std::string("interrupted"));
            }
            if (run == 0 || shown["checkpoints"].empty()) {
                // Killed before its run or its first checkpoint existed: nothing to resume, so a
                // new run, as a user would start one.
                ++restarted;
                if (run != 0) not_this_run.insert(run);
                run = 0;
                killed_dir = tmp_.filePath(QString("killed-%1").arg(++attempt));
                child.start(BW_CLI_PATH, tiny_.trainArgs(killed_dir, kSteps, kSaveSteps));
            } else {
                child.start(BW_CLI_PATH, {"resume", "--db", tiny_.db, "--run", QString::number(run)});
            }
            QVERIFY(child.waitForStarted());
        }
        if (child.state() != QProcess::NotRunning) QVERIFY(child.waitForFinished(600000));
        const QString err = child.readAllStandardError();
        QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0, qPrintable(err));
        qInfo("%d kills: %d left a checkpoint being written, %d came before the first checkpoint", kills,
              during_checkpoint_write, restarted);
        QCOMPARE(kills, kKills);
        QVERIFY(run != 0);

        const json shown = cli({"runs", "--db", tiny_.db, "show", QString::number(run)}).lines().at(0);
        QCOMPARE(shown["status"].get<std::string>(), std::string("completed"));
        QVERIFY(shown["sessions"].size() >= 2);
        const QString last = QString("/checkpoint-%1/model.safetensors").arg(kSteps);
        QVERIFY2(readBytes((killed_dir + last).toStdString()) == readBytes((reference_dir + last).toStdString()),
                 "the interrupted and resumed run's weights differ from the uninterrupted run's");
        QVERIFY(!readBytes((reference_dir + last).toStdString()).empty());
        // Each step once, with the value the uninterrupted run logged there.
        const auto resumed_curve = lossCurve(tiny_.db, run);
        const auto reference_curve = lossCurve(tiny_.db, reference_run);
        QCOMPARE(reference_curve.size(), size_t{kSteps});
        QCOMPARE(resumed_curve.size(), size_t{kSteps});
        for (const auto& [step, loss] : reference_curve)
            QVERIFY2(resumed_curve.count(step) && resumed_curve.at(step) == loss, qPrintable(QString("step %1").arg(step)));
    }
};

QTEST_GUILESS_MAIN(TestCliKillLoop)
#include "test_cli_kill_loop.moc"
