// bertwork-cli import / datasets / dataset-stats / dataset-rows / rename-labels: the JSON each prints for the fixture datasets,
// and bad input that exits 1 with one error line and leaves the store as it was.
#include "cli_runner.h"
#include "tiny_training.h"

#include "core/store/experiment_store.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <fstream>

using nlohmann::json;
using namespace bw::clitest;

class TestCliDatasets : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    int stores_ = 0;

    QString writeFile(const char* name, const std::string& content) {
        const QString path = tmp_.filePath(name);
        std::ofstream(path.toStdString(), std::ios::binary) << content;
        return path;
    }
    QString freshDb() { return tmp_.filePath(QString("store%1.sqlite").arg(++stores_)); }

    // Runs an import that must succeed and returns its one summary line.
    json imported(const QStringList& args) {
        const Run r = cli(QStringList{"import"} + args);
        if (r.exit_code != 0 || r.lines().size() != 1) {
            qWarning("import failed: %s", r.err.c_str());
            return json();
        }
        return r.lines()[0];
    }

private slots:
    void initTestCase() { QVERIFY(tmp_.isValid()); }

    void importSplitsAndListThem() {
        const QString db = freshDb();
        const json train = imported({"--db", db, "--name", "sst2", "--input", fixture("data/sst2_train_head300.tsv")});
        QCOMPARE(train["dataset"], json("sst2"));
        QCOMPARE(train["task_kind"], json("sequence"));
        QCOMPARE(train["format"], json("tsv"));
        QCOMPARE(train["rows"], json({{"train", 300}}));
        QCOMPARE(train["labels"], json({"0", "1"}));
        QCOMPARE(train["content_hash"].get<std::string>().size(), size_t{16});

        const json dev = imported({"--db", db, "--name", "sst2", "--input", fixture("data/sst2_dev.tsv"), "--split",
                                   "validation"});
        QCOMPARE(dev["rows"], json({{"validation", 872}}));
        const json ner = imported({"--db", db, "--name", "ner", "--input", fixture("data/conll2003_train_head40.txt")});
        QCOMPARE(ner["task_kind"], json("token"));
        QCOMPARE(ner["format"], json("conll"));
        QCOMPARE(ner["labels"][0], json("O"));

        const Run list = cli({"datasets", "--db", db});
        QCOMPARE(list.exit_code, 0);
        const auto lines = list.lines();
        QCOMPARE(lines.size(), size_t{2});  // by name
        QCOMPARE(lines[0]["name"], json("ner"));
        QCOMPARE(lines[1]["name"], json("sst2"));
        QCOMPARE(lines[1]["task_kind"], json("sequence"));
        QCOMPARE(lines[1]["rows"], json({{"train", 300}, {"validation", 872}}));
        QCOMPARE(lines[1]["labels"], json({"0", "1"}));
        QCOMPARE(lines[1]["sources"].size(), size_t{2});
        QCOMPARE(lines[1]["sources"][1]["split"], json("validation"));
        QCOMPARE(lines[1]["sources"][1]["content_hash"], dev["content_hash"]);
        QCOMPARE(lines[1]["sources"][1]["row_count"], json(872));
    }

    void validationFractionAndColumnMapping() {
        const QString db = freshDb();
        const json split = imported({"--db", db, "--name", "sst2", "--input", fixture("data/sst2_train_head2000.tsv"),
                                     "--validation-fraction", "0.1", "--seed", "3"});
        QCOMPARE(split["rows"], json({{"train", 1800}, {"validation", 200}}));

        const json ratings = imported({"--db", db, "--name", "imdb", "--input", fixture("data/imdb_train_sample25.tsv"),
                                       "--text-column", "text", "--label-column", "rating"});
        QCOMPARE(ratings["labels"], json({"1", "2", "3", "4"}));

        const QString jsonl = writeFile("pairs.data", "{\"premise\": \"a\", \"hypothesis\": \"b\", \"gold\": \"yes\"}\n"
                                                      "{\"premise\": \"c\", \"hypothesis\": \"d\", \"gold\": \"no\"}\n");
        const json pairs = imported({"--db", db, "--name", "nli", "--input", jsonl, "--format", "jsonl", "--text-column",
                                     "premise", "--text-pair-column", "hypothesis", "--label-column", "gold"});
        QCOMPARE(pairs["format"], json("jsonl"));
        QCOMPARE(pairs["labels"], json({"no", "yes"}));
    }

    void datasetStats() {
        const QString db = freshDb();
        imported({"--db", db, "--name", "sst2", "--input", fixture("data/sst2_train_head300.tsv")});
        const Run r = cli({"dataset-stats", "--db", db, "--name", "sst2", "--model", fixture("golden/seqcls")});
        QCOMPARE(r.exit_code, 0);
        const json stats = r.lines().at(0);
        QCOMPARE(stats["dataset"], json("sst2"));
        QCOMPARE(stats["split"], json("train"));
        QCOMPARE(stats["rows"], json(300));
        QCOMPARE(stats["max_length"], json(128));
        QCOMPARE(stats["label_counts"], json({{{"value", "0"}, {"count", 149}}, {{"value", "1"}, {"count", 151}}}));
        for (const char* key : {"length", "truncation_rate", "unk_rate", "top_unknown_words", "duplicate_rows"})
            QVERIFY2(stats.contains(key), key);

        const Run shorter = cli({"dataset-stats", "--db", db, "--name", "sst2", "--model", fixture("golden/seqcls"),
                                 "--max-length", "8"});
        QCOMPARE(shorter.exit_code, 0);
        QVERIFY(shorter.lines().at(0)["truncated_rows"].get<int>() > 0);
    }

    // Rows as the file has them (read here), filtered and paged; CSV that reads back; clear errors.
    void datasetRows() {
        const QString db = freshDb();
        imported({"--db", db, "--name", "sst2", "--input", fixture("data/sst2_dev.tsv"), "--split", "validation"});
        imported({"--db", db, "--name", "ner", "--input", fixture("data/conll2003_train_head40.txt")});
        std::vector<std::pair<std::string, std::string>> file;  // text, label
        {
            std::ifstream in(fixture("data/sst2_dev.tsv").toStdString());
            std::string line;
            std::getline(in, line);
            while (std::getline(in, line)) file.emplace_back(line.substr(0, line.find('\t')), line.substr(line.find('\t') + 1));
        }
        const auto lower = [](std::string s) {
            for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            return s;
        };
        std::vector<int> bad_ones;  // rows with "bad" and label 0
        for (size_t i = 0; i < file.size(); ++i)
            if (file[i].second == "0" && lower(file[i].first).find("bad") != std::string::npos) bad_ones.push_back(int(i));
        QVERIFY(bad_ones.size() > 4);

        const Run count = cli({"dataset-rows", "--db", db, "--name", "sst2", "--split", "validation", "--contains", "BAD",
                               "--label", "0", "--count"});
        QCOMPARE(count.exit_code, 0);
        QCOMPARE(count.lines().at(0)["matching"], json(bad_ones.size()));
        QCOMPARE(count.lines().at(0)["rows"], json(872));

        const Run page = cli({"dataset-rows", "--db", db, "--name", "sst2", "--split", "validation", "--contains", "bad",
                              "--label", "0", "--offset", "2", "--limit", "3"});
        QCOMPARE(page.exit_code, 0);
        const auto rows = page.lines();
        QCOMPARE(rows.size(), size_t{3});
        for (size_t k = 0; k < 3; ++k) {
            const int expected = bad_ones[k + 2];
            QCOMPARE(rows[k]["row"], json(expected));
            QCOMPARE(rows[k]["line"], json(expected + 2));
            QCOMPARE(rows[k]["label"], json("0"));
            QVERIFY(file[size_t(expected)].first.find(rows[k]["text"].get<std::string>()) == 0);
        }

        // The longest rows first (characters of the file's text, ties in file order), from an offset.
        std::vector<int> by_length(file.size());
        for (size_t i = 0; i < file.size(); ++i) by_length[i] = int(i);
        const auto chars = [&](int i) {
            const std::string& t = file[size_t(i)].first;
            return std::count_if(t.begin(), t.end(), [](unsigned char c) { return (c & 0xC0) != 0x80; });
        };
        std::stable_sort(by_length.begin(), by_length.end(), [&](int a, int b) { return chars(a) > chars(b); });
        const Run longest = cli({"dataset-rows", "--db", db, "--name", "sst2", "--split", "validation", "--sort", "longest",
                                 "--offset", "1", "--limit", "4"});
        QCOMPARE(longest.exit_code, 0);
        QCOMPARE(longest.lines().size(), size_t{4});
        for (size_t k = 0; k < 4; ++k) QCOMPARE(longest.lines()[k]["row"], json(by_length[k + 1]));
        const Run unknown_order = cli({"dataset-rows", "--db", db, "--name", "sst2", "--sort", "alphabetical"});
        QCOMPARE(unknown_order.exit_code, 105);  // CLI11's validation error, naming the option
        QVERIFY2(unknown_order.err.find("--sort") != std::string::npos, unknown_order.err.c_str());

        // Every row of a split, past the CLI's own pages of 1,000 rows: none lost, none twice.
        const Run all = cli({"dataset-rows", "--db", db, "--name", "sst2", "--split", "validation", "--limit", "0",
                             "--format", "csv"});
        QCOMPARE(all.exit_code, 0);
        const QStringList csv = QString::fromStdString(all.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(csv.size(), 873);
        QCOMPARE(csv[0], QStringLiteral("row,line,text,text_pair,label,tags"));
        QVERIFY(csv[872].startsWith(QStringLiteral("871,873,")));

        const Run tagged = cli({"dataset-rows", "--db", db, "--name", "ner", "--label", "B-PER", "--limit", "1"});
        QCOMPARE(tagged.exit_code, 0);
        const json sentence = tagged.lines().at(0);
        QCOMPARE(sentence["words"].size(), sentence["tags"].size());
        QVERIFY(std::find(sentence["tags"].begin(), sentence["tags"].end(), json("B-PER")) != sentence["tags"].end());

        const Run missing = cli({"dataset-rows", "--db", db, "--name", "nope"});
        QCOMPARE(missing.exit_code, 1);
        QVERIFY2(missing.err.find("no dataset named 'nope'") != std::string::npos, missing.err.c_str());
        QVERIFY2(missing.err.find("ner, sst2") != std::string::npos, missing.err.c_str());
    }

    void holdOutAfterImport() {
        const QString db = freshDb();
        imported({"--db", db, "--name", "sst2", "--input", fixture("data/sst2_train_head300.tsv")});
        const Run held = cli({"hold-out", "--db", db, "--name", "sst2", "--fraction", "0.2", "--seed", "7"});
        QCOMPARE(held.exit_code, 0);
        QCOMPARE(held.lines().at(0)["rows"], json({{"train", 240}, {"validation", 60}}));
        const Run list = cli({"datasets", "--db", db});
        QCOMPARE(list.lines().at(0)["rows"], json({{"train", 240}, {"validation", 60}}));

        const Run again = cli({"hold-out", "--db", db, "--name", "sst2"});
        QCOMPARE(again.exit_code, 1);
        QVERIFY2(again.err.find("already has a validation split (60 rows)") != std::string::npos, again.err.c_str());
        QCOMPARE(QString::fromStdString(again.err).count(QLatin1Char('\n')), 1);

        // Undone: the 60 rows back in train, the split gone; a second time has nothing to return.
        const Run back = cli({"return-to-train", "--db", db, "--name", "sst2"});
        QCOMPARE(back.exit_code, 0);
        QCOMPARE(back.lines().at(0)["rows_returned"], json(60));
        QCOMPARE(back.lines().at(0)["total_rows"], json({{"train", 300}}));
        const Run twice = cli({"return-to-train", "--db", db, "--name", "sst2"});
        QCOMPARE(twice.exit_code, 1);
        QVERIFY2(twice.err.find("has no validation rows to return to train") != std::string::npos, twice.err.c_str());
    }

    void badInput() {
        const QString db = freshDb();
        imported({"--db", db, "--name", "sst2", "--input", fixture("data/sst2_train_head300.tsv")});
        expectFailure({"import", "--db", db, "--name", "x", "--input", fixture("data/sst2_dev.tsv"), "--label-column",
                       "polarity"},
                      "no column 'polarity' (the columns are: sentence, label)");
        const QString ragged = writeFile("ragged.tsv", "sentence\tlabel\nfine\t1\nbroken\t0\textra\n");
        expectFailure({"import", "--db", db, "--name", "sst2", "--input", ragged, "--split", "validation"},
                      "ragged.tsv:3:");
        expectFailure({"import", "--db", db, "--name", "x", "--input", tmp_.filePath("missing.tsv")}, "missing.tsv");
        expectFailure({"import", "--db", db, "--name", "sst2", "--input", fixture("data/sst2_train_head300.tsv")},
                      "already has a train split (300 rows)");
        expectFailure({"import", "--db", db, "--name", "x", "--input", ragged, "--format", "xml"}, "unknown format 'xml'");
        expectFailure({"dataset-stats", "--db", db, "--name", "nope", "--model", fixture("golden/seqcls")},
                      "no dataset named 'nope' (the datasets are: sst2)");
        expectFailure({"dataset-stats", "--db", db, "--name", "sst2", "--model", fixture("golden/seqcls"), "--split",
                       "test"},
                      "has no test rows");
        expectFailure({"datasets", "--db", tmp_.filePath("nowhere.sqlite")}, "no experiment store here");

        // Nothing the failures touched changed the store.
        const auto lines = cli({"datasets", "--db", db}).lines();
        QCOMPARE(lines.size(), size_t{1});
        QCOMPARE(lines[0]["rows"], json({{"train", 300}}));
        QCOMPARE(lines[0]["sources"].size(), size_t{1});
    }

    // --on-bad-lines skip: the malformed rows are left out, counted in the summary and the source,
    // named on stderr; without it the error says how to skip them.
    void malformedRowsAreSkippedWhenAsked() {
        const QString db = freshDb();
        const QString jsonl = writeFile("mixed.jsonl", "{\"text\": \"good\", \"label\": \"pos\"}\n"
                                                       "{\"text\": \"cut off\n"
                                                       "{\"text\": \"fine\", \"label\": \"neg\"}\n"
                                                       "{\"label\": \"neg\"}\n");
        expectFailure({"import", "--db", db, "--name", "m", "--input", jsonl},
                      "mixed.jsonl:2: not valid JSON at byte 18 of the line (one object per line is expected) "
                      "(--on-bad-lines skip imports the file without its malformed rows)");
        const Run r = cli({"import", "--db", db, "--name", "m", "--input", jsonl, "--on-bad-lines", "skip"});
        QCOMPARE(r.exit_code, 0);
        const json summary = r.lines().at(0);
        QCOMPARE(summary["rows"], json({{"train", 2}}));
        QCOMPARE(summary["skipped_rows"], json(2));
        QCOMPARE(summary["skipped"].size(), size_t{2});
        QVERIFY(summary["skipped"][1].get<std::string>().find("mixed.jsonl:4: the object has no key 'text'") !=
                std::string::npos);
        QVERIFY2(r.err.find("skipped 2 malformed rows; the first: ") != std::string::npos, r.err.c_str());
        QCOMPARE(cli({"datasets", "--db", db}).lines().at(0)["sources"][0]["skipped_rows"], json(2));
        QVERIFY(cli({"import", "--db", db, "--name", "n", "--input", jsonl, "--on-bad-lines", "warn"}).exit_code != 0);
    }

    // AG News' title and description joined into the text; the rows as stored, and the mapping the
    // datasets command lists.
    void joinedTextColumns() {
        const QString db = freshDb();
        const QString csv = writeFile("ag.csv", "label,title,description\n"
                                                "3,Wall St. Bears,Short-sellers are back.\n"
                                                "1,Talks Resume,\n"
                                                "2,,Phelps won again.\n");
        const json summary = imported({"--db", db, "--name", "ag", "--input", csv, "--text-column", "title",
                                       "--text-column", "description", "--join-separator", " | "});
        QCOMPARE(summary["rows"], json({{"train", 3}}));
        QCOMPARE(summary["labels"], json({"1", "2", "3"}));
        {
            auto store = bw::store::ExperimentStore::open(db.toStdString());
            const auto rows = store.loadRows(store.findDataset("ag")->id, "train");
            QCOMPARE(rows.size(), size_t{3});
            QCOMPARE(rows[0].text, std::string("Wall St. Bears | Short-sellers are back."));
            QCOMPARE(rows[1].text, std::string("Talks Resume"));
            QCOMPARE(rows[2].text, std::string("Phelps won again."));
            QCOMPARE(rows[0].label, std::string("3"));
        }
        const json listed = cli({"datasets", "--db", db}).lines().at(0);
        QCOMPARE(listed["columns"]["text_joined"], json({"description"}));
        QCOMPARE(listed["columns"]["join_separator"], json(" | "));

        // The default separator is a space; a separator without a second column is refused.
        const json spaced = imported({"--db", db, "--name", "ag2", "--input", csv, "--text-column", "title",
                                      "--text-column", "description"});
        QCOMPARE(spaced["rows"], json({{"train", 3}}));
        {
            auto store = bw::store::ExperimentStore::open(db.toStdString());
            QCOMPARE(store.loadRows(store.findDataset("ag2")->id, "train")[0].text,
                     std::string("Wall St. Bears Short-sellers are back."));
        }
        expectFailure({"import", "--db", db, "--name", "ag3", "--input", csv, "--text-column", "title",
                       "--join-separator", "|"},
                      "--join-separator joins columns");
    }

    // --quoting and --delimiter: a TSV with quoted cells over two lines, and '|' between fields.
    void quotingAndDelimiterOptions() {
        const QString db = freshDb();
        std::string tsv = "text\tlabel\n";
        for (int i = 0; i < 8; ++i) tsv += i % 2 ? "one line\t1\n" : "\"two\nlines\"\t0\n";
        const QString quoted = writeFile("quoted.tsv", tsv);
        expectFailure({"import", "--db", db, "--name", "q", "--input", quoted}, "--quoting rfc4180");
        QCOMPARE(imported({"--db", db, "--name", "q", "--input", quoted, "--quoting", "rfc4180"})["rows"]["train"], json(8));
        const Run rows = cli({"dataset-rows", "--db", db, "--name", "q", "--limit", "1"});
        QCOMPARE(rows.lines().at(0)["text"], json("two\nlines"));

        std::string piped = "label|text\n";
        for (int i = 0; i < 8; ++i) piped += std::to_string(i % 2) + "|a, b and c " + std::to_string(i) + "\n";
        const QString pipes = writeFile("piped.txt", piped);
        const json summary = imported({"--db", db, "--name", "p", "--input", pipes, "--format", "csv", "--delimiter", "|"});
        QCOMPARE(summary["rows"]["train"], json(8));
        QCOMPARE(summary["labels"], json({"0", "1"}));
        expectFailure({"import", "--db", db, "--name", "x", "--input", pipes, "--delimiter", "||"}, "--delimiter is one character");
        expectFailure({"import", "--db", db, "--name", "x", "--input", pipes, "--format", "text", "--delimiter", "tab"},
                      "settings of CSV and TSV files, not of text files");
    }

    // AG News' label numbers get names at import (or later, with rename-labels); the names reach the
    // model's id2label in a trained run's export, in the numbers' order.
    void labelNamesReachTheExportedModel() {
        TinyTraining tiny;
        tiny.prepare(tmp_.filePath("named"));
        std::string rows = "label,title,description\n";
        const char* titles[] = {"Talks end in Geneva", "Late goal decides derby", "Stocks fall on rates", "New chip announced"};
        for (int i = 0; i < 32; ++i) rows += std::to_string(i % 4 + 1) + "," + titles[i % 4] + ",story number " + std::to_string(i) + "\n";
        const QString csv = writeFile("ag_named.csv", rows);
        const json summary = imported({"--db", tiny.db, "--name", "ag", "--input", csv, "--label-name", "1=World",
                                       "--label-name", "2=Sports", "--label-name", "3=Business", "--label-name", "4=Sci/Tech"});
        QCOMPARE(summary["labels"], json({"World", "Sports", "Business", "Sci/Tech"}));
        expectFailure({"import", "--db", tiny.db, "--name", "ag2", "--input", csv, "--label-name", "1"}, "write it as LABEL=NAME");
        expectFailure({"rename-labels", "--db", tiny.db, "--name", "ag", "Nope=x"}, "has no label 'Nope'");

        const Run renamed = cli({"rename-labels", "--db", tiny.db, "--name", "ag", "Sci/Tech=Science"});
        QVERIFY2(renamed.exit_code == 0, renamed.err.c_str());
        QCOMPARE(renamed.lines().at(0)["labels"], json({"World", "Sports", "Business", "Science"}));
        QCOMPARE(renamed.lines().at(0)["label_names"],
                 json({{"1", "World"}, {"2", "Sports"}, {"3", "Business"}, {"4", "Science"}}));

        QStringList train = tiny.trainArgs(tmp_.filePath("named/run"), 2, 2);
        train[train.indexOf("sst2")] = "ag";
        const Run trained = cli(train);
        QVERIFY2(trained.exit_code == 0, trained.err.c_str());
        const QString exported = tmp_.filePath("named/export");
        const Run out = cli({"export", "--db", tiny.db, "--run", "1", "--output", exported});
        QVERIFY2(out.exit_code == 0, out.err.c_str());
        std::ifstream config((exported + "/config.json").toStdString());
        const json written = json::parse(config);
        QCOMPARE(written["id2label"], json({{"0", "World"}, {"1", "Sports"}, {"2", "Business"}, {"3", "Science"}}));
        QCOMPARE(written["label2id"]["Science"], json(3));
    }

    // bertwork-cli answers the store's commands without loading LibTorch (half a second of every
    // start), and hands the others to bertwork-engine: the dynamic loader's own log says which loaded.
    void storeCommandsRunWithoutLibTorch() {
        const QString db = freshDb();
        QVERIFY(!imported({"--db", db, "--name", "sst2", "--input", fixture("data/sst2_train_head300.tsv")}).is_null());
        QProcessEnvironment traced = QProcessEnvironment::systemEnvironment();
        traced.insert("LD_DEBUG", "libs");
        const auto loadsTorch = [](const Run& run) { return run.err.find("libtorch") != std::string::npos; };
        for (const QStringList& args : {QStringList{"datasets", "--db", db}, QStringList{"runs", "--db", db, "list"}}) {
            const Run run = cli(args, 120000, traced);
            QVERIFY2(run.exit_code == 0, qPrintable(args.join(' ')));
            QVERIFY2(!loadsTorch(run), qPrintable(args.join(' ') + " loaded LibTorch"));
        }
        QCOMPARE(cli({"datasets", "--db", db}).lines().at(0)["rows"], json({{"train", 300}}));
        const Run help = cli({"train", "--help"}, 120000, traced);  // the engine's command
        QCOMPARE(help.exit_code, 0);
        QVERIFY(loadsTorch(help));
        QVERIFY(help.out.find("--per-device-train-batch-size") != std::string::npos);
        // A store command written wrong gets the engine's usage error, as from one program.
        const Run wrong = cli({"datasets"});
        QCOMPARE(wrong.exit_code, 106);
        QVERIFY2(wrong.err.find("--db is required") != std::string::npos, wrong.err.c_str());
    }

    // A split added to a pair dataset reads its pair columns; a split is replaced or removed alone.
    void splitsOfAPairDataset() {
        const QString db = freshDb();
        const std::string header = "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n";
        const QString train = writeFile("pairs_train.tsv", header + "1\t1\t2\tIt rained.\tRain fell.\n"
                                                                     "0\t3\t4\tHe ran.\tShe sang.\n");
        imported({"--db", db, "--name", "pairs", "--input", train, "--text-column", "#1 String", "--text-pair-column",
                  "#2 String", "--label-column", "Quality"});
        const QString dev = writeFile("pairs_dev.tsv", header + "1\t5\t6\tIt is late.\tThe hour is late.\n");
        QCOMPARE(imported({"--db", db, "--name", "pairs", "--input", dev, "--split", "validation"})["rows"],
                 json({{"validation", 1}}));
        const QString single = writeFile("single.tsv", "Quality\t#1 String\n1\tOne sentence.\n");
        expectFailure({"import", "--db", db, "--name", "pairs", "--input", single, "--split", "test"},
                      "no column '#2 String' (the columns are: Quality, #1 String)");
        expectFailure({"import", "--db", db, "--name", "pairs", "--input", dev, "--split", "validation"},
                      "replace it, or import into another split");

        const QString dev2 = writeFile("pairs_dev2.tsv", header + "0\t7\t8\tA.\tB.\n1\t9\t10\tC.\tC!\n");
        const json replaced = imported({"--db", db, "--name", "pairs", "--input", dev2, "--split", "validation", "--replace"});
        QCOMPARE(replaced["total_rows"], json({{"train", 2}, {"validation", 2}}));
        const Run removed = cli({"delete-split", "--db", db, "--name", "pairs", "--split", "validation"});
        QVERIFY2(removed.exit_code == 0, removed.err.c_str());
        QCOMPARE(removed.lines().at(0)["rows_removed"], json(2));
        QCOMPARE(removed.lines().at(0)["total_rows"], json({{"train", 2}}));
        expectFailure({"delete-split", "--db", db, "--name", "pairs", "--split", "validation"}, "has no validation split");
    }
};

QTEST_GUILESS_MAIN(TestCliDatasets)
#include "test_cli_datasets.moc"
