// "Which model" (core/train/model_choices): the runs that kept checkpoints with best and last
// marked by runCheckpoint's own rule, a deleted folder listed but not on disk, and a folder named
// another way (a link, "./") found as the run's checkpoint — on a real SQLite store.
#include "core/store/experiment_store.h"
#include "core/train/model_choices.h"
#include "core/train/run_results.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

using namespace bw;
namespace fs = std::filesystem;

class TestModelChoices : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;

    fs::path dir(const std::string& name) const { return fs::path(tmp_.path().toStdString()) / name; }
    store::CheckpointRecord keep(store::ExperimentStore& store, int64_t run, int64_t step, bool best, const fs::path& output) {
        const fs::path folder = output / ("checkpoint-" + std::to_string(step));
        fs::create_directories(folder);
        store::CheckpointRecord c;
        c.run_id = run;
        c.step = step;
        c.path = folder.string();
        c.is_best = best;
        if (best) c.metric_value = 0.5 + 0.01 * static_cast<double>(step);
        return store.addCheckpoint(c);
    }

private slots:
    void initTestCase() { QVERIFY(tmp_.isValid()); }

    void runsWithTheirCheckpoints() {
        auto store = store::ExperimentStore::open(dir("models.sqlite"));
        store::RunRecord spec;
        spec.task = "sequence-classification";
        spec.name = "marked";
        const int64_t marked = store.createRun(spec).id;
        spec.name = "unmarked";
        const int64_t unmarked = store.createRun(spec).id;
        spec.name = "none kept";
        store.createRun(spec);

        keep(store, marked, 10, true, dir("marked"));
        const auto deleted = keep(store, marked, 20, false, dir("marked"));
        keep(store, marked, 30, false, dir("marked"));
        fs::remove_all(deleted.path);
        keep(store, unmarked, 5, false, dir("unmarked"));
        keep(store, unmarked, 15, false, dir("unmarked"));

        const std::vector<train::RunModelChoices> choices = train::runModelChoices(store);
        QCOMPARE(choices.size(), size_t{2});  // the run without checkpoints is not offered
        QCOMPARE(choices[0].run.id, unmarked);  // newest first
        QCOMPARE(choices[1].run.id, marked);

        const auto& m = choices[1].checkpoints;
        QCOMPARE(m.size(), size_t{3});
        QVERIFY(m[0].is_best && !m[0].is_last && m[0].on_disk);
        QVERIFY(!m[1].is_best && !m[1].is_last && !m[1].on_disk);
        QVERIFY(!m[2].is_best && m[2].is_last && m[2].on_disk);
        const auto& u = choices[0].checkpoints;  // none marked best: best is the last
        QVERIFY(!u[0].is_best && !u[0].is_last);
        QVERIFY(u[1].is_best && u[1].is_last);

        // One rule with export and analyse: runCheckpoint picks the same folders.
        QCOMPARE(train::runCheckpoint(store, marked, "best").step, int64_t{10});
        QCOMPARE(train::runCheckpoint(store, marked, "last").step, int64_t{30});
        QCOMPARE(train::runCheckpoint(store, unmarked, "best").step, int64_t{15});
    }

    void aFolderIsFoundAsItsRunsCheckpoint() {
        auto store = store::ExperimentStore::open(dir("origin.sqlite"));
        store::RunRecord spec;
        spec.task = "token-classification";
        spec.name = "ner";
        const int64_t run = store.createRun(spec).id;
        keep(store, run, 40, true, dir("ner"));
        keep(store, run, 80, false, dir("ner"));

        const auto exact = train::checkpointOfModel(store, dir("ner") / "checkpoint-40");
        QVERIFY(exact);
        QCOMPARE(exact->run.id, run);
        QCOMPARE(exact->run.name, std::string("ner"));
        QCOMPARE(exact->checkpoint.checkpoint.step, int64_t{40});
        QVERIFY(exact->checkpoint.is_best && !exact->checkpoint.is_last);

        const auto dotted = train::checkpointOfModel(store, dir("ner") / "." / "checkpoint-80");
        QVERIFY(dotted);
        QVERIFY(dotted->checkpoint.is_last);
        fs::create_directory_symlink(dir("ner") / "checkpoint-80", dir("latest"));
        const auto linked = train::checkpointOfModel(store, dir("latest"));
        QVERIFY(linked);
        QCOMPARE(linked->checkpoint.checkpoint.step, int64_t{80});

        QVERIFY(!train::checkpointOfModel(store, dir("ner")));  // the output folder is no checkpoint
        QVERIFY(!train::checkpointOfModel(store, "/nonexistent/checkpoint-40"));
    }
};

QTEST_GUILESS_MAIN(TestModelChoices)
#include "test_model_choices.moc"
