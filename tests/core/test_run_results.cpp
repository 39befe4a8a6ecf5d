// What a run achieved, read back from a real store: the best value is the best checkpoint's (or the
// best evaluation's), not the last evaluation's; the final evaluation is the best checkpoint's when
// the run reloads it; and an exported checkpoint's model card shows that checkpoint's evaluation.
#include "core/io/model_directory.h"
#include "core/store/experiment_store.h"
#include "core/train/model_card.h"
#include "core/train/model_origin.h"
#include "core/train/run_results.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace bw;
using nlohmann::json;

namespace {

// A finished run with evaluations at steps 30 and 60 and checkpoints at both; step 30 is the best
// (lower eval loss) although step 60 is the last.
struct StoredRun {
    store::RunRecord run;
    std::vector<store::EvaluationRecord> evaluations;
    std::vector<store::CheckpointRecord> checkpoints;
};

StoredRun storeRun(store::ExperimentStore& s, const json& training_args, bool save_checkpoints = true) {
    store::RunRecord spec;
    spec.name = "sst2-lr5e-4";
    spec.task = "sequence-classification";
    spec.base_model = "scratch:tiny";
    spec.config = {{"training_args", training_args}};
    StoredRun r;
    r.run = s.createRun(spec);
    s.markRunning(r.run.id);
    const std::vector<std::pair<int64_t, json>> steps = {{30, {{"loss", 0.6545}, {"accuracy", 0.626}}},
                                                         {60, {{"loss", 0.7166}, {"accuracy", 0.5287}}}};
    for (const auto& [step, metrics] : steps) {
        store::EvaluationRecord e;
        e.run_id = r.run.id;
        e.step = step;
        e.split = "validation";
        e.metrics = metrics;
        r.evaluations.push_back(s.addEvaluation(e));
        if (!save_checkpoints) continue;
        store::CheckpointRecord c;
        c.run_id = r.run.id;
        c.step = step;
        c.path = "/checkpoints/checkpoint-" + std::to_string(step);
        c.metric_value = metrics.at("loss").get<double>();  // these runs pick the best by loss
        c.is_best = step == 30;
        r.checkpoints.push_back(s.addCheckpoint(c));
    }
    s.finishRun(r.run.id, store::RunStatus::Completed);
    r.run = *s.getRun(r.run.id);
    return r;
}

}  // namespace

class TestRunResults : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    std::string db(const char* name) { return (tmp_.path() + "/" + name).toStdString(); }

private slots:
    void bestIsTheBestCheckpointNotTheLastEvaluation() {
        auto s = store::ExperimentStore::open(db("best.sqlite"));
        const StoredRun r = storeRun(s, {{"metric_for_best_model", ""}});
        const train::BestResult best = train::bestResult(s, r.run);
        QCOMPARE(best.metric, std::string("loss"));
        QCOMPARE(*best.value, 0.6545);
        QCOMPARE(*best.step, int64_t(30));
    }

    void withoutCheckpointsTheBestEvaluationFollowsGreaterIsBetter() {
        auto s = store::ExperimentStore::open(db("no-checkpoints.sqlite"));
        const StoredRun by_loss = storeRun(s, {{"save_strategy", "no"}}, /*save_checkpoints=*/false);
        QCOMPARE(*train::bestResult(s, by_loss.run).value, 0.6545);  // lower loss is better
        const StoredRun by_accuracy =
            storeRun(s, {{"save_strategy", "no"}, {"metric_for_best_model", "accuracy"}}, false);
        const train::BestResult best = train::bestResult(s, by_accuracy.run);
        QCOMPARE(best.metric, std::string("accuracy"));
        QCOMPARE(*best.value, 0.626);  // higher accuracy is better
        const StoredRun reversed = storeRun(
            s, {{"save_strategy", "no"}, {"metric_for_best_model", "accuracy"}, {"greater_is_better", false}}, false);
        QCOMPARE(*train::bestResult(s, reversed.run).value, 0.5287);
        // transformers' spelling with the prefix names the same metric.
        const StoredRun prefixed =
            storeRun(s, {{"save_strategy", "no"}, {"metric_for_best_model", "eval_accuracy"}}, false);
        QCOMPARE(train::bestResult(s, prefixed.run).metric, std::string("accuracy"));
        QCOMPARE(*train::bestResult(s, prefixed.run).value, 0.626);
    }

    void finalEvaluationIsTheReloadedBestCheckpoints() {
        auto s = store::ExperimentStore::open(db("final.sqlite"));
        const StoredRun reloads = storeRun(s, json::object());  // load_best_model_at_end defaults to true
        QCOMPARE(train::finalEvaluation(s, reloads.run)->step, int64_t(30));
        const StoredRun keeps_last = storeRun(s, {{"load_best_model_at_end", false}});
        QCOMPARE(train::finalEvaluation(s, keeps_last.run)->step, int64_t(60));
        // A stopped run never reloaded anything: it ends with its last weights.
        StoredRun stopped = storeRun(s, json::object());
        s.finishRun(stopped.run.id, store::RunStatus::Stopped);
        QCOMPARE(train::finalEvaluation(s, *s.getRun(stopped.run.id))->step, int64_t(60));
    }

    void evaluationAtStepTakesTheLastOneNotAfterIt() {
        auto s = store::ExperimentStore::open(db("at-step.sqlite"));
        const StoredRun r = storeRun(s, json::object());
        QVERIFY(!train::evaluationAtStep(r.evaluations, 29));
        QCOMPARE(train::evaluationAtStep(r.evaluations, 30)->step, int64_t(30));
        QCOMPARE(train::evaluationAtStep(r.evaluations, 59)->step, int64_t(30));
        QCOMPARE(train::evaluationAtStep(r.evaluations, 75)->step, int64_t(60));
    }

    // The Train page says a run with evaluation_strategy "no" does not evaluate, rather than that
    // its metrics appear after the first evaluation.
    void evaluatesWhileTrainingReadsTheStrategy() {
        store::RunRecord run;
        QVERIFY(train::evaluatesWhileTraining(run));  // no settings: the default, epoch
        run.config = {{"training_args", {{"evaluation_strategy", "steps"}}}};
        QVERIFY(train::evaluatesWhileTraining(run));
        run.config = {{"training_args", {{"evaluation_strategy", "no"}}}};
        QVERIFY(!train::evaluatesWhileTraining(run));
    }

    // One rule for the window's model names and the model card's base model.
    void modelFolderNameNamesACheckpointByItsRun() {
        QCOMPARE(train::modelFolderName("/home/someone/models/bertwork-tiny-en"), std::string("bertwork-tiny-en"));
        QCOMPARE(train::modelFolderName("/work/runs/r6/checkpoint-30"), std::string("r6/checkpoint-30"));
        QCOMPARE(train::modelFolderName("/work/runs/r6/checkpoint-30/"), std::string("r6/checkpoint-30"));
        QCOMPARE(train::modelFolderName("checkpoint-30"), std::string("checkpoint-30"));  // no run folder to name
        QCOMPARE(train::modelFolderName("/work/runs/r6/checkpoint-best"), std::string("checkpoint-best"));  // not a step
    }

    void modelCardDescribesTheExportedCheckpoint() {
        auto s = store::ExperimentStore::open(db("card.sqlite"));
        const StoredRun r = storeRun(s, json::object());
        const io::LoadedModel model = io::loadModelDirectory(test::fixture("golden/seqcls"));
        const std::string best_card = train::modelCard(r.run, r.checkpoints.at(0), r.evaluations, std::nullopt, model);
        QVERIFY2(best_card.find("at step 30 (this checkpoint)") != std::string::npos, best_card.c_str());
        QVERIFY2(best_card.find(" 28,739 parameters)") != std::string::npos, best_card.c_str());  // bertwork-cli inspect: 28739
        QVERIFY(best_card.find("the part that Hugging Face's `TrainingArguments` reads") != std::string::npos);
        QVERIFY(best_card.find("| accuracy | 0.6260 |") != std::string::npos);
        QVERIFY(best_card.find("0.5287") == std::string::npos);
        const std::string last_card = train::modelCard(r.run, r.checkpoints.at(1), r.evaluations, std::nullopt, model);
        QVERIFY(last_card.find("| accuracy | 0.5287 |") != std::string::npos);
        QVERIFY2(last_card.find("when this model was exported") == std::string::npos, last_card.c_str());
        // A checkpoint of an interrupted run says so: its max_steps are not these weights' steps.
        store::RunRecord interrupted = r.run;
        interrupted.status = store::RunStatus::Interrupted;
        const std::string part_card = train::modelCard(interrupted, r.checkpoints.at(0), r.evaluations, std::nullopt, model);
        QVERIFY2(part_card.find("The run was interrupted when this model was exported: these weights are from step 30 ") !=
                     std::string::npos,
                 part_card.c_str());

        // The walkthrough's pairs run: the card named the dataset's test split, which the run never read,
        // neither text column, the base model by its absolute path, and evaluation_strategy where
        // training_args.json beside it says eval_strategy.
        store::RunRecord pairs = r.run;
        pairs.base_model = "/home/someone/models/bertwork-tiny-en";
        pairs.config["data_rows"] = {{"train", 1200}, {"validation", 150}};
        pairs.config["training_args"] = {{"evaluation_strategy", "steps"}, {"class_weights", "none"}, {"learning_rate", 3e-4}};
        store::DatasetRecord dataset;
        dataset.name = "pairs_mrpc";
        dataset.task_kind = "sequence";
        dataset.format = "tsv";
        dataset.columns = {{"label", "Quality"}, {"text", "#1 String"}, {"text_pair", "#2 String"}};
        dataset.label_set = {"0", "1"};
        dataset.row_counts = {{"test", 80}, {"train", 1200}, {"validation", 150}};
        const std::string card = train::modelCard(pairs, r.checkpoints.at(0), r.evaluations, dataset, model);
        const auto has = [&](const std::string& text) { return card.find(text) != std::string::npos; };
        QVERIFY2(has("Dataset `pairs_mrpc` (sequence, tsv): trained on its train split (1,200 rows), evaluated on its "
                     "validation split (150 rows).\n"), card.c_str());
        QVERIFY2(!has("test"), card.c_str());
        QVERIFY2(has("Text from `#1 String`, second text from `#2 String`, label from `Quality`.\n"), card.c_str());
        QVERIFY2(has("Fine-tuned from `bertwork-tiny-en`.") && !has("/home/someone"), card.c_str());
        QVERIFY2(has("| evaluation_strategy | \"steps\" | `eval_strategy` in transformers 5 |"), card.c_str());
        QVERIFY2(has("| class_weights | \"none\" | Bertwork's own |"), card.c_str());
        QVERIFY2(has("| learning_rate | 0.0003 |  |"), card.c_str());
        // A run's checkpoint as the base: its run's folder names it. An older run without data_rows
        // names the splits it hashed, with today's rows.
        pairs.base_model = "/work/runs/r6/checkpoint-30/";
        pairs.config.erase("data_rows");
        pairs.data_hashes = {{"train", "a"}, {"validation", "b"}};
        dataset.columns = {{"text", "title"}, {"text_joined", {"description"}}, {"join_separator", " | "}, {"label", "label"}};
        const std::string older = train::modelCard(pairs, r.checkpoints.at(0), r.evaluations, dataset, model);
        QVERIFY2(older.find("Fine-tuned from `r6/checkpoint-30`.") != std::string::npos, older.c_str());
        QVERIFY2(older.find("its train 1,200 rows, validation 150 rows splits (as the dataset holds them now).") !=
                     std::string::npos, older.c_str());
        QVERIFY2(older.find("Text from `title` + `description` (joined with \" | \"), label from `label`.") != std::string::npos,
                 older.c_str());
        // Pretraining on a text file: its name and rows, not a JSON string of a local path.
        store::RunRecord on_text = r.run;
        on_text.config["corpus"] = "/home/someone/texts/py_doc.txt";
        on_text.config["data_rows"] = {{"train", 30989}, {"validation", 1775}};
        const std::string text_card = train::modelCard(on_text, r.checkpoints.at(0), r.evaluations, std::nullopt, model);
        QVERIFY2(text_card.find("Text file `py_doc.txt`: 30,989 rows for training, 1,775 held out for evaluation.\n") !=
                     std::string::npos && text_card.find("/home/someone") == std::string::npos,
                 text_card.c_str());
        store::RunRecord deleted = r.run;
        deleted.config["dataset"] = "agnews";
        QVERIFY(train::modelCard(deleted, r.checkpoints.at(0), r.evaluations, std::nullopt, model)
                    .find("Dataset `agnews` (deleted from the workspace since).\n") != std::string::npos);
    }
};

QTEST_MAIN(TestRunResults)
#include "test_run_results.moc"
