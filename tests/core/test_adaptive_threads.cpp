// --threads auto (core/runtime/adaptive_threads.h, core_load.h): the setting's spelling, the
// policy on measured windows worked out by hand, and the measurement against the kernel's own
// account of a child process's CPU time. (A real training run beside busy processes: test_trainer.)
#include "core/analysis/bert_pipeline.h"
#include "core/runtime/adaptive_threads.h"
#include "core/runtime/compute_setup.h"
#include "core/runtime/core_load.h"
#include "core/runtime/error.h"
#include "core/train/quickstart.h"
#include "busy_processes.h"

#include <torch/torch.h>

#include <QtTest>

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

using namespace bw;

namespace {

CoreLoad window(double others, int usable) {
    CoreLoad load;
    load.seconds = 1.0;
    load.others_busy_cores = others;
    load.usable_cores = usable;
    return load;
}

double childrenCpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6;
}

void spinFor(double seconds) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    volatile unsigned long counter = 0;
    while (std::chrono::steady_clock::now() < until) counter = counter + 1;
}

}  // namespace

class TestAdaptiveThreads : public QObject {
    Q_OBJECT

private slots:
    void theSettingIsACountOrAuto() {
        QCOMPARE(parseThreadSetting("auto").adaptive, true);
        QCOMPARE(parseThreadSetting("auto").threads, 0);
        QCOMPARE(parseThreadSetting("0").threads, 0);
        QCOMPARE(parseThreadSetting("3").threads, 3);
        QCOMPARE(parseThreadSetting("3").adaptive, false);
        for (const char* bad : {"", "-1", "two", "3x", "Auto", "99999"}) {
            try {
                parseThreadSetting(bad);
                QFAIL(qPrintable(QString("'%1' was accepted").arg(bad)));
            } catch (const Error& e) {
                QVERIFY2(std::string(e.what()).find("or auto expected, got '" + std::string(bad) + "'") != std::string::npos, e.what());
            }
        }
    }

    // Two cores. A busy neighbour beside our two threads gets about two thirds of a core: one
    // window is enough to drop to one thread. Back to two only after two windows in which the
    // others keep at most a quarter of a core busy; in between (0.25-0.5) the count stays.
    void fewerThreadsAtOnceMoreAfterTwoQuietWindows() {
        ThreadCountPolicy policy(2);
        QCOMPARE(policy.next(2, window(0.10, 2)), 2);
        QCOMPARE(policy.next(2, window(0.45, 2)), 2);
        QCOMPARE(policy.next(2, window(0.67, 2)), 1);
        QCOMPARE(policy.next(1, window(1.00, 2)), 1);
        QCOMPARE(policy.next(1, window(0.40, 2)), 1);  // not quiet enough to raise
        QCOMPARE(policy.next(1, window(0.40, 2)), 1);
        QCOMPARE(policy.next(1, window(0.10, 2)), 1);  // first quiet window
        QCOMPARE(policy.next(1, window(0.30, 2)), 1);  // the vote starts again
        QCOMPARE(policy.next(1, window(0.10, 2)), 1);
        QCOMPARE(policy.next(1, window(0.20, 2)), 2);  // two quiet windows in a row
        QCOMPARE(policy.next(2, window(0.00, 2)), 2);  // never above the ceiling
    }

    void manyCoresFollowTheFreeCount() {
        ThreadCountPolicy policy(16);
        QCOMPARE(policy.next(16, window(3.2, 16)), 13);  // floor(16 - 3.2 + 0.5)
        QCOMPARE(policy.next(13, window(3.0, 16)), 13);  // 13.25 free: not enough to raise
        QCOMPARE(policy.next(13, window(0.0, 16)), 13);
        QCOMPARE(policy.next(13, window(0.0, 16)), 16);
        QCOMPARE(policy.next(16, window(16.0, 16)), 1);  // never below one
        ThreadCountPolicy ceiling(4);  // --threads 4 on 16 cores: at most 4
        QCOMPARE(ceiling.next(4, window(10.0, 16)), 4);
        QCOMPARE(ceiling.next(4, window(12.9, 16)), 3);
    }

    void anEmptyWindowChangesNothing() {
        ThreadCountPolicy policy(2);
        CoreLoad none = window(2.0, 2);
        none.seconds = 0;
        QCOMPARE(policy.next(2, none), 2);
    }

    // The arithmetic on two readings: cores busy less our own share, per second of the window.
    void othersAreTheBusyTimeLessOurOwn() {
        CpuCounters earlier{100.0, 50.0, 10.0, 2}, later{102.0, 53.0, 12.0, 2};
        const CoreLoad load = loadBetween(earlier, later);
        QCOMPARE(load.seconds, 2.0);
        QVERIFY(std::abs(load.own_busy_cores - 1.0) < 1e-12);
        QVERIFY(std::abs(load.others_busy_cores - 0.5) < 1e-12);
        later.usable_cores = 1;  // the affinity mask changed: the sums are not comparable
        QCOMPARE(loadBetween(earlier, later).seconds, 0.0);
    }

    // Against the kernel's own account: a child process spins for a second and a half while this
    // one sleeps; the others' share measured covers the child's CPU time (other processes of the
    // machine can only add to it), and our own share is about nothing.
    void aBusyChildIsCountedAndOurSleepIsNot() {
        const std::optional<CpuCounters> before = readCpuCounters();
        if (!before) QSKIP("no /proc/stat here");
        const double children_before = childrenCpuSeconds();
        const pid_t child = fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            spinFor(1.5);
            _exit(0);
        }
        int status = 0;
        QCOMPARE(waitpid(child, &status, 0), child);
        const std::optional<CpuCounters> after = readCpuCounters();
        QVERIFY(after.has_value());
        const CoreLoad load = loadBetween(*before, *after);
        const double child_cores = (childrenCpuSeconds() - children_before) / load.seconds;
        QVERIFY2(child_cores > 0.2, qPrintable(QString::number(child_cores)));
        // Clock ticks are 10 ms: a window of ~1.5 s is exact to about 0.02 cores.
        QVERIFY2(load.others_busy_cores >= child_cores - 0.05,
                 qPrintable(QString("others %1, the child alone %2").arg(load.others_busy_cores).arg(child_cores)));
        QVERIFY2(load.own_busy_cores < 0.1, qPrintable(QString::number(load.own_busy_cores)));
        QCOMPARE(load.usable_cores, static_cast<int>(usableCpus().size()));
    }

    // Our own spinning is ours, not the others': the own share sees it (units right: seconds of
    // CPU per second), and the others' share is what is left of the cores' busy time.
    void ourOwnWorkIsCountedAsOurs() {
        const std::optional<CpuCounters> before = readCpuCounters();
        if (!before) QSKIP("no /proc/stat here");
        spinFor(1.0);
        const CoreLoad load = loadBetween(*before, *readCpuCounters());
        QVERIFY2(load.own_busy_cores > 0.3 && load.own_busy_cores < 1.2, qPrintable(QString::number(load.own_busy_cores)));
        QVERIFY(load.others_busy_cores >= 0.0 && load.others_busy_cores <= load.usable_cores);
    }

    // At most one measurement an interval: before the first window ends nothing is measured or changed.
    void nothingChangesWithinTheFirstWindow() {
        torch::set_num_threads(2);
        AdaptiveThreads adaptive(2, 3600.0);
        QCOMPARE(adaptive.atStepBoundary(), 2);
        QVERIFY(!adaptive.lastLoad().has_value());
        QCOMPARE(adaptive.changes(), 0);
        QCOMPARE(torch::get_num_threads(), 2);
    }

    // `predict --threads auto` on a file: the batches after the first windows run with the core a
    // busy process leaves; with a fixed count every batch runs with 2. (The bundled model predicts
    // its masked-LM logits over the whole vocabulary: enough work per batch to be measured.)
    void predictionsGiveWayToBusyProcesses() {
        const int cores = static_cast<int>(usableCpus().size());
        if (cores < 2 || cores > 32) QSKIP("needs 2 to 32 cores");
        const auto pipeline = analysis::BertPipeline::open(train::findBundledModel(), {});
        using test::BatchThreads;
        const auto predictOnce = [&](size_t inputs, bool adaptive) {
            torch::set_num_threads(2);
            std::optional<AdaptiveThreads> threads;
            if (adaptive) threads.emplace();
            std::vector<BatchThreads> batches;
            analysis::PredictOptions options;
            options.batch_size = 8;
            options.adaptive_threads = threads ? &*threads : nullptr;
            std::chrono::steady_clock::time_point started;
            options.on_batch = [&](size_t, size_t) {
                const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
                batches.push_back({seconds, torch::get_num_threads()});
            };
            const std::vector<text::TextInput> texts(inputs, text::TextInput{"the film is a quiet, patient study of a family "
                                                                             "that slowly learns to speak to itself again ."});
            test::BusyProcesses busy(cores - 1);
            started = std::chrono::steady_clock::now();
            (void)pipeline->predict(texts, options);
            return batches;
        };
        // As many inputs as make one call last at least 3 s (the machine's speed varies).
        std::vector<BatchThreads> adaptive;
        size_t inputs = 64;
        for (; inputs <= 262144; inputs *= 2) {
            adaptive = predictOnce(inputs, true);
            if (!adaptive.empty() && adaptive.back().seconds >= 3.0) break;
        }
        QCOMPARE(torch::get_num_threads(), 2);  // the count comes back with the AdaptiveThreads gone
        const std::vector<BatchThreads> fixed = predictOnce(inputs, false);
        const std::string wrong = test::gaveWayToTheBusyCore(adaptive, fixed);
        QVERIFY2(wrong.empty(), wrong.c_str());
    }
};

QTEST_GUILESS_MAIN(TestAdaptiveThreads)
#include "test_adaptive_threads.moc"
