// ExperimentStore's datasets: their records, the files each split came from, and their rows.
#include "core/store/experiment_store.h"

#include "core/store/store_clock.h"
#include "core/store/store_json.h"
#include "core/store/store_row_readers.h"

namespace bw::store {

using nlohmann::json;

DatasetRecord ExperimentStore::createDataset(const DatasetRecord& spec) {
    const std::string file = path().string();
    if (spec.name.empty()) fail("a dataset needs a name");
    if (!isTaskKind(spec.task_kind))
        fail("unknown task kind '" + spec.task_kind + "' for dataset '" + spec.name +
             "' (expected sequence, token or corpus)");
    Transaction tx(*db_);
    if (findDataset(spec.name)) fail("a dataset named '" + spec.name + "' already exists");
    db_->prepare("INSERT INTO datasets (name, task_kind, format, columns, label_set, created_at) VALUES (?, ?, ?, ?, ?, ?)")
        .bindAll(spec.name, spec.task_kind, spec.format, jsonColumnText(spec.columns, file, "the column mapping"),
                 jsonColumnText(json(spec.label_set), file, "the label set"), utcTimestamp())
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
    auto q = db_->prepare(selectColumns(kDatasetColumns, "FROM datasets WHERE name = ?"));
    q.bind(1, name);
    std::optional<DatasetRecord> d = readFirstRow(q, path().string(), readDataset);
    if (d) d->row_counts = rowCounts(d->id);
    return d;
}

std::optional<DatasetRecord> ExperimentStore::getDataset(int64_t id) {
    auto q = db_->prepare(selectColumns(kDatasetColumns, "FROM datasets WHERE id = ?"));
    q.bind(1, id);
    std::optional<DatasetRecord> d = readFirstRow(q, path().string(), readDataset);
    if (d) d->row_counts = rowCounts(d->id);
    return d;
}

std::vector<DatasetRecord> ExperimentStore::listDatasets() {
    Transaction read(*db_, Transaction::Mode::Deferred);  // one snapshot for both queries
    std::vector<DatasetRecord> out;
    {
        auto q = db_->prepare(selectColumns(kDatasetColumns, "FROM datasets ORDER BY name"));
        out = readRows(q, path().string(), readDataset);
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
    q.bindAll(jsonColumnText(json(labels), path().string(), "the label set"), dataset).run();
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
    auto q = db_->prepare(selectColumns(kSourceColumns, "FROM dataset_sources WHERE dataset = ? ORDER BY id"));
    q.bind(1, dataset);
    return readRows(q, path().string(), readSource);
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
            return jsonColumnText(json(items), file,
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
    requireSplit(split);
    auto q = db_->prepare(selectColumns(kExampleColumns, "FROM dataset_rows WHERE dataset = ? AND split = ? ORDER BY row_index"));
    q.bindAll(dataset, split);
    const StoreRow row(q, path().string());
    while (q.step()) callback(readExample(row, split));
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

}  // namespace bw::store
