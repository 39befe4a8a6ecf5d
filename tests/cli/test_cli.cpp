// bertwork-cli as scripts use it: JSON lines on stdout, one-line errors on stderr, exit codes.
#include "cli_runner.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using nlohmann::json;
using namespace bw::clitest;

class TestCli : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;

    QString writeFile(const char* name, const std::string& content) {
        const QString path = tmp_.filePath(name);
        std::ofstream(path.toStdString(), std::ios::binary) << content;
        return path;
    }

private slots:
    void tokenizeText() {
        const Run r = cli({"tokenize", "--vocab", fixture("vocab/bert-base-uncased/vocab.txt"), "--text", "Héllo, [MASK]!"});
        QCOMPARE(r.exit_code, 0);
        const json line = r.lines().at(0);
        QCOMPARE(line["tokens"], json({"[CLS]", "hello", ",", "[MASK]", "!", "[SEP]"}));
        QCOMPARE(line["input_ids"], json({101, 7592, 1010, 103, 999, 102}));
        QCOMPARE(line["offsets"], json({{0, 0}, {0, 5}, {5, 6}, {7, 13}, {13, 14}, {0, 0}}));
        QCOMPARE(line["word_ids"], json({nullptr, 0, 1, 2, 3, nullptr}));
        QCOMPARE(line["special_tokens_mask"], json({1, 0, 0, 0, 0, 1}));
        for (const char* key : {"token_type_ids", "attention_mask"}) QVERIFY(line.contains(key));
    }

    void tokenizeJsonlPairsWithStride() {
        const QString input = writeFile("pairs.jsonl",
                                        "{\"text\": \"a b c d e f g h\"}\n\n{\"text\": \"journey\", \"text_pair\": \"charming\"}\n");
        const Run r = cli({"tokenize", "--model", fixture("golden/seqcls"), "--input", input, "--max-length", "6",
                           "--stride", "2"});
        QCOMPARE(r.exit_code, 0);
        const auto lines = r.lines();
        QCOMPARE(lines.size(), size_t(2));
        QCOMPARE(lines[0]["input_ids"].size(), size_t(6));
        QVERIFY(!lines[0]["overflow"].empty());
        QCOMPARE(lines[1]["token_type_ids"], json({0, 0, 0, 1, 1}));
        QCOMPARE(lines[1]["input_ids"].front().get<int>(), 11);  // [CLS] sits at id 11 in this vocabulary
        QCOMPARE(lines[1]["overflow"], json::array());
    }

    void tokenizePairWindowsSlideOverTheSecondText() {
        const Run r = cli({"tokenize", "--model", fixture("golden/seqcls"), "--text", "journey", "--text-pair",
                           "a charming and affecting journey", "--max-length", "7", "--stride", "1"});
        QCOMPARE(r.exit_code, 0);
        const json line = r.lines().at(0);
        QCOMPARE(line["tokens"], json({"[CLS]", "journey", "[SEP]", "a", "charming", "and", "[SEP]"}));
        QCOMPARE(line["overflow"].size(), size_t(1));
        QCOMPARE(line["overflow"][0]["tokens"], json({"[CLS]", "journey", "[SEP]", "and", "affecting", "journey", "[SEP]"}));
    }

    void predictMatchesTheGoldenLogits() {
        const json golden = bw::test::readJson(bw::test::fixture("golden/seqcls/expected_outputs.json"));
        const json& c = golden["cases"][0];
        const Run r = cli({"predict", "--model", fixture("golden/seqcls"), "--text", QString::fromStdString(c["text"]),
                           "--output-attentions", "--output-hidden-states"});
        QCOMPARE(r.exit_code, 0);
        const json line = r.lines().at(0);
        QCOMPARE(line["tokens"], c["tokens"]);
        for (size_t i = 0; i < 3; ++i)
            QVERIFY(std::abs(line["logits"][i].get<double>() - c["logits"][i].get<double>()) < 1e-4);
        QCOMPARE(line["attentions"].size(), size_t(2));       // layers
        QCOMPARE(line["attentions"][0].size(), size_t(4));    // heads
        QCOMPARE(line["last_hidden_state"].size(), c["tokens"].size());
        QCOMPARE(line["pooler_output"].size(), size_t(32));
        QVERIFY(line["label"].is_string());
        double sum = 0;
        for (const json& p : line["probabilities"]) sum += p.get<double>();
        QVERIFY(std::abs(sum - 1.0) < 1e-5);
    }

    // A transformers-4 folder (pytorch_model.bin, no tokenizer.json) written as a modern one: the
    // export predicts the original implementation's golden logits for every sentence and pair,
    // with the golden vocabulary's unusual special-token ids kept.
    void exportRewritesAModelFolder() {
        const QString legacy = tmp_.filePath("legacy-seqcls");
        QVERIFY(QDir().mkpath(legacy));
        for (const char* file : {"config.json", "pytorch_model.bin", "tokenizer_config.json", "vocab.txt"})
            QVERIFY(QFile::copy(fixture("golden/seqcls/") + file, legacy + "/" + file));
        const QString out = tmp_.filePath("modern-seqcls");
        const Run r = cli({"export", "--model", legacy, "--output", out});
        QVERIFY2(r.exit_code == 0, r.err.c_str());
        QCOMPARE(r.lines().at(0)["files"], json({"config.json", "model.safetensors", "special_tokens_map.json",
                                                  "tokenizer.json", "tokenizer_config.json", "vocab.txt"}));
        const json golden = bw::test::readJson(bw::test::fixture("golden/seqcls/expected_outputs.json"));
        for (const json& c : golden["cases"]) {
            QStringList args = {"predict", "--model", out, "--text", QString::fromStdString(c["text"])};
            if (c["text_pair"].is_string()) args << "--text-pair" << QString::fromStdString(c["text_pair"]);
            const json line = cli(args).lines().at(0);
            QCOMPARE(line["input_ids"], c["input_ids"]);
            for (size_t i = 0; i < 3; ++i)
                QVERIFY2(std::abs(line["logits"][i].get<double>() - c["logits"][i].get<double>()) < 1e-4,
                         qPrintable(QString::fromStdString(c["text"].get<std::string>())));
        }
        // Half precision, spelled for transformers 4.
        const QString half = tmp_.filePath("half-seqcls");
        QCOMPARE(cli({"export", "--model", legacy, "--output", half, "--dtype", "bfloat16", "--transformers", "4"}).exit_code, 0);
        QCOMPARE(bw::test::readJson((half + "/config.json").toStdString())["torch_dtype"], json("bfloat16"));
        // The source is never its own target; a run and a folder are not both asked for.
        bw::clitest::expectFailure({"export", "--model", legacy, "--output", legacy}, "is the model being exported");
        QVERIFY(QFile::exists(legacy + "/pytorch_model.bin"));
        QVERIFY(!QFile::exists(legacy + "/model.safetensors"));
        bw::clitest::expectFailure({"export", "--output", tmp_.filePath("nothing")}, "--run (with --db) or --model");
    }

    void predictPretrainingTopK() {
        const Run r = cli({"predict", "--model", fixture("golden/pretraining"), "--text", "a charming journey", "--top-k", "3"});
        QCOMPARE(r.exit_code, 0);
        const json line = r.lines().at(0);
        QCOMPARE(line["nsp_logits"].size(), size_t(2));
        QCOMPARE(line["mlm_top_ids"].size(), line["tokens"].size());
        QCOMPARE(line["mlm_top_ids"][0].size(), size_t(3));
        QCOMPARE(line["mlm_top_logits"][0].size(), size_t(3));
    }

    // --int8: the encoder's Linears quantized (test_int8_inference checks the arithmetic); the logits
    // move a little off the golden ones, inspect says so, fill-mask works too.
    void int8FlagQuantizesTheEncoder() {
        const json golden = bw::test::readJson(bw::test::fixture("golden/seqcls/expected_outputs.json"));
        const json& c = golden["cases"][0];
        const Run r = cli({"predict", "--model", fixture("golden/seqcls"), "--text", QString::fromStdString(c["text"]), "--int8"});
        QCOMPARE(r.exit_code, 0);
        const json line = r.lines().at(0);
        double largest = 0, moved = 0;
        for (size_t i = 0; i < 3; ++i) {
            largest = std::max(largest, std::abs(c["logits"][i].get<double>()));
            moved = std::max(moved, std::abs(line["logits"][i].get<double>() - c["logits"][i].get<double>()));
        }
        QVERIFY2(moved > 0 && moved < 0.05 * largest + 1e-3, qPrintable(QString("%1 of %2").arg(moved).arg(largest)));

        const Run info = cli({"inspect", "--model", fixture("golden/seqcls"), "--int8"});
        QCOMPARE(info.exit_code, 0);
        const json compute = info.lines().at(0)["compute"];
        QCOMPARE(compute["precision"].get<std::string>(), std::string("int8"));
        QCOMPARE(compute["gemm"].size(), size_t(6));  // query+key+value; the last layer's query, key+value; three more
        for (const json& gemm : compute["gemm"]) QCOMPARE(gemm["path"].get<std::string>(), std::string("onednn-int8"));

        const Run fill = cli({"fill-mask", "--model", fixture("golden/pretraining"), "--text", "paris is the [MASK] of france .",
                              "--top-k", "5", "--int8"});
        QCOMPARE(fill.exit_code, 0);
        QCOMPARE(fill.lines().at(0)["masks"][0]["predictions"].size(), size_t(5));
    }

    void predictTruncatesLongInputAndSaysSo() {
        std::string text;
        for (int i = 0; i < 200; ++i) text += "journey ";
        const Run r = cli({"predict", "--model", fixture("golden/seqcls"), "--text", QString::fromStdString(text)});
        QCOMPARE(r.exit_code, 0);
        QCOMPARE(r.lines().at(0)["tokens"].size(), size_t(128));
        QVERIFY2(r.err.find("truncated to 128") != std::string::npos, r.err.c_str());
    }

    void fillMask() {
        const Run r = cli({"fill-mask", "--model", fixture("golden/pretraining"), "--text", "paris is the [MASK] of france .",
                           "--top-k", "5"});
        QCOMPARE(r.exit_code, 0);
        const json line = r.lines().at(0);
        QCOMPARE(line["masks"].size(), size_t(1));
        QCOMPARE(line["masks"][0]["predictions"].size(), size_t(5));
        QVERIFY(line["masks"][0]["predictions"][0]["score"].get<double>() > 0);
        // Hugging Face's "sequence": the text as the model read it (the 196-token golden vocabulary lacks
        // "paris", "of" and "france") with the token in the mask's place.
        for (const json& p : line["masks"][0]["predictions"]) {
            const std::string token = p["token"], piece = token.rfind("##", 0) == 0 ? token.substr(2) : " " + token;
            QCOMPARE(p["sequence"].get<std::string>(), "[UNK] is the" + (piece == " ." ? "." : piece) + " [UNK] [UNK].");
        }

        // A long text: cut to the model's limit with a notice, as predict says it; a [MASK] past the
        // limit is named so (it was "no [MASK] token").
        QString words;
        for (int i = 0; i < 600; ++i) words += QStringLiteral("word ");
        const Run cut = cli({"fill-mask", "--model", fixture("golden/pretraining"), "--text", "the [MASK] . " + words});
        QCOMPARE(cut.exit_code, 0);
        QVERIFY2(cut.err.find("the text was truncated to") != std::string::npos, cut.err.c_str());
        bw::clitest::expectFailure({"fill-mask", "--model", fixture("golden/pretraining"), "--text", words + "the [MASK] ."},
                                   "the text's [MASK] lies past the first");
    }

    void inspect() {
        const Run r = cli({"inspect", "--model", fixture("golden/seqcls")});
        QCOMPARE(r.exit_code, 0);
        const json info = r.lines().at(0);
        QCOMPARE(info["task"].get<std::string>(), std::string("sequence-classification"));
        QVERIFY(info["parameters"].get<int64_t>() > 20000);
        QCOMPARE(info["load_report"]["missing_keys"], json::array());
        QCOMPARE(info["tokenizer"]["special_tokens"]["mask"]["id"].get<int>(), 17);
        QCOMPARE(info["config"]["hidden_size"].get<int>(), 32);
    }

    // --threads before the command: a count, or auto (training adapts it; inspect says so); anything
    // else is refused by bertwork-cli and by the engine alike, naming the option.
    void threadsOption() {
        const json one = cli({"--threads", "1", "inspect", "--model", fixture("golden/seqcls")}).lines().at(0);
        QCOMPARE(one["compute"]["threads"].get<int>(), 1);
        QCOMPARE(one["compute"]["adaptive_threads"].get<bool>(), false);
        const Run automatic = cli({"--threads", "auto", "inspect", "--model", fixture("golden/seqcls")});
        QCOMPARE(automatic.exit_code, 0);
        const json info = automatic.lines().at(0);
        QCOMPARE(info["compute"]["adaptive_threads"].get<bool>(), true);
        QVERIFY(info["compute"]["threads"].get<int>() >= 1);
        for (const QStringList& command : {QStringList{"inspect", "--model", fixture("golden/seqcls")},
                                           QStringList{"runs", "list", "--db", tmp_.filePath("none.db")}}) {
            const Run bad = cli(QStringList{"--threads", "two"} + command);
            QCOMPARE(bad.exit_code, 105);  // CLI11's code for a value its check refuses
            QVERIFY2(bad.err.find("--threads: a thread count (0 for one per core) or auto expected, got 'two'") !=
                         std::string::npos,
                     bad.err.c_str());
        }
    }

    void badInput() {
        expectFailure({"predict", "--model", tmp_.filePath("nowhere"), "--text", "x"}, "does not exist");
        expectFailure({"tokenize", "--vocab", fixture("vocab/bert-base-uncased/vocab.txt"), "--input",
                       writeFile("bad.jsonl", "{\"text\": \"ok\"}\n{\"txt\": 1}\n")},
                      "bad.jsonl:2:");
        expectFailure({"tokenize", "--vocab", fixture("vocab/bert-base-uncased/vocab.txt"), "--input",
                       writeFile("utf8.jsonl", "{\"text\": \"ok\"}\n{\"text\": \"caf\xC3\x28\"}\n")},
                      "utf8.jsonl:2:");
        // QProcess arguments are QStrings, which would repair the bytes: go through the shell.
        const QString raw_text = QString("exec '%1' tokenize --vocab '%2' --text \"$(printf 'caf\\303(')\"")
                                     .arg(BW_CLI_PATH, fixture("vocab/bert-base-uncased/vocab.txt"));
        QProcess shell;
        shell.start("/bin/sh", {"-c", raw_text});
        QVERIFY(shell.waitForFinished(60000));
        QCOMPARE(shell.exitCode(), 1);
        QVERIFY(shell.readAllStandardError().contains("UTF-8"));
        expectFailure({"tokenize", "--vocab", fixture("vocab/bert-base-uncased/vocab.txt"), "--text", "x", "--stride", "2"},
                      "--stride needs --max-length");
        expectFailure({"fill-mask", "--model", fixture("golden/seqcls"), "--text", "a [MASK]"}, "fill-mask needs");
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
