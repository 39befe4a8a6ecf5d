// Dataset import into the experiment store (core/store/dataset_import): the real SST-2, CoNLL-2003
// and WikiText-2 slices in tests/fixtures/data, and the rule that a failed, refused or cancelled
// import leaves the store exactly as it was.
#include "core/data/content_hash.h"
#include "core/data/record_reader.h"
#include "core/runtime/error.h"
#include "core/store/dataset_import.h"
#include "core/store/sqlite_database.h"
#include "core/store/validation_hold_out.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

using namespace bw::store;
using bw::test::errorOf;
using bw::test::fixture;
namespace fs = std::filesystem;

namespace {

ImportRequest request(const fs::path& input, const std::string& name, const std::string& split = "train") {
    ImportRequest r;
    r.input = input;
    r.name = name;
    r.split = split;
    return r;
}

std::map<std::string, int64_t> rowCounts(ExperimentStore& store, const std::string& name) {
    const auto dataset = store.findDataset(name);
    return dataset ? dataset->row_counts : std::map<std::string, int64_t>{};
}

// A TSV of `rows` labelled rows (labels alternate "0" / "1"), then `tail` as written.
std::string tsvRows(int rows, const std::string& tail = {}) {
    std::string text = "sentence\tlabel\n";
    for (int i = 0; i < rows; ++i) text += "sentence number " + std::to_string(i) + "\t" + std::to_string(i % 2) + "\n";
    return text + tail;
}

bool contains(const std::string& text, const std::string& fragment) { return text.find(fragment) != std::string::npos; }

bw::data::LabelRenaming names(std::map<std::string, std::string> label_names) {
    return bw::data::LabelRenaming(std::move(label_names));
}

// What a raw connection reads: the rows behind the API's back (staged ones too).
int64_t count(const fs::path& store, const std::string& sql) {
    Database raw = Database::open(store, 5000);
    auto q = raw.prepare(sql);
    q.step();
    return q.int64At(0);
}

}  // namespace

class TestDatasetImport : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    int stores_ = 0;

    fs::path path(const std::string& name) const { return fs::path(tmp_.path().toStdString()) / name; }
    fs::path write(const std::string& name, const std::string& bytes) {
        std::ofstream(path(name), std::ios::binary) << bytes;
        return path(name);
    }
    ExperimentStore freshStore() { return ExperimentStore::open(path("store" + std::to_string(++stores_) + ".sqlite")); }

private slots:
    void initTestCase() { QVERIFY(tmp_.isValid()); }

    void sst2TrainThenDevAsValidation() {
        auto store = freshStore();
        const fs::path train = fixture("data/sst2_train_head300.tsv");
        const ImportSummary first = importDataset(store, request(train, "sst2"));
        QCOMPARE(first.dataset.task_kind, std::string("sequence"));
        QCOMPARE(first.dataset.format, std::string("tsv"));
        QCOMPARE(first.dataset.label_set, (std::vector<std::string>{"0", "1"}));
        QCOMPARE(first.rows_added, (std::map<std::string, int64_t>{{"train", 300}}));
        QCOMPARE(first.content_hash, bw::data::contentHash(train));

        const ImportSummary second = importDataset(store, request(fixture("data/sst2_dev.tsv"), "sst2", "validation"));
        QCOMPARE(second.rows_added, (std::map<std::string, int64_t>{{"validation", 872}}));
        QCOMPARE(second.dataset.row_counts, (std::map<std::string, int64_t>{{"train", 300}, {"validation", 872}}));
        QCOMPARE(second.dataset.id, first.dataset.id);

        const auto json = second.toJson();
        QCOMPARE(json["dataset"], nlohmann::json("sst2"));
        QCOMPARE(json["task_kind"], nlohmann::json("sequence"));
        QCOMPARE(json["format"], nlohmann::json("tsv"));
        QCOMPARE(json["rows"], nlohmann::json({{"validation", 872}}));
        QCOMPARE(json["labels"], nlohmann::json({"0", "1"}));
        QCOMPARE(json["content_hash"].get<std::string>().size(), size_t{16});

        const auto rows = store.loadRows(first.dataset.id, "validation");
        QCOMPARE(rows.front().text, std::string("it 's a charming and often affecting journey . "));
        QCOMPARE(rows.front().label, std::string("1"));
        QCOMPARE(rows.front().source_line, uint64_t{2});
        const auto sources = store.sources(first.dataset.id);
        QCOMPARE(sources.size(), size_t{2});
        QCOMPARE(sources[1].split, std::string("validation"));
        QCOMPARE(sources[1].row_count, int64_t{872});
        QCOMPARE(fs::path(sources[1].path), fixture("data/sst2_dev.tsv").lexically_normal());
    }

    void validationFractionIsStratifiedAndSeeded() {
        auto store = freshStore();
        const fs::path train = fixture("data/sst2_train_head2000.tsv");  // 899 "0", 1101 "1"
        ImportRequest r = request(train, "a");
        r.validation_fraction = 0.1;
        r.seed = 7;
        const ImportSummary summary = importDataset(store, r);
        QCOMPARE(summary.rows_added, (std::map<std::string, int64_t>{{"train", 1800}, {"validation", 200}}));
        std::map<std::string, int> held;
        for (const auto& row : store.loadRows(summary.dataset.id, "validation")) ++held[row.label];
        QCOMPARE(held, (std::map<std::string, int>{{"0", 90}, {"1", 110}}));  // each label's share kept
        QCOMPARE(store.sources(summary.dataset.id).size(), size_t{2});

        r.name = "b";  // same seed, same split
        importDataset(store, r);
        r.name = "c";
        r.seed = 8;
        importDataset(store, r);
        const auto texts = [&](const std::string& name) {
            std::vector<std::string> out;
            for (const auto& row : store.loadRows(store.findDataset(name)->id, "validation")) out.push_back(row.text);
            return out;
        };
        QCOMPARE(texts("b"), texts("a"));
        QVERIFY(texts("c") != texts("a"));
    }

    // A semicolon-separated CSV, its delimiter detected: the import reads the file again to guess
    // the columns and to hold out rows, each time with the delimiter it detected (the second
    // reading once split on commas: "no column 'sentiment' (the columns are: sentiment;review)").
    void aDetectedDelimiterHoldsForEveryReading() {
        auto store = freshStore();
        std::string csv = "sentiment;review\n";
        for (int i = 0; i < 20; ++i)
            csv += std::string(i % 2 ? "pos" : "neg") + ";\"review " + std::to_string(i) + ", with a comma\"\n";
        const fs::path file = write("semicolons.csv", csv);
        ImportRequest guessed = request(file, "guessed");
        guessed.validation_fraction = 0.2;
        const ImportSummary summary = importDataset(store, guessed);
        QCOMPARE(summary.rows_added, (std::map<std::string, int64_t>{{"train", 16}, {"validation", 4}}));
        const auto rows = store.loadRows(summary.dataset.id, "train");
        QCOMPARE(rows.front().text, std::string("review 0, with a comma"));
        QCOMPARE(rows.front().label, std::string("neg"));

        ImportRequest mapped = request(file, "mapped");
        mapped.mapping.text = "review";
        mapped.mapping.label = "sentiment";
        mapped.validation_fraction = 0.2;
        QCOMPARE(importDataset(store, mapped).rows_added.at("validation"), int64_t{4});
        // A split added later, no columns named: it inherits the dataset's, and the file is read again.
        QCOMPARE(importDataset(store, request(file, "mapped", "test")).rows_added.at("test"), int64_t{20});
    }

    // A TSV whose cells are quoted over several lines (as pandas writes one): read as TSVs usually
    // are, quotes as text, it fails at the broken row with a hint; read with quoted fields, each cell
    // is whole. A delimiter no detection guesses ('|') can be given.
    void quotingAndTheDelimiterCanBeChosen() {
        auto store = freshStore();
        std::string tsv = "text\tlabel\n";
        for (int i = 0; i < 10; ++i)
            tsv += i % 3 ? "plain sentence " + std::to_string(i) + "\tpositive\n"
                         : "\"line one of " + std::to_string(i) + "\nline two, \"\"quoted\"\"\"\tnegative\n";
        const fs::path file = write("quoted.tsv", tsv);
        const std::string error = errorOf([&] { importDataset(store, request(file, "as-usual")); });
        QVERIFY2(contains(error, "quoted.tsv:2: expected 2 fields, found 1; a field there starts or ends with a quote"),
                 error.c_str());
        QVERIFY2(!contains(error, "--"), error.c_str());  // the CLI names its flag, the window its control
        try {
            importDataset(store, request(file, "as-usual"));
            QFAIL("read without quoting");
        } catch (const bw::SettingHintError& e) {
            QCOMPARE(e.setting(), std::string("quoting"));
            QCOMPARE(e.value(), std::string("rfc4180"));
        }
        QVERIFY(!store.findDataset("as-usual"));

        ImportRequest quoted = request(file, "quoted");
        quoted.quoting = bw::data::Quoting::Rfc4180;
        QCOMPARE(importDataset(store, quoted).rows_added.at("train"), int64_t{10});
        const auto rows = store.loadRows(store.findDataset("quoted")->id, "train");
        QCOMPARE(rows.front().text, std::string("line one of 0\nline two, \"quoted\""));
        QCOMPARE(rows.front().label, std::string("negative"));
        QCOMPARE(rows[1].text, std::string("plain sentence 1"));

        std::string piped = "label|text\n";
        for (int i = 0; i < 10; ++i) piped += std::to_string(i % 2) + "|sentence, number " + std::to_string(i) + "\n";
        ImportRequest pipes = request(write("piped.csv", piped), "piped");
        pipes.format = bw::data::DataFormat::Csv;
        pipes.delimiter = '|';
        QCOMPARE(importDataset(store, pipes).rows_added.at("train"), int64_t{10});
        QCOMPARE(store.loadRows(store.findDataset("piped")->id, "train").back().text, std::string("sentence, number 9"));

        ImportRequest jsonl = request(write("rows.jsonl", "{\"text\": \"a\", \"label\": 1}\n"), "jsonl");
        jsonl.format = bw::data::DataFormat::Jsonl;
        jsonl.delimiter = ';';
        QVERIFY(contains(errorOf([&] { importDataset(store, jsonl); }), "settings of CSV and TSV files, not of jsonl files"));
    }

    void corpusHoldsOutWholeDocuments() {
        auto store = freshStore();
        std::string corpus;
        for (int d = 0; d < 10; ++d) corpus += "Doc " + std::to_string(d) + " one.\nTwo.\nThree.\n\n";
        ImportRequest r = request(write("corpus.txt", corpus), "corpus");
        r.format = bw::data::DataFormat::PlainText;
        r.validation_fraction = 0.3;
        const ImportSummary summary = importDataset(store, r);
        QCOMPARE(summary.rows_added, (std::map<std::string, int64_t>{{"train", 21}, {"validation", 9}}));
        std::set<int64_t> train_docs;
        for (const auto& row : store.loadRows(summary.dataset.id, "train")) train_docs.insert(row.document);
        for (const auto& row : store.loadRows(summary.dataset.id, "validation")) QVERIFY(!train_docs.count(row.document));
    }

    void unseenValidationLabelNamesFileAndLine() {
        auto store = freshStore();
        importDataset(store, request(fixture("data/sst2_train_head300.tsv"), "sst2"));
        const fs::path dev = write("dev.tsv", "sentence\tlabel\ngood\t1\nbad\t0\nmeh\t2\n");
        const std::string error = errorOf([&] { importDataset(store, request(dev, "sst2", "validation")); });
        QVERIFY2(contains(error, "validation label '2' at " + dev.string() + ":4 was not in the training labels (0, 1)"),
                 error.c_str());
        QCOMPARE(rowCounts(store, "sst2"), (std::map<std::string, int64_t>{{"train", 300}}));
        QCOMPARE(store.sources(store.findDataset("sst2")->id).size(), size_t{1});

        // The train split arriving after the validation split re-checks it.
        importDataset(store, request(dev, "later", "validation"));
        const std::string late = errorOf([&] { importDataset(store, request(fixture("data/sst2_train_head300.tsv"), "later")); });
        QVERIFY2(contains(late, "validation label '2' at " + dev.string() + ":4"), late.c_str());
        QCOMPARE(rowCounts(store, "later"), (std::map<std::string, int64_t>{{"validation", 3}}));
        QVERIFY(store.findDataset("later")->label_set.empty());
    }

    void invalidFilesLeaveTheStoreUnchanged() {
        auto store = freshStore();
        importDataset(store, request(fixture("data/sst2_train_head300.tsv"), "sst2"));
        // The bad row comes after two full chunks have been appended: they must go too.
        const fs::path ragged = write("ragged.tsv", tsvRows(25000, "bad\t1\textra field\n"));
        const std::string error = errorOf([&] { importDataset(store, request(ragged, "sst2", "validation")); });
        QVERIFY2(contains(error, ragged.string() + ":25002"), error.c_str());
        QCOMPARE(rowCounts(store, "sst2"), (std::map<std::string, int64_t>{{"train", 300}}));

        errorOf([&] { importDataset(store, request(ragged, "fresh")); });
        QVERIFY(!store.findDataset("fresh"));

        const std::string empty = errorOf([&] { importDataset(store, request(write("empty.tsv", ""), "empty")); });
        QVERIFY2(contains(empty, "no examples found"), empty.c_str());
        QVERIFY(!store.findDataset("empty"));

        ImportRequest unknown = request(fixture("data/sst2_dev.tsv"), "x");
        unknown.mapping.label = "polarity";
        const std::string column = errorOf([&] { importDataset(store, unknown); });
        QVERIFY2(contains(column, "no column 'polarity' (the columns are: sentence, label)"), column.c_str());
        QCOMPARE(store.listDatasets().size(), size_t{1});
    }

    // Asked to, an import skips malformed rows (also past its first chunks, and in both passes of a
    // held-out validation split), counts them in its summary and with the split's source. Labels
    // seen only on skipped rows are not in the label set.
    void malformedRowsAreSkippedWhenAsked() {
        auto store = freshStore();
        std::string tsv = tsvRows(12000, "bad\t2\textra field\n");  // line 12002, label 2 only there
        for (int i = 0; i < 12000; ++i) tsv += "more " + std::to_string(i) + "\t" + std::to_string(i % 2) + "\n";
        tsv += "no label field\n";  // line 24003
        const fs::path file = write("two_bad.tsv", tsv);

        ImportRequest r = request(file, "skipping");
        const std::string refused = errorOf([&] { importDataset(store, r); });
        QVERIFY2(contains(refused, file.string() + ":12002: expected 2 fields, found 3"), refused.c_str());
        QVERIFY(!store.findDataset("skipping"));

        r.skip_bad_rows = true;
        const ImportSummary summary = importDataset(store, r);
        QCOMPARE(summary.rows_added, (std::map<std::string, int64_t>{{"train", 24000}}));
        QCOMPARE(summary.skipped.count, uint64_t{2});
        QCOMPARE(summary.skipped.first,
                 (std::vector<std::string>{file.string() + ":12002: expected 2 fields, found 3",
                                           file.string() + ":24003: expected 2 fields, found 1"}));
        QCOMPARE(summary.dataset.label_set, (std::vector<std::string>{"0", "1"}));
        QCOMPARE(summary.toJson()["skipped_rows"], nlohmann::json(2));
        QCOMPARE(store.sources(summary.dataset.id).at(0).skipped_rows, int64_t{2});
        // Held out later, both parts of the file still say what its import skipped.
        holdOutValidation(store, {summary.dataset.id, 0.1, 42});
        for (const DatasetSource& source : store.sources(summary.dataset.id)) QCOMPARE(source.skipped_rows, int64_t{2});

        ImportRequest held = request(file, "held");
        held.skip_bad_rows = true;
        held.validation_fraction = 0.1;
        const ImportSummary split = importDataset(store, held);
        QCOMPARE(split.rows_added.at("train") + split.rows_added.at("validation"), int64_t{24000});
        QCOMPARE(split.skipped.count, uint64_t{2});
        for (const DatasetSource& source : store.sources(split.dataset.id)) QCOMPARE(source.skipped_rows, int64_t{2});

        // A clean file's source skipped nothing.
        const ImportSummary clean = importDataset(store, request(fixture("data/sst2_train_head300.tsv"), "clean"));
        QCOMPARE(clean.skipped.count, uint64_t{0});
        QCOMPARE(store.sources(clean.dataset.id).at(0).skipped_rows, int64_t{0});
    }

    // A split's data hash is what its rows hold: a validation split held out of a train file differs
    // from the rest of it (both had the file's hash), the same rows give the same hash from another
    // file or by another path (held out at import or later, with the same seed), and renamed labels
    // change it. A run records these hashes.
    void splitsAreHashedByTheirRows() {
        auto store = freshStore();
        ImportRequest held = request(fixture("data/sst2_train_head300.tsv"), "held");
        held.validation_fraction = 0.2;
        held.seed = 5;
        const int64_t at_import = importDataset(store, held).dataset.id;
        std::map<std::string, DatasetSource> sources;
        for (const DatasetSource& s : store.sources(at_import)) sources[s.split] = s;
        QCOMPARE(sources["train"].content_hash, sources["validation"].content_hash);  // one file
        QCOMPARE(sources["train"].rows_hash.size(), size_t{16});
        QVERIFY(sources["train"].rows_hash != sources["validation"].rows_hash);
        QCOMPARE(sources["validation"].dataHash(), sources["validation"].rows_hash);

        // The same rows as CSV: another file hash, the same rows hash.
        std::string csv = "sentence,label\n";
        {
            std::ifstream in(fixture("data/sst2_train_head300.tsv").string());
            std::string line;
            std::getline(in, line);
            while (std::getline(in, line)) {
                const auto tab = line.rfind('\t');
                const std::string text = line.substr(0, tab);
                std::string quoted;
                for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
                csv += "\"" + quoted + "\"," + line.substr(tab + 1) + "\n";
            }
        }
        const ImportSummary as_csv = importDataset(store, request(write("same.csv", csv), "as-csv"));
        const DatasetSource csv_source = store.sources(as_csv.dataset.id).at(0);
        QVERIFY(csv_source.content_hash != sources["train"].content_hash);
        const int64_t later = importDataset(store, request(fixture("data/sst2_train_head300.tsv"), "later")).dataset.id;
        QCOMPARE(csv_source.rows_hash, store.sources(later).at(0).rows_hash);

        // Held out later, from the stored split, with the same fraction and seed: the same two splits.
        holdOutValidation(store, {later, 0.2, 5});
        for (const DatasetSource& s : store.sources(later)) QCOMPARE(s.rows_hash, sources[s.split].rows_hash);

        // Renamed labels are other rows; renamed back, the same again.
        const std::string before = store.sources(later).at(0).rows_hash;
        store.renameLabels(later, names({{"0", "negative"}, {"1", "positive"}}));
        QVERIFY(store.sources(later).at(0).rows_hash != before);
        store.renameLabels(later, names({{"negative", "0"}, {"positive", "1"}}));
        QCOMPARE(store.sources(later).at(0).rows_hash, before);
    }

    void cancelLeavesTheStoreUnchanged() {
        auto store = freshStore();
        std::atomic<bool> cancel{false};
        ImportRequest r = request(write("big.tsv", tsvRows(25000)), "big");
        r.cancel = &cancel;
        r.progress = [&](uint64_t done, uint64_t total) {
            QVERIFY(done <= total);
            cancel = true;  // at the first report, 1000 rows in
        };
        bool cancelled = false;
        try {
            importDataset(store, r);
        } catch (const bw::data::ImportCancelled&) {
            cancelled = true;
        }
        QVERIFY(cancelled);
        QVERIFY(!store.findDataset("big"));
        QVERIFY(store.listDatasets().empty());
        // Nothing staged is left behind either: the rows written before the cancel are gone.
        QCOMPARE(count(store.path(), "SELECT COUNT(*) FROM dataset_rows"), int64_t{0});
        QCOMPARE(count(store.path(), "SELECT COUNT(*) FROM datasets"), int64_t{0});
    }

    // The import writes a chunk per transaction: another process's writes (a training run's
    // metrics) get in between chunks instead of waiting for the whole file, and every reader sees
    // the split as it was until the import publishes. Not a speed assertion: the writer must commit
    // while the import is still staging, which a single transaction for the file makes impossible.
    void writersGetInWhileAFileImports() {
        const fs::path store_path = path("shared.sqlite");
        const fs::path big = write("big200k.tsv", tsvRows(200000));
        {
            auto store = ExperimentStore::open(store_path);
            importDataset(store, request(write("small.tsv", tsvRows(10)), "big"));
        }
        std::atomic<bool> done{false};
        std::string import_error;
        std::thread importer([&] {
            try {
                auto store = ExperimentStore::open(store_path);
                ImportRequest replace = request(big, "big");
                replace.replace = true;
                importDataset(store, replace);
            } catch (const std::exception& e) {
                import_error = e.what();
            }
            done = true;
        });
        auto store = ExperimentStore::open(store_path);
        RunRecord spec;
        spec.name = "training meanwhile";
        const int64_t run = store.createRun(spec).id;
        // A reader's snapshot: whether the import is staging, and the train rows it sees then.
        Database raw = Database::open(store_path, 5000);
        auto staging = raw.prepare("SELECT COUNT(*) FROM dataset_sources WHERE state = 'staging'");
        auto visible = raw.prepare(
            "SELECT COUNT(*) FROM dataset_rows r JOIN dataset_sources s ON s.id = r.source "
            "WHERE s.split = 'train' AND s.state = 'published'");
        int64_t step = 0, during_import = 0;
        std::set<int64_t> counts_seen;
        while (!done) {
            store.addMetrics({{run, ++step, 0.0, "train/loss", 1.0, 0}});
            Transaction snapshot(raw, Transaction::Mode::Deferred);
            staging.step();
            const bool importing = staging.int64At(0) > 0;
            staging.reset();
            if (!importing) continue;
            ++during_import;
            visible.step();
            counts_seen.insert(visible.int64At(0));
            visible.reset();
        }
        importer.join();
        QVERIFY2(import_error.empty(), import_error.c_str());
        // 85 to 2,200 here (with SQLite's own busy handler, which sleeps up to 100 ms between tries,
        // as few as 1); one transaction for the whole file gives 0.
        qInfo("%lld metric writes while the import was staging", static_cast<long long>(during_import));
        QVERIFY2(during_import >= 10, std::to_string(during_import).c_str());
        QCOMPARE(counts_seen, std::set<int64_t>{10});  // the old split, whole, until published
        QCOMPARE(store.rowCount(store.findDataset("big")->id, "train"), int64_t{200000});
        QCOMPARE(static_cast<int64_t>(store.metrics(run).size()), step);  // no write lost
        QCOMPARE(count(store_path, "SELECT COUNT(*) FROM dataset_rows"), int64_t{200000});
    }

    void conllIsATokenDataset() {
        auto store = freshStore();
        const ImportSummary summary = importDataset(store, request(fixture("data/conll2003_train_head40.txt"), "ner"));
        QCOMPARE(summary.dataset.task_kind, std::string("token"));
        QCOMPARE(summary.format, bw::data::DataFormat::Conll);
        QCOMPARE(summary.rows_added, (std::map<std::string, int64_t>{{"train", 40}}));
        QCOMPARE(summary.dataset.label_set, (std::vector<std::string>{"O", "B-LOC", "B-MISC", "B-ORG", "B-PER", "I-LOC",
                                                                      "I-MISC", "I-ORG", "I-PER"}));
        const auto rows = store.loadRows(summary.dataset.id, "train");
        QCOMPARE(rows[0].tags, (std::vector<std::string>{"B-ORG", "O", "B-MISC", "O", "O", "O", "B-MISC", "O", "O"}));

        // A sequence file cannot join a token dataset.
        const std::string error = errorOf([&] { importDataset(store, request(fixture("data/sst2_dev.tsv"), "ner", "test")); });
        QVERIFY2(contains(error, "holds sequence data, but dataset 'ner' is a token dataset"), error.c_str());
    }

    // A dataset imported without a train split has no label set; labelsInRows reads what its rows hold
    // (checked against the fixture's own tags, counted here), and with a train split it says what the
    // label set says.
    void labelsInRowsWithoutATrainSplit() {
        auto store = freshStore();
        const ImportSummary ner = importDataset(store, request(fixture("data/conll2003_train_head40.txt"), "ner", "validation"));
        QVERIFY(ner.dataset.label_set.empty());
        std::set<std::string> tags;
        for (const auto& row : store.loadRows(ner.dataset.id, "validation")) tags.insert(row.tags.begin(), row.tags.end());
        QCOMPARE(store.labelsInRows(ner.dataset.id), std::vector<std::string>(tags.begin(), tags.end()));

        const fs::path reviews = write("reviews-only-test.tsv", "text\tlabel\nbon\tpositif\nnul\tnégatif\nsans avis\t\n");
        const ImportSummary test = importDataset(store, request(reviews, "avis", "test"));
        QVERIFY(test.dataset.label_set.empty());
        QCOMPARE(store.labelsInRows(test.dataset.id), (std::vector<std::string>{"négatif", "positif"}));  // "" left out

        const ImportSummary sst2 = importDataset(store, request(fixture("data/sst2_dev.tsv"), "sst2"));
        QCOMPARE(store.labelsInRows(sst2.dataset.id), sst2.dataset.label_set);
    }

    void plainTextIsACorpusWithDocuments() {
        auto store = freshStore();
        const ImportSummary summary = importDataset(store, request(fixture("data/wikitext2_test_head120.txt"), "wiki"));
        QCOMPARE(summary.dataset.task_kind, std::string("corpus"));
        QCOMPARE(summary.rows_added, (std::map<std::string, int64_t>{{"train", 25}}));
        QVERIFY(summary.dataset.label_set.empty());
        const auto rows = store.loadRows(summary.dataset.id, "train");
        QCOMPARE(rows[1].document, int64_t{1});
        QCOMPARE(rows.back().document, int64_t{24});

        // A file without a label column is text to pretrain on.
        const ImportSummary unlabelled = importDataset(store, request(write("texts.tsv", "text\nfirst\nsecond\n"), "texts"));
        QCOMPARE(unlabelled.dataset.task_kind, std::string("corpus"));
    }

    void unlabelledRowsMayOnlyBeTheTestSplit() {
        auto store = freshStore();
        importDataset(store, request(fixture("data/sst2_train_head300.tsv"), "sst2"));
        const fs::path unlabelled = write("test.tsv", "index\tsentence\n0\tuneasy mishmash\n1\tgreat fun\n");
        const ImportSummary test = importDataset(store, request(unlabelled, "sst2", "test"));
        QCOMPARE(test.rows_added, (std::map<std::string, int64_t>{{"test", 2}}));
        QCOMPARE(store.loadRows(test.dataset.id, "test")[0].label, std::string());
        const std::string error = errorOf([&] { importDataset(store, request(unlabelled, "sst2", "validation")); });
        QVERIFY2(contains(error, "has no label column, which the validation split of sequence dataset 'sst2' needs"),
                 error.c_str());
    }

    void secondImportOfASplitIsRefused() {
        auto store = freshStore();
        const fs::path train = fixture("data/sst2_train_head300.tsv");
        importDataset(store, request(train, "sst2"));
        const std::string error = errorOf([&] { importDataset(store, request(train, "sst2")); });
        QVERIFY2(contains(error, "dataset 'sst2' already has a train split (300 rows)"), error.c_str());
        ImportRequest fraction = request(fixture("data/sst2_dev.tsv"), "sst2");
        fraction.split = "test";
        fraction.validation_fraction = 0.2;
        QVERIFY(contains(errorOf([&] { importDataset(store, fraction); }), "cannot be used with the 'test' split"));
        QCOMPARE(rowCounts(store, "sst2"), (std::map<std::string, int64_t>{{"train", 300}}));
        QCOMPARE(store.sources(store.findDataset("sst2")->id).size(), size_t{1});
    }

    // MRPC's layout: the label is "Quality", the pair "#1 String" / "#2 String". A split added later
    // reads the same columns without being told; a file without the second sentence is refused.
    void addedSplitsUseTheDatasetsColumns() {
        auto store = freshStore();
        const std::string header = "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n";
        const fs::path train = write("mrpc_train.tsv", header +
                                                           "1\t1\t2\tThe court ruled on Monday.\tOn Monday the court ruled.\n"
                                                           "0\t3\t4\tShares rose 5 percent.\tThe CEO resigned in May.\n");
        ImportRequest first = request(train, "mrpc");
        first.mapping.text = "#1 String";
        first.mapping.text_pair = "#2 String";
        first.mapping.label = "Quality";
        importDataset(store, first);

        const fs::path dev = write("mrpc_dev.tsv", header + "1\t5\t6\tHe left early.\tHe went home early.\n");
        const ImportSummary added = importDataset(store, request(dev, "mrpc", "validation"));
        QCOMPARE(added.rows_added, (std::map<std::string, int64_t>{{"validation", 1}}));
        const auto rows = store.loadRows(added.dataset.id, "validation");
        QCOMPARE(rows[0].text, std::string("He left early."));
        QCOMPARE(rows[0].text_pair.value_or("(none)"), std::string("He went home early."));
        QCOMPARE(rows[0].label, std::string("1"));

        const fs::path single = write("mrpc_test.tsv", "Quality\t#1 String\n1\tOnly one sentence.\n");
        const std::string error = errorOf([&] { importDataset(store, request(single, "mrpc", "test")); });
        QVERIFY2(contains(error, "no column '#2 String'"), error.c_str());
        QVERIFY2(contains(error, "Quality, #1 String"), error.c_str());  // the columns the file has
        QVERIFY2(contains(error, "dataset 'mrpc'"), error.c_str());
        QCOMPARE(rowCounts(store, "mrpc"), (std::map<std::string, int64_t>{{"train", 2}, {"validation", 1}}));

        // The other way round: a pair file cannot become a split of single sentences.
        importDataset(store, request(fixture("data/sst2_train_head300.tsv"), "sst2"));
        const fs::path pairs = write("pairs.tsv", "sentence\tsentence2\tlabel\na\tb\t1\n");
        const std::string pair_error = errorOf([&] { importDataset(store, request(pairs, "sst2", "validation")); });
        QVERIFY2(contains(pair_error, "holds single texts"), pair_error.c_str());
    }

    // AG News as users import it: title and description joined. The mapping is stored with the
    // dataset, and a split added later joins the same columns with the same separator.
    void joinedColumnsAreStoredAndInherited() {
        auto store = freshStore();
        const std::string header = "label,title,description\n";
        ImportRequest first = request(write("ag_train.csv", header + "3,Wall St. Bears,Short-sellers are back.\n"
                                                                     "1,Talks Resume,\n"),
                                      "ag");
        first.mapping.text = "title";
        first.mapping.text_joined = {"description"};
        first.mapping.join_separator = " | ";
        const ImportSummary summary = importDataset(store, first);
        QCOMPARE(summary.dataset.columns, nlohmann::json({{"text", "title"},
                                                          {"text_pair", nullptr},
                                                          {"label", "label"},
                                                          {"text_joined", {"description"}},
                                                          {"join_separator", " | "}}));
        const auto train = store.loadRows(summary.dataset.id, "train");
        QCOMPARE(train[0].text, std::string("Wall St. Bears | Short-sellers are back."));
        QCOMPARE(train[1].text, std::string("Talks Resume"));  // no description: no separator

        const ImportSummary added =
            importDataset(store, request(write("ag_test.csv", header + "1,Storm Hits,Winds of 120 mph.\n"), "ag", "test"));
        QCOMPARE(store.loadRows(added.dataset.id, "test")[0].text, std::string("Storm Hits | Winds of 120 mph."));

        // A file without the joined column is refused, naming it and the dataset.
        const fs::path no_body = write("ag_dev.csv", "label,title\n1,Storm Hits\n");
        const std::string error = errorOf([&] { importDataset(store, request(no_body, "ag", "validation")); });
        QVERIFY2(contains(error, "no column 'description'"), error.c_str());
        QVERIFY2(contains(error, "dataset 'ag'"), error.c_str());

        // Without joins the stored columns stay as before (old stores read the same way).
        const ImportSummary plain = importDataset(store, request(fixture("data/sst2_train_head300.tsv"), "sst2"));
        QCOMPARE(plain.dataset.columns,
                 nlohmann::json({{"text", "sentence"}, {"text_pair", nullptr}, {"label", "label"}}));
    }

    // A headerless AG News file: no names, so the rows decide: the class index is the label, the
    // description (the longest cells) the text.
    void headerlessFileGuessesTheLabelFromItsRows() {
        auto store = freshStore();
        std::string csv;
        const char* rows[][3] = {{"3", "Wall St. Bears", "Short-sellers are seeing green again, traders said."},
                                 {"4", "New Chip", "A chip maker said its processor runs twice as fast."},
                                 {"2", "Phelps Wins", "Michael Phelps won his sixth gold medal on Friday."},
                                 {"1", "Talks Resume", "Peace talks between the two sides resumed on Tuesday."},
                                 {"3", "Oil Slips", "Oil prices fell for a third day as supplies rose."},
                                 {"2", "Cup Final", "The two best teams will meet in Saturday's final."},
                                 {"4", "Search IPO", "The company priced its shares at the low end of the range."},
                                 {"1", "Storm Hits", "A storm with winds of 120 miles an hour hit the coast."}};
        for (const auto& row : rows) csv += std::string(row[0]) + ",\"" + row[1] + "\",\"" + row[2] + "\"\n";
        const ImportSummary summary = importDataset(store, request(write("ag_headerless.csv", csv), "agh"));
        QCOMPARE(summary.dataset.task_kind, std::string("sequence"));
        QCOMPARE(summary.dataset.columns, nlohmann::json({{"text", "2"}, {"text_pair", nullptr}, {"label", "0"}}));
        QCOMPARE(summary.dataset.label_set, (std::vector<std::string>{"1", "2", "3", "4"}));
        const auto stored = store.loadRows(summary.dataset.id, "train");
        QCOMPARE(stored.size(), size_t{8});
        QCOMPARE(stored[0].text, std::string(rows[0][2]));
        QCOMPARE(stored[0].label, std::string("3"));
        QCOMPARE(stored[0].source_line, uint64_t{1});
    }

    // A split can be replaced (in one transaction) or removed on its own.
    // AG News' labels are the numbers 1-4; users name them. The ids keep the numbers' order, the
    // names reach every row, and the dataset's later splits are named the same way.
    void labelsGetNamesAtImportAndLater() {
        auto store = freshStore();
        const std::string header = "label,title,description\n";
        const fs::path train = write("ag_train.csv", header +
            "3,Wall St. Bears Claw Back,Short-sellers are seeing green again.\n"
            "4,Carlyle Looks Toward Commercial Aerospace,Private investment firm Carlyle Group...\n"
            "2,Phelps wins again,The swimmer took his sixth gold.\n"
            "1,Talks end in Geneva,Diplomats left without an agreement.\n"
            "2,Late goal decides derby,A header in stoppage time.\n");
        const fs::path test = write("ag_test.csv", header + "1,Election called,Parliament dissolved.\n"
                                                            "4,New chip announced,Faster and cooler.\n");
        ImportRequest r = request(train, "ag");
        r.label_names = names({{"1", "World"}, {"2", "Sports"}, {"3", "Business"}, {"4", "Sci/Tech"}});
        const ImportSummary imported = importDataset(store, r);
        QCOMPARE(imported.dataset.label_set, (std::vector<std::string>{"World", "Sports", "Business", "Sci/Tech"}));
        const auto rows = store.loadRows(imported.dataset.id, "train");
        QCOMPARE(rows[0].label, std::string("Business"));
        QCOMPARE(rows[2].label, std::string("Sports"));
        // A split added later: the same names, without asking again; other names are refused.
        importDataset(store, request(test, "ag", "test"));
        QCOMPARE(store.loadRows(imported.dataset.id, "test")[1].label, std::string("Sci/Tech"));
        ImportRequest other = request(test, "ag", "validation");
        other.label_names = names({{"1", "Politics"}});
        QVERIFY(contains(errorOf([&] { importDataset(store, other); }), "its splits share the names"));

        // Renamed later, in place: a swap does not merge the two, ids and the later splits follow.
        const DatasetRecord renamed = store.renameLabels(
            imported.dataset.id, names({{"World", "Sports"}, {"Sports", "World"}, {"Sci/Tech", "Science"}}));
        QCOMPARE(renamed.label_set, (std::vector<std::string>{"Sports", "World", "Business", "Science"}));
        QCOMPARE(store.loadRows(imported.dataset.id, "train")[2].label, std::string("World"));
        QCOMPARE(store.loadRows(imported.dataset.id, "test")[0].label, std::string("Sports"));
        QCOMPARE(renamed.columns["label_names"],
                 (nlohmann::json{{"1", "Sports"}, {"2", "World"}, {"3", "Business"}, {"4", "Science"}}));
        ImportRequest validation = request(test, "ag", "validation");
        importDataset(store, validation);
        QCOMPARE(store.loadRows(imported.dataset.id, "validation")[1].label, std::string("Science"));

        // What is refused, and leaves the dataset as it was.
        QVERIFY(contains(errorOf([&] { store.renameLabels(imported.dataset.id, names({{"7", "x"}})); }),
                         "has no label '7' (its labels are: Sports, World, Business, Science)"));
        QVERIFY(contains(errorOf([&] { store.renameLabels(imported.dataset.id, names({{"World", "Business"}})); }),
                         "make two labels of dataset 'ag' one: 'Business'"));
        QVERIFY(contains(errorOf([] { names({{"1", "A"}, {"2", "A"}}); }), "both named 'A'"));
        QVERIFY(contains(errorOf([] { names({{"1", ""}}); }), "empty name"));
        QCOMPARE(store.getDataset(imported.dataset.id)->label_set, renamed.label_set);
        // A name that is also another label, unnamed: the two classes would become one.
        ImportRequest clash = request(train, "clash");
        clash.label_names = names({{"1", "2"}});
        QVERIFY(contains(errorOf([&] { importDataset(store, clash); }), "ag_train.csv:4: label '2' is also the name given to label '1'"));
        QVERIFY(!store.findDataset("clash"));
        ImportRequest tagged = request(fixture("data/conll2003_train_head40.txt"), "ner");
        tagged.format = bw::data::DataFormat::Conll;
        tagged.label_names = names({{"O", "outside"}});
        QVERIFY(contains(errorOf([&] { importDataset(store, tagged); }), "label names are for sequence classification"));
    }

    void aSplitIsReplacedOrRemovedAlone() {
        auto store = freshStore();
        importDataset(store, request(fixture("data/sst2_train_head300.tsv"), "sst2"));
        importDataset(store, request(fixture("data/sst2_dev.tsv"), "sst2", "validation"));
        const fs::path smaller = write("train50.tsv", tsvRows(50));
        ImportRequest replace = request(smaller, "sst2");
        replace.replace = true;
        const ImportSummary replaced = importDataset(store, replace);
        QCOMPARE(replaced.dataset.row_counts, (std::map<std::string, int64_t>{{"train", 50}, {"validation", 872}}));
        const int64_t id = replaced.dataset.id;
        QCOMPARE(store.loadRows(id, "train")[0].text, std::string("sentence number 0"));
        std::vector<std::string> splits;
        for (const DatasetSource& source : store.sources(id)) splits.push_back(source.split + ":" + std::to_string(source.row_count));
        QCOMPARE(splits, (std::vector<std::string>{"validation:872", "train:50"}));

        // A replacement that fails leaves the old rows.
        const fs::path broken = write("broken.tsv", tsvRows(3, "bad row without a tab\n"));
        ImportRequest failing = request(broken, "sst2");
        failing.replace = true;
        QVERIFY(!errorOf([&] { importDataset(store, failing); }).empty());
        QCOMPARE(rowCounts(store, "sst2"), (std::map<std::string, int64_t>{{"train", 50}, {"validation", 872}}));

        QCOMPARE(store.deleteSplit(id, "validation"), int64_t{872});
        QCOMPARE(rowCounts(store, "sst2"), (std::map<std::string, int64_t>{{"train", 50}}));
        QCOMPARE(store.sources(id).size(), size_t{1});
        QCOMPARE(store.getDataset(id)->label_set, (std::vector<std::string>{"0", "1"}));
    }

    // A stored dataset without a validation split gets one held out of its train rows: each label's
    // share as counted from the file, every row in exactly one split with its file line and text,
    // the same rows as a hold-out at import, and nothing changed by a refusal or a cancel.
    void holdOutValidationFromAStoredTrainSplit() {
        auto store = freshStore();
        const fs::path file = fixture("data/sst2_train_head2000.tsv");
        const int64_t dataset = importDataset(store, request(file, "sst2")).dataset.id;
        const auto labels_before = store.getDataset(dataset)->label_set;

        // The file, read here: text and label by line number.
        std::map<uint64_t, std::pair<std::string, std::string>> by_line;
        std::map<std::string, int> per_label;
        {
            std::ifstream in(file);
            std::string line;
            std::getline(in, line);
            for (uint64_t n = 2; std::getline(in, line); ++n) {
                const auto tab = line.rfind('\t');
                by_line[n] = {line.substr(0, tab), line.substr(tab + 1)};
                ++per_label[line.substr(tab + 1)];
            }
        }
        QCOMPARE(by_line.size(), size_t{2000});

        std::atomic<bool> cancel{true};
        HoldOutRequest cancelled{dataset, 0.1, 3, &cancel};
        QVERIFY(contains(errorOf([&] { holdOutValidation(store, cancelled); }), "cancelled"));
        QCOMPARE(rowCounts(store, "sst2"), (std::map<std::string, int64_t>{{"train", 2000}}));
        QCOMPARE(count(store.path(), "SELECT COUNT(*) FROM dataset_sources WHERE state != 'published'"), int64_t{0});
        QCOMPARE(count(store.path(), "SELECT COUNT(*) FROM dataset_rows"), int64_t{2000});
        QVERIFY(contains(errorOf([&] { holdOutValidation(store, {dataset, 1.5, 3}); }), "between 0 and 1"));

        const HoldOutSummary summary = holdOutValidation(store, {dataset, 0.1, 3});
        QCOMPARE(summary.validation_rows, int64_t{200});
        QCOMPARE(summary.train_rows, int64_t{1800});
        QCOMPARE(rowCounts(store, "sst2"), (std::map<std::string, int64_t>{{"train", 1800}, {"validation", 200}}));
        QCOMPARE(store.getDataset(dataset)->label_set, labels_before);
        QCOMPARE(count(store.path(), "SELECT COUNT(*) FROM dataset_rows"), int64_t{2000});  // the old train rows are gone

        std::set<uint64_t> seen;
        std::map<std::string, int> held_per_label;
        std::vector<uint64_t> held_lines;
        for (const char* split : {"train", "validation"}) {
            uint64_t previous = 0;
            for (const auto& row : store.loadRows(dataset, split)) {
                QVERIFY(seen.insert(row.source_line).second);          // in one split only
                QVERIFY(row.source_line > previous);                    // in file order
                previous = row.source_line;
                QCOMPARE(row.label, by_line.at(row.source_line).second);
                QVERIFY(by_line.at(row.source_line).first.find(row.text) == 0);
                if (std::string(split) == "validation") {
                    ++held_per_label[row.label];
                    held_lines.push_back(row.source_line);
                }
            }
        }
        QCOMPARE(seen.size(), size_t{2000});
        for (const auto& [label, n] : per_label) QCOMPARE(held_per_label[label], static_cast<int>(std::lround(n * 0.1)));
        // The sources name the file the rows came from.
        for (const auto& source : store.sources(dataset)) QCOMPARE(fs::path(source.path), file.lexically_normal());

        // One rule: a hold-out at import of the same file, fraction and seed holds out the same rows.
        ImportRequest at_import = request(file, "sst2_at_import");
        at_import.validation_fraction = 0.1;
        at_import.seed = 3;
        const int64_t other = importDataset(store, at_import).dataset.id;
        std::vector<uint64_t> import_lines;
        for (const auto& row : store.loadRows(other, "validation")) import_lines.push_back(row.source_line);
        QCOMPARE(import_lines, held_lines);

        // Refused: a second hold-out, a dataset without train rows.
        QVERIFY(contains(errorOf([&] { holdOutValidation(store, {dataset, 0.1, 3}); }),
                         "already has a validation split (200 rows)"));
        const int64_t dev_only = importDataset(store, request(fixture("data/sst2_dev.tsv"), "dev_only", "validation")).dataset.id;
        QVERIFY(contains(errorOf([&] { holdOutValidation(store, {dev_only, 0.1, 3}); }), "already has a validation split"));
        DatasetRecord empty;
        empty.name = "empty";
        empty.task_kind = "sequence";
        const int64_t empty_id = store.createDataset(empty).id;
        QVERIFY(contains(errorOf([&] { holdOutValidation(store, {empty_id, 0.1, 3}); }), "has no train rows"));
    }

    // A hold-out undone: the held-out rows go back into train in the file's order, the same 2000 rows
    // as imported (lines, texts and labels against the file), the validation split gone, in one write;
    // a cancel or a refusal changes nothing. A split from another file joins after train's rows.
    void returnToTrainUndoesAHoldOut() {
        auto store = freshStore();
        const fs::path file = fixture("data/sst2_train_head2000.tsv");
        const int64_t dataset = importDataset(store, request(file, "sst2")).dataset.id;
        const std::vector<bw::data::Example> imported = store.loadRows(dataset, "train");
        holdOutValidation(store, {dataset, 0.1, 3});
        QCOMPARE(rowCounts(store, "sst2"), (std::map<std::string, int64_t>{{"train", 1800}, {"validation", 200}}));

        std::atomic<bool> cancel{true};
        QVERIFY(contains(errorOf([&] { returnToTrain(store, dataset, "validation", &cancel); }), "cancelled"));
        QCOMPARE(rowCounts(store, "sst2"), (std::map<std::string, int64_t>{{"train", 1800}, {"validation", 200}}));
        QCOMPARE(count(store.path(), "SELECT COUNT(*) FROM dataset_sources WHERE state != 'published'"), int64_t{0});
        QVERIFY(canReturnToTrain(*store.getDataset(dataset), "validation"));
        QVERIFY(!canReturnToTrain(*store.getDataset(dataset), "train") && !canReturnToTrain(*store.getDataset(dataset), "test"));
        QVERIFY(contains(errorOf([&] { returnToTrain(store, dataset, "train"); }), "cannot be returned to itself"));
        QVERIFY(contains(errorOf([&] { returnToTrain(store, dataset, "test"); }), "has no test rows"));

        const HoldOutSummary back = returnToTrain(store, dataset, "validation");
        QCOMPARE(back.validation_rows, int64_t{200});
        QCOMPARE(back.train_rows, int64_t{2000});
        QCOMPARE(rowCounts(store, "sst2"), (std::map<std::string, int64_t>{{"train", 2000}}));
        QCOMPARE(count(store.path(), "SELECT COUNT(*) FROM dataset_rows"), int64_t{2000});
        const std::vector<bw::data::Example> again = store.loadRows(dataset, "train");
        QCOMPARE(again.size(), imported.size());
        for (size_t i = 0; i < again.size(); ++i) {
            QCOMPARE(again[i].source_line, imported[i].source_line);
            QCOMPARE(again[i].text, imported[i].text);
            QCOMPARE(again[i].label, imported[i].label);
        }
        QVERIFY(canHoldOutValidation(*store.getDataset(dataset)));  // and can be held out again

        // A validation split of its own file: after the train rows, in its order.
        importDataset(store, request(fixture("data/sst2_dev.tsv"), "sst2", "validation"));
        const std::vector<bw::data::Example> dev = store.loadRows(dataset, "validation");
        QCOMPARE(returnToTrain(store, dataset, "validation").train_rows, int64_t(2000 + dev.size()));
        const std::vector<bw::data::Example> joined = store.loadRows(dataset, "train");
        QCOMPARE(joined[1999].source_line, imported.back().source_line);
        QCOMPARE(joined[2000].text, dev.front().text);
        QCOMPARE(joined.back().text, dev.back().text);
    }

    // A corpus holds out whole documents.
    void holdOutKeepsDocumentsWhole() {
        auto store = freshStore();
        const int64_t dataset = importDataset(store, request(fixture("data/wikitext2_test_head120.txt"), "wiki")).dataset.id;
        holdOutValidation(store, {dataset, 0.2, 42});
        std::set<int64_t> train_documents, validation_documents;
        for (const auto& row : store.loadRows(dataset, "train")) train_documents.insert(row.document);
        for (const auto& row : store.loadRows(dataset, "validation")) validation_documents.insert(row.document);
        QVERIFY(!validation_documents.empty());
        for (const int64_t document : validation_documents) QVERIFY(!train_documents.count(document));
    }
};

QTEST_GUILESS_MAIN(TestDatasetImport)
#include "test_dataset_import.moc"
