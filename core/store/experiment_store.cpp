#include "core/store/experiment_store.h"

#include "core/runtime/error.h"
#include "core/store/process_identity.h"
#include "core/store/store_clock.h"
#include "core/store/store_json.h"
#include "core/store/store_row_readers.h"
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

std::string runLabel(int64_t id) { return "run " + std::to_string(id); }

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
    // A connection that closes last deletes the log and its index, and it judges "last" by POSIX
    // locks. A process that lost its locks (any other descriptor of the store's files closed in it:
    // a file dialog reading the folder did) would go on writing to deleted files, lost to every other
    // process and to itself once reopened. So no connection deletes them; the size limit truncates
    // the log at close and after each checkpoint instead, so that a kept log costs no disk.
    db.keepWriteAheadLogOnClose();
    db.execute("PRAGMA journal_size_limit = 67108864");
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
    struct Dead {
        int64_t id, pid;
        bool started;
    };
    std::vector<Dead> dead;
    {
        auto q = db_->prepare("SELECT id, pid, host, status FROM runs WHERE status IN ('running', 'queued')");
        while (q.step())
            if (q.textAt(2) == host && !isProcessAlive(q.int64At(1)))
                dead.push_back({q.int64At(0), q.int64At(1), q.textAt(3) == "running"});
    }
    if (dead.empty()) return;
    Transaction tx(*db_);
    // A run left queued never trained (its process failed, e.g. on a full disk, before it started):
    // failed, so that it no longer looks as if it were about to start.
    auto update = db_->prepare(
        "UPDATE runs SET status = ?, finished_at = ?, error_message = ? "
        "WHERE id = ? AND status = ? AND pid = ? AND host = ?");
    const std::string now = utcTimestamp();
    std::vector<int64_t> marked;
    for (const Dead& run : dead) {
        const std::string pid = std::to_string(run.pid);
        if (run.started)
            update.bindAll("interrupted", now, "the process running it (pid " + pid + ") ended without finishing it",
                           run.id, "running", run.pid, host);
        else
            update.bindAll("failed", now, "the process that created it (pid " + pid + ") ended before it started",
                           run.id, "queued", run.pid, host);
        update.run();
        if (db_->changes() == 0) continue;  // another process got there first
        marked.push_back(run.id);
        if (run.started) closeSession(run.id, std::nullopt);  // at its last sign of life
    }
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

// ---- runs ----------------------------------------------------------------------------------

RunRecord ExperimentStore::createRun(const RunRecord& spec) {
    const std::string file = path().string();
    Transaction tx(*db_);
    if (spec.dataset_id) requireDataset(*spec.dataset_id);
    db_->prepare("INSERT INTO runs (name, task, base_model, config, seed, status, created_at, versions, data_hashes, "
                 "notes, tags, pid, host, output_dir, dataset) VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bindAll(spec.name, spec.task, spec.base_model, jsonColumnText(spec.config, file, "the run's config"), spec.seed,
                 utcTimestamp(), jsonColumnText(spec.versions, file, "the run's versions"),
                 jsonColumnText(spec.data_hashes, file, "the run's data hashes"), spec.notes,
                 jsonColumnText(json(spec.tags), file, "the run's tags"), currentProcessId(), currentHostName(),
                 spec.output_dir, spec.dataset_id)
        .run();
    const int64_t id = db_->lastInsertId();
    tx.commit();
    return *getRun(id);
}

std::optional<RunRecord> ExperimentStore::getRun(int64_t id) {
    auto q = db_->prepare(selectColumns(kRunColumns, "FROM runs WHERE id = ?"));
    q.bind(1, id);
    return readFirstRow(q, path().string(), readRun);
}

std::vector<std::string> ExperimentStore::runNames() {
    std::vector<std::string> names;
    auto q = db_->prepare("SELECT name FROM runs ORDER BY id");
    while (q.step()) names.push_back(q.textAt(0));
    return names;
}

std::vector<RunRecord> ExperimentStore::listRuns(const RunFilter& filter) {
    std::string where = "WHERE 1";
    if (filter.status) where += " AND status = ?1";
    if (filter.dataset_id) where += " AND dataset = ?2";
    if (filter.task) where += " AND task = ?3";
    auto q = db_->prepare(selectColumns(kRunColumns, "FROM runs " + where + " ORDER BY id DESC"));
    if (filter.status) q.bind(1, runStatusName(*filter.status));
    if (filter.dataset_id) q.bind(2, *filter.dataset_id);
    if (filter.task) q.bind(3, *filter.task);
    return readRows(q, path().string(), readRun);
}

void ExperimentStore::updateRun(int64_t id, const RunUpdate& update) {
    std::optional<std::string> tags;
    if (update.tags) tags = jsonColumnText(json(*update.tags), path().string(), "the run's tags");
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
    auto q = db_->prepare(selectColumns(kSessionColumns, "FROM run_sessions WHERE run = ? ORDER BY started_at, id"));
    q.bind(1, run);
    return readRows(q, path().string(), readSession);
}

std::map<int64_t, std::vector<RunSession>> ExperimentStore::allRunSessions() {
    auto q = db_->prepare("SELECT run, " + std::string(kSessionColumns) + " FROM run_sessions ORDER BY run, started_at, id");
    const StoreRow row(q, path().string());
    std::map<int64_t, std::vector<RunSession>> out;
    while (q.step()) out[q.int64At(0)].push_back(readSession(row));
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
    std::string sql = selectColumns(kMetricColumns, "FROM metrics WHERE run = ?1");
    if (name) sql += " AND name = ?2";
    if (after_step) sql += " AND step > ?3";
    sql += " ORDER BY step, id";
    auto q = db_->prepare(sql);
    q.bind(1, run);
    if (name) q.bind(2, *name);
    if (after_step) q.bind(3, *after_step);
    return readRows(q, path().string(), readMetric);
}

std::vector<std::string> ExperimentStore::metricNames(int64_t run) {
    // One index seek per name rather than a walk over every point of the run (DISTINCT would read
    // them all: a long pretraining run has millions).
    auto q = db_->prepare(
        "WITH RECURSIVE names(name) AS ("
        " SELECT (SELECT name FROM metrics WHERE run = ?1 ORDER BY name LIMIT 1)"
        " UNION ALL"
        " SELECT (SELECT m.name FROM metrics m WHERE m.run = ?1 AND m.name > names.name ORDER BY m.name LIMIT 1)"
        " FROM names WHERE names.name IS NOT NULL)"
        " SELECT name FROM names WHERE name IS NOT NULL");
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
                 jsonColumnText(stored.metrics, file, "the evaluation metrics"),
                 jsonColumnText(stored.confusion, file, "the confusion matrix"),
                 jsonColumnText(stored.per_class, file, "the per-class metrics"), stored.created_at)
        .run();
    stored.id = db_->lastInsertId();
    tx.commit();
    return stored;
}

std::vector<EvaluationRecord> ExperimentStore::evaluations(int64_t run) {
    auto q = db_->prepare(selectColumns(kEvaluationColumns, "FROM evaluations WHERE run = ? ORDER BY step, id"));
    q.bind(1, run);
    return readRows(q, path().string(), readEvaluation);
}

std::map<int64_t, std::vector<EvaluationValue>> ExperimentStore::evaluationValues(
    const std::map<int64_t, std::string>& metric_of_run) {
    std::map<int64_t, std::vector<EvaluationValue>> out;
    if (metric_of_run.empty()) return out;
    json wanted = json::object();
    for (const auto& [run, metric] : metric_of_run) wanted[std::to_string(run)] = metric;
    // json_each matches the key as it is (no JSON path to quote); booleans and strings are not numbers.
    auto q = db_->prepare(
        "WITH wanted(run, metric) AS (SELECT CAST(key AS INTEGER), value FROM json_each(?1)) "
        "SELECT e.run, e.step, m.value FROM wanted w JOIN evaluations e ON e.run = w.run "
        "JOIN json_each(e.metrics) m ON m.key = w.metric WHERE m.type IN ('integer', 'real') "
        "ORDER BY e.run, e.step, e.id");
    q.bind(1, jsonColumnText(wanted, path().string(), "the metric names"));
    while (q.step()) out[q.int64At(0)].push_back({q.int64At(1), q.doubleAt(2)});
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
    auto q = db_->prepare(selectColumns(kCheckpointColumns, "FROM checkpoints WHERE run = ? ORDER BY step, id"));
    q.bind(1, run);
    return readRows(q, path().string(), readCheckpoint);
}

void ExperimentStore::removeCheckpoint(int64_t checkpoint_id) {
    db_->prepare("DELETE FROM checkpoints WHERE id = ?").bind(1, checkpoint_id).run();
    if (db_->changes() == 0) fail("no checkpoint with id " + std::to_string(checkpoint_id));
}

std::optional<CheckpointRecord> ExperimentStore::bestCheckpoint(int64_t run) {
    auto q = db_->prepare(
        selectColumns(kCheckpointColumns, "FROM checkpoints WHERE run = ? AND is_best = 1 ORDER BY step DESC, id DESC LIMIT 1"));
    q.bind(1, run);
    return readFirstRow(q, path().string(), readCheckpoint);
}

std::map<int64_t, CheckpointRecord> ExperimentStore::bestCheckpoints() {
    // In bestCheckpoint's order, so that the last row of a run is the one it would pick.
    auto q = db_->prepare(selectColumns(kCheckpointColumns, "FROM checkpoints WHERE is_best = 1 ORDER BY run, step, id"));
    std::map<int64_t, CheckpointRecord> out;
    for (CheckpointRecord& c : readRows(q, path().string(), readCheckpoint)) out[c.run_id] = std::move(c);
    return out;
}

std::optional<CheckpointRecord> ExperimentStore::latestCheckpoint(int64_t run) {
    auto q = db_->prepare(selectColumns(kCheckpointColumns, "FROM checkpoints WHERE run = ? ORDER BY step DESC, id DESC LIMIT 1"));
    q.bind(1, run);
    return readFirstRow(q, path().string(), readCheckpoint);
}

std::vector<CheckpointRecord> ExperimentStore::allCheckpoints() {
    auto q = db_->prepare(selectColumns(kCheckpointColumns, "FROM checkpoints ORDER BY run, step, id"));
    return readRows(q, path().string(), readCheckpoint);
}

std::optional<CheckpointRecord> ExperimentStore::checkpointAtPath(const std::string& checkpoint_path) {
    auto q = db_->prepare(selectColumns(kCheckpointColumns, "FROM checkpoints WHERE path = ? ORDER BY id DESC LIMIT 1"));
    q.bind(1, checkpoint_path);
    return readFirstRow(q, path().string(), readCheckpoint);
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
    auto q = db_->prepare(selectColumns(kArtifactColumns, "FROM artifacts WHERE run = ? ORDER BY id"));
    q.bind(1, run);
    return readRows(q, path().string(), readArtifact);
}

}  // namespace bw::store
