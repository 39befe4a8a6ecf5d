// The experiment store on real SQLite files: creation and reopening, migrations, refusing files it
// must not touch (newer schema, not a database, damaged), datasets, runs, metrics seen live by a
// second connection, training sessions (stopped time left out, old stores migrated), evaluations /
// checkpoints / artifacts, cascading deletes, crash recovery of a SIGKILLed training process, and the
// "locked" error.
#include "core/runtime/error.h"
#include "core/store/experiment_store.h"
#include "core/store/metric_writer.h"
#include "core/store/process_identity.h"
#include "core/store/sqlite_database.h"
#include "core/store/store_clock.h"
#include "core/store/store_row_readers.h"
#include "core/store/store_schema.h"
#include "test_support.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace bw::store;
using bw::data::Example;
using bw::test::errorOf;
namespace fs = std::filesystem;
using nlohmann::json;

namespace QTest {
template <>
inline char* toString(const std::string& s) { return qstrdup(s.c_str()); }
template <>
inline char* toString(const json& j) { return qstrdup(j.dump().c_str()); }
}  // namespace QTest

namespace {

using bw::test::readBytes;

void writeBytes(const fs::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string randomBytes(size_t n, unsigned seed) {
    std::mt19937 rng(seed);
    std::string s(n, '\0');
    for (auto& c : s) c = static_cast<char>(rng() & 0xff);
    return s;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A raw connection, to look at (or lock) a store behind the API's back.
int64_t countRows(const fs::path& path, const std::string& sql) {
    Database db = Database::open(path, 1000);
    auto q = db.prepare(sql);
    q.step();
    return q.int64At(0);
}

Example sequenceRow(std::string text, std::optional<std::string> pair, std::string label, uint64_t line) {
    Example e;
    e.text = std::move(text);
    e.text_pair = std::move(pair);
    e.label = std::move(label);
    e.source_line = line;
    return e;
}

Example tokenRow(std::vector<std::string> words, std::vector<std::string> tags, uint64_t line) {
    Example e;
    for (const auto& w : words) e.text += (e.text.empty() ? "" : " ") + w;
    e.words = std::move(words);
    e.tags = std::move(tags);
    e.source_line = line;
    return e;
}

void compareExamples(const std::vector<Example>& got, const std::vector<Example>& want) {
    QCOMPARE(got.size(), want.size());
    for (size_t i = 0; i < got.size(); ++i) {
        QCOMPARE(got[i].text, want[i].text);
        QCOMPARE(got[i].text_pair, want[i].text_pair);
        QCOMPARE(got[i].label, want[i].label);
        QCOMPARE(got[i].words, want[i].words);
        QCOMPARE(got[i].tags, want[i].tags);
        QCOMPARE(got[i].document, want[i].document);
        QCOMPARE(got[i].source_line, want[i].source_line);
    }
}

// Takes a store back to schema 5, as an older Bertwork wrote it.
void backToSchema5(Database& raw) {
    raw.execute(R"sql(
ALTER TABLE dataset_sources DROP COLUMN skipped_rows;
ALTER TABLE dataset_sources DROP COLUMN rows_hash;
ALTER TABLE analysis_rows DROP COLUMN source_line;
DELETE FROM schema_version WHERE version > 5;
)sql");
}

// Takes a new, empty store back to schema 2, as an older Bertwork wrote it.
void backToSchema2(Database& raw) {
    raw.execute(R"sql(
DROP TABLE analysis_rows;
DROP TABLE analyses;
DROP TABLE dataset_rows;
CREATE TABLE dataset_rows (id INTEGER PRIMARY KEY, dataset INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    split TEXT NOT NULL, row_index INTEGER NOT NULL, text TEXT NOT NULL, text_pair TEXT, label TEXT NOT NULL DEFAULT '',
    words TEXT, tags TEXT, document INTEGER NOT NULL DEFAULT 0, source_line INTEGER NOT NULL DEFAULT 0,
    UNIQUE (dataset, split, row_index));
ALTER TABLE dataset_sources DROP COLUMN state;
ALTER TABLE dataset_sources DROP COLUMN pid;
ALTER TABLE dataset_sources DROP COLUMN host;
ALTER TABLE datasets DROP COLUMN visible;
ALTER TABLE dataset_sources DROP COLUMN skipped_rows;
ALTER TABLE dataset_sources DROP COLUMN rows_hash;
DELETE FROM schema_version WHERE version > 2;
)sql");
}

DatasetRecord datasetSpec(const std::string& name, const std::string& kind) {
    DatasetRecord d;
    d.name = name;
    d.task_kind = kind;
    d.format = "tsv";
    d.columns = {{"text", "sentence"}, {"label", "label"}};
    d.label_set = {"negative", "positive"};
    return d;
}

RunRecord runSpec(const std::string& name) {
    RunRecord r;
    r.name = name;
    r.task = "sequence-classification";
    r.base_model = "models/tiny";
    r.config = {{"learning_rate", 5e-5}, {"num_train_epochs", 3}};
    r.seed = 42;
    r.versions = {{"bertwork", "0.1.0"}};
    r.data_hashes = {{"train", "sha256:abc"}};
    r.tags = {"baseline"};
    r.output_dir = "runs/" + name;
    return r;
}

// Kills and reaps a forked child when the test leaves early (a failed check), so that no writer
// outlives the test.
struct ChildGuard {
    pid_t pid = 0;
    ~ChildGuard() {
        if (pid <= 0) return;
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
    }
};

StoreOptions quickTimeout(int ms) {
    StoreOptions o;
    o.busy_timeout = std::chrono::milliseconds(ms);
    return o;
}

}  // namespace

class TestExperimentStore : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    int counter_ = 0;
    fs::path freshPath() { return fs::path(dir_.path().toStdString()) / ("store" + std::to_string(++counter_) + ".sqlite"); }

private slots:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void createAndReopenKeepsData() {
        const fs::path path = freshPath();
        int64_t dataset = 0, run = 0;
        {
            auto store = ExperimentStore::open(path);
            QCOMPARE(store.schemaVersion(), kStoreSchemaVersion);
            dataset = store.createDataset(datasetSpec("sst2", "sequence")).id;
            store.appendRows(dataset, "train", {sequenceRow("a fine film", std::nullopt, "positive", 2)});
            run = store.createRun(runSpec("baseline")).id;
            store.addMetrics({{run, 1, 0.1, "train/loss", 0.7, 0}});
        }
        QVERIFY(fs::exists(path));
        auto store = ExperimentStore::open(path);
        const auto d = store.findDataset("sst2");
        QVERIFY(d.has_value());
        QCOMPARE(d->id, dataset);
        QCOMPARE(d->label_set, (std::vector<std::string>{"negative", "positive"}));
        QCOMPARE(d->columns, (json{{"text", "sentence"}, {"label", "label"}}));
        QCOMPARE(d->row_counts.at("train"), int64_t{1});
        QCOMPARE(store.loadRows(dataset, "train").at(0).text, std::string("a fine film"));
        const auto r = store.getRun(run);
        QVERIFY(r.has_value());
        QCOMPARE(r->name, std::string("baseline"));
        QCOMPARE(r->config, (json{{"learning_rate", 5e-5}, {"num_train_epochs", 3}}));
        QCOMPARE(store.metrics(run).size(), size_t{1});
        // What the store promises about the file itself.
        QCOMPARE(countRows(path, "SELECT MAX(version) FROM schema_version"), int64_t{kStoreSchemaVersion});
        Database raw = Database::open(path, 1000);
        auto mode = raw.prepare("PRAGMA journal_mode");
        QVERIFY(mode.step());
        QCOMPARE(mode.textAt(0), std::string("wal"));
        QCOMPARE(countRows(path, "PRAGMA application_id"), int64_t{kStoreApplicationId});
    }

    void migratesEmptyFiles() {
        // A zero-byte file (v0) ...
        const fs::path empty = freshPath();
        writeBytes(empty, "");
        {
            auto store = ExperimentStore::open(empty);
            QCOMPARE(store.schemaVersion(), kStoreSchemaVersion);
            QVERIFY(store.listRuns().empty());
        }
        QCOMPARE(countRows(empty, "SELECT COUNT(*) FROM schema_version"), int64_t{kStoreSchemaVersion});
        // ... and a SQLite database without tables (v0, as an older tool may leave it).
        const fs::path no_tables = freshPath();
        {
            Database raw = Database::open(no_tables, 1000);
            raw.execute("CREATE TABLE scratch (x); DROP TABLE scratch;");
        }
        QVERIFY(fs::file_size(no_tables) > 0);
        {
            auto store = ExperimentStore::open(no_tables);
            QCOMPARE(store.schemaVersion(), kStoreSchemaVersion);
            QCOMPARE(store.createRun(runSpec("r")).status, RunStatus::Queued);
        }
        QCOMPARE(countRows(no_tables, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'metrics_by_run_name_step'"),
                 int64_t{1});
        // Opening again migrates nothing twice.
        { auto store = ExperimentStore::open(no_tables); }
        QCOMPARE(countRows(no_tables, "SELECT COUNT(*) FROM schema_version"), int64_t{kStoreSchemaVersion});
    }

    void refusesNewerSchemaAndLeavesFileAlone() {
        const fs::path path = freshPath();
        { auto store = ExperimentStore::open(path); store.createRun(runSpec("r")); }
        {
            Database raw = Database::open(path, 1000);
            raw.execute("INSERT INTO schema_version (version, applied_at) VALUES (" +
                        std::to_string(kStoreSchemaVersion + 1) + ", 'future')");
        }
        const std::string before = readBytes(path);
        const std::string error = errorOf([&] { ExperimentStore::open(path); });
        QVERIFY2(contains(error, path.string() + ": the store was written by a newer version"), error.c_str());
        QVERIFY2(contains(error, "schema version " + std::to_string(kStoreSchemaVersion + 1)), error.c_str());
        QCOMPARE(readBytes(path) == before, true);
    }

    void refusesFilesThatAreNotStores_data() {
        QTest::addColumn<QString>("kind");
        QTest::newRow("text") << "text";
        QTest::newRow("random-bytes") << "random";
        QTest::newRow("short-sqlite-magic") << "short";
        QTest::newRow("other-application-db") << "foreign";
    }
    void refusesFilesThatAreNotStores() {
        QFETCH(QString, kind);
        const fs::path path = freshPath();
        std::string expected;
        if (kind == "text") {
            writeBytes(path, "sentence\tlabel\nhide new secretions\t0\n");
            expected = "not a SQLite database";
        } else if (kind == "random") {
            writeBytes(path, randomBytes(8192, 7));
            expected = "not a SQLite database";
        } else if (kind == "short") {
            writeBytes(path, std::string("SQLite format 3\0", 16) + "xx");
            expected = "not a SQLite database";
        } else {
            { Database raw = Database::open(path, 1000); raw.execute("CREATE TABLE contacts (name TEXT)"); }
            expected = "not an experiment store (a SQLite database with other tables: contacts)";
        }
        const std::string before = readBytes(path);
        const std::string error = errorOf([&] { ExperimentStore::open(path); });
        QVERIFY2(contains(error, path.string() + ": ") && contains(error, expected), error.c_str());
        QVERIFY(readBytes(path) == before);
    }

    void refusesDamagedStoresWithoutCrashing() {
        // A store with enough rows to span many pages.
        const fs::path original = freshPath();
        int64_t dataset = 0;
        {
            auto store = ExperimentStore::open(original);
            dataset = store.createDataset(datasetSpec("big", "sequence")).id;
            std::vector<Example> rows;
            for (int i = 0; i < 10000; ++i)
                rows.push_back(sequenceRow("row number " + std::to_string(i) + " with some padding text", std::nullopt,
                                           i % 2 ? "positive" : "negative", static_cast<uint64_t>(i + 2)));
            store.appendRows(dataset, "train", rows);
        }
        QCOMPARE(fs::file_size(original.string() + "-wal"), uintmax_t{0});  // checkpointed and emptied on close
        const std::string good = readBytes(original);
        QVERIFY(good.size() > 100 * 4096);

        // Truncated: refused at open.
        const fs::path truncated = freshPath();
        writeBytes(truncated, good.substr(0, good.size() / 2));
        std::string before = readBytes(truncated);
        std::string error = errorOf([&] { ExperimentStore::open(truncated); });
        QVERIFY2(contains(error, truncated.string() + ": the store file is damaged"), error.c_str());
        QVERIFY(readBytes(truncated) == before);

        // Page 1 (the schema) overwritten behind a valid header: refused at open.
        const fs::path bad_schema = freshPath();
        writeBytes(bad_schema, good.substr(0, 100) + randomBytes(4096 - 100, 11) + good.substr(4096));
        before = readBytes(bad_schema);
        error = errorOf([&] { ExperimentStore::open(bad_schema); });
        QVERIFY2(contains(error, bad_schema.string() + ": the store file is damaged"), error.c_str());
        QVERIFY(readBytes(bad_schema) == before);

        // Data pages overwritten: open may succeed, reading the rows reports the damage.
        const fs::path bad_rows = freshPath();
        writeBytes(bad_rows, good.substr(0, 20 * 4096) + randomBytes(20 * 4096, 13) + good.substr(40 * 4096));
        error = errorOf([&] {
            auto store = ExperimentStore::open(bad_rows);
            store.loadRows(dataset, "train");
        });
        QVERIFY2(contains(error, bad_rows.string() + ": the store file is damaged"), error.c_str());

        // With verify_integrity (a workspace the user opens) the same damage is refused at open.
        before = readBytes(bad_rows);
        StoreOptions verify;
        verify.verify_integrity = true;
        error = errorOf([&] { ExperimentStore::open(bad_rows, verify); });
        QVERIFY2(contains(error, bad_rows.string() + ": the store file is damaged"), error.c_str());
        QVERIFY(readBytes(bad_rows) == before);
        ExperimentStore::open(original, verify);  // an intact store passes
    }

    void datasetRowsRoundTrip() {
        const fs::path path = freshPath();
        auto store = ExperimentStore::open(path);
        const int64_t pairs = store.createDataset(datasetSpec("mrpc", "sequence")).id;
        const std::vector<Example> train = {
            sequenceRow("He said \"hello\"\tand left.", std::string("Il est parti."), "1", 2),
            sequenceRow("这部电影很好看", std::string("😀 emoji, e\u0301 combining"), "0", 3),
            sequenceRow("", std::string(""), "", 4),  // empty pair stays a pair, not "no pair"
            sequenceRow(std::string("nul\0inside", 10), std::nullopt, "1", 5),
            sequenceRow("line one\nline two", std::nullopt, "0", 7),
        };
        store.appendRows(pairs, "train", {train.begin(), train.begin() + 2});
        store.appendRows(pairs, "train", {train.begin() + 2, train.end()});  // continues the row indices
        store.appendRows(pairs, "validation", {train[1]});
        compareExamples(store.loadRows(pairs, "train"), train);
        QCOMPARE(store.rowCount(pairs, "train"), int64_t{5});
        QCOMPARE(store.rowCount(pairs, "validation"), int64_t{1});
        QCOMPARE(store.rowCount(pairs, "test"), int64_t{0});

        const int64_t ner = store.createDataset(datasetSpec("conll", "token")).id;
        const std::vector<Example> tokens = {
            tokenRow({"EU", "rejects", "German", "call"}, {"B-ORG", "O", "B-MISC", "O"}, 1),
            tokenRow({"Peter", "Blackburn"}, {"B-PER", "I-PER"}, 7),
            tokenRow({"Zürich", "\"quoted\"", "北京"}, {"B-LOC", "O", "B-LOC"}, 12),
        };
        store.appendRows(ner, "test", tokens);
        std::vector<Example> streamed;
        store.forEachRow(ner, "test", [&](const Example& e) { streamed.push_back(e); });
        compareExamples(streamed, tokens);

        const int64_t corpus = store.createDataset(datasetSpec("wiki", "corpus")).id;
        std::vector<Example> docs(3);
        for (int i = 0; i < 3; ++i) {
            docs[i].text = "sentence " + std::to_string(i);
            docs[i].document = i / 2;
            docs[i].source_line = static_cast<uint64_t>(i + 1);
        }
        store.appendRows(corpus, "train", docs);
        compareExamples(store.loadRows(corpus, "train"), docs);

        // Listing, label set, sources.
        store.setLabelSet(ner, {"O", "B-PER", "I-PER"});
        const auto all = store.listDatasets();
        QCOMPARE(all.size(), size_t{3});
        QCOMPARE(all[0].name, std::string("conll"));  // by name
        QCOMPARE(all[0].label_set, (std::vector<std::string>{"O", "B-PER", "I-PER"}));
        QCOMPARE(all[0].row_counts, (std::map<std::string, int64_t>{{"test", 3}}));
        QCOMPARE(all[1].row_counts, (std::map<std::string, int64_t>{{"train", 5}, {"validation", 1}}));
        QCOMPARE(all[0].toJson().at("task_kind"), json("token"));

        // Rows appended directly have a source without a file; an import's source names its file.
        QCOMPARE(store.sources(pairs).size(), size_t{2});
        QCOMPARE(store.sources(pairs)[0].path, std::string());
        QCOMPARE(store.sources(pairs)[0].row_count, int64_t{5});
        DatasetSource source;
        source.split = "test";
        source.path = "/data/test.tsv";
        source.content_hash = "sha256:0123";
        source.format = "tsv";
        const auto staged = store.stageSources(pairs, {source});
        QCOMPARE(staged.size(), size_t{1});
        QVERIFY(staged[0].id > 0);
        QVERIFY(!staged[0].imported_at.empty());
        store.appendStagedRows(staged[0].id, {train[0], train[1]});
        store.publishSources({staged[0].id}, std::nullopt, false);
        const auto listed = store.sources(pairs);
        QCOMPARE(listed.size(), size_t{3});
        QCOMPARE(listed[2].content_hash, std::string("sha256:0123"));
        QCOMPARE(listed[2].path, std::string("/data/test.tsv"));
        QCOMPARE(listed[2].row_count, int64_t{2});
        compareExamples(store.loadRows(pairs, "test"), {train[0], train[1]});

        // Bad input.
        QVERIFY(contains(errorOf([&] { store.appendRows(pairs, "dev", train); }), "unknown split 'dev'"));
        QVERIFY(contains(errorOf([&] { store.appendRows(9999, "train", train); }), "no dataset with id 9999"));
        QVERIFY(contains(errorOf([&] { store.createDataset(datasetSpec("x", "images")); }), "unknown task kind 'images'"));
        QVERIFY(!store.findDataset("missing").has_value());
    }

    void appendRowsIsAllOrNothing() {
        auto store = ExperimentStore::open(freshPath());
        const int64_t ds = store.createDataset(datasetSpec("ner", "token")).id;
        store.appendRows(ds, "train", {tokenRow({"kept"}, {"O"}, 1)});
        std::vector<Example> rows;
        for (int i = 0; i < 1000; ++i) rows.push_back(tokenRow({"w" + std::to_string(i)}, {"O"}, i + 2));
        rows[500].words = {std::string("bad \xff utf-8")};
        const std::string error = errorOf([&] { store.appendRows(ds, "train", rows); });
        QVERIFY2(contains(error, "train row 501 (line 502): a word is not valid UTF-8"), error.c_str());
        QCOMPARE(store.rowCount(ds, "train"), int64_t{1});  // nothing of the failed batch, the old row kept

        // A caller's transaction groups operations; without commit they all roll back.
        {
            auto tx = store.transaction();
            store.appendRows(ds, "validation", {tokenRow({"gone"}, {"O"}, 1)});
            store.setLabelSet(ds, {"O", "B-X"});
        }
        QCOMPARE(store.rowCount(ds, "validation"), int64_t{0});
        QCOMPARE(store.getDataset(ds)->label_set, (std::vector<std::string>{"negative", "positive"}));
        {
            auto tx = store.transaction();
            store.appendRows(ds, "validation", {tokenRow({"kept"}, {"O"}, 1)});
            tx.commit();
        }
        QCOMPARE(store.rowCount(ds, "validation"), int64_t{1});
    }

    // SST-2's size (67,349 rows, ~10 words each) in one append, streamed back. The times are printed,
    // not asserted (speed belongs in tests/bench; under the sanitizers this takes seconds).
    void appendedRowsStreamBack() {
        auto store = ExperimentStore::open(freshPath());
        const int64_t ds = store.createDataset(datasetSpec("sst2", "sequence")).id;
        std::vector<Example> rows;
        for (int i = 0; i < 70000; ++i)
            rows.push_back(sequenceRow("it 's a charming and often affecting journey , number " + std::to_string(i),
                                       std::nullopt, i % 2 ? "1" : "0", static_cast<uint64_t>(i + 2)));
        QElapsedTimer timer;
        timer.start();
        store.appendRows(ds, "train", rows);
        const qint64 append_ms = timer.elapsed();
        timer.restart();
        int64_t streamed = 0;
        store.forEachRow(ds, "train", [&](const Example&) { ++streamed; });
        const qint64 read_ms = timer.elapsed();
        qInfo("70k rows: append %lld ms, stream %lld ms", static_cast<long long>(append_ms),
              static_cast<long long>(read_ms));
        QCOMPARE(streamed, int64_t{70000});
    }

    void duplicateDatasetNameIsRefused() {
        auto store = ExperimentStore::open(freshPath());
        store.createDataset(datasetSpec("sst2", "sequence"));
        const std::string error = errorOf([&] { store.createDataset(datasetSpec("sst2", "token")); });
        QVERIFY2(contains(error, ": a dataset named 'sst2' already exists"), error.c_str());
        QCOMPARE(store.listDatasets().size(), size_t{1});
    }

    void runLifecycleAndListing() {
        auto store = ExperimentStore::open(freshPath());
        const int64_t ds = store.createDataset(datasetSpec("sst2", "sequence")).id;
        RunRecord spec = runSpec("first");
        spec.dataset_id = ds;
        const RunRecord created = store.createRun(spec);
        QCOMPARE(created.status, RunStatus::Queued);
        QCOMPARE(created.pid, currentProcessId());
        QCOMPARE(created.host, currentHostName());
        QVERIFY(!created.created_at.empty());
        QVERIFY(created.started_at.empty());
        QCOMPARE(created.dataset_id, std::optional<int64_t>(ds));
        QCOMPARE(created.seed, int64_t{42});
        QCOMPARE(created.tags, std::vector<std::string>{"baseline"});
        QCOMPARE(created.data_hashes, (json{{"train", "sha256:abc"}}));

        store.markRunning(created.id);
        RunRecord r = *store.getRun(created.id);
        QCOMPARE(r.status, RunStatus::Running);
        QVERIFY(!r.started_at.empty());
        QVERIFY(r.finished_at.empty());

        store.updateRun(created.id, RunUpdate{std::string("renamed"), std::string("lr too high?"), std::nullopt});
        r = *store.getRun(created.id);
        QCOMPARE(r.name, std::string("renamed"));
        QCOMPARE(r.notes, std::string("lr too high?"));
        QCOMPARE(r.tags, std::vector<std::string>{"baseline"});  // untouched
        store.updateRun(created.id, RunUpdate{std::nullopt, std::nullopt, std::vector<std::string>{"a", "b"}});
        QCOMPARE(store.getRun(created.id)->tags, (std::vector<std::string>{"a", "b"}));

        QVERIFY(contains(errorOf([&] { store.finishRun(created.id, RunStatus::Running); }), "cannot finish run"));
        store.finishRun(created.id, RunStatus::Completed);
        r = *store.getRun(created.id);
        QCOMPARE(r.status, RunStatus::Completed);
        QVERIFY(!r.finished_at.empty());
        QCOMPARE(r.toJson().at("status"), json("completed"));

        const int64_t second = store.createRun(runSpec("second")).id;
        store.markRunning(second);
        store.finishRun(second, RunStatus::Failed, "CUDA out of memory");
        QCOMPARE(store.getRun(second)->error_message, std::string("CUDA out of memory"));
        store.markRunning(second);  // a resume clears the error
        QCOMPARE(store.getRun(second)->error_message, std::string());
        store.setRunStatus(second, RunStatus::Stopped);
        const int64_t third = store.createRun(runSpec("third")).id;

        const auto all = store.listRuns();
        QCOMPARE(all.size(), size_t{3});
        QCOMPARE(all[0].id, third);  // newest first
        QCOMPARE(all[2].id, created.id);
        RunFilter stopped;
        stopped.status = RunStatus::Stopped;
        QCOMPARE(store.listRuns(stopped).size(), size_t{1});
        QCOMPARE(store.listRuns(stopped)[0].id, second);
        RunFilter of_dataset;
        of_dataset.dataset_id = ds;
        QCOMPARE(store.listRuns(of_dataset).size(), size_t{1});

        QVERIFY(!store.getRun(12345).has_value());
        QVERIFY(contains(errorOf([&] { store.setRunStatus(12345, RunStatus::Failed); }), "no run with id 12345"));
        QVERIFY(contains(errorOf([&] { store.updateRun(12345, {}); }), "no run with id 12345"));
    }

    void metricBatchesAreVisibleToAnotherConnection() {
        const fs::path path = freshPath();
        auto writer_store = ExperimentStore::open(path, quickTimeout(500));
        const int64_t run = writer_store.createRun(runSpec("live")).id;
        writer_store.markRunning(run);
        auto reader = ExperimentStore::open(path, quickTimeout(500));  // the GUI's connection
        {
            MetricWriter writer(writer_store, run, {1000, std::chrono::hours(1)});
            for (int step = 1; step <= 10; ++step) writer.add("train/loss", 1.0 / step, step, step / 100.0);
            QCOMPARE(writer.pending(), size_t{10});
            QCOMPARE(reader.metrics(run).size(), size_t{0});  // batched, not yet committed
            writer.flush();
            QCOMPARE(writer.pending(), size_t{0});
            const auto seen = reader.metrics(run);
            QCOMPARE(seen.size(), size_t{10});
            QCOMPARE(seen[3].step, int64_t{4});
            QCOMPARE(seen[3].value, 0.25);
            QCOMPARE(seen[3].epoch, 0.04);
            QVERIFY(seen[3].wall_time > 1.6e9);

            for (int step = 11; step <= 1010; ++step) writer.add("train/loss", 0.5, step);
            QCOMPARE(writer.pending(), size_t{0});  // the 1000th point committed the batch
            QCOMPARE(reader.metrics(run).size(), size_t{1010});
            writer.add("train/loss", std::nan(""), 1011);  // a diverged loss is kept as NaN
        }  // the destructor flushes
        const auto last = reader.metrics(run, std::string("train/loss"), int64_t{1010});
        QCOMPARE(last.size(), size_t{1});
        QVERIFY(std::isnan(last[0].value));

        // Time-based commits.
        MetricWriter timed(writer_store, run, {1000, std::chrono::milliseconds(50)});
        timed.add("learning_rate", 1e-4, 1);
        QCOMPARE(timed.pending(), size_t{1});
        std::this_thread::sleep_for(std::chrono::milliseconds(80));
        timed.add("learning_rate", 2e-4, 2);
        QCOMPARE(timed.pending(), size_t{0});
        QCOMPARE(reader.metrics(run, std::string("learning_rate")).size(), size_t{2});
    }

    void readerNeverBlocksTheWriter() {
        const fs::path path = freshPath();
        auto writer = ExperimentStore::open(path, quickTimeout(200));
        const int64_t ds = writer.createDataset(datasetSpec("d", "sequence")).id;
        writer.appendRows(ds, "train", std::vector<Example>(100, sequenceRow("x", std::nullopt, "0", 1)));
        const int64_t run = writer.createRun(runSpec("r")).id;
        auto reader = ExperimentStore::open(path, quickTimeout(200));
        int rows = 0;
        // While the reader is in the middle of a read (its snapshot open), the writer commits.
        reader.forEachRow(ds, "train", [&](const Example&) {
            if (rows++ == 0) {
                writer.addMetrics({{run, 1, 0.0, "train/loss", 1.0, 0}});
                writer.appendRows(ds, "train", {sequenceRow("added", std::nullopt, "1", 2)});
            }
        });
        QCOMPARE(rows, 100);  // the reader's snapshot
        QCOMPARE(reader.rowCount(ds, "train"), int64_t{101});
        QCOMPARE(reader.metrics(run).size(), size_t{1});
    }

    void metricQueries() {
        auto store = ExperimentStore::open(freshPath());
        const int64_t run = store.createRun(runSpec("r")).id;
        const int64_t other = store.createRun(runSpec("other")).id;
        std::vector<MetricPoint> points;
        for (int step = 1; step <= 5; ++step) {
            points.push_back({run, step, 0.0, "train/loss", 1.0 / step, 0});
            points.push_back({run, step, 0.0, "learning_rate", 1e-4 * step, 0});
        }
        points.push_back({run, 5, 1.0, "eval/accuracy", 0.8, 0});
        points.push_back({other, 1, 0.0, "train/loss", 9.0, 0});
        store.addMetrics(points);

        QCOMPARE(store.metricNames(run), (std::vector<std::string>{"eval/accuracy", "learning_rate", "train/loss"}));
        QCOMPARE(store.metrics(run).size(), size_t{11});
        const auto loss = store.metrics(run, std::string("train/loss"));
        QCOMPARE(loss.size(), size_t{5});
        for (size_t i = 0; i < loss.size(); ++i) QCOMPARE(loss[i].step, static_cast<int64_t>(i + 1));
        const auto after = store.metrics(run, std::string("train/loss"), int64_t{3});
        QCOMPARE(after.size(), size_t{2});
        QCOMPARE(after[0].step, int64_t{4});
        QCOMPARE(after[1].value, 0.2);
        QCOMPARE(store.metrics(run, std::nullopt, int64_t{4}).size(), size_t{3});  // step 5: 3 names
        QCOMPARE(store.metrics(other).size(), size_t{1});
        QCOMPARE(store.metrics(run, std::string("missing")).size(), size_t{0});
        QVERIFY(contains(errorOf([&] { store.addMetrics({{777, 1, 0.0, "x", 1.0, 0}}); }), "no run with id 777"));
    }

    // metricNames seeks name by name in the (run, name, step) index: each run's own names, sorted,
    // whatever its neighbours logged and however many points it has.
    void metricNamesOfEachRun() {
        auto store = ExperimentStore::open(freshPath());
        const int64_t first = store.createRun(runSpec("first")).id;
        const int64_t middle = store.createRun(runSpec("middle")).id;
        const int64_t empty = store.createRun(runSpec("no points")).id;
        const int64_t last = store.createRun(runSpec("last")).id;
        std::vector<MetricPoint> points;
        for (int step = 1; step <= 3000; ++step) {
            points.push_back({middle, step, 0.0, "train/loss", 1.0 / step, 0});
            points.push_back({middle, step, 0.0, "train/learning_rate", 1e-4, 0});
        }
        points.push_back({middle, 3000, 1.0, "eval/accuracy", 0.9, 0});
        points.push_back({middle, 3000, 1.0, "", 0.0, 0});  // an empty name is a name
        points.push_back({first, 1, 0.0, "train/loss", 2.0, 0});
        points.push_back({first, 1, 0.0, "z/last", 2.0, 0});
        points.push_back({last, 1, 0.0, "a/first", 1.0, 0});
        points.push_back({last, 2, 0.0, "train/loss", 1.0, 0});
        store.addMetrics(points);
        QCOMPARE(store.metricNames(first), (std::vector<std::string>{"train/loss", "z/last"}));
        QCOMPARE(store.metricNames(middle), (std::vector<std::string>{"", "eval/accuracy", "train/learning_rate", "train/loss"}));
        QVERIFY(store.metricNames(empty).empty());
        QCOMPARE(store.metricNames(last), (std::vector<std::string>{"a/first", "train/loss"}));
        QVERIFY(store.metricNames(999).empty());
    }

    // The reads of every run at once (runs list, the Runs page) give what the reads of each run give.
    void readsOfAllRunsMatchEachRunsOwn() {
        auto store = ExperimentStore::open(freshPath());
        std::vector<int64_t> runs;
        for (int i = 0; i < 4; ++i) runs.push_back(store.createRun(runSpec("r" + std::to_string(i))).id);
        store.markRunning(runs[0]);
        store.finishRun(runs[0], RunStatus::Stopped);
        store.markRunning(runs[0]);  // two sessions, the second open
        store.markRunning(runs[2]);
        store.finishRun(runs[2], RunStatus::Completed);
        store.addCheckpoint({0, runs[0], 10, "a", 0.5, true, ""});
        store.addCheckpoint({0, runs[0], 20, "b", 0.4, false, ""});
        store.addCheckpoint({0, runs[1], 10, "c", 0.3, false, ""});  // none marked best
        store.addCheckpoint({0, runs[2], 10, "d", 0.2, true, ""});
        store.addCheckpoint({0, runs[2], 30, "e", 0.1, true, ""});  // takes the mark

        const auto sessions = store.allRunSessions();
        const auto best = store.bestCheckpoints();
        for (int64_t run : runs) {
            const auto own = store.runSessions(run);
            const auto found = sessions.find(run);
            QCOMPARE(found == sessions.end() ? size_t{0} : found->second.size(), own.size());
            for (size_t i = 0; i < own.size(); ++i) QCOMPARE(found->second[i].toJson(), own[i].toJson());
            const auto own_best = store.bestCheckpoint(run);
            const auto found_best = best.find(run);
            QCOMPARE(found_best != best.end(), own_best.has_value());
            if (own_best) QCOMPARE(found_best->second.toJson(), own_best->toJson());
        }
        QCOMPARE(sessions.at(runs[0]).size(), size_t{2});
        QCOMPARE(best.at(runs[2]).path, std::string("e"));
        QCOMPARE(best.size(), size_t{2});

        for (const auto& [step, metrics] : std::vector<std::pair<int64_t, json>>{
                 {20, {{"accuracy", 0.7}, {"loss", 0.5}}}, {10, {{"accuracy", 0.6}}}, {30, {{"loss", 0.4}}}, {40, {{"accuracy", "high"}}}})
            store.addEvaluation({0, runs[1], step, 0.0, "validation", metrics, nullptr, nullptr, ""});
        store.addEvaluation({0, runs[3], 10, 0.0, "validation", {{"accuracy", 0.9}}, nullptr, nullptr, ""});
        const auto values = store.evaluationValues({{runs[1], "accuracy"}, {runs[2], "accuracy"}});
        QCOMPARE(values.size(), size_t{1});  // runs[2] has no evaluation, runs[3] was not asked for
        const auto& accuracy = values.at(runs[1]);
        QCOMPARE(accuracy.size(), size_t{2});  // by step; step 30 lacks it, step 40 holds no number
        QCOMPARE(accuracy[0].step, int64_t{10});
        QCOMPARE(accuracy[0].value, 0.6);
        QCOMPARE(accuracy[1].step, int64_t{20});
        QCOMPARE(accuracy[1].value, 0.7);
        QVERIFY(store.evaluationValues({}).empty());
    }

    void evaluationsCheckpointsArtifacts() {
        auto store = ExperimentStore::open(freshPath());
        const int64_t run = store.createRun(runSpec("r")).id;
        EvaluationRecord eval;
        eval.run_id = run;
        eval.step = 500;
        eval.epoch = 1.0;
        eval.split = "validation";
        eval.metrics = {{"accuracy", 0.91}, {"f1", 0.9}};
        eval.confusion = json::array({json::array({40, 2}), json::array({5, 53})});
        eval.per_class = {{"positive", {{"precision", 0.96}}}};
        store.addEvaluation(eval);
        eval.step = 250;
        eval.confusion = nullptr;
        store.addEvaluation(eval);
        const auto evals = store.evaluations(run);
        QCOMPARE(evals.size(), size_t{2});
        QCOMPARE(evals[0].step, int64_t{250});  // by step
        QVERIFY(evals[0].confusion.is_null());
        QCOMPARE(evals[1].confusion, (json::array({json::array({40, 2}), json::array({5, 53})})));
        QCOMPARE(evals[1].metrics.at("accuracy"), json(0.91));
        QCOMPARE(evals[1].per_class, (json{{"positive", {{"precision", 0.96}}}}));

        QVERIFY(!store.bestCheckpoint(run).has_value());
        const auto c1 = store.addCheckpoint({0, run, 100, "ckpt/100", 0.80, true, ""});
        const auto c2 = store.addCheckpoint({0, run, 200, "ckpt/200", 0.75, false, ""});
        QCOMPARE(store.bestCheckpoint(run)->id, c1.id);
        const auto c3 = store.addCheckpoint({0, run, 300, "ckpt/300", 0.85, true, ""});
        QCOMPARE(store.bestCheckpoint(run)->id, c3.id);  // takes the mark
        const auto all = store.checkpoints(run);
        QCOMPARE(all.size(), size_t{3});
        QCOMPARE(all[0].is_best, false);
        QCOMPARE(all[1].metric_value, std::optional<double>(0.75));
        QCOMPARE(store.latestCheckpoint(run)->step, int64_t{300});
        store.removeCheckpoint(c3.id);
        QVERIFY(!store.bestCheckpoint(run).has_value());
        QCOMPARE(store.latestCheckpoint(run)->id, c2.id);
        QVERIFY(contains(errorOf([&] { store.removeCheckpoint(c3.id); }), "no checkpoint with id"));
        const auto no_metric = store.addCheckpoint({0, run, 400, "ckpt/400", std::nullopt, false, ""});
        QVERIFY(!store.checkpoints(run).back().metric_value.has_value());
        QCOMPARE(no_metric.toJson().at("metric_value"), json());

        store.addArtifact(run, "exported-model", "exports/model");
        store.addArtifact(run, "predictions", "exports/predictions.csv");
        const auto artifacts = store.artifacts(run);
        QCOMPARE(artifacts.size(), size_t{2});
        QCOMPARE(artifacts[1].kind, std::string("predictions"));
        QCOMPARE(artifacts[1].path, std::string("exports/predictions.csv"));
        QVERIFY(contains(errorOf([&] { store.addArtifact(999, "x", "y"); }), "no run with id 999"));
    }

    // A record is read by its columns' names: the order of a SELECT does not matter, and a column it
    // lacks is reported, not read from another column's place.
    void rowReadersGoByColumnName() {
        const fs::path path = freshPath();
        int64_t run = 0;
        {
            auto store = ExperimentStore::open(path);
            run = store.createRun(runSpec("r")).id;
            store.addCheckpoint({0, run, 300, "ckpt/300", 0.85, true, ""});
        }
        Database raw = Database::open(path, 1000);
        auto reversed = raw.prepare("SELECT created_at, is_best, metric_value, path, step, run, id FROM checkpoints");
        QVERIFY(reversed.step());
        const CheckpointRecord c = readCheckpoint(StoreRow(reversed, path.string()));
        QCOMPARE(c.run_id, run);
        QCOMPARE(c.step, int64_t{300});
        QCOMPARE(c.path, std::string("ckpt/300"));
        QCOMPARE(c.metric_value, std::optional<double>(0.85));
        QVERIFY(c.is_best);
        auto partial = raw.prepare("SELECT id, run FROM checkpoints");
        QVERIFY(partial.step());
        QVERIFY(contains(errorOf([&] { readCheckpoint(StoreRow(partial, path.string())); }), "does not select the column 'step'"));
    }

    void deletesCascade() {
        const fs::path path = freshPath();
        auto store = ExperimentStore::open(path);
        const int64_t ds = store.createDataset(datasetSpec("d", "sequence")).id;
        store.appendRows(ds, "train", std::vector<Example>(50, sequenceRow("x", std::nullopt, "0", 1)));
        RunRecord spec = runSpec("r");
        spec.dataset_id = ds;
        const int64_t run = store.createRun(spec).id;
        const int64_t kept = store.createRun(runSpec("kept")).id;
        for (int64_t r : {run, kept}) {
            store.addMetrics({{r, 1, 0.0, "train/loss", 1.0, 0}, {r, 2, 0.0, "train/loss", 0.5, 0}});
            store.addEvaluation({0, r, 2, 0.0, "validation", {{"accuracy", 0.5}}, nullptr, nullptr, ""});
            store.addCheckpoint({0, r, 2, "ckpt", 0.5, true, ""});
            store.addArtifact(r, "plot", "loss.png");
        }

        // A run in progress in a live process is not deleted from under it.
        store.markRunning(run);
        QVERIFY(contains(errorOf([&] { store.deleteRun(run); }), "stop it before deleting it"));
        store.finishRun(run, RunStatus::Stopped);

        store.deleteDataset(ds);
        QVERIFY(!store.getDataset(ds).has_value());
        QCOMPARE(countRows(path, "SELECT COUNT(*) FROM dataset_rows"), int64_t{0});
        QCOMPARE(countRows(path, "SELECT COUNT(*) FROM dataset_sources"), int64_t{0});
        QVERIFY(!store.getRun(run)->dataset_id.has_value());  // the run stays, without its dataset

        store.deleteRun(run);
        QVERIFY(!store.getRun(run).has_value());
        for (const char* table : {"metrics", "evaluations", "checkpoints", "artifacts"}) {
            QCOMPARE(countRows(path, std::string("SELECT COUNT(*) FROM ") + table + " WHERE run = " + std::to_string(run)),
                     int64_t{0});
            QCOMPARE(countRows(path, std::string("SELECT COUNT(*) FROM ") + table), int64_t{table == std::string("metrics") ? 2 : 1});
        }
        QVERIFY(contains(errorOf([&] { store.deleteRun(run); }), "no run with id"));
        QVERIFY(contains(errorOf([&] { store.deleteDataset(ds); }), "no dataset with id"));
    }

    // Each start or resume is a session; stopped time between them is not training time.
    void sessionsLeaveOutStoppedTime() {
        const std::vector<RunSession> sessions = {{10, 20.0}, {30, std::nullopt}};
        QCOMPARE(trainedSecondsUntil(sessions, 5), 0.0);
        QCOMPARE(trainedSecondsUntil(sessions, 15), 5.0);
        QCOMPARE(trainedSecondsUntil(sessions, 25), 10.0);  // stopped: the clock stands still
        QCOMPARE(trainedSecondsUntil(sessions, 40), 20.0);  // the open session counts up to now

        auto store = ExperimentStore::open(freshPath());
        const int64_t id = store.createRun(runSpec("paused")).id;
        QVERIFY(store.runSessions(id).empty());  // queued: never trained
        store.markRunning(id);
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        store.finishRun(id, RunStatus::Stopped);
        std::this_thread::sleep_for(std::chrono::milliseconds(400));  // stopped
        store.markRunning(id);  // resumed
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        store.finishRun(id, RunStatus::Completed);
        const auto trained = store.runSessions(id);
        QCOMPARE(trained.size(), size_t{2});
        QVERIFY(trained[0].ended_at && trained[1].ended_at);
        QVERIFY(*trained[0].ended_at <= trained[1].started_at);
        const double span = *trained[1].ended_at - trained[0].started_at;
        const double training = trainedSecondsUntil(trained, unixTimeSeconds());
        QVERIFY2(training >= 0.1 && span - training >= 0.35, (std::to_string(training) + " of " + std::to_string(span)).c_str());
        QCOMPARE(store.runSessions(id).front().toJson().at("started_at"), json(trained[0].started_at));

        store.setRunStatus(id, RunStatus::Queued);  // queued again: it never trained
        QVERIFY(store.runSessions(id).empty());
        store.markRunning(id);
        store.finishRun(id, RunStatus::Stopped);
        store.deleteRun(id);
        QCOMPARE(countRows(store.path(), "SELECT COUNT(*) FROM run_sessions"), int64_t{0});
    }

    // A store of schema 1 gets one session per started run, from its start to its finish.
    void migrationGivesOldRunsOneSession() {
        const fs::path path = freshPath();
        int64_t finished = 0, queued = 0;
        std::string started_at, finished_at;
        {
            auto store = ExperimentStore::open(path);
            finished = store.createRun(runSpec("old")).id;
            store.markRunning(finished);
            store.finishRun(finished, RunStatus::Completed);
            queued = store.createRun(runSpec("never started")).id;
            started_at = store.getRun(finished)->started_at;
            finished_at = store.getRun(finished)->finished_at;
        }
        {
            Database raw = Database::open(path, 1000);  // back to schema 1, as an older Bertwork wrote it
            backToSchema2(raw);
            raw.execute("DROP TABLE run_sessions; DELETE FROM schema_version WHERE version > 1;");
        }
        auto store = ExperimentStore::open(path);
        QCOMPARE(store.schemaVersion(), kStoreSchemaVersion);
        const auto sessions = store.runSessions(finished);
        QCOMPARE(sessions.size(), size_t{1});
        const auto unix_of = [](const std::string& iso) {
            return static_cast<double>(QDateTime::fromString(QString::fromStdString(iso), Qt::ISODateWithMs).toMSecsSinceEpoch()) / 1000.0;
        };
        QVERIFY(std::abs(sessions[0].started_at - unix_of(started_at)) < 0.002);
        QVERIFY(sessions[0].ended_at && std::abs(*sessions[0].ended_at - unix_of(finished_at)) < 0.002);
        QVERIFY(store.runSessions(queued).empty());
    }

    // A store of schema 4: a checkpoint saved without an evaluation has no metric (it was stored as
    // 0); one saved with its evaluation keeps the value, 0 too (an accuracy can be 0).
    void migrationDropsTheMetricOfCheckpointsSavedWithoutEvaluation() {
        const fs::path path = freshPath();
        int64_t run = 0;
        {
            auto store = ExperimentStore::open(path);
            run = store.createRun(runSpec("saved with and without evaluations")).id;
            store.addEvaluation({0, run, 20, 1.0, "validation", {{"accuracy", 0.0}}, nullptr, nullptr, ""});
            store.addCheckpoint({0, run, 10, "ckpt/10", 0.0, false, ""});
            store.addCheckpoint({0, run, 20, "ckpt/20", 0.0, true, ""});
            store.addCheckpoint({0, run, 30, "ckpt/30", 0.25, false, ""});
        }
        {
            Database raw = Database::open(path, 1000);  // back to schema 4, as an older Bertwork wrote it
            backToSchema5(raw);
            raw.execute("DELETE FROM schema_version WHERE version > 4;");
        }
        auto store = ExperimentStore::open(path);
        QCOMPARE(store.schemaVersion(), kStoreSchemaVersion);
        const auto checkpoints = store.checkpoints(run);
        QCOMPARE(checkpoints.size(), size_t{3});
        QVERIFY(!checkpoints[0].metric_value.has_value());
        QCOMPARE(checkpoints[1].metric_value, std::optional<double>(0.0));
        QCOMPARE(checkpoints[2].metric_value, std::optional<double>(0.25));
    }

    // A store of schema 5 knew nothing of skipped rows or of rows hashes: its sources skipped none and
    // have no hash.
    void migrationGivesEarlierSourcesNoSkippedRows() {
        const fs::path path = freshPath();
        int64_t dataset = 0;
        {
            auto store = ExperimentStore::open(path);
            dataset = store.createDataset(datasetSpec("older", "sequence")).id;
            DatasetSource source;
            source.split = "train";
            source.path = "/data/train.tsv";
            source.content_hash = "0123456789abcdef";
            const auto staged = store.stageSources(dataset, {source});
            store.setStagedSkippedRows(staged[0].id, 3);
            store.publishSources({staged[0].id}, std::nullopt, false);
            QCOMPARE(store.sources(dataset).at(0).skipped_rows, int64_t{3});
        }
        {
            Database raw = Database::open(path, 1000);  // back to schema 5, as an older Bertwork wrote it
            backToSchema5(raw);
        }
        auto store = ExperimentStore::open(path);
        QCOMPARE(store.schemaVersion(), kStoreSchemaVersion);
        QCOMPARE(store.sources(dataset).at(0).skipped_rows, int64_t{0});
        QCOMPARE(store.sources(dataset).at(0).toJson()["skipped_rows"], nlohmann::json(0));
        // Its rows have no hash: a run records its file's.
        QCOMPARE(store.sources(dataset).at(0).rows_hash, std::string());
        QCOMPARE(store.sources(dataset).at(0).dataHash(), std::string("0123456789abcdef"));
    }

    // Found by the fault tests: a train whose disk filled between creating the run and starting it
    // left the run queued forever, neither startable nor resumable.
    void runLeftQueuedByADeadProcessFails() {
        const fs::path path = freshPath();
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) ::_exit(0);
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);  // reaped: the pid no longer exists
        int64_t abandoned = 0, waiting = 0;
        {
            auto store = ExperimentStore::open(path);
            abandoned = store.createRun(runSpec("abandoned")).id;
            waiting = store.createRun(runSpec("this process's")).id;
        }
        {
            Database raw = Database::open(path, 1000);
            raw.execute("UPDATE runs SET pid = " + std::to_string(child) + " WHERE id = " + std::to_string(abandoned));
        }
        auto store = ExperimentStore::open(path);
        QCOMPARE(store.recoveredRuns(), std::vector<int64_t>{abandoned});
        const RunRecord run = *store.getRun(abandoned);
        QCOMPARE(run.status, RunStatus::Failed);
        QVERIFY2(contains(run.error_message, "(pid " + std::to_string(child) + ") ended before it started"),
                 run.error_message.c_str());
        QVERIFY(!run.finished_at.empty());
        QVERIFY(store.runSessions(abandoned).empty());
        QCOMPARE(store.getRun(waiting)->status, RunStatus::Queued);  // its process (this one) is alive
    }

    // An import stages its rows out of sight, a chunk per transaction, and publishes them in one:
    // another connection sees the dataset as it was until then.
    void stagedRowsStayOutOfSightUntilPublished() {
        const fs::path path = freshPath();
        auto store = ExperimentStore::open(path);
        auto reader = ExperimentStore::open(path);
        const std::vector<Example> first = {sequenceRow("old a", std::nullopt, "0", 2), sequenceRow("old b", std::nullopt, "1", 3)};
        const std::vector<Example> second = {sequenceRow("new a", std::nullopt, "1", 2), sequenceRow("new b", std::nullopt, "0", 3),
                                             sequenceRow("new c", std::nullopt, "1", 4)};
        DatasetSource train;
        train.split = "train";
        train.path = "/data/train.tsv";

        // A new dataset stays hidden, its name taken, until its first publish.
        const DatasetRecord staged = store.stageDataset(datasetSpec("news", "sequence"));
        QVERIFY(!reader.findDataset("news") && !reader.getDataset(staged.id) && reader.listDatasets().empty());
        QVERIFY(contains(errorOf([&] { reader.createDataset(datasetSpec("news", "sequence")); }), "is being imported"));
        QVERIFY(contains(errorOf([&] { reader.stageDataset(datasetSpec("news", "sequence")); }), "is being imported"));
        const int64_t source = store.stageSources(staged.id, {train})[0].id;
        store.appendStagedRows(source, {first[0]});
        store.appendStagedRows(source, {first[1]});  // continues the row indices
        QVERIFY(contains(errorOf([&] { reader.stageSources(staged.id, {train}); }), "another import (process "));
        QVERIFY(reader.listDatasets().empty());
        store.publishSources({source}, std::vector<std::string>{"0", "1"}, false);
        QCOMPARE(reader.findDataset("news")->row_counts, (std::map<std::string, int64_t>{{"train", 2}}));
        QCOMPARE(reader.findDataset("news")->label_set, (std::vector<std::string>{"0", "1"}));
        compareExamples(reader.loadRows(staged.id, "train"), first);
        QVERIFY(contains(errorOf([&] { store.appendStagedRows(source, first); }), "no import is staging source"));

        // A second import of the split: refused at publish unless it replaces; the old rows stay
        // visible until then, and are gone (not only hidden) after.
        const int64_t again = store.stageSources(staged.id, {train})[0].id;
        store.appendStagedRows(again, second);
        QCOMPARE(reader.rowCount(staged.id, "train"), int64_t{2});
        QVERIFY(contains(errorOf([&] { store.publishSources({again}, std::nullopt, false); }),
                         "the train split already has 2 rows"));
        store.publishSources({again}, std::nullopt, true);
        compareExamples(reader.loadRows(staged.id, "train"), second);
        QCOMPARE(countRows(path, "SELECT COUNT(*) FROM dataset_rows"), int64_t{3});
        QCOMPARE(countRows(path, "SELECT COUNT(*) FROM dataset_sources"), int64_t{1});
        QCOMPARE(countRows(path, "SELECT MIN(row_index) FROM dataset_rows"), int64_t{0});

        // An abandoned import leaves nothing: its rows, and the dataset it staged for itself.
        const int64_t kept = store.stageSources(staged.id, {train})[0].id;
        store.appendStagedRows(kept, first);
        store.abandonSources({kept});
        const DatasetRecord failed = store.stageDataset(datasetSpec("failed", "sequence"));
        store.appendStagedRows(store.stageSources(failed.id, {train})[0].id, first);
        store.abandonSources({countRows(path, "SELECT MAX(id) FROM dataset_sources")});
        QCOMPARE(countRows(path, "SELECT COUNT(*) FROM dataset_rows"), int64_t{3});
        QCOMPARE(countRows(path, "SELECT COUNT(*) FROM datasets"), int64_t{1});
        compareExamples(reader.loadRows(staged.id, "train"), second);

        // Deleting a split or a dataset removes its rows too.
        QCOMPARE(store.deleteSplit(staged.id, "train"), int64_t{3});
        QCOMPARE(countRows(path, "SELECT COUNT(*) FROM dataset_rows"), int64_t{0});
        store.deleteDataset(staged.id);
        QCOMPARE(countRows(path, "SELECT COUNT(*) FROM datasets"), int64_t{0});
    }

    // A process killed while importing leaves staged rows under a hidden dataset; the next import
    // (purgeAbandonedImports) removes them, and the name is free again.
    void importOfAKilledProcessIsRemoved() {
        const fs::path path = freshPath();
        { auto store = ExperimentStore::open(path); }
        const pid_t child = ::fork();  // no connection is open across fork()
        QVERIFY(child >= 0);
        if (child == 0) {
            try {
                auto store = ExperimentStore::open(path);
                const int64_t dataset = store.stageDataset(datasetSpec("killed", "sequence")).id;
                DatasetSource source;
                source.split = "train";
                const int64_t id = store.stageSources(dataset, {source})[0].id;
                store.appendStagedRows(id, std::vector<Example>(1000, sequenceRow("x", std::nullopt, "0", 2)));
                ::_exit(0);  // dies before publishing
            } catch (...) {
            }
            ::_exit(1);
        }
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        QVERIFY(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        QCOMPARE(countRows(path, "SELECT COUNT(*) FROM dataset_rows"), int64_t{1000});

        auto store = ExperimentStore::open(path);
        QVERIFY(store.listDatasets().empty());
        QVERIFY(contains(errorOf([&] { store.stageDataset(datasetSpec("killed", "sequence")); }), "is being imported"));
        store.purgeAbandonedImports();
        QCOMPARE(countRows(path, "SELECT COUNT(*) FROM dataset_rows"), int64_t{0});
        QCOMPARE(countRows(path, "SELECT COUNT(*) FROM dataset_sources"), int64_t{0});
        QCOMPARE(countRows(path, "SELECT COUNT(*) FROM datasets"), int64_t{0});
        store.createDataset(datasetSpec("killed", "sequence"));
        Database raw = Database::open(path, 1000);
        auto check = raw.prepare("PRAGMA integrity_check");
        QVERIFY(check.step());
        QCOMPARE(check.textAt(0), std::string("ok"));
    }

    // A store of schema 2 keeps its rows: each gets its split's newest source (or a new one without
    // a file), and the sources count their rows.
    void migrationGivesRowsTheirSource() {
        const fs::path path = freshPath();
        {
            auto store = ExperimentStore::open(path);
        }
        {
            Database raw = Database::open(path, 1000);
            backToSchema2(raw);
            raw.execute(R"sql(
INSERT INTO datasets VALUES (1, 'sst2', 'sequence', 'tsv', '{}', '["0","1"]', '2026-01-01T00:00:00.000Z');
INSERT INTO dataset_sources VALUES (1, 1, 'train', '/data/train.tsv', 'h1', 'tsv', 3, '2026-01-01T00:00:00.000Z');
INSERT INTO dataset_rows VALUES (1, 1, 'train', 0, 'a', NULL, '0', NULL, NULL, 0, 2),
    (2, 1, 'train', 1, 'b', NULL, '1', NULL, NULL, 0, 3), (3, 1, 'train', 2, 'c', NULL, '1', NULL, NULL, 0, 4),
    (4, 1, 'validation', 0, 'd', 'pair', '0', NULL, NULL, 0, 9);
)sql");
        }
        auto store = ExperimentStore::open(path);
        QCOMPARE(store.schemaVersion(), kStoreSchemaVersion);
        const DatasetRecord dataset = *store.findDataset("sst2");
        QCOMPARE(dataset.row_counts, (std::map<std::string, int64_t>{{"train", 3}, {"validation", 1}}));
        const auto train = store.loadRows(1, "train");
        QCOMPARE(train.size(), size_t{3});
        QCOMPARE(train[2].text, std::string("c"));
        QCOMPARE(train[2].source_line, uint64_t{4});
        QCOMPARE(store.loadRows(1, "validation").at(0).text_pair, std::optional<std::string>("pair"));
        const auto sources = store.sources(1);
        QCOMPARE(sources.size(), size_t{2});
        QCOMPARE(sources[0].content_hash, std::string("h1"));
        QCOMPARE(sources[1].path, std::string());  // the validation rows had no source
        store.appendRows(1, "train", {sequenceRow("d", std::nullopt, "0", 5)});
        QCOMPARE(store.rowCount(1, "train"), int64_t{4});
    }

    void runOfAKilledProcessIsInterrupted() {
        const fs::path path = freshPath();
        int64_t live = 0, elsewhere = 0;
        {
            auto store = ExperimentStore::open(path);
            live = store.createRun(runSpec("this process")).id;
            store.markRunning(live);
            elsewhere = store.createRun(runSpec("another host")).id;
            store.markRunning(elsewhere);
        }
        {
            Database raw = Database::open(path, 1000);  // a dead pid, but on another machine: unknowable
            raw.execute("UPDATE runs SET host = 'gpu-server-7', pid = 1 WHERE id = " + std::to_string(elsewhere));
        }

        // No connection is open across fork(): SQLite forbids carrying one into the child.
        constexpr size_t kBatch = 100;
        int fds[2];
        QCOMPARE(::pipe(fds), 0);
        const pid_t parent = ::getpid();
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive the test
            if (::getppid() != parent) ::_exit(3);
            ::close(fds[0]);
            try {
                auto store = ExperimentStore::open(path);
                const int64_t id = store.createRun(runSpec("killed")).id;
                store.markRunning(id);
                if (::write(fds[1], &id, sizeof id) != sizeof id) ::_exit(2);
                MetricWriter writer(store, id, {kBatch, std::chrono::hours(1)});
                for (int64_t step = 1;; ++step) writer.add("train/loss", 1.0 / static_cast<double>(step), step);
            } catch (...) {
            }
            ::_exit(1);
        }
        ChildGuard guard{child};
        ::close(fds[1]);
        int64_t killed = 0;
        const bool got_id = ::read(fds[0], &killed, sizeof killed) == sizeof killed;
        ::close(fds[0]);
        QVERIFY2(got_id, "the child process could not create its run");
        {
            // While the child lives, opening the store leaves its run alone.
            auto observer = ExperimentStore::open(path);
            QCOMPARE(observer.getRun(killed)->status, RunStatus::Running);
            QVERIFY(observer.recoveredRuns().empty());
            // Nor can another process take it over or delete it.
            const std::string error = errorOf([&] { observer.markRunning(killed); });
            QVERIFY2(contains(error, "run " + std::to_string(killed) + " is already running in process " +
                                         std::to_string(child)), error.c_str());
            QVERIFY(contains(errorOf([&] { observer.deleteRun(killed); }), "stop it before deleting it"));
            QElapsedTimer waited;
            waited.start();
            while (observer.metrics(killed).size() < 5 * kBatch && waited.elapsed() < 20000)
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        ::kill(child, SIGKILL);
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);  // reaped: the pid no longer exists
        guard.pid = 0;
        QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
        QVERIFY(!isProcessAlive(child));
        QVERIFY(isProcessAlive(currentProcessId()));
        QVERIFY(isProcessAlive(1));  // init: alive, though (unless root) not ours to signal (EPERM)

        auto store = ExperimentStore::open(path);
        const RunRecord run = *store.getRun(killed);
        QCOMPARE(run.status, RunStatus::Interrupted);
        QVERIFY2(contains(run.error_message, "pid " + std::to_string(child)), run.error_message.c_str());
        QVERIFY(!run.finished_at.empty());
        QCOMPARE(store.recoveredRuns(), std::vector<int64_t>{killed});
        QCOMPARE(store.getRun(live)->status, RunStatus::Running);       // this process is alive
        QCOMPARE(store.getRun(elsewhere)->status, RunStatus::Running);  // not ours to judge
        // Whole batches only: the kill never left half a transaction behind.
        const size_t points = store.metrics(killed).size();
        QVERIFY(points >= 5 * kBatch);
        QCOMPARE(points % kBatch, size_t{0});
        Database raw = Database::open(path, 1000);
        auto check = raw.prepare("PRAGMA integrity_check");
        QVERIFY(check.step());
        QCOMPARE(check.textAt(0), std::string("ok"));
        // Its session ends at its last sign of life: the last metric it wrote.
        const auto sessions = store.runSessions(killed);
        QCOMPARE(sessions.size(), size_t{1});
        double last = 0;
        for (const MetricPoint& p : store.metrics(killed)) last = std::max(last, p.wall_time);
        QCOMPARE(sessions[0].ended_at.value_or(0), last);
        // The interrupted run can be resumed by this process.
        store.markRunning(killed);
        QCOMPARE(store.runSessions(killed).size(), size_t{2});
        QCOMPARE(store.getRun(killed)->pid, currentProcessId());
    }

    void lockedStoreReportsLockedInBoundedTime() {
        const fs::path path = freshPath();
        { auto store = ExperimentStore::open(path); store.createRun(runSpec("r")); }
        Database other = Database::open(path, 0);
        other.execute("BEGIN EXCLUSIVE");
        other.execute("INSERT INTO artifacts (run, kind, path, created_at) VALUES (1, 'k', 'p', 'now')");

        // Readers still open and read (WAL) ...
        auto store = ExperimentStore::open(path, quickTimeout(300));
        QCOMPARE(store.listRuns().size(), size_t{1});
        // ... a writer waits for the busy timeout, then says so.
        QElapsedTimer timer;
        timer.start();
        const std::string error = errorOf([&] { store.createRun(runSpec("blocked")); });
        const qint64 elapsed = timer.elapsed();
        QVERIFY2(contains(error, path.string() + ": the store is locked by another process"), error.c_str());
        QVERIFY2(elapsed >= 250 && elapsed < 3000, std::to_string(elapsed).c_str());
        MetricWriter writer(store, 1, {1, std::chrono::hours(1)});
        QVERIFY(contains(errorOf([&] { writer.add("x", 1.0, 1); }), "locked by another process"));
        QCOMPARE(writer.pending(), size_t{1});  // kept for the next try

        other.execute("COMMIT");
        store.createRun(runSpec("after"));
        writer.flush();
        QCOMPARE(store.listRuns().size(), size_t{2});
        QCOMPARE(store.metrics(1).size(), size_t{1});
        QCOMPARE(store.artifacts(1).size(), size_t{1});
    }
};

QTEST_APPLESS_MAIN(TestExperimentStore)
#include "test_experiment_store.moc"
