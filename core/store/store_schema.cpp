#include "core/store/store_schema.h"

#include "core/runtime/error.h"
#include "core/store/store_clock.h"

#include <string>
#include <vector>

namespace bw::store {

namespace {

struct Migration {
    int version;
    const char* sql;
};

// Append only: a released migration is never edited.
const Migration kMigrations[] = {
    {1, R"sql(
CREATE TABLE schema_version (
    version     INTEGER PRIMARY KEY,
    applied_at  TEXT NOT NULL
);

CREATE TABLE datasets (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    task_kind   TEXT NOT NULL CHECK (task_kind IN ('sequence', 'token', 'corpus')),
    format      TEXT NOT NULL DEFAULT '',
    columns     TEXT NOT NULL DEFAULT '{}',   -- JSON object: the column mapping
    label_set   TEXT NOT NULL DEFAULT '[]',   -- JSON list, in label-id order
    created_at  TEXT NOT NULL
);

CREATE TABLE dataset_sources (
    id            INTEGER PRIMARY KEY,
    dataset       INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    split         TEXT NOT NULL CHECK (split IN ('train', 'validation', 'test')),
    path          TEXT NOT NULL,
    content_hash  TEXT NOT NULL DEFAULT '',
    format        TEXT NOT NULL DEFAULT '',
    row_count     INTEGER NOT NULL DEFAULT 0,
    imported_at   TEXT NOT NULL
);
CREATE INDEX dataset_sources_by_dataset ON dataset_sources(dataset);

CREATE TABLE dataset_rows (
    id           INTEGER PRIMARY KEY,
    dataset      INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    split        TEXT NOT NULL CHECK (split IN ('train', 'validation', 'test')),
    row_index    INTEGER NOT NULL,
    text         TEXT NOT NULL,
    text_pair    TEXT,                        -- NULL: not a pair
    label        TEXT NOT NULL DEFAULT '',
    words        TEXT,                        -- JSON list; NULL: none
    tags         TEXT,                        -- JSON list; NULL: none
    document     INTEGER NOT NULL DEFAULT 0,
    source_line  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (dataset, split, row_index)
);

CREATE TABLE runs (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL DEFAULT '',
    task           TEXT NOT NULL DEFAULT '',
    base_model     TEXT NOT NULL DEFAULT '',
    config         TEXT NOT NULL DEFAULT '{}',   -- JSON: the training arguments
    seed           INTEGER NOT NULL DEFAULT 0,
    status         TEXT NOT NULL DEFAULT 'queued' CHECK (status IN
                       ('queued', 'running', 'completed', 'failed', 'stopped', 'interrupted')),
    created_at     TEXT NOT NULL,
    started_at     TEXT,
    finished_at    TEXT,
    versions       TEXT NOT NULL DEFAULT '{}',   -- JSON
    data_hashes    TEXT NOT NULL DEFAULT '{}',   -- JSON
    notes          TEXT NOT NULL DEFAULT '',
    tags           TEXT NOT NULL DEFAULT '[]',   -- JSON list
    pid            INTEGER NOT NULL DEFAULT 0,
    host           TEXT NOT NULL DEFAULT '',
    output_dir     TEXT NOT NULL DEFAULT '',
    error_message  TEXT NOT NULL DEFAULT '',
    dataset        INTEGER REFERENCES datasets(id) ON DELETE SET NULL
);
CREATE INDEX runs_by_status ON runs(status);
CREATE INDEX runs_by_dataset ON runs(dataset);

CREATE TABLE metrics (
    id         INTEGER PRIMARY KEY,
    run        INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    step       INTEGER NOT NULL,
    epoch      REAL NOT NULL DEFAULT 0,
    name       TEXT NOT NULL,
    value      REAL,                             -- NULL: NaN
    wall_time  REAL NOT NULL                     -- Unix seconds
);
CREATE INDEX metrics_by_run_name_step ON metrics(run, name, step);

CREATE TABLE evaluations (
    id          INTEGER PRIMARY KEY,
    run         INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    step        INTEGER NOT NULL,
    epoch       REAL NOT NULL DEFAULT 0,
    split       TEXT NOT NULL,
    metrics     TEXT NOT NULL DEFAULT '{}',      -- JSON object
    confusion   TEXT NOT NULL DEFAULT 'null',    -- JSON
    per_class   TEXT NOT NULL DEFAULT 'null',    -- JSON
    created_at  TEXT NOT NULL
);
CREATE INDEX evaluations_by_run ON evaluations(run, step);

CREATE TABLE checkpoints (
    id            INTEGER PRIMARY KEY,
    run           INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    step          INTEGER NOT NULL,
    path          TEXT NOT NULL,
    metric_value  REAL,
    is_best       INTEGER NOT NULL DEFAULT 0 CHECK (is_best IN (0, 1)),
    created_at    TEXT NOT NULL
);
CREATE INDEX checkpoints_by_run ON checkpoints(run, step);

CREATE TABLE artifacts (
    id          INTEGER PRIMARY KEY,
    run         INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    path        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX artifacts_by_run ON artifacts(run);
)sql"},
    {2, R"sql(
-- Each stretch of time a process trained a run: a resume starts another. Durations and time axes
-- add these up, so the time a run stood stopped is not counted as training.
CREATE TABLE run_sessions (
    id          INTEGER PRIMARY KEY,
    run         INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    started_at  REAL NOT NULL,   -- Unix seconds, as metrics.wall_time
    ended_at    REAL             -- NULL while a process trains it
);
CREATE INDEX run_sessions_by_run ON run_sessions(run, started_at);
-- A run from before has one session from its start to its finish: its pauses cannot be told apart.
INSERT INTO run_sessions (run, started_at, ended_at)
    SELECT id, (julianday(started_at) - 2440587.5) * 86400.0,
           CASE WHEN finished_at IS NULL THEN NULL ELSE (julianday(finished_at) - 2440587.5) * 86400.0 END
    FROM runs WHERE started_at IS NOT NULL;
)sql"},
    {3, R"sql(
-- Staged imports: an import writes its rows under a source that stays out of sight ('staging'), a
-- chunk per transaction, and publishes them with one short write; a replaced, deleted or abandoned
-- source is 'retired' and its rows removed a chunk at a time. So no import or delete holds the
-- write lock for longer than a chunk, and a concurrent training run's metric writes never time out.
-- A split's rows are those of its published sources; its row count is theirs (no scan of the rows).
ALTER TABLE dataset_sources ADD COLUMN state TEXT NOT NULL DEFAULT 'published'
    CHECK (state IN ('staging', 'published', 'retired'));
ALTER TABLE dataset_sources ADD COLUMN pid INTEGER NOT NULL DEFAULT 0;    -- the importing process,
ALTER TABLE dataset_sources ADD COLUMN host TEXT NOT NULL DEFAULT '';     -- while staging
-- 0: a dataset whose first import has not published yet, or one being deleted.
ALTER TABLE datasets ADD COLUMN visible INTEGER NOT NULL DEFAULT 1 CHECK (visible IN (0, 1));

-- Rows appended without a source get one.
INSERT INTO dataset_sources (dataset, split, path, imported_at)
    SELECT DISTINCT r.dataset, r.split, '', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM dataset_rows r
    WHERE NOT EXISTS (SELECT 1 FROM dataset_sources s WHERE s.dataset = r.dataset AND s.split = r.split);

-- Rows belong to a source (which names their dataset and split) instead of a dataset and split.
CREATE TABLE dataset_rows_v3 (
    id           INTEGER PRIMARY KEY,
    source       INTEGER NOT NULL REFERENCES dataset_sources(id) ON DELETE CASCADE,
    row_index    INTEGER NOT NULL,             -- 0, 1, ... within the source
    text         TEXT NOT NULL,
    text_pair    TEXT,                         -- NULL: not a pair
    label        TEXT NOT NULL DEFAULT '',
    words        TEXT,                         -- JSON list; NULL: none
    tags         TEXT,                         -- JSON list; NULL: none
    document     INTEGER NOT NULL DEFAULT 0,
    source_line  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (source, row_index)
);
INSERT INTO dataset_rows_v3 (id, source, row_index, text, text_pair, label, words, tags, document, source_line)
    SELECT r.id,
           (SELECT MAX(s.id) FROM dataset_sources s WHERE s.dataset = r.dataset AND s.split = r.split),
           r.row_index, r.text, r.text_pair, r.label, r.words, r.tags, r.document, r.source_line
    FROM dataset_rows r;
DROP TABLE dataset_rows;
ALTER TABLE dataset_rows_v3 RENAME TO dataset_rows;
UPDATE dataset_sources SET row_count = (SELECT COUNT(*) FROM dataset_rows r WHERE r.source = dataset_sources.id);
)sql"},
    {4, R"sql(
-- Error analysis: a checkpoint's predictions on every row of a split, kept with the metrics of that
-- pass. Apart from `evaluations` (what training measured): an analysis of the test split must never
-- become a point of a run's validation curve or its final result.
CREATE TABLE analyses (
    id            INTEGER PRIMARY KEY,
    run           INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    step          INTEGER NOT NULL,              -- the checkpoint's
    checkpoint    TEXT NOT NULL,                 -- its directory
    dataset       INTEGER REFERENCES datasets(id) ON DELETE SET NULL,
    split         TEXT NOT NULL,
    task          TEXT NOT NULL,
    problem_type  TEXT NOT NULL DEFAULT '',
    labels        TEXT NOT NULL DEFAULT '[]',    -- JSON: names in id order
    metrics       TEXT NOT NULL DEFAULT '{}',    -- JSON object
    details       TEXT NOT NULL DEFAULT '{}',    -- JSON: confusion matrix, per class or entity type
    row_count     INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);
CREATE INDEX analyses_by_run ON analyses(run);

-- Each row keeps its text: replacing or deleting the split later leaves the analysis as it was.
CREATE TABLE analysis_rows (
    id             INTEGER PRIMARY KEY,
    analysis       INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
    row_index      INTEGER NOT NULL,             -- position in the split
    text           TEXT NOT NULL,
    text_pair      TEXT,                         -- NULL: not a pair
    words          TEXT,                         -- JSON list; NULL: none
    gold           INTEGER,                      -- class ids; NULL: not single-label
    predicted      INTEGER,
    loss           REAL,                         -- NULL: NaN
    confidence     REAL,
    scores         TEXT NOT NULL DEFAULT '[]',   -- JSON list of numbers
    targets        TEXT NOT NULL DEFAULT '[]',
    gold_ids       TEXT NOT NULL DEFAULT '[]',   -- JSON: tag per word, or the labels that apply
    predicted_ids  TEXT NOT NULL DEFAULT '[]',
    UNIQUE (analysis, row_index)
);
)sql"},
    {5, R"sql(
-- Until 2026-12-07 a checkpoint saved without an evaluation was stored with the metric 0, which the
-- window showed as "loss 0.0000": it has no metric. One saved with an evaluation has that
-- evaluation at its step, and keeps its value, 0 included.
UPDATE checkpoints SET metric_value = NULL
    WHERE metric_value = 0
      AND NOT EXISTS (SELECT 1 FROM evaluations e WHERE e.run = checkpoints.run AND e.step = checkpoints.step);
)sql"},
    {6, R"sql(
-- Malformed rows an import was asked to skip (ImportRequest::skip_bad_rows): the split says what
-- of its file it does not hold.
ALTER TABLE dataset_sources ADD COLUMN skipped_rows INTEGER NOT NULL DEFAULT 0;
-- What the split's rows hold (data::continueRowsHash), the data hash runs record: a validation split
-- held out of a train file no longer has the file's hash, as its train split has ('': imported
-- before; runs fall back on the file's hash).
ALTER TABLE dataset_sources ADD COLUMN rows_hash TEXT NOT NULL DEFAULT '';
-- The line of the dataset file each analysed row starts on, so that a wrong prediction can be
-- found in the file (0: analysed before; its row_index still places it in the split).
ALTER TABLE analysis_rows ADD COLUMN source_line INTEGER NOT NULL DEFAULT 0;
)sql"},
};

}  // namespace

int readSchemaVersion(Database& db) {
    const std::string file = db.path().string();
    auto app = db.prepare("PRAGMA application_id");
    const int64_t application_id = app.step() ? app.int64At(0) : 0;
    if (application_id != 0 && application_id != kStoreApplicationId)
        throw Error(file + ": not an experiment store (a SQLite database of another application)");

    std::vector<std::string> tables;
    auto list = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
    bool has_version_table = false;
    while (list.step()) {
        tables.push_back(list.textAt(0));
        if (tables.back() == "schema_version") has_version_table = true;
    }
    if (!has_version_table) {
        if (tables.empty()) return 0;
        std::string names;
        for (size_t i = 0; i < tables.size() && i < 5; ++i) names += (i ? ", " : "") + tables[i];
        throw Error(file + ": not an experiment store (a SQLite database with other tables: " + names + ")");
    }
    auto version = db.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_version");
    version.step();
    return static_cast<int>(version.int64At(0));
}

void migrateSchema(Database& db) {
    if (readSchemaVersion(db) >= kStoreSchemaVersion) return;
    Transaction tx(db);
    const int from = readSchemaVersion(db);  // again, now that this connection holds the write lock
    for (const Migration& m : kMigrations) {
        if (m.version <= from) continue;
        db.execute(m.sql);
        db.prepare("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)")
            .bindAll(m.version, utcTimestamp())
            .run();
    }
    db.execute("PRAGMA application_id = " + std::to_string(kStoreApplicationId));
    tx.commit();
}

}  // namespace bw::store
