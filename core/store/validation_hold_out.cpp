#include "core/store/validation_hold_out.h"

#include "core/data/record_reader.h"
#include "core/data/stratified_split.h"
#include "core/runtime/error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <optional>

namespace bw::store {

namespace {

constexpr int kChunkRows = 10000;  // rows read, and written, per transaction

int64_t splitRows(const DatasetRecord& dataset, const std::string& split) {
    const auto it = dataset.row_counts.find(split);
    return it == dataset.row_counts.end() ? 0 : it->second;
}

// Every train row in order, a chunk at a time, each chunk read in its own snapshot: no read
// transaction stays open across the writes in between.
void forEachTrainChunk(ExperimentStore& store, int64_t dataset, const std::atomic<bool>* cancel,
                       const std::function<void(std::vector<data::Example>&)>& take) {
    DatasetRowCursor cursor;
    for (;;) {
        if (cancel && cancel->load()) throw data::ImportCancelled(store.path().string() + ": cancelled");
        DatasetRowPage page = store.findRows(dataset, "train", {}, cursor, kChunkRows);
        std::vector<data::Example> chunk;
        chunk.reserve(page.rows.size());
        for (BrowsedRow& row : page.rows) chunk.push_back(std::move(row.example));
        if (!chunk.empty()) take(chunk);
        if (page.at_end) return;
        cursor = page.next;
    }
}

// Fills the staged sources, then publishes them (retiring `retire_splits` in the same write); on any
// failure or cancel they are abandoned and the dataset stays as it was.
void publishOrAbandon(ExperimentStore& store, const std::vector<int64_t>& staged_ids, const std::function<void()>& fill,
                      const std::vector<std::string>& retire_splits = {}) {
    try {
        fill();
        store.publishSources(staged_ids, std::nullopt, /*replace=*/true, retire_splits);
    } catch (...) {
        try {
            store.abandonSources(staged_ids);
        } catch (const std::exception&) {
        }
        throw;
    }
}

}  // namespace

void ValidationHoldOut::add(const std::vector<data::Example>& rows) {
    for (const data::Example& row : rows) {
        const std::string& label = task_kind_ == "sequence" ? row.label : kNoLabel;
        label_of_row_.push_back(label_ids_.emplace(label, static_cast<uint32_t>(label_ids_.size())).first->second);
        if (task_kind_ == "corpus") document_of_row_.push_back(row.document);
    }
}

std::vector<bool> ValidationHoldOut::flags(double fraction, uint64_t seed, const std::string& where) const {
    const size_t rows = label_of_row_.size();
    std::vector<bool> held;
    const bool by_document = !document_of_row_.empty() && document_of_row_.front() != document_of_row_.back();
    if (by_document) {
        std::map<int64_t, uint32_t> unit_of_document;
        for (const int64_t document : document_of_row_)
            unit_of_document.emplace(document, static_cast<uint32_t>(unit_of_document.size()));
        const std::vector<bool> documents =
            data::stratifiedSplit(std::vector<uint32_t>(unit_of_document.size(), 0), fraction, seed);
        held.reserve(rows);
        for (const int64_t document : document_of_row_) held.push_back(documents[unit_of_document.at(document)]);
    } else {
        // Group numbers in the labels' sorted order, as stratifiedSplit takes labels.
        std::vector<uint32_t> rank(label_ids_.size());
        uint32_t next = 0;
        for (const auto& [label, id] : label_ids_) rank[id] = next++;
        std::vector<uint32_t> groups(rows);
        for (size_t i = 0; i < rows; ++i) groups[i] = rank[label_of_row_[i]];
        held = data::stratifiedSplit(groups, fraction, seed);
    }
    if (std::find(held.begin(), held.end(), true) == held.end()) {
        const std::string why = by_document ? "too few documents" : "too few rows of each label";
        throw Error(where + ": a validation fraction of " + nlohmann::json(fraction).dump() + " holds out none of its " +
                    std::to_string(rows) + " rows (" + why + ")");
    }
    return held;
}

bool canReturnToTrain(const DatasetRecord& dataset, const std::string& split) {
    return split != "train" && splitRows(dataset, split) > 0 && splitRows(dataset, "train") > 0;
}

bool canHoldOutValidation(const DatasetRecord& dataset) {
    return splitRows(dataset, "train") > 1 && splitRows(dataset, "validation") == 0;
}

HoldOutSummary holdOutValidation(ExperimentStore& store, const HoldOutRequest& request) {
    const std::string file = store.path().string();
    if (!(request.fraction > 0.0 && request.fraction < 1.0))
        throw Error("the validation fraction must be between 0 and 1 (exclusive), got " +
                    nlohmann::json(request.fraction).dump());
    store.purgeAbandonedImports();
    const std::optional<DatasetRecord> dataset = store.getDataset(request.dataset);
    if (!dataset) throw Error(file + ": no dataset with id " + std::to_string(request.dataset));
    const std::string name = "dataset '" + dataset->name + "'";
    if (const int64_t rows = splitRows(*dataset, "validation"); rows > 0)
        throw Error(file + ": " + name + " already has a validation split (" + std::to_string(rows) +
                    " rows); remove it first to hold out another");
    if (splitRows(*dataset, "train") == 0) throw Error(file + ": " + name + " has no train rows to hold out from");

    // The new splits keep the provenance of the train rows they come from.
    const std::vector<DatasetSource> old_sources = store.sources(dataset->id);
    const auto train_source = std::find_if(old_sources.begin(), old_sources.end(),
                                           [](const DatasetSource& s) { return s.split == "train"; });
    DatasetSource source = *train_source;
    std::vector<DatasetSource> specs;
    for (const char* split : {"train", "validation"}) {
        source.split = split;
        specs.push_back(source);
    }
    const std::vector<DatasetSource> staged = store.stageSources(dataset->id, specs);
    const std::vector<int64_t> staged_ids{staged[0].id, staged[1].id};
    HoldOutSummary summary;
    publishOrAbandon(store, staged_ids, [&] {
        // What the file's import skipped, the two parts of it say too.
        if (source.skipped_rows > 0)
            for (const int64_t id : staged_ids) store.setStagedSkippedRows(id, source.skipped_rows);
        ValidationHoldOut hold_out(dataset->task_kind);
        forEachTrainChunk(store, dataset->id, request.cancel, [&](std::vector<data::Example>& chunk) { hold_out.add(chunk); });
        const std::vector<bool> held = hold_out.flags(request.fraction, request.seed, file + ": " + name);
        const std::string changed = file + ": the train split of " + name + " changed while it was being split; try again";
        size_t row = 0;
        forEachTrainChunk(store, dataset->id, request.cancel, [&](std::vector<data::Example>& chunk) {
            if (row + chunk.size() > held.size()) throw Error(changed);
            std::vector<data::Example> train, validation;
            for (data::Example& example : chunk) (held[row++] ? validation : train).push_back(std::move(example));
            store.appendStagedRows(staged[0].id, train);
            store.appendStagedRows(staged[1].id, validation);
            summary.train_rows += static_cast<int64_t>(train.size());
            summary.validation_rows += static_cast<int64_t>(validation.size());
        });
        if (row != held.size()) throw Error(changed);
        if (request.cancel && request.cancel->load()) throw data::ImportCancelled(file + ": hold-out cancelled");
    });
    return summary;
}

HoldOutSummary returnToTrain(ExperimentStore& store, int64_t dataset_id, const std::string& split,
                             const std::atomic<bool>* cancel) {
    const std::string file = store.path().string();
    store.purgeAbandonedImports();
    const std::optional<DatasetRecord> dataset = store.getDataset(dataset_id);
    if (!dataset) throw Error(file + ": no dataset with id " + std::to_string(dataset_id));
    const std::string name = "dataset '" + dataset->name + "'";
    if (split == "train") throw Error(file + ": the train split cannot be returned to itself");
    if (splitRows(*dataset, split) == 0) throw Error(file + ": " + name + " has no " + split + " rows to return to train");
    if (splitRows(*dataset, "train") == 0)
        throw Error(file + ": " + name + " has no train split to return the " + split + " rows to");

    const std::vector<DatasetSource> old_sources = store.sources(dataset->id);
    const auto sourceOf = [&](const std::string& which) {
        return *std::find_if(old_sources.begin(), old_sources.end(), [&](const DatasetSource& s) { return s.split == which; });
    };
    const DatasetSource train_source = sourceOf("train"), returned_source = sourceOf(split);
    // A hold-out's two splits share the file: their rows interleave again by line.
    const bool one_file = train_source.path == returned_source.path && train_source.content_hash == returned_source.content_hash;
    std::vector<data::Example> returned = store.loadRows(dataset->id, split);
    const std::vector<DatasetSource> staged = store.stageSources(dataset->id, {train_source});
    const std::vector<int64_t> staged_ids{staged[0].id};
    HoldOutSummary summary;
    summary.validation_rows = static_cast<int64_t>(returned.size());
    publishOrAbandon(store, staged_ids, [&] {
        if (train_source.skipped_rows > 0) store.setStagedSkippedRows(staged[0].id, train_source.skipped_rows);
        size_t next = 0;  // the next returned row to place
        forEachTrainChunk(store, dataset->id, cancel, [&](std::vector<data::Example>& chunk) {
            std::vector<data::Example> rows;
            rows.reserve(chunk.size());
            for (data::Example& row : chunk) {
                while (one_file && next < returned.size() && returned[next].source_line < row.source_line)
                    rows.push_back(std::move(returned[next++]));
                rows.push_back(std::move(row));
            }
            store.appendStagedRows(staged[0].id, rows);
            summary.train_rows += static_cast<int64_t>(rows.size());
        });
        const std::vector<data::Example> rest(std::make_move_iterator(returned.begin() + static_cast<std::ptrdiff_t>(next)),
                                              std::make_move_iterator(returned.end()));
        if (!rest.empty()) store.appendStagedRows(staged[0].id, rest);
        summary.train_rows += static_cast<int64_t>(rest.size());
        if (cancel && cancel->load()) throw data::ImportCancelled(file + ": cancelled");
        // Another process replaced train or the split meanwhile: what was read is not what is there.
        const auto idsOf = [](const std::vector<DatasetSource>& sources) {
            std::vector<int64_t> ids;
            for (const DatasetSource& s : sources) ids.push_back(s.id);
            return ids;
        };
        if (idsOf(store.sources(dataset->id)) != idsOf(old_sources))
            throw Error(file + ": the splits of " + name + " changed while its " + split + " rows were being returned; try again");
    }, {split});
    return summary;
}

}  // namespace bw::store
