// ExperimentStore's datasets: their records, the files each split came from, and their rows.
// Staged imports and the removal of retired rows are in experiment_store_imports.cpp.
#include "core/store/experiment_store.h"

#include "core/data/content_hash.h"

#include "core/store/store_clock.h"
#include "core/store/store_json.h"
#include "core/store/store_row_readers.h"

#include <algorithm>
#include <set>

namespace bw::store {

using nlohmann::json;

DatasetRecord ExperimentStore::createDataset(const DatasetRecord& spec) { return insertDataset(spec, true); }

DatasetRecord ExperimentStore::insertDataset(const DatasetRecord& spec, bool visible) {
    const std::string file = path().string();
    if (spec.name.empty()) fail("a dataset needs a name");
    if (!isTaskKind(spec.task_kind))
        fail("unknown task kind '" + spec.task_kind + "' for dataset '" + spec.name +
             "' (expected sequence, token or corpus)");
    Transaction tx(*db_);
    requireFreeName(spec.name);
    db_->prepare("INSERT INTO datasets (name, task_kind, format, columns, label_set, created_at, visible) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bindAll(spec.name, spec.task_kind, spec.format, jsonColumnText(spec.columns, file, "the column mapping"),
                 jsonColumnText(json(spec.label_set), file, "the label set"), utcTimestamp(), visible ? 1 : 0)
        .run();
    // Read back directly: getDataset does not see a hidden one.
    auto q = db_->prepare(selectColumns(kDatasetColumns, "FROM datasets WHERE id = ?"));
    q.bind(1, db_->lastInsertId());
    DatasetRecord stored = *readFirstRow(q, file, readDataset);
    tx.commit();
    return stored;
}

void ExperimentStore::requireFreeName(const std::string& name) {
    auto taken = db_->prepare("SELECT visible FROM datasets WHERE name = ?");
    taken.bind(1, name);
    if (!taken.step()) return;
    if (taken.int64At(0) == 1) fail("a dataset named '" + name + "' already exists");
    fail("a dataset named '" + name + "' is being imported (or deleted) by another process; wait for it, or "
         "choose another name");
}

std::map<std::string, int64_t> ExperimentStore::rowCounts(int64_t dataset) {
    std::map<std::string, int64_t> counts;
    auto q = db_->prepare(
        "SELECT split, SUM(row_count) FROM dataset_sources WHERE dataset = ? AND state = 'published' GROUP BY split");
    q.bind(1, dataset);
    while (q.step()) counts[q.textAt(0)] = q.int64At(1);
    return counts;
}

std::optional<DatasetRecord> ExperimentStore::findDataset(const std::string& name) {
    auto q = db_->prepare(selectColumns(kDatasetColumns, "FROM datasets WHERE name = ? AND visible = 1"));
    q.bind(1, name);
    std::optional<DatasetRecord> d = readFirstRow(q, path().string(), readDataset);
    if (d) d->row_counts = rowCounts(d->id);
    return d;
}

std::optional<DatasetRecord> ExperimentStore::getDataset(int64_t id) {
    auto q = db_->prepare(selectColumns(kDatasetColumns, "FROM datasets WHERE id = ? AND visible = 1"));
    q.bind(1, id);
    std::optional<DatasetRecord> d = readFirstRow(q, path().string(), readDataset);
    if (d) d->row_counts = rowCounts(d->id);
    return d;
}

std::vector<DatasetRecord> ExperimentStore::listDatasets() {
    Transaction read(*db_, Transaction::Mode::Deferred);  // one snapshot for both queries
    std::vector<DatasetRecord> out;
    {
        auto q = db_->prepare(selectColumns(kDatasetColumns, "FROM datasets WHERE visible = 1 ORDER BY name"));
        out = readRows(q, path().string(), readDataset);
    }
    std::map<int64_t, DatasetRecord*> by_id;
    for (auto& d : out) by_id[d.id] = &d;
    auto counts = db_->prepare(
        "SELECT dataset, split, SUM(row_count) FROM dataset_sources WHERE state = 'published' GROUP BY dataset, split");
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

DatasetRecord ExperimentStore::renameLabels(int64_t dataset, const data::LabelRenaming& renaming) {
    const std::string file = path().string();
    Transaction tx(*db_);
    const std::optional<DatasetRecord> record = getDataset(dataset);
    if (!record) fail("no dataset with id " + std::to_string(dataset));
    const std::string where = "dataset '" + record->name + "'";
    if (record->task_kind != "sequence")
        fail(where + " is a " + record->task_kind + " dataset; label names are for sequence classification");
    auto busy = db_->prepare("SELECT 1 FROM dataset_sources WHERE dataset = ? AND state = 'staging'");
    if (busy.bind(1, dataset).step()) fail("an import is adding to " + where + "; rename its labels when it is done");
    std::string labels;
    for (const std::string& label : record->label_set) labels += (labels.empty() ? "" : ", ") + label;
    for (const auto& [label, name] : renaming.names())
        if (std::find(record->label_set.begin(), record->label_set.end(), label) == record->label_set.end())
            fail(where + " has no label '" + label + "' (its labels are: " + labels + ")");
    std::vector<std::string> renamed;
    std::set<std::string> seen;
    for (const std::string& label : record->label_set) {
        renamed.push_back(renaming.nameOf(label));
        if (!seen.insert(renamed.back()).second)
            fail("the new names make two labels of " + where + " one: '" + renamed.back() + "'");
    }
    // One statement for all labels, so that a swap (0 <-> 1) does not merge them on the way.
    std::string cases, in;
    for (size_t i = 0; i < renaming.names().size(); ++i) {
        cases += " WHEN ? THEN ?";
        in += i ? ", ?" : "?";
    }
    if (!renaming.empty()) {
        auto update = db_->prepare("UPDATE dataset_rows SET label = CASE label" + cases +
                                   " END WHERE source IN (SELECT id FROM dataset_sources WHERE dataset = ?) AND label IN (" +
                                   in + ")");
        int parameter = 1;
        for (const auto& [label, name] : renaming.names()) {
            update.bind(parameter++, label);
            update.bind(parameter++, name);
        }
        update.bind(parameter++, dataset);
        for (const auto& [label, name] : renaming.names()) update.bind(parameter++, label);
        update.run();
    }
    rehashRows(dataset);  // the labels are part of what the rows hold
    json columns = record->columns.is_object() ? record->columns : json::object();
    const data::LabelRenaming before = data::LabelRenaming::fromJson(columns.value("label_names", json()), file);
    const data::LabelRenaming since_import = before.then(renaming);
    if (since_import.empty()) columns.erase("label_names");
    else columns["label_names"] = since_import.toJson();
    db_->prepare("UPDATE datasets SET label_set = ?, columns = ? WHERE id = ?")
        .bindAll(jsonColumnText(json(renamed), file, "the label set"), jsonColumnText(columns, file, "the column mapping"),
                 dataset)
        .run();
    tx.commit();
    return *getDataset(dataset);
}

void ExperimentStore::deleteDataset(int64_t dataset) {
    {
        Transaction tx(*db_);
        db_->prepare("UPDATE datasets SET visible = 0 WHERE id = ? AND visible = 1").bind(1, dataset).run();
        if (db_->changes() == 0) fail("no dataset with id " + std::to_string(dataset));
        // Runs lose it now, not when its last row is gone.
        db_->prepare("UPDATE runs SET dataset = NULL WHERE dataset = ?").bind(1, dataset).run();
        db_->prepare("UPDATE dataset_sources SET state = 'retired' WHERE dataset = ?").bind(1, dataset).run();
        tx.commit();
    }
    removeRetiredRows();
}

int64_t ExperimentStore::deleteSplit(int64_t dataset, const std::string& split) {
    requireSplit(split);
    int64_t removed = 0;
    {
        Transaction tx(*db_);
        requireDataset(dataset);
        removed = rowCount(dataset, split);
        retireSplit(dataset, split);
        tx.commit();
    }
    removeRetiredRows();
    return removed;
}

void ExperimentStore::retireSplit(int64_t dataset, const std::string& split) {
    db_->prepare("UPDATE dataset_sources SET state = 'retired' WHERE dataset = ? AND split = ? AND state = 'published'")
        .bindAll(dataset, split)
        .run();
}

std::vector<DatasetSource> ExperimentStore::sources(int64_t dataset) {
    auto q = db_->prepare(
        selectColumns(kSourceColumns, "FROM dataset_sources WHERE dataset = ? AND state = 'published' ORDER BY id"));
    q.bind(1, dataset);
    return readRows(q, path().string(), readSource);
}

void ExperimentStore::appendRows(int64_t dataset, const std::string& split, const std::vector<data::Example>& rows) {
    requireSplit(split);
    Transaction tx(*db_);
    requireDataset(dataset);
    auto newest = db_->prepare(
        "SELECT MAX(id) FROM dataset_sources WHERE dataset = ? AND split = ? AND state = 'published'");
    newest.bindAll(dataset, split).step();
    int64_t source = newest.isNull(0) ? 0 : newest.int64At(0);
    if (source == 0) {
        db_->prepare("INSERT INTO dataset_sources (dataset, split, path, imported_at) VALUES (?, ?, '', ?)")
            .bindAll(dataset, split, utcTimestamp())
            .run();
        source = db_->lastInsertId();
    }
    insertRows(source, split, rows);
    tx.commit();
}

void ExperimentStore::insertRows(int64_t source, const std::string& split, const std::vector<data::Example>& rows) {
    const std::string file = path().string();
    auto count = db_->prepare("SELECT row_count, rows_hash FROM dataset_sources WHERE id = ?");
    count.bind(1, source).step();
    int64_t row_index = count.int64At(0);
    // The rows' hash goes on from where the source's last rows left it; a source of an older schema
    // (rows, no hash) keeps none.
    std::optional<uint64_t> hash = row_index == 0 ? std::optional<uint64_t>(data::kRowsHashStart)
                                                  : data::parseHashText(count.textAt(1));
    auto insert = db_->prepare(
        "INSERT INTO dataset_rows (source, row_index, text, text_pair, label, words, tags, document, source_line) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const data::Example& row : rows) {
        const auto list = [&](const std::vector<std::string>& items, const char* what) -> std::optional<std::string> {
            if (items.empty()) return std::nullopt;
            return jsonColumnText(json(items), file,
                                  split + " row " + std::to_string(row_index) + " (line " +
                                      std::to_string(row.source_line) + "): " + what);
        };
        insert.bindAll(source, row_index, row.text, row.text_pair, row.label, list(row.words, "a word"),
                       list(row.tags, "a tag"), row.document, row.source_line);
        insert.run();
        ++row_index;
        if (hash) hash = data::continueRowsHash(*hash, row);
    }
    db_->prepare("UPDATE dataset_sources SET row_count = ?, rows_hash = ? WHERE id = ?")
        .bindAll(row_index, hash ? data::hashText(*hash) : std::string(), source)
        .run();
}

void ExperimentStore::rehashRows(int64_t dataset) {
    std::vector<std::pair<int64_t, std::string>> sources;  // id, split
    {
        auto q = db_->prepare("SELECT id, split FROM dataset_sources WHERE dataset = ? AND state = 'published'");
        q.bind(1, dataset);
        while (q.step()) sources.emplace_back(q.int64At(0), q.textAt(1));
    }
    auto update = db_->prepare("UPDATE dataset_sources SET rows_hash = ? WHERE id = ?");
    for (const auto& [source, split] : sources) {
        uint64_t hash = data::kRowsHashStart;
        forEachSourceRow(source, split, [&](const data::Example& row) { hash = data::continueRowsHash(hash, row); });
        update.reset();
        update.bindAll(data::hashText(hash), source).run();
    }
}

void ExperimentStore::forEachSourceRow(int64_t source, const std::string& split,
                                       const std::function<void(const data::Example&)>& callback) {
    // In row order, along the (source, row_index) index.
    auto q = db_->prepare(selectColumns(kExampleColumns, "FROM dataset_rows WHERE source = ? ORDER BY row_index"));
    const StoreRow row(q, path().string());
    q.bind(1, source);
    while (q.step()) callback(readExample(row, split));
}

void ExperimentStore::forEachRow(int64_t dataset, const std::string& split,
                                 const std::function<void(const data::Example&)>& callback) {
    requireSplit(split);
    Transaction read(*db_, Transaction::Mode::Deferred);  // the sources and their rows in one snapshot
    std::vector<int64_t> published;
    {
        auto q = db_->prepare("SELECT id FROM dataset_sources WHERE dataset = ? AND split = ? AND state = 'published' ORDER BY id");
        q.bindAll(dataset, split);
        while (q.step()) published.push_back(q.int64At(0));
    }
    for (const int64_t source : published) forEachSourceRow(source, split, callback);
}

std::vector<std::string> ExperimentStore::labelsInRows(int64_t dataset) {
    Transaction read(*db_, Transaction::Mode::Deferred);  // the sources and their rows in one snapshot
    std::set<std::string> labels;
    auto q = db_->prepare(
        "SELECT DISTINCT r.label FROM dataset_sources s JOIN dataset_rows r ON r.source = s.id "
        "WHERE s.dataset = ? AND s.state = 'published' AND r.label <> ''");
    q.bind(1, dataset);
    while (q.step()) labels.insert(q.textAt(0));
    // Tags are a JSON list per row; a row whose list is not one stops the read with the store's error.
    auto tags = db_->prepare(
        "SELECT DISTINCT t.value FROM dataset_sources s JOIN dataset_rows r ON r.source = s.id, json_each(r.tags) t "
        "WHERE s.dataset = ? AND s.state = 'published' AND r.tags IS NOT NULL AND t.type = 'text'");
    tags.bind(1, dataset);
    while (tags.step()) labels.insert(tags.textAt(0));
    return {labels.begin(), labels.end()};
}

std::vector<data::Example> ExperimentStore::loadRows(int64_t dataset, const std::string& split) {
    std::vector<data::Example> rows;
    rows.reserve(static_cast<size_t>(rowCount(dataset, split)));
    forEachRow(dataset, split, [&](const data::Example& row) { rows.push_back(row); });
    return rows;
}

int64_t ExperimentStore::rowCount(int64_t dataset, const std::string& split) {
    requireSplit(split);
    auto q = db_->prepare(
        "SELECT COALESCE(SUM(row_count), 0) FROM dataset_sources WHERE dataset = ? AND split = ? AND state = 'published'");
    q.bindAll(dataset, split).step();
    return q.int64At(0);
}

}  // namespace bw::store
