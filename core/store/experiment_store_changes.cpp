// ExperimentStore: how a window notices what another process (bertwork-cli, a second window)
// changed in the store it shows, without rereading everything on a timer.
#include "core/store/experiment_store.h"

#include <string_view>

namespace bw::store {

namespace {

// FNV-1a over each value, with a separator, so that ("ab", "c") and ("a", "bc") differ.
class Digest {
public:
    void add(std::string_view text) {
        for (const unsigned char c : text) mix(c);
        mix(0xff);
    }
    uint64_t value() const { return hash_; }

private:
    void mix(unsigned char byte) {
        hash_ ^= byte;
        hash_ *= 1099511628211ULL;
    }
    uint64_t hash_ = 14695981039346656037ULL;
};

// Adds every column of every row the query returns.
void addRows(Digest& digest, Statement query) {
    while (query.step()) {
        for (int column = 0; column < query.columnCount(); ++column) digest.add(query.textAt(column));
        digest.add(std::string_view("\n"));
    }
}

}  // namespace

int64_t ExperimentStore::dataVersion() {
    auto q = db_->prepare("PRAGMA data_version");
    q.step();
    return q.int64At(0);
}

uint64_t ExperimentStore::listingsDigest() {
    Transaction read(*db_, Transaction::Mode::Deferred);  // one snapshot for every table
    Digest digest;
    // Small tables, read whole (a store of thousands of runs reads its runs in milliseconds).
    addRows(digest, db_->prepare("SELECT id, name, task_kind, columns, label_set FROM datasets WHERE visible = 1 "
                                 "ORDER BY id"));
    addRows(digest, db_->prepare("SELECT dataset, split, COUNT(*), MAX(id), SUM(row_count) FROM dataset_sources "
                                 "WHERE state = 'published' GROUP BY dataset, split ORDER BY dataset, split"));
    addRows(digest, db_->prepare("SELECT id, name, status, notes, tags, COALESCE(dataset, 0) FROM runs ORDER BY id"));
    // A running run's checkpoints are left out like its metrics: the Runs page polls that run, and
    // its checkpoints are counted once it ends (its status changes then too).
    addRows(digest, db_->prepare("SELECT COUNT(*), COALESCE(MAX(c.id), 0) FROM checkpoints c JOIN runs r ON r.id = c.run "
                                 "WHERE r.status <> 'running'"));
    addRows(digest, db_->prepare("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM analyses"));
    return digest.value();
}

}  // namespace bw::store
