// Every task the CLI advertises, trained for real on real data through `bertwork-cli train`, and
// what each promises checked from the stored evaluations: token classification's entity F1 rises on
// a CoNLL-2003 slice (and `evaluate --int8` keeps it within a point); multi-label (the entity
// types a CoNLL sentence mentions) and regression (how many entities it has) lose loss and gain in
// their metrics; pretraining (MLM + NSP) on WikiText raises both accuracies; the budget recipe
// (packed masked LM on a time budget) learns and stops on time. The fine-tunes start from the
// bundled model (seconds each).
#include "cli_runner.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>

using nlohmann::json;
using namespace bw::clitest;

namespace {

// The bundled model, as the repository holds it.
QString bundledModel() {
    return QString::fromStdString((bw::test::fixture("../../resources/models/bertwork-tiny-en")).lexically_normal().string());
}

// The metrics of each stored evaluation, oldest first.
std::vector<json> evaluationsOf(const QString& db, int64_t run) {
    const Run shown = cli({"runs", "--db", db, "show", QString::number(run)});
    std::vector<json> out;
    if (shown.exit_code != 0) {
        qWarning("runs show failed: %s", shown.err.c_str());
        return out;
    }
    const json run_json = shown.lines().at(0);  // kept: a range-for over a temporary's member dangles
    for (const json& e : run_json["evaluations"]) out.push_back(e["metrics"]);
    return out;
}

// The values of one logged training metric, by step.
std::vector<double> curveOf(const QString& db, int64_t run, const char* name) {
    std::vector<double> values;
    const std::vector<json> points = cli({"runs", "--db", db, "metrics", QString::number(run), "--name", name}).lines();
    for (const json& point : points)
        values.push_back(point["value"].get<double>());
    return values;
}

QString describe(const std::vector<json>& evaluations, const char* metric) {
    QStringList values;
    for (const json& e : evaluations) values << QString::number(e.value(metric, -1.0));
    return QString::fromLatin1(metric) + ": " + values.join(QStringLiteral(" -> "));
}

}  // namespace

class TestCliTaskTraining : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QString db_;

    // Imports a train and a validation file as one dataset.
    void importPair(const char* name, const char* train, const char* validation, const QStringList& extra = {}) {
        for (const auto& [file, split] : {std::pair{train, "train"}, std::pair{validation, "validation"}}) {
            const Run r = cli(QStringList{"import", "--db", db_, "--name", name, "--input", fixture(file), "--split", split} +
                              extra);
            QVERIFY2(r.exit_code == 0, r.err.c_str());
        }
    }

    // 150 steps of batch 16 from the bundled model, evaluated every 50; returns the run id. With
    // `keep_last`, the weights of step 150 are kept in OUTPUT/checkpoint-150.
    int64_t fineTune(const char* dataset, const QStringList& extra, bool keep_last = false) {
        const QStringList saving = keep_last ? QStringList{"--save-strategy", "steps", "--save-steps", "150"}
                                             : QStringList{"--save-strategy", "no"};
        const Run r = cli(QStringList{"train", "--db", db_, "--model", bundledModel(), "--dataset", dataset,
                                      "--output-dir", tmp_.filePath(dataset), "--max-steps", "150",
                                      "--per-device-train-batch-size", "16", "--learning-rate", "1e-3",
                                      "--eval-steps", "50", "--max-seq-length", "64", "--seed", "42"} +
                          saving + extra);
        if (r.exit_code != 0) qWarning("train failed: %s", r.err.c_str());
        return r.exit_code == 0 ? r.lines().back()["run_id"].get<int64_t>() : -1;
    }

private slots:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        db_ = tmp_.filePath("tasks.sqlite");
    }

    void tokenClassificationLearnsEntities() {
        importPair("conll", "data/conll2003_train_head1000.txt", "data/conll2003_valid_head300.txt");
        const int64_t run = fineTune("conll", {"--task", "token-classification", "--metric-for-best-model", "f1"}, true);
        QVERIFY(run > 0);
        const auto e = evaluationsOf(db_, run);
        QCOMPARE(e.size(), size_t{3});  // steps 50, 100 and 150 (the last is the final one)
        // seqeval's overall scores under Hugging Face's names, and the per-entity table beside them.
        for (const char* name : {"precision", "recall", "f1", "accuracy", "f1_macro", "token_accuracy"})
            QVERIFY2(e.back().contains(name), name);
        QVERIFY2(e[2]["f1"].get<double>() > e[0]["f1"].get<double>() + 0.15, qPrintable(describe(e, "f1")));
        QVERIFY2(e[2]["f1"].get<double>() > 0.4, qPrintable(describe(e, "f1")));
        QVERIFY2(e[2]["loss"].get<double>() < e[0]["loss"].get<double>(), qPrintable(describe(e, "loss")));

        // The kept weights through `evaluate`: the run's own final scores in float32; with --int8
        // (the encoder's GEMMs dynamically quantized) entity F1 within one point of them (the
        // performance issue's bar), by a path that really is another one (the loss moves).
        const QStringList evaluate{"evaluate", "--db", db_, "--model", tmp_.filePath("conll/checkpoint-150"),
                                   "--dataset", "conll", "--max-seq-length", "64", "--device", "cpu"};
        const Run float32 = cli(evaluate), int8 = cli(evaluate + QStringList{"--int8"});
        QVERIFY2(float32.exit_code == 0, float32.err.c_str());
        QVERIFY2(int8.exit_code == 0, int8.err.c_str());
        const json f = float32.lines().at(0), q = int8.lines().at(0);
        QCOMPARE(f["compute"]["precision"].get<std::string>(), std::string("float32"));
        QCOMPARE(q["compute"]["precision"].get<std::string>(), std::string("int8"));
        QVERIFY2(std::abs(f["f1"].get<double>() - e[2]["f1"].get<double>()) < 1e-9, qPrintable(describe({e[2], f}, "f1")));
        qInfo("CoNLL slice entity F1: float32 %.4f, int8 %.4f; loss %.5f, %.5f", f["f1"].get<double>(),
              q["f1"].get<double>(), f["loss"].get<double>(), q["loss"].get<double>());
        QVERIFY2(std::abs(q["f1"].get<double>() - f["f1"].get<double>()) <= 0.01, qPrintable(describe({f, q}, "f1")));
        QVERIFY2(q["loss"].get<double>() != f["loss"].get<double>(), qPrintable(describe({f, q}, "loss")));
    }

    void multiLabelLearnsEntityTypes() {
        importPair("types", "data/conll2003_train_entity_types.jsonl", "data/conll2003_valid_entity_types.jsonl");
        const int64_t run = fineTune("types", {"--task", "sequence-classification", "--problem-type",
                                               "multi_label_classification", "--metric-for-best-model", "f1_micro"});
        QVERIFY(run > 0);
        const auto e = evaluationsOf(db_, run);
        QCOMPARE(e.size(), size_t{3});
        QVERIFY2(e[2]["loss"].get<double>() < e[0]["loss"].get<double>() - 0.02, qPrintable(describe(e, "loss")));
        QVERIFY2(e[2]["f1_micro"].get<double>() > e[0]["f1_micro"].get<double>() + 0.1, qPrintable(describe(e, "f1_micro")));
        QVERIFY2(e[2]["subset_accuracy"].get<double>() > e[0]["subset_accuracy"].get<double>(),
                 qPrintable(describe(e, "subset_accuracy")));
    }

    void regressionLearnsEntityCounts() {
        importPair("count", "data/conll2003_train_entity_count.jsonl", "data/conll2003_valid_entity_count.jsonl",
                   {"--label-column", "entities"});
        const int64_t run = fineTune("count", {"--task", "sequence-classification", "--problem-type", "regression",
                                               "--metric-for-best-model", "pearson"},
                                     true);
        QVERIFY(run > 0);
        const auto e = evaluationsOf(db_, run);
        QCOMPARE(e.size(), size_t{3});
        QVERIFY2(e[2]["mse"].get<double>() < e[0]["mse"].get<double>() * 0.75, qPrintable(describe(e, "mse")));
        QVERIFY2(e[2]["pearson"].get<double>() > e[0]["pearson"].get<double>() + 0.1, qPrintable(describe(e, "pearson")));
        QVERIFY2(e[2]["pearson"].get<double>() > 0.6, qPrintable(describe(e, "pearson")));

        // A dataset whose labels are words is refused before anything is predicted, with the dataset,
        // split and line (the error once said only "line 2: regression label 'pos' is not a number").
        const QString words = tmp_.filePath("word-labels.tsv");
        std::ofstream(words.toStdString()) << "sentence\tlabel\n3\t2\na fine film\tpos\n";
        QCOMPARE(cli({"import", "--db", db_, "--name", "word-labels", "--input", words, "--split", "validation"}).exit_code, 0);
        expectFailure({"analyse", "--db", db_, "--run", QString::number(run), "--dataset", "word-labels", "--split",
                       "validation"},
                      "dataset 'word-labels', validation split, line 3: label 'pos' is not a number, and the model "
                      "predicts a score (regression)");
    }

    // From scratch (a small random model) on a WikiText slice: the masked-LM and next-sentence
    // accuracies of the training batches rise and the masked-LM loss falls. (The slice's held-out
    // part is a few sequences: too few to judge by.)
    void pretrainingRaisesMlmAndNspAccuracy() {
        const QString config = tmp_.filePath("small.json");
        std::ofstream(config.toStdString()) << R"({"hidden_size": 64, "num_hidden_layers": 2, "num_attention_heads": 2,
                                                 "intermediate_size": 128, "max_position_embeddings": 128})";
        const Run r = cli({"train", "--db", db_, "--init-config", config, "--vocab",
                           fixture("vocab/bert-base-uncased/vocab.txt"), "--task", "pretraining", "--corpus",
                           fixture("data/wikitext2_test_head120.txt"), "--output-dir", tmp_.filePath("pretraining"),
                           "--max-steps", "300", "--per-device-train-batch-size", "16", "--learning-rate", "1e-3",
                           "--max-seq-length", "64", "--logging-steps", "25", "--eval-steps", "150",
                           "--save-strategy", "no", "--seed", "42"},
                          300000);
        QVERIFY2(r.exit_code == 0, r.err.c_str());
        const int64_t run = r.lines().back()["run_id"].get<int64_t>();
        const std::vector<double> mlm = curveOf(db_, run, "train/mlm_accuracy");
        const std::vector<double> nsp = curveOf(db_, run, "train/nsp_accuracy");
        QCOMPARE(mlm.size(), size_t{12});
        QCOMPARE(nsp.size(), size_t{12});
        const auto rise = [](const std::vector<double>& v) {
            return QString("%1 -> %2").arg(v.front()).arg(v.back());
        };
        QVERIFY2(mlm.back() > mlm.front() + 0.02, qPrintable("mlm accuracy " + rise(mlm)));
        QVERIFY2(nsp.back() > nsp.front() + 0.1 && nsp.back() > 0.9, qPrintable("nsp accuracy " + rise(nsp)));
        const std::vector<double> mlm_loss = curveOf(db_, run, "train/mlm_loss");
        QVERIFY2(mlm_loss.back() < mlm_loss.front() - 0.5, qPrintable("mlm loss " + rise(mlm_loss)));
    }

    // The budget recipe from the command line: masked LM without NSP on packed rows, for a
    // wall-clock budget with the one-cycle schedule. The MLM loss falls, the learning rate climbs
    // and falls back with the clock, and the run stops when the budget is spent although the
    // epochs asked for would take hours.
    void budgetRecipeTrainsPackedMaskedLmOnTheClock() {
        const QString config = tmp_.filePath("small_budget.json");
        std::ofstream(config.toStdString()) << R"({"hidden_size": 64, "num_hidden_layers": 2, "num_attention_heads": 2,
                                                 "intermediate_size": 128, "max_position_embeddings": 128})";
        QElapsedTimer clock;
        clock.start();
        const Run r = cli({"train", "--db", db_, "--init-config", config, "--vocab",
                           fixture("vocab/bert-base-uncased/vocab.txt"), "--task", "masked-lm", "--corpus",
                           fixture("data/wikitext2_test_head120.txt"), "--output-dir", tmp_.filePath("budget"),
                           "--packing", "--max-train-time", "15s", "--lr-scheduler-type", "one_cycle",
                           "--num-train-epochs", "1000", "--mlm-probability", "0.3",
                           "--per-device-train-batch-size", "16", "--learning-rate", "1e-3", "--max-seq-length", "64",
                           "--logging-steps", "1", "--evaluation-strategy", "no", "--save-strategy", "no",
                           "--seed", "42"},
                          300000);
        QVERIFY2(r.exit_code == 0, r.err.c_str());
        QVERIFY2(clock.elapsed() < 60000, qPrintable(QString("%1 ms for a 15 s budget").arg(clock.elapsed())));
        const int64_t run = r.lines().back()["run_id"].get<int64_t>();
        const std::vector<double> loss = curveOf(db_, run, "train/mlm_loss");
        QVERIFY2(loss.size() >= 5, qPrintable(QString("%1 logged losses").arg(loss.size())));
        QVERIFY2(loss.back() < loss.front() - 0.5, qPrintable(QString("%1 -> %2").arg(loss.front()).arg(loss.back())));
        const std::vector<json> lr_points =
            cli({"runs", "--db", db_, "metrics", QString::number(run), "--name", "train/learning_rate"}).lines();
        std::vector<double> lr;
        for (const json& point : lr_points) lr.push_back(point["value"].get<double>());
        const auto peak = std::max_element(lr.begin(), lr.end());
        QVERIFY(peak != lr.begin() && peak + 1 != lr.end());
        QVERIFY2(std::is_sorted(peak, lr.end(), std::greater<double>()), "the learning rate falls after its peak");
        // The last step began at most one and a half steps before the budget's end (a step is not
        // taken that would end more past it than short of it), so the triangle's last value is at
        // most 2 x 1.5 steps / 15 s of the peak. A step's length is read from the logs' wall times:
        // under a sanitizer on a loaded machine a step takes most of a second.
        double step_seconds = 0;
        for (size_t i = std::max<size_t>(1, lr_points.size() - 4); i < lr_points.size(); ++i)
            step_seconds = std::max(step_seconds, lr_points[i]["wall_time"].get<double>() -
                                                      lr_points[i - 1]["wall_time"].get<double>());
        const double bound = std::max(0.05, 2 * 1.5 * step_seconds / 15.0) + 0.02;
        QVERIFY2(lr.back() < bound * *peak, qPrintable(QString("last %1, peak %2, steps of %3 s")
                                                           .arg(lr.back()).arg(*peak).arg(step_seconds)));
        const json shown = cli({"runs", "--db", db_, "show", QString::number(run)}).lines().at(0);
        const json args = shown.at("config").at("training_args");
        QCOMPARE(args.at("packing").get<bool>(), true);
        QCOMPARE(args.at("max_train_time").get<std::string>(), std::string("15s"));
    }

    // Pretraining models with and without next-sentence prediction compare on the same windows:
    // `evaluate --task masked-lm` reads the bundled (BertForPreTraining) model's masked-LM head
    // alone, without the NSP pairs its own task would build.
    void evaluateReadsAPretrainingModelAsAMaskedLm() {
        const Run imported = cli({"import", "--db", db_, "--name", "wiki-eval", "--input",
                                  fixture("data/wikitext2_test_head120.txt"), "--format", "text"});
        QVERIFY2(imported.exit_code == 0, imported.err.c_str());
        auto evaluate = [&](const QStringList& extra) {
            const Run r = cli(QStringList{"evaluate", "--db", db_, "--model", bundledModel(), "--dataset", "wiki-eval",
                                          "--split", "train"} + extra);
            return r.exit_code == 0 ? r.lines().at(0) : json{{"error", r.err}};
        };
        const json as_pretraining = evaluate({});
        const json as_masked_lm = evaluate({"--task", "masked-lm"});
        QVERIFY2(as_pretraining.contains("nsp_accuracy"), as_pretraining.dump().c_str());
        QVERIFY2(!as_masked_lm.contains("nsp_accuracy") && as_masked_lm.contains("mlm_accuracy"), as_masked_lm.dump().c_str());
        // A trained head: far below the loss of a uniform guess over 30,522 tokens (10.3).
        QVERIFY2(as_masked_lm.at("loss").get<double>() < 6.0, as_masked_lm.dump().c_str());
        QCOMPARE(as_masked_lm.at("loss").get<double>(), as_masked_lm.at("mlm_loss").get<double>());
        const Run wrong = cli({"evaluate", "--db", db_, "--model", bundledModel(), "--dataset", "wiki-eval", "--split",
                               "train", "--task", "masked-language-model"});
        QVERIFY(wrong.exit_code != 0);
        QVERIFY2(QString::fromStdString(wrong.err).contains("masked-lm"), wrong.err.c_str());
    }

    void packingIsRefusedWhereNextSentencePredictionNeedsWholeRows() {
        const Run r = cli({"train", "--db", db_, "--model", bundledModel(), "--task", "pretraining", "--corpus",
                           fixture("data/wikitext2_test_head120.txt"), "--output-dir", tmp_.filePath("refused"),
                           "--packing", "--max-steps", "2"});
        QVERIFY(r.exit_code != 0);
        QVERIFY2(QString::fromStdString(r.err).contains("masked-lm"), r.err.c_str());
    }
};

QTEST_GUILESS_MAIN(TestCliTaskTraining)
#include "test_cli_task_training.moc"
