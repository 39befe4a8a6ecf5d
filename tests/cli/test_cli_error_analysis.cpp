// Error analysis through the CLI on real runs: `bertwork-cli analyse` predicts every row of a split
// with a run's checkpoint and keeps the predictions; `bertwork-cli analyses` browses them. Checked
// from outside the code that made them: the rows are the split's rows as the fixture file holds
// them; accuracy, the confusion matrix and the mean loss recounted from the rows equal the metrics
// of the pass; a confusion cell's rows are that cell's count; the ROC area equals the Mann-Whitney
// count over the rows' probabilities; for tagging, the missed and invented entities are exactly the
// differences between gold and predicted spans. An analysis of the test split leaves the run's
// evaluations alone.
#include "cli_runner.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>
#include <optional>
#include <set>

using nlohmann::json;
using namespace bw::clitest;

namespace {

QString bundledModel() {
    return QString::fromStdString((bw::test::fixture("../../resources/models/bertwork-tiny-en")).lexically_normal().string());
}

// The sentences of a two-column TSV with a header, in file order.
std::vector<std::string> tsvSentences(const QString& path) {
    std::ifstream in(path.toStdString());
    std::vector<std::string> sentences;
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line))
        if (!line.empty()) sentences.push_back(line.substr(0, line.find('\t')));
    return sentences;
}

}  // namespace

class TestCliErrorAnalysis : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QString db_;
    int64_t sst2_run_ = -1;

    int64_t fineTune(const char* dataset, const QStringList& extra) {
        const Run r = cli(QStringList{"train", "--db", db_, "--model", bundledModel(), "--dataset", dataset,
                                      "--output-dir", tmp_.filePath(dataset), "--max-steps", "40",
                                      "--per-device-train-batch-size", "16", "--learning-rate", "1e-3",
                                      "--evaluation-strategy", "steps", "--eval-steps", "40", "--save-strategy", "steps",
                                      "--save-steps", "40", "--max-seq-length", "64", "--seed", "42"} +
                              extra,
                          600000);
        if (r.exit_code != 0) qWarning("train failed: %s", r.err.c_str());
        return r.exit_code == 0 ? r.lines().back()["run_id"].get<int64_t>() : -1;
    }

    void import(const char* name, const char* file, const char* split) {
        const Run r = cli({"import", "--db", db_, "--name", name, "--input", fixture(file), "--split", split});
        QVERIFY2(r.exit_code == 0, r.err.c_str());
    }

    json analysisOf(int64_t run, int64_t id) {
        for (const json& a : cli({"analyses", "--db", db_, "list", "--run", QString::number(run)}).lines())
            if (a["id"] == id) return a;
        return {};
    }

private slots:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        db_ = tmp_.filePath("analysis.sqlite");
        import("sst2", "data/sst2_train_head2000.tsv", "train");
        import("sst2", "data/sst2_dev.tsv", "validation");
        sst2_run_ = fineTune("sst2", {"--task", "sequence-classification"});
        QVERIFY(sst2_run_ > 0);
    }

    void classifierRowsAgreeWithTheMetrics() {
        const int64_t evaluations_before =
            static_cast<int64_t>(cli({"runs", "--db", db_, "show", QString::number(sst2_run_)}).lines().at(0)["evaluations"].size());
        const Run made = cli({"analyse", "--db", db_, "--run", QString::number(sst2_run_)}, 300000);
        QVERIFY2(made.exit_code == 0, made.err.c_str());
        const json made_json = made.lines().at(0);
        const int64_t id = made_json["id"].get<int64_t>();
        QCOMPARE(made_json["rows"].get<int64_t>(), int64_t{872});
        QCOMPARE(made_json["step"].get<int64_t>(), int64_t{40});

        const json analysis = analysisOf(sst2_run_, id);
        QVERIFY(!analysis.is_null());
        const json metrics = analysis["metrics"];
        // --sort row is the split's order (it once listed them last first unless --ascending).
        const std::vector<json> rows = cli({"analyses", "--db", db_, "rows", QString::number(id), "--sort", "row"}).lines();
        QCOMPARE(rows.size(), size_t{872});
        const std::vector<json> reversed =
            cli({"analyses", "--db", db_, "rows", QString::number(id), "--sort", "row", "--descending", "--limit", "1"}).lines();
        QCOMPARE(reversed.size(), size_t{1});
        QCOMPARE(reversed[0]["row"].get<int64_t>(), int64_t{871});

        // The split's own sentences, in order; labels as the file has them.
        const std::vector<std::string> sentences = tsvSentences(fixture("data/sst2_dev.tsv"));
        QCOMPARE(sentences.size(), rows.size());
        int64_t correct = 0;
        double loss_sum = 0;
        std::vector<std::vector<int64_t>> confusion(2, std::vector<int64_t>(2, 0));
        const std::vector<std::string> labels = analysis["labels"].get<std::vector<std::string>>();
        const auto idOf = [&](const json& name) {
            return static_cast<size_t>(std::find(labels.begin(), labels.end(), name.get<std::string>()) - labels.begin());
        };
        for (size_t i = 0; i < rows.size(); ++i) {
            const json& r = rows[i];
            QCOMPARE(r["row"].get<size_t>(), i);
            QCOMPARE(r["line"].get<size_t>(), i + 2);  // the file's line: a header, then a sentence a line
            // The stored text is the split's sentence (the TSV's trailing space trimmed by the reader).
            QVERIFY2(sentences[i].rfind(r["text"].get<std::string>(), 0) == 0, r["text"].get<std::string>().c_str());
            const std::vector<double> p = r["scores"].get<std::vector<double>>();
            QCOMPARE(p.size(), size_t{2});
            QVERIFY(std::abs(p[0] + p[1] - 1.0) < 1e-5);
            const size_t gold = idOf(r["gold"]), predicted = idOf(r["predicted"]);
            QVERIFY(gold < 2 && predicted < 2);
            QCOMPARE(predicted, size_t{p[1] > p[0] ? 1u : 0u});
            QVERIFY(std::abs(r["confidence"].get<double>() - std::max(p[0], p[1])) < 1e-5);
            QVERIFY(std::abs(r["loss"].get<double>() + std::log(p[gold])) < 1e-4);
            QCOMPARE(r["wrong"].get<bool>(), gold != predicted);
            correct += gold == predicted;
            loss_sum += r["loss"].get<double>();
            confusion[gold][predicted] += 1;
        }
        QVERIFY(std::abs(metrics["accuracy"].get<double>() - static_cast<double>(correct) / 872.0) < 1e-12);
        QVERIFY2(std::abs(metrics["loss"].get<double>() - loss_sum / 872.0) < 1e-4,
                 qPrintable(QString("%1 vs %2").arg(metrics["loss"].get<double>()).arg(loss_sum / 872.0)));
        QCOMPARE(analysis["details"]["confusion_matrix"].get<std::vector<std::vector<int64_t>>>(), confusion);

        // A confusion cell's rows, worst first.
        const std::vector<json> cell = cli({"analyses", "--db", db_, "rows", QString::number(id), "--gold", QString::fromStdString(labels[0]),
                                            "--predicted", QString::fromStdString(labels[1])})
                                           .lines();
        QCOMPARE(static_cast<int64_t>(cell.size()), confusion[0][1]);
        for (size_t i = 1; i < cell.size(); ++i) QVERIFY(cell[i - 1]["loss"].get<double>() >= cell[i]["loss"].get<double>());
        const std::vector<json> wrong = cli({"analyses", "--db", db_, "rows", QString::number(id), "--wrong", "--limit", "5"}).lines();
        QCOMPARE(wrong.size(), size_t{5});
        for (const json& r : wrong) QVERIFY(r["wrong"].get<bool>());

        // The ROC area is P(a positive row outscores a negative one).
        double wins = 0, pairs = 0;
        for (const json& a : rows)
            for (const json& b : rows)
                if (idOf(a["gold"]) == 1 && idOf(b["gold"]) == 0) {
                    const double pa = a["scores"][1].get<double>(), pb = b["scores"][1].get<double>();
                    pairs += 1;
                    wins += pa > pb ? 1.0 : pa == pb ? 0.5 : 0.0;
                }
        const Run curves = cli({"analyses", "--db", db_, "curves", QString::number(id)});
        QVERIFY2(curves.exit_code == 0, curves.err.c_str());
        const json c = curves.lines().at(0);
        QVERIFY2(std::abs(c["roc_auc"].get<double>() - wins / pairs) < 1e-9, qPrintable(QString::number(wins / pairs)));
        QCOMPARE(c["positives"].get<int64_t>(), confusion[1][0] + confusion[1][1]);
        QVERIFY(c["average_precision"].get<double>() > 0.5);
        // Class 0 against the rest: its rows are the positives now, and with two classes the area is the same.
        const json other = cli({"analyses", "--db", db_, "curves", QString::number(id), "--positive", "0"}).lines().at(0);
        QCOMPARE(other["positive_label"], json("0"));
        QCOMPARE(other["positives"].get<int64_t>(), confusion[0][0] + confusion[0][1]);
        QVERIFY(std::abs(other["roc_auc"].get<double>() - wins / pairs) < 1e-9);
        expectFailure({"analyses", "--db", db_, "curves", QString::number(id), "--positive", "maybe"}, "has no label 'maybe'");

        // CSV: a header and one line per row.
        const Run csv = cli({"analyses", "--db", db_, "rows", QString::number(id), "--format", "csv"});
        QVERIFY2(csv.exit_code == 0, csv.err.c_str());
        QVERIFY(csv.out.rfind("row,line,text,text_pair,gold,predicted,correct,loss,confidence,p(", 0) == 0);

        // The run's own evaluations are as they were.
        QCOMPARE(static_cast<int64_t>(cli({"runs", "--db", db_, "show", QString::number(sst2_run_)}).lines().at(0)["evaluations"].size()),
                 evaluations_before);
    }

    void mistakesAreClearErrors() {
        expectFailure({"analyse", "--db", db_, "--run", "999"}, "no run 999");
        expectFailure({"analyse", "--db", db_, "--run", QString::number(sst2_run_), "--checkpoint", "7"}, "no checkpoint at step 7");
        expectFailure({"analyse", "--db", db_, "--run", QString::number(sst2_run_), "--split", "test"}, "has no test rows");
        // A dataset whose labels the model does not have: refused before anything is predicted, with
        // the dataset, the split and the line of the first such row.
        const QString words = tmp_.filePath("words.tsv");
        {
            std::ofstream out(words.toStdString());
            out << "sentence\tlabel\na fine film\tpos\na dull film\tneg\n";
        }
        QCOMPARE(cli({"import", "--db", db_, "--name", "words", "--input", words}).exit_code, 0);
        expectFailure({"analyse", "--db", db_, "--run", QString::number(sst2_run_), "--dataset", "words", "--split", "train"},
                      "dataset 'words', train split, line 2: label 'pos' is not one of the model's 2 labels (0, 1)");
        expectFailure({"evaluate", "--db", db_, "--model", tmp_.filePath("sst2/checkpoint-40"), "--dataset", "words",
                       "--split", "train"},
                      "dataset 'words', train split, line 2: label 'pos' is not one of the model's 2 labels (0, 1)");
        expectFailure({"analyses", "--db", db_, "rows", "999"}, "no analysis 999");
        const int64_t id = cli({"analyses", "--db", db_, "list", "--run", QString::number(sst2_run_)}).lines().at(0)["id"].get<int64_t>();
        expectFailure({"analyses", "--db", db_, "rows", QString::number(id), "--gold", "maybe"}, "has no label 'maybe'");
        const Run deleted = cli({"analyses", "--db", db_, "delete", QString::number(id)});
        QVERIFY2(deleted.exit_code == 0, deleted.err.c_str());
        QVERIFY(cli({"analyses", "--db", db_, "list", "--run", QString::number(sst2_run_)}).lines().empty());
    }

    // CoNLL tagging: the rows' gold and predicted tags, and the spans that differ.
    void taggerRowsShowMissedAndInventedEntities() {
        import("conll", "data/conll2003_train_head1000.txt", "train");
        import("conll", "data/conll2003_valid_head300.txt", "validation");
        const int64_t run = fineTune("conll", {"--task", "token-classification", "--metric-for-best-model", "f1"});
        QVERIFY(run > 0);
        // A tag the model does not have is named with its sentence's line and the word that carries it.
        const QString foreign = tmp_.filePath("foreign-tag.txt");
        std::ofstream(foreign.toStdString()) << "EU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\n"
                                                "Peter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\nSunday NNP I-NP B-DATE\n";
        QCOMPARE(cli({"import", "--db", db_, "--name", "foreign-tag", "--input", foreign, "--split", "validation"}).exit_code, 0);
        expectFailure({"analyse", "--db", db_, "--run", QString::number(run), "--dataset", "foreign-tag", "--split",
                       "validation"},
                      "dataset 'foreign-tag', validation split, line 4, word 3 ('Sunday'): tag 'B-DATE' is not one of "
                      "the model's 9 tags");
        const Run made = cli({"analyse", "--db", db_, "--run", QString::number(run)}, 300000);
        QVERIFY2(made.exit_code == 0, made.err.c_str());
        const int64_t id = made.lines().at(0)["id"].get<int64_t>();
        const json analysis = analysisOf(run, id);
        const std::vector<std::string> tags = analysis["labels"].get<std::vector<std::string>>();
        const std::vector<json> rows = cli({"analyses", "--db", db_, "rows", QString::number(id)}).lines();
        QCOMPARE(static_cast<int64_t>(rows.size()), analysis["rows"].get<int64_t>());
        int64_t words = 0, right = 0, wrong_rows = 0;
        for (const json& r : rows) {
            const auto gold = r.value("gold_ids", std::vector<int>{}), predicted = r.value("predicted_ids", std::vector<int>{});
            QCOMPARE(gold.size(), predicted.size());
            QVERIFY(gold.size() <= r["words"].size());
            for (size_t w = 0; w < gold.size(); ++w) right += gold[w] == predicted[w];
            words += static_cast<int64_t>(gold.size());
            const bool same = gold == predicted;
            QCOMPARE(r["wrong"].get<bool>(), !same);
            wrong_rows += !same;
            if (same) {
                QVERIFY(r["missed"].empty());
                QVERIFY(r["invented"].empty());
            }
            // Every missed span is a gold entity's words, every invented one a predicted entity's.
            for (const char* side : {"missed", "invented"})
                for (const json& span : r[side]) {
                    const auto& ids = std::string(side) == "missed" ? gold : predicted;
                    const size_t start = span["start"].get<size_t>();
                    const std::string first = tags.at(static_cast<size_t>(ids.at(start)));
                    QVERIFY2(first.size() > 2 && first.substr(2) == span["type"].get<std::string>(), first.c_str());
                    QCOMPARE(span["text"].get<std::string>().rfind(r["words"][start].get<std::string>(), 0), size_t{0});
                }
        }
        QVERIFY(wrong_rows > 0);
        QVERIFY2(std::abs(analysis["metrics"]["token_accuracy"].get<double>() - static_cast<double>(right) / words) < 1e-12,
                 qPrintable(QString::number(static_cast<double>(right) / words)));

        // The same loss as the run's own evaluation of that checkpoint: a tagger's loss is a mean per
        // batch, and the analysis takes the run's eval batch size (it once took 64 against the run's 8).
        const json shown = cli({"runs", "--db", db_, "show", QString::number(run)}).lines().at(0);
        std::optional<double> evaluated;
        for (const json& e : shown["evaluations"])
            if (e["step"] == analysis["step"]) evaluated = e["metrics"]["loss"].get<double>();
        QVERIFY(evaluated);
        const double analysed = analysis["metrics"]["loss"].get<double>();
        QVERIFY2(std::abs(analysed - *evaluated) < 1e-5, qPrintable(QString("%1 vs %2").arg(analysed).arg(*evaluated)));
    }
};

QTEST_GUILESS_MAIN(TestCliErrorAnalysis)
#include "test_cli_error_analysis.moc"
