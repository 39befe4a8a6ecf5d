// The HParams table of real runs: the bundled tiny model fine-tuned on SST-2 three times with
// different learning rates and batch sizes, each evaluated and checkpointed every 4 steps. Its
// hyperparameters are checked against the settings the runs were started with, and its metrics,
// best, last and at a step, against the evaluations read straight out of the SQLite file.
#include "core/store/dataset_import.h"
#include "core/store/experiment_store.h"
#include "core/store/sqlite_database.h"
#include "core/train/hparams_table.h"
#include "core/train/training_job.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <set>

using namespace bw;
using nlohmann::json;

namespace {

struct Setting {
    const char* name;
    double learning_rate;
    int64_t batch_size;
};
// Learning rates two decades apart, batch sizes of two values: a small sweep.
const Setting kSweep[] = {{"lr-1e-5", 1e-5, 8}, {"lr-1e-4", 1e-4, 16}, {"lr-1e-3", 1e-3, 8}};
constexpr int64_t kSteps = 12, kEvery = 4;

}  // namespace

class TestHParamsTable : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    std::string db_;
    std::vector<int64_t> runs_;  // in kSweep's order

    std::vector<store::RunRecord> records() {
        auto store = store::ExperimentStore::open(db_);
        std::vector<store::RunRecord> out;
        for (int64_t id : runs_) out.push_back(*store.getRun(id));
        return out;
    }

    train::HParamsTable table(const std::string& at) {
        auto store = store::ExperimentStore::open(db_);
        return train::hparamsTable(store, records(), train::MetricsAt::parse(at));
    }

    // step -> metrics of each evaluation of a run, straight from the evaluations table.
    std::map<int64_t, json> storedEvaluations(int64_t run) {
        store::Database raw = store::Database::open(db_, 1000);
        auto query = raw.prepare("SELECT step, metrics FROM evaluations WHERE run = ? ORDER BY step");
        query.bind(1, run);
        std::map<int64_t, json> out;
        while (query.step()) out[query.int64At(0)] = json::parse(query.textAt(1));
        return out;
    }

    // The step of the checkpoint the trainer marked best, from the checkpoints table.
    int64_t storedBestStep(int64_t run) {
        store::Database raw = store::Database::open(db_, 1000);
        auto query = raw.prepare("SELECT step FROM checkpoints WHERE run = ? AND is_best = 1");
        query.bind(1, run);
        return query.step() ? query.int64At(0) : -1;
    }

    // Every metric of `row` equals the stored evaluation at `step`, number for number.
    void expectMetricsOf(const train::HParamsTable& t, size_t row, const json& stored) {
        QCOMPARE(t.rows[row].metrics.size(), t.metrics.size());
        for (size_t m = 0; m < t.metrics.size(); ++m) {
            const std::string& name = t.metrics[m].name;
            const json& value = t.rows[row].metrics[m];
            QVERIFY2(stored.contains(name), name.c_str());
            QVERIFY2(value.is_number(), (name + " = " + value.dump()).c_str());
            QCOMPARE(value.get<double>(), stored[name].get<double>());
        }
    }

private slots:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        db_ = (tmp_.path() + "/runs.sqlite").toStdString();
        {
            auto store = store::ExperimentStore::open(db_);
            store::ImportRequest train;
            train.input = test::fixture("data/sst2_train_head300.tsv").string();
            train.name = "sst2";
            store::importDataset(store, train);
            store::ImportRequest dev = train;
            dev.input = test::fixture("data/sst2_dev.tsv").string();
            dev.split = "validation";
            store::importDataset(store, dev);
        }
        for (const Setting& s : kSweep) {
            train::TrainingRequest request;
            request.db = db_;
            request.model_dir = test::fixture("../../resources/models/bertwork-tiny-en");
            request.task = "sequence-classification";
            request.dataset = "sst2";
            request.output_dir = (tmp_.path() + "/" + s.name).toStdString();
            request.run_name = s.name;
            request.args.max_steps = kSteps;
            request.args.max_seq_length = 32;
            request.args.learning_rate = s.learning_rate;
            request.args.per_device_train_batch_size = s.batch_size;
            request.args.per_device_eval_batch_size = 64;
            request.args.evaluation_strategy = "steps";
            request.args.eval_steps = kEvery;
            request.args.save_strategy = "steps";
            request.args.save_steps = kEvery;
            request.args.save_total_limit = 0;  // keep them all
            request.args.logging_steps = kEvery;
            runs_.push_back(train::runTraining(request).run_id);
        }
    }

    void hyperparametersAreTheRunsSettings() {
        const train::HParamsTable t = table("best");
        QCOMPARE(t.rows.size(), std::size(kSweep));
        const int lr = t.hyperparameterIndex("learning_rate");
        const int batch = t.hyperparameterIndex("per_device_train_batch_size");
        const int seed = t.hyperparameterIndex("seed");
        const int model = t.hyperparameterIndex("model");
        const int dataset = t.hyperparameterIndex("dataset");
        QVERIFY(lr >= 0 && batch >= 0 && seed >= 0 && model >= 0 && dataset >= 0);
        for (size_t r = 0; r < t.rows.size(); ++r) {
            QCOMPARE(t.rows[r].run_id, runs_[r]);
            QCOMPARE(t.rows[r].name, std::string(kSweep[r].name));
            QCOMPARE(t.rows[r].hyperparameters[lr].get<double>(), kSweep[r].learning_rate);
            QCOMPARE(t.rows[r].hyperparameters[batch].get<int64_t>(), kSweep[r].batch_size);
            QCOMPARE(t.rows[r].hyperparameters[seed].get<int64_t>(), int64_t{42});
            QCOMPARE(t.rows[r].hyperparameters[dataset], json("sst2"));
        }
        // The sweep's settings differ, the rest do not; numbers are numeric, names categories.
        QVERIFY(t.hyperparameters[lr].differs && t.hyperparameters[lr].numeric);
        QVERIFY(t.hyperparameters[batch].differs && t.hyperparameters[batch].numeric);
        QVERIFY(!t.hyperparameters[seed].differs);
        QVERIFY(!t.hyperparameters[model].differs && !t.hyperparameters[model].numeric);
        QVERIFY(!t.hyperparameters[t.hyperparameterIndex("max_seq_length")].differs);
        // Where a run kept its files is not a hyperparameter (it differs between any two runs).
        QCOMPARE(t.hyperparameterIndex("output_dir"), -1);
        QCOMPARE(t.hyperparameterIndex("run_name"), -1);
        QCOMPARE(t.hyperparameterIndex("db"), -1);
        int differing = 0;
        for (const auto& c : t.hyperparameters) differing += c.differs;
        QCOMPARE(differing, 2);
        // The sweep's columns lead.
        QCOMPARE(t.hyperparameters.at(0).name, std::string("model"));
        QVERIFY(lr < t.hyperparameterIndex("adam_beta1"));
    }

    void metricsAreEveryLoggedMetric() {
        const train::HParamsTable t = table("last");
        std::set<std::string> stored;
        for (int64_t run : runs_)
            for (const auto& [step, metrics] : storedEvaluations(run))
                for (const auto& [name, value] : metrics.items()) stored.insert(name);
        std::set<std::string> columns;
        for (const auto& c : t.metrics) {
            columns.insert(c.name);
            QVERIFY2(c.numeric, c.name.c_str());
        }
        QCOMPARE(columns, stored);
        QVERIFY(columns.count("accuracy") && columns.count("loss"));
    }

    void bestIsTheBestCheckpointsEvaluation() {
        const train::HParamsTable t = table("best");
        bool any_best_before_last = false;
        for (size_t r = 0; r < runs_.size(); ++r) {
            const auto evaluations = storedEvaluations(runs_[r]);
            QCOMPARE(evaluations.size(), size_t(kSteps / kEvery));
            // The trainer picks by eval loss (no metric_for_best_model): the lowest stored loss.
            int64_t lowest = -1;
            for (const auto& [step, metrics] : evaluations)
                if (lowest < 0 || metrics["loss"].get<double>() < evaluations.at(lowest)["loss"].get<double>()) lowest = step;
            QCOMPARE(storedBestStep(runs_[r]), lowest);
            QCOMPARE(t.rows[r].step, std::optional<int64_t>(lowest));
            expectMetricsOf(t, r, evaluations.at(lowest));
            any_best_before_last |= lowest != kSteps;
        }
        if (!any_best_before_last) qWarning("every run's best evaluation is its last: best and last agree here");
    }

    void lastIsTheLastEvaluation() {
        const train::HParamsTable t = table("last");
        for (size_t r = 0; r < runs_.size(); ++r) {
            const auto evaluations = storedEvaluations(runs_[r]);
            QCOMPARE(t.rows[r].step, std::optional<int64_t>(kSteps));
            expectMetricsOf(t, r, evaluations.rbegin()->second);
        }
    }

    // The sweep trained by steps, so its max_steps, eval_steps and save_steps are set. A run trained
    // by epochs has none of them in effect: unset (null), not -1 and 0 plotted beside 3000.
    void settingsNotInEffectAreUnset() {
        const train::HParamsTable sweep = table("last");
        const auto setting = [&](const char* name) { return sweep.rows[0].hyperparameters.at(sweep.hyperparameterIndex(name)); };
        QCOMPARE(setting("max_steps"), json(kSteps));
        QCOMPARE(setting("eval_steps"), json(kEvery));
        QCOMPARE(setting("save_steps"), json(kEvery));
        auto store = store::ExperimentStore::open(db_);
        store::RunRecord by_epochs;
        by_epochs.name = "by-epochs";
        by_epochs.task = "sequence-classification";
        by_epochs.config = {{"training_args", {{"num_train_epochs", 2}, {"evaluation_strategy", "epoch"}, {"save_strategy", "epoch"}}}};
        const store::RunRecord created = store.createRun(by_epochs);
        const train::HParamsTable t = train::hparamsTable(store, {created}, train::MetricsAt::parse("last"));
        QVERIFY(t.rows.at(0).hyperparameters.at(t.hyperparameterIndex("max_steps")).is_null());
        QVERIFY(t.rows.at(0).hyperparameters.at(t.hyperparameterIndex("eval_steps")).is_null());
        QVERIFY(t.rows.at(0).hyperparameters.at(t.hyperparameterIndex("save_steps")).is_null());
        QCOMPARE(t.rows.at(0).hyperparameters.at(t.hyperparameterIndex("num_train_epochs")), json(2.0));
        QCOMPARE(t.rows.at(0).hyperparameters.at(t.hyperparameterIndex("logging_steps")), json(10));
        store.deleteRun(created.id);  // the other tests read the sweep's runs
    }

    // At step 6 the evaluation of step 4 (the last one before it), at 8 its own, before the first none.
    void atStepIsTheEvaluationAtOrBeforeIt() {
        for (const auto& [at, expected] : {std::pair<const char*, int64_t>{"6", 4}, {"8", 8}, {"1000", 12}}) {
            const train::HParamsTable t = table(at);
            for (size_t r = 0; r < runs_.size(); ++r) {
                QCOMPARE(t.rows[r].step, std::optional<int64_t>(expected));
                expectMetricsOf(t, r, storedEvaluations(runs_[r]).at(expected));
            }
        }
        const train::HParamsTable early = table("3");
        for (const auto& row : early.rows) {
            QVERIFY(!row.step);
            for (const json& value : row.metrics) QVERIFY(value.is_null());
        }
    }

    void csvAndJsonKeepNumbers() {
        const train::HParamsTable t = table("best");
        const auto header = t.csvHeader(true);
        QCOMPARE(std::vector<std::string>(header.begin(), header.begin() + 7),
                 (std::vector<std::string>{"id", "name", "status", "step", "epoch", "learning_rate",
                                           "per_device_train_batch_size"}));
        const auto rows = t.csvRows(true);
        QCOMPARE(rows.size(), runs_.size());
        QCOMPARE(rows[0][5], std::string("1e-05"));  // the shortest exact form, never rounded
        QCOMPARE(rows[1][6], std::string("16"));
        QCOMPARE(t.csvHeader(false).size(), header.size() + t.hyperparameters.size() - 2);
        const json j = t.toJson();
        QCOMPARE(j["at"], json("best"));
        QCOMPARE(j["runs"][2]["hyperparameters"]["learning_rate"], json(1e-3));
        QVERIFY(j["runs"][0]["metrics"]["accuracy"].is_number());
    }

    void badModeIsRefused() {
        for (const char* bad : {"", "first", "-5", "12a", "1.5"})
            QVERIFY2(test::errorOf([&] { train::MetricsAt::parse(bad); }).find("best, last or a step number") != std::string::npos, bad);
        QCOMPARE(train::MetricsAt::parse("250").step, int64_t{250});
        QCOMPARE(train::MetricsAt::parse("last").name(), std::string("last"));
    }
};

QTEST_GUILESS_MAIN(TestHParamsTable)
#include "test_hparams_table.moc"
