// A run's summary, details and CSV rows read from a real store and compared with values worked out
// by hand: the dataset's name, the best evaluation, the training time without the stop between two
// sessions, the JSON line of `runs list`, and the one runs CSV schema (numbers never rounded).
#include "core/store/experiment_store.h"
#include "core/store/sqlite_database.h"
#include "core/train/run_summary.h"
#include "core/train/runs_csv.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

using namespace bw;
using nlohmann::json;
using Cells = std::vector<std::string>;

namespace QTest {
template <>
inline char* toString(const std::string& s) { return qstrdup(s.c_str()); }
template <>
inline char* toString(const json& j) { return qstrdup(j.dump().c_str()); }
template <>
inline char* toString(const Cells& cells) { return qstrdup(json(cells).dump().c_str()); }
}  // namespace QTest

class TestRunSummary : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    std::string path_;
    int64_t trained_ = 0, queued_ = 0;
    static constexpr double kNow = 2010.25;  // Unix seconds the summaries are taken at

    store::ExperimentStore openStore() const { return store::ExperimentStore::open(path_); }

private slots:
    // Run "trained": on dataset sst2, evaluated at steps 10 (accuracy 0.84) and 20 (0.81), no
    // checkpoint, trained 1000-1060.5 then again from 2000 (still open). Run "queued": nothing else.
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        path_ = (tmp_.path() + "/runs.sqlite").toStdString();
        auto store = openStore();
        store::DatasetRecord dataset;
        dataset.name = "sst2";
        dataset.task_kind = "sequence";
        dataset.label_set = {"negative", "positive"};
        const int64_t dataset_id = store.createDataset(dataset).id;

        store::RunRecord spec;
        spec.name = "lr-3e-5";
        spec.task = "sequence-classification";
        spec.base_model = "models/mini";
        spec.dataset_id = dataset_id;
        spec.config = {{"training_args",
                        {{"learning_rate", 3e-5},
                         {"per_device_train_batch_size", 32},
                         {"num_train_epochs", 2},
                         {"seed", 42},
                         {"metric_for_best_model", "accuracy"}}}};
        spec.tags = {"sweep", "lr"};
        spec.notes = "first try, small batch";
        trained_ = store.createRun(spec).id;
        store.markRunning(trained_);
        for (const auto& [step, accuracy] : {std::pair<int64_t, double>{10, 0.84}, {20, 0.81}}) {
            store::EvaluationRecord e;
            e.run_id = trained_;
            e.step = step;
            e.split = "validation";
            e.metrics = {{"accuracy", accuracy}};
            store.addEvaluation(e);
        }
        store.finishRun(trained_, store::RunStatus::Completed);
        {
            store::Database raw = store::Database::open(path_, 1000);
            raw.prepare("DELETE FROM run_sessions WHERE run = ?").bind(1, trained_).run();
            raw.prepare("INSERT INTO run_sessions (run, started_at, ended_at) VALUES (?, 1000, 1060.5)").bind(1, trained_).run();
            raw.prepare("INSERT INTO run_sessions (run, started_at) VALUES (?, 2000)").bind(1, trained_).run();
        }

        store::RunRecord bare;
        bare.name = "queued";
        bare.task = "pretraining";
        queued_ = store.createRun(bare).id;
    }

    void summaryOfATrainedRun() {
        auto store = openStore();
        const train::RunSummary s = train::summarizeRun(store, *store.getRun(trained_), kNow);
        QCOMPARE(s.run.id, trained_);
        QCOMPARE(s.dataset, std::string("sst2"));
        QCOMPARE(s.best.metric, std::string("accuracy"));
        QCOMPARE(*s.best.value, 0.84);  // the best evaluation, not the last one
        QCOMPARE(*s.best.step, int64_t{10});
        QCOMPARE(s.sessions.size(), size_t{2});
        QCOMPARE(*s.trained_seconds, 60.5 + 10.25);  // the stop from 1060.5 to 2000 left out
    }

    void summaryOfARunThatNeverRan() {
        auto store = openStore();
        const train::RunSummary s = train::summarizeRun(store, *store.getRun(queued_), kNow);
        QCOMPARE(s.dataset, std::string());
        QCOMPARE(s.best.metric, std::string("loss"));  // the trainer's default
        QVERIFY(!s.best.value && !s.best.step);
        QVERIFY(s.sessions.empty());
        QVERIFY(!s.trained_seconds);
        QCOMPARE(s.toJson()["trained_seconds"], json(0.0));  // `runs list` says 0 for it
    }

    // A run whose dataset was deleted (its dataset_id became NULL) still names the dataset it was
    // given, marked deleted: the Runs table showed an empty cell where HParams showed the name.
    void aDeletedDatasetIsStillNamed() {
        auto store = openStore();
        store::RunRecord run = *store.getRun(queued_);
        QVERIFY(!run.dataset_id);
        run.config = {{"dataset", "agnews"}};
        const train::RunSummary s = train::summarizeRun(store, run, kNow);
        QCOMPARE(s.dataset, std::string("agnews"));
        QVERIFY(s.dataset_deleted);
        QCOMPARE(s.toJson()["dataset_deleted"], json(true));
        QCOMPARE(s.corpus, std::string());
        run.config = {{"dataset", nullptr}, {"corpus", "/data/wiki.txt"}};  // trained on a corpus file: no dataset
        const train::RunSummary on_corpus = train::summarizeRun(store, run, kNow);
        QCOMPARE(on_corpus.dataset, std::string());
        QCOMPARE(on_corpus.corpus, std::string("/data/wiki.txt"));  // the Runs table's Dataset cell names it
        QCOMPARE(on_corpus.toJson()["corpus"], json("/data/wiki.txt"));
    }

    void everyRunNewestFirst() {
        auto store = openStore();
        const std::vector<train::RunSummary> all = train::summarizeRuns(store, kNow);
        QCOMPARE(all.size(), size_t{2});
        QCOMPARE(all[0].run.id, queued_);
        QCOMPARE(all[1].run.id, trained_);
        QCOMPARE(all[1].dataset, std::string("sst2"));  // looked up once for every run
        QCOMPARE(*all[1].trained_seconds, 70.75);
    }

    // One line of `runs list`.
    void listLine() {
        auto store = openStore();
        const store::RunRecord run = *store.getRun(trained_);
        const json expected = {{"id", trained_},
                               {"name", "lr-3e-5"},
                               {"status", "completed"},
                               {"task", "sequence-classification"},
                               {"base_model", "models/mini"},
                               {"dataset", "sst2"},
                               {"dataset_deleted", false},
                               {"corpus", nullptr},
                               {"created_at", run.created_at},
                               {"started_at", run.started_at},
                               {"finished_at", run.finished_at},
                               {"trained_seconds", 70.75},
                               {"best_metric", "accuracy"},
                               {"best_value", 0.84},
                               {"best_step", 10},
                               {"tags", {"sweep", "lr"}},
                               {"notes", "first try, small batch"}};
        QCOMPARE(train::summarizeRun(store, run, kNow).toJson(), expected);
    }

    // `runs show`: the record with everything stored about the run.
    void details() {
        auto store = openStore();
        const store::RunRecord run = *store.getRun(trained_);
        const json details = train::runDetailsJson(store, run, kNow);
        const json record = run.toJson();
        for (const auto& [key, value] : record.items()) QCOMPARE(details[key], value);
        QCOMPARE(details["evaluations"].size(), size_t{2});
        QCOMPARE(details["evaluations"][0]["metrics"], json({{"accuracy", 0.84}}));
        QCOMPARE(details["checkpoints"], json::array());
        QCOMPARE(details["artifacts"], json::array());
        QCOMPARE(details["sessions"], json({{{"started_at", 1000.0}, {"ended_at", 1060.5}}, {{"started_at", 2000.0}, {"ended_at", nullptr}}}));
        QCOMPARE(details["trained_seconds"], json(70.75));
    }

    void labelNamesComeFromTheRunsDataset() {
        auto store = openStore();
        QCOMPARE(train::runLabelNames(store, *store.getRun(trained_)), (Cells{"negative", "positive"}));
        QVERIFY(train::runLabelNames(store, *store.getRun(queued_)).empty());
    }

    void runsCsvSchema() {
        QCOMPARE(train::runsCsvHeader(),
                 (Cells{"id", "name", "status", "task", "base_model", "dataset", "best_metric", "best_value", "best_step",
                        "trained_seconds", "learning_rate", "per_device_train_batch_size", "num_train_epochs", "max_steps",
                        "seed", "created_at", "started_at", "finished_at", "tags", "notes"}));
        auto store = openStore();
        const store::RunRecord run = *store.getRun(trained_);
        QCOMPARE(train::runsCsvRow(train::summarizeRun(store, run, kNow)),
                 (Cells{std::to_string(trained_), "lr-3e-5", "completed", "sequence-classification", "models/mini", "sst2",
                        "accuracy", "0.84", "10", "70.750", "3e-05", "32", "2", "", "42", run.created_at, run.started_at,
                        run.finished_at, "sweep,lr", "first try, small batch"}));
        const store::RunRecord queued = *store.getRun(queued_);
        QCOMPARE(train::runsCsvRow(train::summarizeRun(store, queued, kNow)),
                 (Cells{std::to_string(queued_), "queued", "queued", "pretraining", "", "", "loss", "", "", "", "", "", "",
                        "", "", queued.created_at, "", "", "", ""}));
    }

    // summarizeRuns reads every run's best checkpoint and sessions in one query each; what it says of
    // each run is what summarizeRun, reading that run alone, says.
    void summariesOfAllRunsMatchEachRunAlone() {
        const std::string path = (tmp_.path() + "/many.sqlite").toStdString();
        auto store = store::ExperimentStore::open(path);
        std::vector<int64_t> ids;
        const auto addRun = [&](const std::string& name, const json& args) {
            store::RunRecord spec;
            spec.name = name;
            spec.config = {{"training_args", args}};
            ids.push_back(store.createRun(spec).id);
            return ids.back();
        };
        const auto evaluate = [&](int64_t run, int64_t step, const json& metrics) {
            store::EvaluationRecord e;
            e.run_id = run;
            e.step = step;
            e.split = "validation";
            e.metrics = metrics;
            store.addEvaluation(e);
        };
        // Several checkpoints marked best (a store edited by hand): the latest step wins, then the latest row.
        const int64_t marked = addRun("marked twice", {{"metric_for_best_model", "accuracy"}});
        store.addCheckpoint({0, marked, 30, "c30", 0.9, true, ""});
        store.addCheckpoint({0, marked, 50, "c50", 0.7, true, ""});
        const int64_t later_row = store.addCheckpoint({0, marked, 50, "c50b", 0.75, false, ""}).id;
        store.addCheckpoint({0, marked, 40, "c40", 0.8, false, ""});
        {
            store::Database raw = store::Database::open(path, 1000);
            raw.prepare("UPDATE checkpoints SET is_best = 1 WHERE run = ? AND path IN ('c30', 'c50b')").bind(1, marked).run();
        }
        // A best checkpoint without a value: the best evaluation, greater_is_better as the run says.
        const int64_t no_value = addRun("no value", {{"metric_for_best_model", "eval_loss"}, {"greater_is_better", true}});
        store.addCheckpoint({0, no_value, 20, "c20", std::nullopt, true, ""});
        evaluate(no_value, 10, {{"loss", 0.3}});
        evaluate(no_value, 20, {{"loss", 0.5}});
        // A config with a setting this version does not know still names its best metric.
        const int64_t newer = addRun("from a newer version", {{"metric_for_best_model", "f1"}, {"a_later_setting", 1}});
        evaluate(newer, 10, {{"f1", 0.6}});
        // No checkpoint: only numbers count (an integer too), wherever the metric is missing or is not one;
        // a metric's name is matched as it is, dots and quotes included.
        const int64_t mixed = addRun("mixed values", {{"metric_for_best_model", "f1"}});
        evaluate(mixed, 10, {{"f1", true}});
        evaluate(mixed, 20, {{"f1", "0.99"}});
        evaluate(mixed, 30, {{"f1", 1}});
        evaluate(mixed, 40, {{"loss", 0.1}});
        evaluate(mixed, 50, {{"f1", 0.95}});
        const int64_t odd_name = addRun("odd metric name", {{"metric_for_best_model", "a.b\"c"}, {"greater_is_better", false}});
        evaluate(odd_name, 10, {{"a.b\"c", 0.4}, {"a", {{"b", 0.1}}}});
        evaluate(odd_name, 20, {{"a.b\"c", 0.4}});  // a tie keeps the earlier step
        // Three sessions, the last one open.
        const int64_t resumed = addRun("resumed twice", json::object());
        store.markRunning(resumed);
        store.finishRun(resumed, store::RunStatus::Stopped);
        store.markRunning(resumed);
        store.finishRun(resumed, store::RunStatus::Stopped);
        store.markRunning(resumed);
        const int64_t never = addRun("never ran", json::object());

        const std::vector<train::RunSummary> all = train::summarizeRuns(store, kNow);
        QCOMPARE(all.size(), ids.size());
        for (const train::RunSummary& s : all) {
            const train::RunSummary alone = train::summarizeRun(store, *store.getRun(s.run.id), kNow);
            QCOMPARE(s.toJson(), alone.toJson());
            QCOMPARE(s.sessions.size(), alone.sessions.size());
            for (size_t i = 0; i < s.sessions.size(); ++i) QCOMPARE(s.sessions[i].toJson(), alone.sessions[i].toJson());
        }
        const auto of = [&](int64_t id) {
            return *std::find_if(all.begin(), all.end(), [id](const train::RunSummary& s) { return s.run.id == id; });
        };
        QCOMPARE(*of(marked).best.value, 0.75);  // c50b: step 50 as c50, a later row
        QCOMPARE(store.bestCheckpoint(marked)->id, later_row);
        QCOMPARE(*of(marked).best.step, int64_t{50});
        QCOMPARE(of(no_value).best.metric, std::string("loss"));
        QCOMPARE(*of(no_value).best.value, 0.5);
        QCOMPARE(of(newer).best.metric, std::string("f1"));
        QCOMPARE(*of(newer).best.value, 0.6);
        QCOMPARE(*of(mixed).best.value, 1.0);
        QCOMPARE(*of(mixed).best.step, int64_t{30});
        QCOMPARE(*of(odd_name).best.value, 0.4);
        QCOMPARE(*of(odd_name).best.step, int64_t{10});
        QCOMPARE(of(resumed).sessions.size(), size_t{3});
        QVERIFY(!of(resumed).sessions.back().ended_at);
        QVERIFY(of(never).sessions.empty() && !of(never).trained_seconds);
    }

    void curvesCsvSchema() {
        QCOMPARE(train::curvesCsvHeader(), (Cells{"run_id", "run", "metric", "step", "epoch", "wall_time", "value"}));
        const store::MetricPoint point{7, 20, 0.5, "eval/accuracy", 0.1 + 0.2, 1.7e9 + 0.25};
        QCOMPARE(train::curvesCsvRow(7, "#7 lr", point),
                 (Cells{"7", "#7 lr", "eval/accuracy", "20", "0.5", "1700000000.250", "0.30000000000000004"}));
    }
};

QTEST_GUILESS_MAIN(TestRunSummary)
#include "test_run_summary.moc"
