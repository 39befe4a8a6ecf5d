#include "core/store/experiment_store.h"

#include "core/runtime/error.h"
#include "core/store/process_identity.h"
#include "core/store/store_clock.h"
#include "core/store/store_schema.h"

#include <set>
#include <utility>

namespace bw::store {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// What can be told about the path without opening it. Only SQLite may open the store file: closing
// any other descriptor of it drops every POSIX lock this process holds on it, and another process
// may then checkpoint and delete the write-ahead log under a live connection (SQLite's "How To
// Corrupt An SQLite Database File", 2.2). A file that is not a database is refused by SQLite
// itself (SQLITE_NOTADB) at the first read, before anything is written.
void checkStorePath(const fs::path& path, bool create_if_missing) {
    const std::string file = path.string();
    std::error_code ec;
    const auto status = fs::status(path, ec);  // stat(2): opens nothing
    if (!fs::exists(status)) {
        if (create_if_missing) return;
        throw Error(file + ": no experiment store here (nothing was created; import a dataset to start one)");
    }
    if (fs::is_directory(status)) throw Error(file + ": is a directory, not an experiment store");
}

std::string dumpJson(const json& value, const std::string& file, const std::string& what) {
    try {
        return value.dump();
    } catch (const json::exception&) {
        throw Error(file + ": " + what + " is not valid UTF-8");
    }
}

json parseJson(const std::string& text, const std::string& file, const std::string& what) {
    try {
        return json::parse(text);
    } catch (const json::exception&) {
        throw Error(file + ": the store file is damaged (" + what + " is not valid JSON)");
    }
}

std::vector<std::string> parseStringList(const std::string& text, const std::string& file, const std::string& what) {
    const json value = parseJson(text, file, what);
    if (!value.is_array()) throw Error(file + ": the store file is damaged (" + what + " is not a JSON list)");
    std::vector<std::string> out;
    out.reserve(value.size());
    for (const auto& item : value) {
        if (!item.is_string()) throw Error(file + ": the store file is damaged (" + what + " holds a non-string)");
        out.push_back(item.get<std::string>());
    }
    return out;
}

std::string runLabel(int64_t id) { return "run " + std::to_string(id); }

// ---- row readers (column order matches the SELECTs below) ----------------------------------

constexpr const char* kDatasetColumns = "id, name, task_kind, format, columns, label_set, created_at";

DatasetRecord readDataset(const Statement& q, const std::string& file) {
    DatasetRecord d;
    d.id = q.int64At(0);
    d.name = q.textAt(1);
    d.task_kind = q.textAt(2);
    d.format = q.textAt(3);
    const std::string what = "dataset '" + d.name + "'";
    d.columns = parseJson(q.textAt(4), file, what + " columns");
    d.label_set = parseStringList(q.textAt(5), file, what + " label set");
    d.created_at = q.textAt(6);
    return d;
}

constexpr const char* kSourceColumns = "id, dataset, split, path, content_hash, format, row_count, imported_at";

DatasetSource readSource(const Statement& q) {
    DatasetSource s;
    s.id = q.int64At(0);
    s.dataset_id = q.int64At(1);
    s.split = q.textAt(2);
    s.path = q.textAt(3);
    s.content_hash = q.textAt(4);
    s.format = q.textAt(5);
    s.row_count = q.int64At(6);
    s.imported_at = q.textAt(7);
    return s;
}

constexpr const char* kRunColumns =
    "id, name, task, base_model, config, seed, status, created_at, started_at, finished_at, versions, "
    "data_hashes, notes, tags, pid, host, output_dir, error_message, dataset";

RunRecord readRun(const Statement& q, const std::string& file) {
    RunRecord r;
    r.id = q.int64At(0);
    const std::string what = runLabel(r.id);
    r.name = q.textAt(1);
    r.task = q.textAt(2);
    r.base_model = q.textAt(3);
    r.config = parseJson(q.textAt(4), file, what + " config");
    r.seed = q.int64At(5);
    const auto status = parseRunStatus(q.textAt(6));
    if (!status) throw Error(file + ": the store file is damaged (" + what + " has status '" + q.textAt(6) + "')");
    r.status = *status;
    r.created_at = q.textAt(7);
    r.started_at = q.textAt(8);
    r.finished_at = q.textAt(9);
    r.versions = parseJson(q.textAt(10), file, what + " versions");
    r.data_hashes = parseJson(q.textAt(11), file, what + " data hashes");
    r.notes = q.textAt(12);
    r.tags = parseStringList(q.textAt(13), file, what + " tags");
    r.pid = q.int64At(14);
    r.host = q.textAt(15);
    r.output_dir = q.textAt(16);
    r.error_message = q.textAt(17);
    r.dataset_id = q.optionalInt64At(18);
    return r;
}

constexpr const char* kEvaluationColumns = "id, run, step, epoch, split, metrics, confusion, per_class, created_at";

EvaluationRecord readEvaluation(const Statement& q, const std::string& file) {
    EvaluationRecord e;
    e.id = q.int64At(0);
    e.run_id = q.int64At(1);
    e.step = q.int64At(2);
    e.epoch = q.doubleAt(3);
    e.split = q.textAt(4);
    const std::string what = "evaluation " + std::to_string(e.id);
    e.metrics = parseJson(q.textAt(5), file, what + " metrics");
    e.confusion = parseJson(q.textAt(6), file, what + " confusion matrix");
    e.per_class = parseJson(q.textAt(7), file, what + " per-class metrics");
    e.created_at = q.textAt(8);
    return e;
}

constexpr const char* kCheckpointColumns = "id, run, step, path, metric_value, is_best, created_at";

CheckpointRecord readCheckpoint(const Statement& q) {
    CheckpointRecord c;
    c.id = q.int64At(0);
    c.run_id = q.int64At(1);
    c.step = q.int64At(2);
    c.path = q.textAt(3);
    c.metric_value = q.optionalDoubleAt(4);
    c.is_best = q.int64At(5) != 0;
    c.created_at = q.textAt(6);
    return c;
}

constexpr const char* kArtifactColumns = "id, run, kind, path, created_at";

ArtifactRecord readArtifact(const Statement& q) {
    ArtifactRecord a;
    a.id = q.int64At(0);
    a.run_id = q.int64At(1);
    a.kind = q.textAt(2);
    a.path = q.textAt(3);
    a.created_at = q.textAt(4);
    return a;
}

std::string select(const char* columns, const char* rest) { return std::string("SELECT ") + columns + " " + rest; }

// SQLite's own page check; a damaged page either fails the statement (reported as damage by the
// wrapper) or is listed in its result.
void verifyIntegrity(Database& db) {
    auto check = db.prepare("PRAGMA quick_check(1)");
    const std::string verdict = check.step() ? check.textAt(0) : std::string("no answer");
    if (verdict != "ok")
        throw Error(db.path().string() + ": the store file is damaged (" + verdict + "); it was left as it is");
}

}  // namespace

// ---- opening -------------------------------------------------------------------------------

ExperimentStore ExperimentStore::open(const fs::path& path, const StoreOptions& options) {
    checkStorePath(path, options.create_if_missing);
    Database db = Database::open(path, static_cast<int>(options.busy_timeout.count()), options.create_if_missing);
    db.execute("PRAGMA foreign_keys = ON");

    // Read before writing anything: a newer or foreign file must stay exactly as it is.
    const int version = readSchemaVersion(db);
    if (version > kStoreSchemaVersion)
        throw Error(path.string() + ": the store was written by a newer version of Bertwork (schema version " +
                    std::to_string(version) + "; this version reads up to " + std::to_string(kStoreSchemaVersion) +
                    "); it was left as it is");
    if (options.verify_integrity) verifyIntegrity(db);

    // WAL: readers never block the writer, and a killed writer leaves a consistent file.
    // (A file system without shared memory keeps the old journal; SQLite then still works.)
    auto wal = db.prepare("PRAGMA journal_mode = WAL");
    while (wal.step()) {
    }
    db.execute("PRAGMA synchronous = NORMAL");  // with WAL: consistent after a crash, fewer fsyncs
    migrateSchema(db);

    ExperimentStore store(std::move(db));
    if (options.recover_interrupted_runs) store.recoverInterruptedRuns();
    return store;
}

ExperimentStore::ExperimentStore(Database db) : db_(std::make_unique<Database>(std::move(db))) {}
ExperimentStore::ExperimentStore(ExperimentStore&&) noexcept = default;
ExperimentStore& ExperimentStore::operator=(ExperimentStore&&) noexcept = default;
ExperimentStore::~ExperimentStore() = default;

const fs::path& ExperimentStore::path() const { return db_->path(); }
int ExperimentStore::schemaVersion() const { return readSchemaVersion(*db_); }
Transaction ExperimentStore::transaction() { return Transaction(*db_); }

void ExperimentStore::fail(const std::string& what) const { throw Error(db_->path().string() + ": " + what); }

void ExperimentStore::recoverInterruptedRuns() {
    const std::string host = currentHostName();
    std::vector<std::pair<int64_t, int64_t>> dead;  // run id, pid
    {
        auto q = db_->prepare("SELECT id, pid, host FROM runs WHERE status = 'running'");
        while (q.step())
            if (q.textAt(2) == host && !isProcessAlive(q.int64At(1))) dead.emplace_back(q.int64At(0), q.int64At(1));
    }
    if (dead.empty()) return;
    Transaction tx(*db_);
    auto update = db_->prepare(
        "UPDATE runs SET status = 'interrupted', finished_at = ?, error_message = ? "
        "WHERE id = ? AND status = 'running' AND pid = ? AND host = ?");
    const std::string now = utcTimestamp();
    std::vector<int64_t> marked;
    for (const auto& [id, pid] : dead) {
        update.bindAll(now, "the process running it (pid " + std::to_string(pid) + ") ended without finishing it",
                       id, pid, host);
        update.run();
        if (db_->changes() > 0) marked.push_back(id);
    }
    for (const int64_t id : marked) closeSession(id, std::nullopt);  // at its last sign of life
    tx.commit();
    recovered_runs_ = std::move(marked);
}

void ExperimentStore::requireRun(int64_t id) {
    auto q = db_->prepare("SELECT 1 FROM runs WHERE id = ?");
    q.bind(1, id);
    if (!q.step()) fail("no run with id " + std::to_string(id));
}

void ExperimentStore::requireDataset(int64_t id) {
    auto q = db_->prepare("SELECT 1 FROM datasets WHERE id = ?");
    q.bind(1, id);
    if (!q.step()) fail("no dataset with id " + std::to_string(id));
}

void ExperimentStore::requireSplit(const std::string& split) const {
    if (!isSplit(split)) fail("unknown split '" + split + "' (expected train, validation or test)");
}

// ---- datasets ------------------------------------------------------------------------------

DatasetRecord ExperimentStore::createDataset(const DatasetRecord& spec) {
    const std::string file = path().string();
    if (spec.name.empty()) fail("a dataset needs a name");
    if (!isTaskKind(spec.task_kind))
        fail("unknown task kind '" + spec.task_kind + "' for dataset '" + spec.name +
             "' (expected sequence, token or corpus)");
    Transaction tx(*db_);
    if (findDataset(spec.name)) fail("a dataset named '" + spec.name + "' already exists");
    db_->prepare("INSERT INTO datasets (name, task_kind, format, columns, label_set, created_at) VALUES (?, ?, ?, ?, ?, ?)")
        .bindAll(spec.name, spec.task_kind, spec.format, dumpJson(spec.columns, file, "the column mapping"),
                 dumpJson(json(spec.label_set), file, "the label set"), utcTimestamp())
        .run();
    const int64_t id = db_->lastInsertId();
    tx.commit();
    return *getDataset(id);
}

std::map<std::string, int64_t> ExperimentStore::rowCounts(int64_t dataset) {
    std::map<std::string, int64_t> counts;
    auto q = db_->prepare("SELECT split, COUNT(*) FROM dataset_rows WHERE dataset = ? GROUP BY split");
    q.bind(1, dataset);
    while (q.step()) counts[q.textAt(0)] = q.int64At(1);
    return counts;
}

std::optional<DatasetRecord> ExperimentStore::findDataset(const std::string& name) {
    auto q = db_->prepare(select(kDatasetColumns, "FROM datasets WHERE name = ?"));
    q.bind(1, name);
    if (!q.step()) return std::nullopt;
    DatasetRecord d = readDataset(q, path().string());
    d.row_counts = rowCounts(d.id);
    return d;
}

std::optional<DatasetRecord> ExperimentStore::getDataset(int64_t id) {
    auto q = db_->prepare(select(kDatasetColumns, "FROM datasets WHERE id = ?"));
    q.bind(1, id);
    if (!q.step()) return std::nullopt;
    DatasetRecord d = readDataset(q, path().string());
    d.row_counts = rowCounts(d.id);
    return d;
}

std::vector<DatasetRecord> ExperimentStore::listDatasets() {
    Transaction read(*db_, Transaction::Mode::Deferred);  // one snapshot for both queries
    std::vector<DatasetRecord> out;
    {
        auto q = db_->prepare(select(kDatasetColumns, "FROM datasets ORDER BY name"));
        while (q.step()) out.push_back(readDataset(q, path().string()));
    }
    std::map<int64_t, DatasetRecord*> by_id;
    for (auto& d : out) by_id[d.id] = &d;
    auto counts = db_->prepare("SELECT dataset, split, COUNT(*) FROM dataset_rows GROUP BY dataset, split");
    while (counts.step()) {
        const auto it = by_id.find(counts.int64At(0));
        if (it != by_id.end()) it->second->row_counts[counts.textAt(1)] = counts.int64At(2);
    }
    return out;
}

void ExperimentStore::setLabelSet(int64_t dataset, const std::vector<std::string>& labels) {
    auto q = db_->prepare("UPDATE datasets SET label_set = ? WHERE id = ?");
    q.bindAll(dumpJson(json(labels), path().string(), "the label set"), dataset).run();
    if (db_->changes() == 0) fail("no dataset with id " + std::to_string(dataset));
}

void ExperimentStore::deleteDataset(int64_t dataset) {
    Transaction tx(*db_);
    db_->prepare("DELETE FROM datasets WHERE id = ?").bind(1, dataset).run();
    if (db_->changes() == 0) fail("no dataset with id " + std::to_string(dataset));
    tx.commit();
}

int64_t ExperimentStore::deleteSplit(int64_t dataset, const std::string& split) {
    requireSplit(split);
    Transaction tx(*db_);
    requireDataset(dataset);
    db_->prepare("DELETE FROM dataset_rows WHERE dataset = ? AND split = ?").bindAll(dataset, split).run();
    const int64_t removed = db_->changes();
    db_->prepare("DELETE FROM dataset_sources WHERE dataset = ? AND split = ?").bindAll(dataset, split).run();
    tx.commit();
    return removed;
}

DatasetSource ExperimentStore::addSource(const DatasetSource& source) {
    requireSplit(source.split);
    Transaction tx(*db_);
    requireDataset(source.dataset_id);
    DatasetSource stored = source;
    if (stored.imported_at.empty()) stored.imported_at = utcTimestamp();
    db_->prepare("INSERT INTO dataset_sources (dataset, split, path, content_hash, format, row_count, imported_at) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bindAll(stored.dataset_id, stored.split, stored.path, stored.content_hash, stored.format, stored.row_count,
                 stored.imported_at)
        .run();
    stored.id = db_->lastInsertId();
    tx.commit();
    return stored;
}

std::vector<DatasetSource> ExperimentStore::sources(int64_t dataset) {
    std::vector<DatasetSource> out;
    auto q = db_->prepare(select(kSourceColumns, "FROM dataset_sources WHERE dataset = ? ORDER BY id"));
    q.bind(1, dataset);
    while (q.step()) out.push_back(readSource(q));
    return out;
}

void ExperimentStore::appendRows(int64_t dataset, const std::string& split, const std::vector<data::Example>& rows) {
    const std::string file = path().string();
    requireSplit(split);
    Transaction tx(*db_);
    requireDataset(dataset);
    auto next = db_->prepare("SELECT COALESCE(MAX(row_index) + 1, 0) FROM dataset_rows WHERE dataset = ? AND split = ?");
    next.bindAll(dataset, split).step();
    int64_t row_index = next.int64At(0);

    auto insert = db_->prepare(
        "INSERT INTO dataset_rows (dataset, split, row_index, text, text_pair, label, words, tags, document, "
        "source_line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const data::Example& row : rows) {
        const auto list = [&](const std::vector<std::string>& items, const char* what) -> std::optional<std::string> {
            if (items.empty()) return std::nullopt;
            return dumpJson(json(items), file,
                            split + " row " + std::to_string(row_index) + " (line " +
                                std::to_string(row.source_line) + "): " + what);
        };
        insert.bindAll(dataset, split, row_index, row.text, row.text_pair, row.label, list(row.words, "a word"),
                       list(row.tags, "a tag"), row.document, row.source_line);
        insert.run();
        ++row_index;
    }
    tx.commit();
}

void ExperimentStore::forEachRow(int64_t dataset, const std::string& split,
                                 const std::function<void(const data::Example&)>& callback) {
    const std::string file = path().string();
    requireSplit(split);
    auto q = db_->prepare(
        "SELECT text, text_pair, label, words, tags, document, source_line, row_index FROM dataset_rows "
        "WHERE dataset = ? AND split = ? ORDER BY row_index");
    q.bindAll(dataset, split);
    data::Example row;
    while (q.step()) {
        row.text = q.textAt(0);
        row.text_pair = q.optionalTextAt(1);
        row.label = q.textAt(2);
        const std::string where = split + " row " + std::to_string(q.int64At(7));
        row.words = q.isNull(3) ? std::vector<std::string>{} : parseStringList(q.textAt(3), file, where + " words");
        row.tags = q.isNull(4) ? std::vector<std::string>{} : parseStringList(q.textAt(4), file, where + " tags");
        row.document = q.int64At(5);
        row.source_line = static_cast<uint64_t>(q.int64At(6));
        callback(row);
    }
}

std::vector<data::Example> ExperimentStore::loadRows(int64_t dataset, const std::string& split) {
    std::vector<data::Example> rows;
    rows.reserve(static_cast<size_t>(rowCount(dataset, split)));
    forEachRow(dataset, split, [&](const data::Example& row) { rows.push_back(row); });
    return rows;
}

int64_t ExperimentStore::rowCount(int64_t dataset, const std::string& split) {
    requireSplit(split);
    auto q = db_->prepare("SELECT COUNT(*) FROM dataset_rows WHERE dataset = ? AND split = ?");
    q.bindAll(dataset, split).step();
    return q.int64At(0);
}

// ---- runs ----------------------------------------------------------------------------------

RunRecord ExperimentStore::createRun(const RunRecord& spec) {
    const std::string file = path().string();
    Transaction tx(*db_);
    if (spec.dataset_id) requireDataset(*spec.dataset_id);
    db_->prepare("INSERT INTO runs (name, task, base_model, config, seed, status, created_at, versions, data_hashes, "
                 "notes, tags, pid, host, output_dir, dataset) VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bindAll(spec.name, spec.task, spec.base_model, dumpJson(spec.config, file, "the run's config"), spec.seed,
                 utcTimestamp(), dumpJson(spec.versions, file, "the run's versions"),
                 dumpJson(spec.data_hashes, file, "the run's data hashes"), spec.notes,
                 dumpJson(json(spec.tags), file, "the run's tags"), currentProcessId(), currentHostName(),
                 spec.output_dir, spec.dataset_id)
        .run();
    const int64_t id = db_->lastInsertId();
    tx.commit();
    return *getRun(id);
}

std::optional<RunRecord> ExperimentStore::getRun(int64_t id) {
    auto q = db_->prepare(select(kRunColumns, "FROM runs WHERE id = ?"));
    q.bind(1, id);
    if (!q.step()) return std::nullopt;
    return readRun(q, path().string());
}

std::vector<RunRecord> ExperimentStore::listRuns(const RunFilter& filter) {
    std::string where = "WHERE 1";
    if (filter.status) where += " AND status = ?1";
    if (filter.dataset_id) where += " AND dataset = ?2";
    if (filter.task) where += " AND task = ?3";
    auto q = db_->prepare(select(kRunColumns, ("FROM runs " + where + " ORDER BY id DESC").c_str()));
    if (filter.status) q.bind(1, runStatusName(*filter.status));
    if (filter.dataset_id) q.bind(2, *filter.dataset_id);
    if (filter.task) q.bind(3, *filter.task);
    std::vector<RunRecord> out;
    while (q.step()) out.push_back(readRun(q, path().string()));
    return out;
}

void ExperimentStore::updateRun(int64_t id, const RunUpdate& update) {
    std::optional<std::string> tags;
    if (update.tags) tags = dumpJson(json(*update.tags), path().string(), "the run's tags");
    db_->prepare("UPDATE runs SET name = COALESCE(?, name), notes = COALESCE(?, notes), tags = COALESCE(?, tags) "
                 "WHERE id = ?")
        .bindAll(update.name, update.notes, tags, id)
        .run();
    if (db_->changes() == 0) fail("no run with id " + std::to_string(id));
}

void ExperimentStore::setRunStatus(int64_t id, RunStatus status, const std::string& error_message) {
    const char* sql =
        status == RunStatus::Running
            ? "UPDATE runs SET status = ?, error_message = ?, started_at = COALESCE(started_at, ?), "
              "finished_at = NULL WHERE id = ?"
        : isFinished(status)
            ? "UPDATE runs SET status = ?, error_message = ?, finished_at = COALESCE(?, finished_at) WHERE id = ?"
            // queued again: not started, not finished
            : "UPDATE runs SET status = ?, error_message = ?, started_at = NULL, finished_at = ? WHERE id = ?";
    const std::optional<std::string> now =
        status == RunStatus::Queued ? std::nullopt : std::optional<std::string>(utcTimestamp());
    Transaction tx(*db_);
    db_->prepare(sql).bindAll(runStatusName(status), error_message, now, id).run();
    if (db_->changes() == 0) fail("no run with id " + std::to_string(id));
    if (status == RunStatus::Running) {
        openSession(id);
    } else if (isFinished(status)) {
        closeSession(id, unixTimeSeconds());
    } else {
        db_->prepare("DELETE FROM run_sessions WHERE run = ?").bind(1, id).run();
    }
    tx.commit();
}

// A session left open by a process that died without closing it ends at its last metric.
void ExperimentStore::openSession(int64_t run) {
    closeSession(run, std::nullopt);
    db_->prepare("INSERT INTO run_sessions (run, started_at) VALUES (?, ?)").bindAll(run, unixTimeSeconds()).run();
}

void ExperimentStore::closeSession(int64_t run, std::optional<double> at) {
    if (at) {
        db_->prepare("UPDATE run_sessions SET ended_at = MAX(started_at, ?) WHERE run = ? AND ended_at IS NULL")
            .bindAll(*at, run)
            .run();
        return;
    }
    db_->prepare(
           "UPDATE run_sessions SET ended_at = MAX(started_at, COALESCE((SELECT MAX(wall_time) FROM metrics "
           "WHERE metrics.run = run_sessions.run AND wall_time >= run_sessions.started_at), started_at)) "
           "WHERE run = ? AND ended_at IS NULL")
        .bind(1, run)
        .run();
}

std::vector<RunSession> ExperimentStore::runSessions(int64_t run) {
    auto q = db_->prepare("SELECT started_at, ended_at FROM run_sessions WHERE run = ? ORDER BY started_at, id");
    q.bind(1, run);
    std::vector<RunSession> out;
    while (q.step()) {
        RunSession s;
        s.started_at = q.doubleAt(0);
        if (!q.isNull(1)) s.ended_at = q.doubleAt(1);
        out.push_back(s);
    }
    return out;
}

void ExperimentStore::markRunning(int64_t id) {
    Transaction tx(*db_);
    const auto run = getRun(id);
    if (!run) fail("no run with id " + std::to_string(id));
    const std::string host = currentHostName();
    const int64_t pid = currentProcessId();
    if (run->status == RunStatus::Running && run->pid != pid &&
        (run->host != host || isProcessAlive(run->pid)))
        fail(runLabel(id) + " is already running in process " + std::to_string(run->pid) + " on " + run->host);
    db_->prepare("UPDATE runs SET status = 'running', pid = ?, host = ?, started_at = COALESCE(started_at, ?), "
                 "finished_at = NULL, error_message = '' WHERE id = ?")
        .bindAll(pid, host, utcTimestamp(), id)
        .run();
    openSession(id);
    tx.commit();
}

void ExperimentStore::finishRun(int64_t id, RunStatus status, const std::string& error_message) {
    if (!isFinished(status))
        fail("cannot finish " + runLabel(id) + " with status '" + std::string(runStatusName(status)) +
             "' (expected completed, failed, stopped or interrupted)");
    setRunStatus(id, status, error_message);
}

void ExperimentStore::deleteRun(int64_t id) {
    Transaction tx(*db_);
    const auto run = getRun(id);
    if (!run) fail("no run with id " + std::to_string(id));
    if (run->status == RunStatus::Running && (run->host != currentHostName() || isProcessAlive(run->pid)))
        fail(runLabel(id) + " is running (process " + std::to_string(run->pid) + " on " + run->host +
             "); stop it before deleting it");
    db_->prepare("DELETE FROM runs WHERE id = ?").bind(1, id).run();
    tx.commit();
}

// ---- metrics -------------------------------------------------------------------------------

void ExperimentStore::addMetrics(const std::vector<MetricPoint>& points) {
    if (points.empty()) return;
    Transaction tx(*db_);
    std::set<int64_t> runs;
    for (const auto& p : points)
        if (runs.insert(p.run_id).second) requireRun(p.run_id);
    auto insert = db_->prepare("INSERT INTO metrics (run, step, epoch, name, value, wall_time) VALUES (?, ?, ?, ?, ?, ?)");
    const double now = unixTimeSeconds();
    for (const auto& p : points) {
        insert.bindAll(p.run_id, p.step, p.epoch, p.name, p.value, p.wall_time > 0 ? p.wall_time : now);
        insert.run();
    }
    tx.commit();
}

void ExperimentStore::truncateRunHistory(int64_t run, int64_t step) {
    Transaction tx(*db_);
    requireRun(run);
    auto metrics = db_->prepare("DELETE FROM metrics WHERE run = ? AND step > ?");
    metrics.bindAll(run, step);
    metrics.run();
    auto evaluations = db_->prepare("DELETE FROM evaluations WHERE run = ? AND step > ?");
    evaluations.bindAll(run, step);
    evaluations.run();
    tx.commit();
}

std::vector<MetricPoint> ExperimentStore::metrics(int64_t run, const std::optional<std::string>& name,
                                                  std::optional<int64_t> after_step) {
    std::string sql = "SELECT run, step, epoch, name, value, wall_time FROM metrics WHERE run = ?1";
    if (name) sql += " AND name = ?2";
    if (after_step) sql += " AND step > ?3";
    sql += " ORDER BY step, id";
    auto q = db_->prepare(sql);
    q.bind(1, run);
    if (name) q.bind(2, *name);
    if (after_step) q.bind(3, *after_step);
    std::vector<MetricPoint> out;
    while (q.step()) out.push_back({q.int64At(0), q.int64At(1), q.doubleAt(2), q.textAt(3), q.doubleAt(4), q.doubleAt(5)});
    return out;
}

std::vector<std::string> ExperimentStore::metricNames(int64_t run) {
    auto q = db_->prepare("SELECT DISTINCT name FROM metrics WHERE run = ? ORDER BY name");
    q.bind(1, run);
    std::vector<std::string> out;
    while (q.step()) out.push_back(q.textAt(0));
    return out;
}

// ---- evaluations, checkpoints, artifacts ---------------------------------------------------

EvaluationRecord ExperimentStore::addEvaluation(const EvaluationRecord& evaluation) {
    const std::string file = path().string();
    Transaction tx(*db_);
    requireRun(evaluation.run_id);
    EvaluationRecord stored = evaluation;
    stored.created_at = utcTimestamp();
    db_->prepare("INSERT INTO evaluations (run, step, epoch, split, metrics, confusion, per_class, created_at) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bindAll(stored.run_id, stored.step, stored.epoch, stored.split,
                 dumpJson(stored.metrics, file, "the evaluation metrics"),
                 dumpJson(stored.confusion, file, "the confusion matrix"),
                 dumpJson(stored.per_class, file, "the per-class metrics"), stored.created_at)
        .run();
    stored.id = db_->lastInsertId();
    tx.commit();
    return stored;
}

std::vector<EvaluationRecord> ExperimentStore::evaluations(int64_t run) {
    auto q = db_->prepare(select(kEvaluationColumns, "FROM evaluations WHERE run = ? ORDER BY step, id"));
    q.bind(1, run);
    std::vector<EvaluationRecord> out;
    while (q.step()) out.push_back(readEvaluation(q, path().string()));
    return out;
}

CheckpointRecord ExperimentStore::addCheckpoint(const CheckpointRecord& checkpoint) {
    Transaction tx(*db_);
    requireRun(checkpoint.run_id);
    if (checkpoint.is_best)
        db_->prepare("UPDATE checkpoints SET is_best = 0 WHERE run = ? AND is_best = 1").bind(1, checkpoint.run_id).run();
    CheckpointRecord stored = checkpoint;
    stored.created_at = utcTimestamp();
    db_->prepare("INSERT INTO checkpoints (run, step, path, metric_value, is_best, created_at) VALUES (?, ?, ?, ?, ?, ?)")
        .bindAll(stored.run_id, stored.step, stored.path, stored.metric_value, stored.is_best ? 1 : 0,
                 stored.created_at)
        .run();
    stored.id = db_->lastInsertId();
    tx.commit();
    return stored;
}

std::vector<CheckpointRecord> ExperimentStore::checkpoints(int64_t run) {
    auto q = db_->prepare(select(kCheckpointColumns, "FROM checkpoints WHERE run = ? ORDER BY step, id"));
    q.bind(1, run);
    std::vector<CheckpointRecord> out;
    while (q.step()) out.push_back(readCheckpoint(q));
    return out;
}

void ExperimentStore::removeCheckpoint(int64_t checkpoint_id) {
    db_->prepare("DELETE FROM checkpoints WHERE id = ?").bind(1, checkpoint_id).run();
    if (db_->changes() == 0) fail("no checkpoint with id " + std::to_string(checkpoint_id));
}

std::optional<CheckpointRecord> ExperimentStore::bestCheckpoint(int64_t run) {
    auto q = db_->prepare(
        select(kCheckpointColumns, "FROM checkpoints WHERE run = ? AND is_best = 1 ORDER BY step DESC, id DESC LIMIT 1"));
    q.bind(1, run);
    if (!q.step()) return std::nullopt;
    return readCheckpoint(q);
}

std::optional<CheckpointRecord> ExperimentStore::latestCheckpoint(int64_t run) {
    auto q = db_->prepare(select(kCheckpointColumns, "FROM checkpoints WHERE run = ? ORDER BY step DESC, id DESC LIMIT 1"));
    q.bind(1, run);
    if (!q.step()) return std::nullopt;
    return readCheckpoint(q);
}

ArtifactRecord ExperimentStore::addArtifact(int64_t run, const std::string& kind, const std::string& path) {
    Transaction tx(*db_);
    requireRun(run);
    ArtifactRecord stored{0, run, kind, path, utcTimestamp()};
    db_->prepare("INSERT INTO artifacts (run, kind, path, created_at) VALUES (?, ?, ?, ?)")
        .bindAll(run, kind, path, stored.created_at)
        .run();
    stored.id = db_->lastInsertId();
    tx.commit();
    return stored;
}

std::vector<ArtifactRecord> ExperimentStore::artifacts(int64_t run) {
    auto q = db_->prepare(select(kArtifactColumns, "FROM artifacts WHERE run = ? ORDER BY id"));
    q.bind(1, run);
    std::vector<ArtifactRecord> out;
    while (q.step()) out.push_back(readArtifact(q));
    return out;
}

}  // namespace bw::store
