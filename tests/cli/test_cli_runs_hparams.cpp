// `bertwork-cli runs hparams` on two real runs (the bundled model fine-tuned on SST-2 with different
// learning rates and batch sizes): the CSV's settings are those the runs were started with, its
// metrics those of the evaluations `runs show` lists (best checkpoint, last, at a step), and mistakes
// (a bad --at, an unknown run, an unknown format) fail with one clear line.
#include "cli_runner.h"

#include <QTemporaryDir>

#include <map>

using namespace bw::clitest;
using nlohmann::json;

namespace {

QString bundledModel() {
    return QString::fromStdString((bw::test::fixture("../../resources/models/bertwork-tiny-en")).lexically_normal().string());
}

// A CSV without quoted cells (these runs' names and values have no commas) as header -> cell maps.
std::vector<std::map<QString, QString>> parseCsv(const std::string& text) {
    const QStringList lines = QString::fromStdString(text).trimmed().split(QLatin1Char('\n'));
    const QStringList header = lines.value(0).split(QLatin1Char(','));
    std::vector<std::map<QString, QString>> rows;
    for (int i = 1; i < lines.size(); ++i) {
        const QStringList cells = lines[i].split(QLatin1Char(','));
        if (cells.size() != header.size()) return {};  // a malformed line fails the caller's size check
        std::map<QString, QString> row;
        for (int c = 0; c < header.size(); ++c) row[header[c]] = cells[c];
        rows.push_back(row);
    }
    return rows;
}

}  // namespace

class TestCliRunsHParams : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QString db_;
    QString first_, second_;  // run ids
    json shown_first_, shown_second_;  // `runs show` of each

    QString train(const QString& name, const char* learning_rate, const char* batch_size) {
        const Run r = cli({"train", "--db", db_, "--model", bundledModel(), "--task", "sequence-classification", "--dataset",
                           "sst2", "--output-dir", tmp_.filePath(name), "--run-name", name, "--learning-rate", learning_rate,
                           "--per-device-train-batch-size", batch_size, "--max-seq-length", "32", "--max-steps", "8",
                           "--eval-strategy", "steps", "--eval-steps", "4", "--save-steps", "4", "--logging-steps", "4"},
                          300000);
        if (r.exit_code != 0) qWarning("train failed: %s", r.err.c_str());
        return r.exit_code == 0 ? QString::number(r.lines().back()["run_id"].get<int64_t>()) : QString();
    }

    // The stored evaluation of a run (from `runs show`) at a step.
    static json evaluationAt(const json& shown, int64_t step) {
        for (const json& e : shown["evaluations"])
            if (e["step"].get<int64_t>() == step) return e["metrics"];
        return json();
    }

    static int64_t bestStep(const json& shown) {
        for (const json& c : shown["checkpoints"])
            if (c["is_best"].get<bool>()) return c["step"].get<int64_t>();
        return -1;
    }

    // Every metric cell of `row` is the stored value, to the last digit.
    static void expectMetrics(const std::map<QString, QString>& row, const json& stored) {
        QVERIFY(stored.is_object() && !stored.empty());
        for (const auto& [name, value] : stored.items()) {
            const auto cell = row.find(QString::fromStdString(name));
            QVERIFY2(cell != row.end(), name.c_str());
            QCOMPARE(cell->second.toDouble(), value.get<double>());
        }
    }

private slots:
    void initTestCase() {
        db_ = tmp_.filePath("runs.db");
        QCOMPARE(cli({"import", "--db", db_, "--name", "sst2", "--input", fixture("data/sst2_train_head300.tsv")}).exit_code, 0);
        QCOMPARE(cli({"import", "--db", db_, "--name", "sst2", "--input", fixture("data/sst2_dev.tsv"), "--split",
                      "validation"}).exit_code, 0);
        first_ = train("slow", "1e-5", "8");
        second_ = train("fast", "1e-3", "16");
        QVERIFY(!first_.isEmpty() && !second_.isEmpty());
        shown_first_ = cli({"runs", "--db", db_, "show", first_}).lines().at(0);
        shown_second_ = cli({"runs", "--db", db_, "show", second_}).lines().at(0);
    }

    void csvHoldsSettingsAndBestMetrics() {
        const Run r = cli({"runs", "--db", db_, "hparams", "--runs", first_ + "," + second_, "--format", "csv"});
        QVERIFY2(r.exit_code == 0, r.err.c_str());
        const auto rows = parseCsv(r.out);
        QCOMPARE(rows.size(), size_t(2));
        QCOMPARE(rows[0].at("id"), first_);  // in the order --runs gives
        QCOMPARE(rows[0].at("name"), QStringLiteral("slow"));
        QCOMPARE(rows[0].at("learning_rate"), QStringLiteral("1e-05"));
        QCOMPARE(rows[1].at("learning_rate"), QStringLiteral("0.001"));
        QCOMPARE(rows[0].at("per_device_train_batch_size"), QStringLiteral("8"));
        QCOMPARE(rows[1].at("per_device_train_batch_size"), QStringLiteral("16"));
        QCOMPARE(rows[0].at("dataset"), QStringLiteral("sst2"));
        QCOMPARE(rows[0].at("seed"), QStringLiteral("42"));
        QVERIFY(!rows[0].count("output_dir"));
        for (const auto& [row, shown] : {std::pair{rows[0], shown_first_}, std::pair{rows[1], shown_second_}}) {
            const int64_t best = bestStep(shown);
            QVERIFY(best > 0);
            QCOMPARE(row.at("step").toLongLong(), best);
            expectMetrics(row, evaluationAt(shown, best));
        }
    }

    void lastAndAtStepPickTheirEvaluation() {
        for (const auto& [at, step] : {std::pair<const char*, int64_t>{"last", 8}, {"5", 4}, {"4", 4}, {"8", 8}}) {
            const Run r = cli({"runs", "--db", db_, "hparams", "--runs", first_ + "," + second_, "--at", at, "--format", "csv"});
            QVERIFY2(r.exit_code == 0, r.err.c_str());
            const auto rows = parseCsv(r.out);
            QCOMPARE(rows.size(), size_t(2));
            QCOMPARE(rows[0].at("step").toLongLong(), step);
            expectMetrics(rows[0], evaluationAt(shown_first_, step));
            expectMetrics(rows[1], evaluationAt(shown_second_, step));
        }
        // Before the first evaluation there are no metrics: empty cells, not zeros.
        const auto early = parseCsv(cli({"runs", "--db", db_, "hparams", "--at", "3", "--format", "csv"}).out);
        QCOMPARE(early.size(), size_t(2));
        QCOMPARE(early[0].at("step"), QString());
        QCOMPARE(early[0].at("accuracy"), QString());
    }

    void differingKeepsTheSweptSettings() {
        const Run r = cli({"runs", "--db", db_, "--format", "csv", "hparams", "--differing"});  // the runs' --format works too
        QVERIFY2(r.exit_code == 0, r.err.c_str());
        const QStringList header = QString::fromStdString(r.out).section(QLatin1Char('\n'), 0, 0).split(QLatin1Char(','));
        QCOMPARE(header.mid(0, 7), (QStringList{"id", "name", "status", "step", "epoch", "learning_rate",
                                                "per_device_train_batch_size"}));
        QVERIFY(header.contains(QStringLiteral("accuracy")));
        QVERIFY(!header.contains(QStringLiteral("seed")));
        const auto rows = parseCsv(r.out);
        QCOMPARE(rows.size(), size_t(2));
        QCOMPARE(rows[0].at("id"), second_);  // every run, newest first
    }

    void jsonAndTable() {
        const Run j = cli({"runs", "--db", db_, "hparams", "--format", "json", "--at", "last"});
        QVERIFY2(j.exit_code == 0, j.err.c_str());
        const json table = j.lines().at(0);
        QCOMPARE(table["at"], json("last"));
        QCOMPARE(table["runs"].size(), size_t(2));
        QCOMPARE(table["runs"][1]["hyperparameters"]["learning_rate"], json(1e-5));
        QCOMPARE(table["runs"][1]["metrics"]["accuracy"], evaluationAt(shown_first_, 8)["accuracy"]);
        bool learning_rate_differs = false;
        for (const json& c : table["hyperparameters"])
            if (c["name"] == "learning_rate") learning_rate_differs = c["differs"].get<bool>() && c["numeric"].get<bool>();
        QVERIFY(learning_rate_differs);

        const Run t = cli({"runs", "--db", db_, "hparams"});  // a table by default
        QVERIFY2(t.exit_code == 0, t.err.c_str());
        const QStringList lines = QString::fromStdString(t.out).trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 4);  // header, two runs, the note
        QVERIFY2(lines[0].startsWith(QStringLiteral("id  name")) && lines[0].contains(QStringLiteral("learning_rate")),
                 qPrintable(lines[0]));
        QVERIFY(!lines[0].contains(QStringLiteral("seed")));
        QVERIFY2(lines[3].startsWith(QStringLiteral("metrics at best;")), qPrintable(lines[3]));
    }

    void mistakesFailWithOneLine() {
        expectFailure({"runs", "--db", db_, "hparams", "--at", "latest"}, "best, last or a step number, not 'latest'");
        expectFailure({"runs", "--db", db_, "hparams", "--at", "-3"}, "best, last or a step number");
        expectFailure({"runs", "--db", db_, "hparams", "--runs", first_ + ",999"}, "no run 999");
        expectFailure({"runs", "--db", tmp_.filePath("missing.db"), "hparams"}, "missing.db");
        const Run format = cli({"runs", "--db", db_, "hparams", "--format", "xml"});
        QVERIFY(format.exit_code != 0 && format.out.empty());
        QVERIFY2(format.err.find("xml") != std::string::npos, format.err.c_str());
    }
};

QTEST_GUILESS_MAIN(TestCliRunsHParams)
#include "test_cli_runs_hparams.moc"
