// bertwork-cli train-tokenizer end to end: the four files, loadable by `tokenize --model`, the
// JSON summary, the options reaching the trainer, and one-line errors that leave nothing behind.
#include "cli_runner.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

using nlohmann::json;
using namespace bw::clitest;
namespace fs = std::filesystem;

class TestCliTrainTokenizer : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;

    QString writeFile(const char* name, const std::string& content) {
        const QString path = tmp_.filePath(name);
        std::ofstream(path.toStdString(), std::ios::binary) << content;
        return path;
    }

private slots:
    void trainsAndTokenizes() {
        const QString out = tmp_.filePath("english");
        const Run r = cli({"--threads", "2", "train-tokenizer", "--corpus", fixture("data/sst2_train_head2000.tsv"),
                           fixture("data/wikitext2_test_head120.txt"), "--vocab-size", "1200", "--output", out});
        QVERIFY2(r.exit_code == 0, r.err.c_str());
        QVERIFY2(r.err.empty(), r.err.c_str());  // no progress lines when stderr is not a terminal
        const json summary = r.lines().at(0);
        QCOMPARE(summary["vocab_size"], json(1200));
        QCOMPARE(summary["requested_vocab_size"], json(1200));
        QCOMPARE(summary["special_tokens"], json({"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"}));
        QCOMPARE(summary["corpus"]["lines"], json(2001 + 120));
        QVERIFY(summary["corpus"]["words"].get<int>() > 20000);
        QCOMPARE(summary["do_lower_case"], json(true));
        QCOMPARE(summary["strip_accents"], json(true));
        for (const char* name : {"vocab.txt", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"})
            QVERIFY2(fs::exists(fs::path(out.toStdString()) / name), name);
        const json config = bw::test::readJson(fs::path(out.toStdString()) / "tokenizer_config.json");
        QCOMPARE(config["tokenizer_class"], json("BertTokenizer"));
        QCOMPARE(config["do_lower_case"], json(true));
        QCOMPARE(config["strip_accents"], json(nullptr));  // follows do_lower_case, as BERT's
        const json tokenizer = bw::test::readJson(fs::path(out.toStdString()) / "tokenizer.json");
        QCOMPARE(tokenizer["model"]["vocab"].size(), size_t(1200));
        QCOMPARE(tokenizer["model"]["vocab"]["[PAD]"], json(0));

        const Run t = cli({"tokenize", "--model", out, "--text", "A charming, funny movie!"});
        QVERIFY2(t.exit_code == 0, t.err.c_str());
        const json line = t.lines().at(0);
        QCOMPARE(line["tokens"].front(), json("[CLS]"));
        QCOMPARE(line["input_ids"].front(), json(2));  // [CLS] is the third special token
        QCOMPARE(line["input_ids"].back(), json(3));
        for (const json& id : line["input_ids"]) QVERIFY2(id != json(1), t.out.c_str());  // no [UNK]
    }

    void optionsReachTheTrainer() {
        const QString corpus = writeFile("cased.txt", "Café Café Café CAFÉ\n");
        const QString out = tmp_.filePath("cased");
        const Run r = cli({"train-tokenizer", "--corpus", corpus, "--vocab-size", "100", "--min-frequency", "3",
                           "--no-lower-case", "--special-tokens", "[UNK]", "[CLS]", "[SEP]", "--output", out});
        QVERIFY2(r.exit_code == 0, r.err.c_str());
        std::ifstream vocab(fs::path(out.toStdString()) / "vocab.txt");
        std::vector<std::string> tokens;
        for (std::string line; std::getline(vocab, line);) tokens.push_back(line);
        // The 3 specials; A C F a f É é (ids 3-9); ##A ##F ##a ##f ##É ##é (10-15). Only Café's pairs
        // occur 3 times: (C ##a) = (4,12) is the smallest, then (##f ##é) = (13,15), then (Ca ##fé).
        const std::vector<std::string> expected{"[UNK]", "[CLS]", "[SEP]", "A", "C", "F", "a", "f", "É", "é", "##A",
                                                "##F", "##a", "##f", "##É", "##é", "Ca", "##fé", "Café"};
        QCOMPARE(tokens, expected);
        QCOMPARE(r.lines().at(0)["strip_accents"], json(false));

        const Run stripped = cli({"train-tokenizer", "--corpus", corpus, "--vocab-size", "100", "--no-lower-case",
                                  "--strip-accents", "--output", tmp_.filePath("stripped")});
        QVERIFY2(stripped.exit_code == 0, stripped.err.c_str());
        const json config = bw::test::readJson(tmp_.filePath("stripped/tokenizer_config.json").toStdString());
        QCOMPARE(config["strip_accents"], json(true));
        QCOMPARE(config["do_lower_case"], json(false));
    }

    // From a dataset in the store: the vocabulary a file of the same texts gives (the test writes
    // them from the TSV), and a model from scratch then reads with it as it was trained (cased).
    void learnsFromAStoredDatasetForAScratchModel() {
        const QString db = tmp_.filePath("runs.db");
        const QString tsv = fixture("data/sst2_train_head2000.tsv");
        const Run imported = cli({"import", "--db", db, "--name", "sst2", "--input", tsv});
        QVERIFY2(imported.exit_code == 0, imported.err.c_str());
        std::ifstream in(tsv.toStdString());
        std::string line, texts;
        std::getline(in, line);  // header
        while (std::getline(in, line)) texts += line.substr(0, line.find('\t')) + "\n";
        const QString texts_file = writeFile("sst2_texts.txt", texts);

        const QString from_store = tmp_.filePath("from-store"), from_file = tmp_.filePath("from-file");
        const QStringList settings{"--vocab-size", "1000", "--no-lower-case"};
        const Run r = cli(QStringList{"--threads", "2", "train-tokenizer", "--db", db, "--dataset", "sst2", "--output",
                                      from_store} + settings);
        QVERIFY2(r.exit_code == 0, r.err.c_str());
        const json summary = r.lines().at(0);
        QCOMPARE(summary["corpus"]["dataset"], json("sst2"));
        QCOMPARE(summary["corpus"]["split"], json("train"));
        QCOMPARE(summary["corpus"]["lines"], json(2000));
        QCOMPARE(summary["do_lower_case"], json(false));
        const Run f = cli(QStringList{"train-tokenizer", "--corpus", texts_file, "--output", from_file} + settings);
        QVERIFY2(f.exit_code == 0, f.err.c_str());
        QCOMPARE(summary["corpus"]["words"], f.lines().at(0)["corpus"]["words"]);
        const std::string vocab = bw::test::readBytes(from_store.toStdString() + "/vocab.txt");
        QVERIFY(!vocab.empty());
        QCOMPARE(vocab, bw::test::readBytes(from_file.toStdString() + "/vocab.txt"));

        expectFailure({"train-tokenizer", "--db", db, "--dataset", "nope", "--vocab-size", "100", "--output", from_file},
                      "no dataset named 'nope' (the datasets are: sst2)");
        expectFailure({"train-tokenizer", "--db", db, "--dataset", "sst2", "--split", "test", "--vocab-size", "100",
                       "--output", tmp_.filePath("never")},
                      "dataset 'sst2' has no test rows");
        expectFailure({"train-tokenizer", "--vocab-size", "100", "--output", tmp_.filePath("never")},
                      "give the text to learn from");

        // Two steps of a model from scratch on it: the run's tokenizer is cased, as the vocabulary.
        const QString config = writeFile("tiny.json", R"({"hidden_size": 32, "num_hidden_layers": 1,
            "num_attention_heads": 2, "intermediate_size": 64, "max_position_embeddings": 64})");
        const QString out = tmp_.filePath("scratch-run");
        const Run trained = cli({"train", "--db", db, "--init-config", config, "--vocab", from_store + "/vocab.txt",
                                 "--task", "sequence-classification", "--dataset", "sst2", "--output-dir", out,
                                 "--max-steps", "2", "--save-steps", "2", "--per-device-train-batch-size", "8",
                                 "--max-seq-length", "32", "--evaluation-strategy", "no"});
        QVERIFY2(trained.exit_code == 0, trained.err.c_str());
        int configs = 0;
        for (const auto& entry : fs::recursive_directory_iterator(out.toStdString()))
            if (entry.path().filename() == "tokenizer_config.json") {
                ++configs;
                QCOMPARE(bw::test::readJson(entry.path())["do_lower_case"], json(false));
            }
        QVERIFY(configs > 0);
    }

    void badInputIsOneLineAndWritesNothing() {
        const QString out = tmp_.filePath("never");
        expectFailure({"train-tokenizer", "--corpus", tmp_.filePath("missing.txt"), "--vocab-size", "100", "--output", out},
                      "missing.txt: cannot open");
        const QString latin1 = writeFile("latin1.txt", "fine\nstill fine\nna\xefve\n");
        expectFailure({"train-tokenizer", "--corpus", latin1, "--vocab-size", "100", "--output", out},
                      "latin1.txt:3: invalid UTF-8");
        const QString small = writeFile("small.txt", "hello world\n");
        expectFailure({"train-tokenizer", "--corpus", small, "--vocab-size", "10", "--output", out},
                      "a vocabulary size of 10 is too small");
        expectFailure({"train-tokenizer", "--corpus", small, "--vocab-size", "100", "--special-tokens", "[PAD]",
                       "--output", out},
                      "the special tokens must include [UNK]");
        QVERIFY(!fs::exists(out.toStdString()));

        // A model's folder: its vocab.txt would no longer match its embeddings.
        const QString model = tmp_.filePath("a-model");
        QVERIFY(QDir().mkpath(model));
        QVERIFY(QFile::copy(fixture("golden/seqcls/config.json"), model + "/config.json"));
        QVERIFY(QFile::copy(fixture("golden/seqcls/vocab.txt"), model + "/vocab.txt"));
        expectFailure({"train-tokenizer", "--corpus", small, "--vocab-size", "100", "--output", model},
                      "holds a model (config.json)");
        QCOMPARE(QDir(model).entryList(QDir::Files), (QStringList{"config.json", "vocab.txt"}));
    }
};

QTEST_GUILESS_MAIN(TestCliTrainTokenizer)
#include "test_cli_train_tokenizer.moc"
