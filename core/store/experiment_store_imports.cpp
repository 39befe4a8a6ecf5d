// ExperimentStore's staged imports: rows written out of sight a chunk per transaction, published
// with one short write, and the removal of retired rows a chunk at a time. Why: an import of a 2 GB
// corpus in one transaction held the write lock for about a minute, and a training run sharing the
// store failed its metric writes after the busy timeout (5 s).
#include "core/store/experiment_store.h"

#include "core/runtime/error.h"
#include "core/store/process_identity.h"
#include "core/store/store_clock.h"

#include <mutex>
#include <set>
#include <utility>

namespace bw::store {

namespace {

// Rows deleted per transaction: about 0.1 s of writing on a laptop disk.
constexpr int kRemoveChunkRows = 20000;

// The sources this process is staging now, by store file: a staging source of this process that is
// not among them was left by an import that failed and could not clean up (a full disk), and may go.
class LiveImports {
public:
    void add(const std::string& store, int64_t source) {
        std::lock_guard lock(mutex_);
        live_.emplace(store, source);
    }
    void remove(const std::string& store, int64_t source) {
        std::lock_guard lock(mutex_);
        live_.erase({store, source});
    }
    bool contains(const std::string& store, int64_t source) {
        std::lock_guard lock(mutex_);
        return live_.count({store, source}) > 0;
    }

private:
    std::mutex mutex_;
    std::set<std::pair<std::string, int64_t>> live_;
};

LiveImports& liveImports() {
    static LiveImports imports;
    return imports;
}

}  // namespace

DatasetRecord ExperimentStore::stageDataset(const DatasetRecord& spec) { return insertDataset(spec, false); }

std::vector<DatasetSource> ExperimentStore::stageSources(int64_t dataset, const std::vector<DatasetSource>& sources) {
    for (const DatasetSource& source : sources) requireSplit(source.split);
    Transaction tx(*db_);
    requireDataset(dataset);
    auto busy = db_->prepare("SELECT pid, host FROM dataset_sources WHERE dataset = ? AND state = 'staging' LIMIT 1");
    busy.bind(1, dataset);
    if (busy.step())
        fail("another import (process " + std::to_string(busy.int64At(0)) + " on " + busy.textAt(1) +
             ") is adding to this dataset; wait for it to finish");
    auto insert = db_->prepare(
        "INSERT INTO dataset_sources (dataset, split, path, content_hash, format, row_count, imported_at, state, pid, host) "
        "VALUES (?, ?, ?, ?, ?, 0, ?, 'staging', ?, ?)");
    std::vector<DatasetSource> staged;
    // Live before the commit makes the sources visible: another thread of this process purging
    // abandoned imports in between would otherwise take them for a failed import's and retire them.
    const auto forget = [&] {
        for (const DatasetSource& source : staged) liveImports().remove(path().string(), source.id);
    };
    try {
        for (DatasetSource source : sources) {
            source.dataset_id = dataset;
            source.row_count = 0;
            if (source.imported_at.empty()) source.imported_at = utcTimestamp();
            insert.bindAll(dataset, source.split, source.path, source.content_hash, source.format, source.imported_at,
                           currentProcessId(), currentHostName());
            insert.run();
            source.id = db_->lastInsertId();
            liveImports().add(path().string(), source.id);
            staged.push_back(source);
        }
        tx.commit();
    } catch (...) {
        forget();
        throw;
    }
    return staged;
}

void ExperimentStore::appendStagedRows(int64_t source, const std::vector<data::Example>& rows) {
    Transaction tx(*db_);
    auto q = db_->prepare("SELECT split, state FROM dataset_sources WHERE id = ?");
    q.bind(1, source);
    if (!q.step() || q.textAt(1) != "staging") fail("no import is staging source " + std::to_string(source));
    insertRows(source, q.textAt(0), rows);
    tx.commit();
    restartLog();
}

void ExperimentStore::setStagedSkippedRows(int64_t source, int64_t count) {
    Transaction tx(*db_);
    auto q = db_->prepare("UPDATE dataset_sources SET skipped_rows = ? WHERE id = ? AND state = 'staging'");
    q.bindAll(count, source).run();
    if (db_->changes() != 1) fail("no import is staging source " + std::to_string(source));
    tx.commit();
}

void ExperimentStore::restartLog() {
    // A bulk writer copies its own chunk from the write-ahead log into the database and lets the log
    // start over. Left to SQLite's automatic checkpoints, a small writer committing during them kept
    // the log from ever starting over: it grew with the import, and a training run's metric write
    // that fell on an automatic checkpoint copied the import's pages, waiting up to 7 s (2 GB corpus).
    // RESTART holds other writers for one chunk's copy, and gives up after the busy timeout.
    if (db_->inTransaction()) return;  // a caller's transaction: its end checkpoints
    try {
        db_->execute("PRAGMA wal_checkpoint(RESTART)");
    } catch (const Error&) {
        // Nothing is lost when a checkpoint fails (a full disk): the log keeps the pages, and the
        // next write reports the disk.
    }
}

void ExperimentStore::publishSources(const std::vector<int64_t>& sources,
                                     const std::optional<std::vector<std::string>>& label_set, bool replace,
                                     const std::vector<std::string>& retire_splits) {
    {
        Transaction tx(*db_);
        auto staged = db_->prepare("SELECT dataset, split, state FROM dataset_sources WHERE id = ?");
        auto publish = db_->prepare("UPDATE dataset_sources SET state = 'published', pid = 0, host = '' WHERE id = ?");
        std::set<int64_t> datasets;
        for (const int64_t id : sources) {
            staged.reset();
            staged.bind(1, id);
            if (!staged.step() || staged.textAt(2) != "staging") fail("no import is staging source " + std::to_string(id));
            const int64_t dataset = staged.int64At(0);
            const std::string split = staged.textAt(1);
            const int64_t earlier = rowCount(dataset, split);
            if (earlier > 0 && !replace)
                fail("the " + split + " split already has " + std::to_string(earlier) +
                     " rows (imported meanwhile); replace it, or import into another split or dataset");
            retireSplit(dataset, split);
            datasets.insert(dataset);
        }
        for (const int64_t id : sources) publish.bind(1, id).run();
        for (const int64_t dataset : datasets)
            for (const std::string& split : retire_splits) retireSplit(dataset, split);
        for (const int64_t dataset : datasets) {
            if (label_set) setLabelSet(dataset, *label_set);
            db_->prepare("UPDATE datasets SET visible = 1 WHERE id = ?").bind(1, dataset).run();
        }
        tx.commit();
    }
    for (const int64_t id : sources) liveImports().remove(path().string(), id);
    removeRetiredRows();
}

void ExperimentStore::abandonSources(const std::vector<int64_t>& sources) {
    {
        Transaction tx(*db_);
        auto retire = db_->prepare("UPDATE dataset_sources SET state = 'retired' WHERE id = ? AND state = 'staging'");
        for (const int64_t id : sources) retire.bind(1, id).run();
        tx.commit();
    }
    for (const int64_t id : sources) liveImports().remove(path().string(), id);
    removeRetiredRows();
}

void ExperimentStore::purgeAbandonedImports() {
    const std::string host = currentHostName();
    const int64_t self = currentProcessId();
    std::vector<int64_t> abandoned;
    {
        auto q = db_->prepare("SELECT id, pid FROM dataset_sources WHERE state = 'staging' AND host = ?");
        q.bind(1, host);
        while (q.step()) {
            const int64_t id = q.int64At(0), pid = q.int64At(1);
            const bool ours_and_failed = pid == self && !liveImports().contains(path().string(), id);
            if (ours_and_failed || (pid != self && !isProcessAlive(pid))) abandoned.push_back(id);
        }
    }
    if (!abandoned.empty()) {
        Transaction tx(*db_);
        // Only if still staging by that process: another import may have got there first.
        auto retire = db_->prepare("UPDATE dataset_sources SET state = 'retired' WHERE id = ? AND state = 'staging'");
        for (const int64_t id : abandoned) retire.bind(1, id).run();
        tx.commit();
    }
    removeRetiredRows();
}

void ExperimentStore::removeRetiredRows() {
    std::vector<int64_t> retired;
    {
        auto q = db_->prepare("SELECT id FROM dataset_sources WHERE state = 'retired' ORDER BY id");
        while (q.step()) retired.push_back(q.int64At(0));
    }
    auto chunk = db_->prepare(
        "DELETE FROM dataset_rows WHERE id IN (SELECT id FROM dataset_rows WHERE source = ? LIMIT " +
        std::to_string(kRemoveChunkRows) + ")");
    for (const int64_t source : retired) {
        for (;;) {
            Transaction tx(*db_);
            chunk.bind(1, source).run();
            const int64_t removed = db_->changes();
            if (removed == 0) {
                db_->prepare("DELETE FROM dataset_sources WHERE id = ? AND state = 'retired'").bind(1, source).run();
                tx.commit();
                break;
            }
            tx.commit();
            restartLog();
        }
    }
    // A dataset staged by an import that never published, or being deleted, once it has no source left.
    Transaction tx(*db_);
    db_->prepare("DELETE FROM datasets WHERE visible = 0 AND NOT EXISTS "
                 "(SELECT 1 FROM dataset_sources s WHERE s.dataset = datasets.id)")
        .run();
    tx.commit();
}

}  // namespace bw::store
