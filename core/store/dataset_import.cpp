#include "core/store/dataset_import.h"

#include "core/store/store_files.h"
#include "core/store/validation_hold_out.h"

#include "core/data/column_guess.h"
#include "core/data/conll_reader.h"
#include "core/data/dataset_preview.h"
#include "core/data/content_hash.h"
#include "core/data/label_set.h"
#include "core/data/record_reader.h"
#include "core/runtime/error.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <utility>

namespace bw::store {

using data::Example;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// Rows handed to appendRows at a time: big enough for fast inserts, small enough that a file
// larger than memory streams through.
constexpr size_t kChunkRows = 10000;
constexpr size_t kProgressEveryRows = 1000;

// What a file holds, as its reader sees it.
struct FileContent {
    std::string task_kind;  // sequence | token | corpus
    bool labelled = false;  // a label column (sequence) or tag column (token)
    json columns;           // the columns the reader uses, stored with the dataset
};

FileContent describe(const data::RecordReader& reader, const data::ColumnMapping& mapping) {
    switch (reader.format()) {
    case data::DataFormat::Conll: {
        const auto& conll = dynamic_cast<const data::ConllReader&>(reader);
        const bool tagged = conll.tagColumn() >= 0;
        return {"token", tagged,
                {{"token_column", conll.tokenColumn()}, {"tag_column", tagged ? json(conll.tagColumn()) : json()}}};
    }
    case data::DataFormat::PlainText: return {"corpus", false, {{"text", "text"}}};
    default: break;
    }
    const auto& names = reader.columns();
    if (names.empty()) return {"sequence", false, json::object()};  // an empty file: next() reports it
    const data::ResolvedColumns resolved = data::resolveColumns(mapping, names, reader.file());
    const auto name = [&](int index) { return index < 0 ? json() : json(names[static_cast<size_t>(index)]); };
    json columns = {{"text", name(resolved.text)}, {"text_pair", name(resolved.text_pair)}, {"label", name(resolved.label)}};
    // Joined columns only when there are some, so that a store stays as older versions wrote it.
    if (data::joinsColumns(mapping)) {
        columns["join_separator"] = mapping.join_separator;
        for (const auto& [key, joined] : {std::pair{"text_joined", &resolved.text_joined},
                                          std::pair{"text_pair_joined", &resolved.text_pair_joined}}) {
            if (joined->empty()) continue;
            json& list = columns[key] = json::array();
            for (int index : *joined) list.push_back(name(index));
        }
    }
    return {"sequence", resolved.label >= 0, columns};
}

// Roles the request leaves unmapped take the columns the file's first rows suggest (a label column
// without a well-known name, the text beside it), by name: the reader then reads what the import
// dialog shows for the same file. True when the mapping changed.
bool guessColumns(const ImportRequest& request, const data::RecordReader& reader, data::ColumnMapping& mapping,
                  data::ReadOptions options) {
    const data::DataFormat format = reader.format();
    const bool tabular = format == data::DataFormat::Csv || format == data::DataFormat::Tsv ||
                         format == data::DataFormat::Jsonl;
    if (!tabular || (mapping.text && mapping.label) || reader.columns().empty()) return false;
    options.delimiter = reader.delimiter();  // the first rows read as the reader reads them
    const data::DatasetPreview preview = data::previewRows(request.input, format, data::kGuessRows, mapping, options);
    bool changed = false;
    auto take = [&](std::optional<std::string>& role, int index) {
        if (role || index < 0 || static_cast<size_t>(index) >= preview.columns.size()) return;
        role = preview.columns[static_cast<size_t>(index)];
        changed = true;
    };
    take(mapping.text, preview.mapped.text);
    take(mapping.label, preview.mapped.label);
    if (changed && !mapping.has_header) mapping.has_header = preview.has_header;
    return changed;
}

void validate(const ImportRequest& request) {
    if (request.name.empty()) throw Error("a dataset needs a name");
    if (request.delimiter == '"' || request.delimiter == '\n' || request.delimiter == '\r')
        throw Error("a quote or a line break cannot be the field delimiter");
    const bool delimited = request.format == data::DataFormat::Auto || request.format == data::DataFormat::Csv ||
                           request.format == data::DataFormat::Tsv;
    if (!delimited && (request.delimiter || request.quoting != data::Quoting::Auto))
        throw Error("a delimiter and quoting are settings of CSV and TSV files, not of " +
                    data::formatName(request.format) + " files");
    if (!isSplit(request.split))
        throw Error("unknown split '" + request.split + "' (expected train, validation or test)");
    if (!request.validation_fraction) return;
    if (request.split != "train")
        throw Error("a validation fraction holds out part of a train file; it cannot be used with the '" +
                    request.split + "' split");
    const double f = *request.validation_fraction;
    if (!(f > 0.0 && f < 1.0))
        throw Error("the validation fraction must be between 0 and 1 (exclusive), got " + json(f).dump());
}

// The existing dataset the file may join (nullopt: a new one). A file without labels starts a
// corpus, may join a corpus, and may be the test split of a labelled dataset (rows to predict),
// nothing else. Splits that have rows are refused unless replaced (publishing retires them).
std::optional<DatasetRecord> datasetToJoin(ExperimentStore& store, const ImportRequest& request,
                                           const data::RecordReader& reader, const FileContent& content,
                                           const std::vector<std::string>& splits) {
    const std::string kind = content.labelled ? content.task_kind : "corpus";
    const auto existing = store.findDataset(request.name);
    if (!existing) return std::nullopt;
    const std::string& wanted = existing->task_kind;
    const bool unlabelled_test = !content.labelled && content.task_kind == wanted && request.split == "test";
    if (kind != wanted && !unlabelled_test) {
        if (!content.labelled && content.task_kind == wanted)
            throw Error(reader.file() + ": has no " + (wanted == "token" ? "tag" : "label") + " column, which the " +
                        request.split + " split of " + wanted + " dataset '" + request.name + "' needs");
        throw Error(reader.file() + ": holds " + kind + " data, but dataset '" + request.name + "' is a " + wanted +
                    " dataset");
    }
    if (existing->task_kind == "sequence" && content.task_kind == "sequence") {
        const json& stored = existing->columns;
        const bool stored_pair = stored.contains("text_pair") && !stored["text_pair"].is_null();
        const bool file_pair = !content.columns["text_pair"].is_null();
        if (file_pair && !stored_pair)
            throw Error(reader.file() + ": has a second text (column " + content.columns["text_pair"].dump() +
                        "), but dataset '" + request.name + "' holds single texts");
    }
    for (const std::string& split : splits) {
        const auto it = existing->row_counts.find(split);
        if (it == existing->row_counts.end() || it->second == 0 || request.replace) continue;
        throw Error(store.path().string() + ": dataset '" + request.name + "' already has a " + split + " split (" +
                    std::to_string(it->second) + " rows); replace it, or import into another split or dataset");
    }
    return existing;
}

// Reads the whole file, handing over chunks of kChunkRows rows (the callee may move from them).
void readChunks(data::RecordReader& reader, const std::function<void(uint64_t, uint64_t)>& progress,
                const std::function<void(std::vector<Example>&)>& take) {
    std::vector<Example> chunk;
    Example row;
    while (reader.next(row)) {
        chunk.push_back(std::move(row));
        if (progress && reader.examplesRead() % kProgressEveryRows == 0) progress(reader.bytesRead(), reader.totalBytes());
        if (chunk.size() >= kChunkRows) {
            take(chunk);
            chunk.clear();
        }
    }
    if (!chunk.empty()) take(chunk);
    if (progress) progress(reader.bytesRead(), reader.totalBytes());
}

// The distinct labels (sequence) or tags (token) of the training rows, as a LabelSet orders them.
class LabelCollector {
public:
    explicit LabelCollector(std::string task_kind) : task_kind_(std::move(task_kind)) {}

    void add(const std::vector<Example>& rows) {
        for (const Example& row : rows) {
            if (task_kind_ == "token") seen_.insert(row.tags.begin(), row.tags.end());
            else if (task_kind_ == "sequence" && !row.label.empty()) seen_.insert(row.label);
        }
    }
    data::LabelSet labels() const {
        std::vector<std::string> seen(seen_.begin(), seen_.end());
        return task_kind_ == "token" ? data::LabelSet::forTags({seen}) : data::LabelSet::forClasses(seen);
    }

private:
    std::string task_kind_;
    std::set<std::string> seen_;
};

// Throws LabelSet's "<split> label 'x' at <file>:<line> was not in the training labels" for the
// first row whose label (or tag) is not in `labels`; "" is an unlabelled row.
void checkLabels(const data::LabelSet& labels, const Example& row, const std::string& split, const std::string& file) {
    const data::LabelOrigin origin{split, file, row.source_line};
    for (const std::string& tag : row.tags) labels.id(tag, origin);
    if (!row.label.empty()) labels.id(row.label, origin);
}

// The dataset's other splits, imported before its train split, must use the training labels.
void recheckOtherSplits(ExperimentStore& store, const DatasetRecord& dataset, const data::LabelSet& labels,
                        const std::map<std::string, int64_t>& just_added) {
    const std::vector<DatasetSource> sources = store.sources(dataset.id);
    for (const char* split : {"validation", "test"}) {
        if (just_added.count(split) || store.rowCount(dataset.id, split) == 0) continue;
        std::string file;
        for (const DatasetSource& source : sources)
            if (source.split == split) file = source.path;
        store.forEachRow(dataset.id, split, [&](const Example& row) { checkLabels(labels, row, split, file); });
    }
}
// The label names rows are stored with: the request's, or the dataset's (its splits share them).
data::LabelRenaming labelNames(const ImportRequest& request, const std::optional<DatasetRecord>& joined,
                               const std::string& task_kind) {
    const std::string what = joined ? "dataset '" + joined->name + "'" : "dataset '" + request.name + "'";
    const data::LabelRenaming stored =
        joined && joined->columns.is_object()
            ? data::LabelRenaming::fromJson(joined->columns.value("label_names", json()), what)
            : data::LabelRenaming();
    if (request.label_names.empty()) return stored;
    if (task_kind != "sequence")
        throw Error(what + " is a " + task_kind + " dataset; label names are for sequence classification");
    if (joined && !(request.label_names == stored))
        throw Error(what + " names its labels " + (stored.empty() ? std::string("as they are") : stored.toJson().dump()) +
                    "; its splits share the names (rename them for the whole dataset instead)");
    return request.label_names;
}

}  // namespace

bool inheritsColumns(const DatasetRecord& dataset) {
    return dataset.task_kind == "sequence" && dataset.columns.is_object();
}

bool inheritColumns(const DatasetRecord& dataset, const std::vector<std::string>& file_columns,
                    data::ColumnMapping& mapping) {
    if (!inheritsColumns(dataset)) return false;
    bool changed = false;
    auto inherit = [&](std::optional<std::string>& role, const char* key) {
        const json& stored = dataset.columns.value(key, json());
        if (role || !stored.is_string()) return false;
        const std::string name = stored.get<std::string>();
        const bool in_file = std::find(file_columns.begin(), file_columns.end(), name) != file_columns.end();
        // A file without the label column is an unlabelled split: importDataset's checks accept it
        // as the test split and explain why it cannot be another.
        if (std::string(key) == "label" && !in_file) return false;
        role = name;
        changed = true;
        return true;
    };
    // The columns joined after an inherited text come along with it (stores before joins have none).
    auto inheritJoined = [&](std::vector<std::string>& joined, const char* key) {
        const json& stored = dataset.columns.value(key, json());
        if (!joined.empty() || !stored.is_array()) return;
        for (const json& name : stored)
            if (name.is_string()) joined.push_back(name.get<std::string>());
        const json& separator = dataset.columns.value("join_separator", json());
        if (separator.is_string()) mapping.join_separator = separator.get<std::string>();
    };
    if (inherit(mapping.text, "text")) inheritJoined(mapping.text_joined, "text_joined");
    if (inherit(mapping.text_pair, "text_pair")) inheritJoined(mapping.text_pair_joined, "text_pair_joined");
    inherit(mapping.label, "label");
    return changed;
}

namespace {

// The file again, with another mapping: read as the first reader read it (format and delimiter; a
// semicolon found by detection once became a comma here).
std::unique_ptr<data::RecordReader> reopen(const ImportRequest& request, const data::RecordReader& first,
                                           const data::ColumnMapping& mapping, data::ReadOptions options) {
    options.delimiter = first.delimiter();
    return data::openDatasetReader(request.input, first.format(), mapping, options);
}

}  // namespace

ImportSummary importDataset(ExperimentStore& store, const ImportRequest& request) {
    validate(request);
    refuseStoreFile(request.input, store.path(), "choose a dataset file");
    data::ReadOptions options;
    options.cancel = request.cancel;
    options.delimiter = request.delimiter;
    options.quoting = request.quoting;
    options.skip_bad_rows = request.skip_bad_rows;
    auto reader = data::openDatasetReader(request.input, request.format, request.mapping, options);
    data::ColumnMapping mapping = request.mapping;
    const auto existing = store.findDataset(request.name);
    FileContent content;
    if (existing && inheritColumns(*existing, reader->columns(), mapping)) {
        try {
            reader = reopen(request, *reader, mapping, options);
            content = describe(*reader, mapping);
        } catch (const data::ImportCancelled&) {
            throw;
        } catch (const Error& e) {
            throw Error(std::string(e.what()) + "; a split of dataset '" + request.name +
                        "' needs the columns it was made with (or map the columns yourself)");
        }
    } else {
        if (guessColumns(request, *reader, mapping, options))
            reader = reopen(request, *reader, mapping, options);
        content = describe(*reader, mapping);
    }
    const std::string file = reader->file();

    ImportSummary summary;
    summary.format = reader->format();
    summary.content_hash = data::contentHash(request.input);
    const std::vector<std::string> splits =
        request.validation_fraction ? std::vector<std::string>{"train", "validation"}
                                    : std::vector<std::string>{request.split};

    // What an import that failed, or a process killed while importing, left behind goes first.
    store.purgeAbandonedImports();
    const std::optional<DatasetRecord> joined = datasetToJoin(store, request, *reader, content, splits);
    const std::string task_kind = joined ? joined->task_kind : content.labelled ? content.task_kind : "corpus";
    const data::LabelRenaming renaming = labelNames(request, joined, task_kind);
    if (!joined && !renaming.empty()) content.columns["label_names"] = renaming.toJson();

    // Staged in one transaction with its dataset: another process's purge never finds a new,
    // hidden dataset without a source.
    DatasetRecord dataset;
    std::vector<DatasetSource> staged;
    {
        auto tx = store.transaction();
        if (joined) {
            dataset = *joined;
        } else {
            DatasetRecord spec;
            spec.name = request.name;
            spec.task_kind = task_kind;
            spec.format = data::formatName(reader->format());
            spec.columns = content.columns;
            dataset = store.stageDataset(spec);
        }
        DatasetSource source;
        source.path = fs::absolute(request.input).lexically_normal().string();
        source.content_hash = summary.content_hash;
        source.format = data::formatName(summary.format);
        std::vector<DatasetSource> specs;
        for (const std::string& split : splits) {
            source.split = split;
            specs.push_back(source);
        }
        staged = store.stageSources(dataset.id, specs);
        tx.commit();
    }
    std::vector<int64_t> staged_ids;
    for (const DatasetSource& source : staged) staged_ids.push_back(source.id);

    try {
        const bool is_train = request.split == "train";
        LabelCollector collector(dataset.task_kind);
        const data::LabelSet known = dataset.label_set.empty() ? data::LabelSet() : data::LabelSet(dataset.label_set);

        if (request.validation_fraction) {
            // The split needs every row's label (or document) first; the label set covers the whole
            // train file, so that the held-out rows are scored on labels the model knows. Both see
            // the original labels: names change neither the ids nor the rows held out.
            ValidationHoldOut hold_out(dataset.task_kind);
            // Each pass is half of the progress.
            std::function<void(uint64_t, uint64_t)> first, second;
            if (request.progress) {
                first = [&](uint64_t done, uint64_t total) { request.progress(done / 2, total); };
                second = [&](uint64_t done, uint64_t total) { request.progress(total / 2 + done / 2, total); };
            }
            readChunks(*reader, first, [&](std::vector<Example>& chunk) {
                collector.add(chunk);
                hold_out.add(chunk);
            });
            const std::vector<bool> held = hold_out.flags(*request.validation_fraction, request.seed, file);
            // The second pass reads the rows again and sends each to its split.
            auto again = reopen(request, *reader, mapping, options);
            const std::string changed = file + ": the file changed while it was being imported; import it again";
            size_t row = 0;
            std::vector<Example> train, validation;
            readChunks(*again, second, [&](std::vector<Example>& chunk) {
                if (row + chunk.size() > held.size()) throw Error(changed);
                for (Example& example : chunk) {
                    renaming.apply(example, file);
                    (held[row++] ? validation : train).push_back(std::move(example));
                }
                store.appendStagedRows(staged[0].id, train);
                store.appendStagedRows(staged[1].id, validation);
                summary.rows_added["train"] += static_cast<int64_t>(train.size());
                summary.rows_added["validation"] += static_cast<int64_t>(validation.size());
                train.clear();
                validation.clear();
            });
            if (row != held.size()) throw Error(changed);
            summary.skipped = again->skippedRows();
        } else {
            int64_t added = 0;
            readChunks(*reader, request.progress, [&](std::vector<Example>& chunk) {
                if (is_train) collector.add(chunk);
                for (Example& row : chunk) renaming.apply(row, file);
                if (!is_train && !known.empty())
                    for (const Example& row : chunk) checkLabels(known, row, request.split, file);
                store.appendStagedRows(staged[0].id, chunk);
                added += static_cast<int64_t>(chunk.size());
            });
            summary.rows_added = {{request.split, added}};
            summary.skipped = reader->skippedRows();
        }
        if (summary.skipped.count > 0)
            for (const int64_t id : staged_ids) store.setStagedSkippedRows(id, static_cast<int64_t>(summary.skipped.count));

        std::optional<std::vector<std::string>> labels;
        if (is_train && dataset.task_kind != "corpus") {
            // The label ids follow the original labels (1, 2, 3, 4), whatever their names.
            std::vector<std::string> named;
            const data::LabelSet original = collector.labels();
            for (const std::string& label : original.labels()) named.push_back(renaming.nameOf(label));
            const data::LabelSet training(named);
            recheckOtherSplits(store, dataset, training, summary.rows_added);
            labels = training.labels();
        }
        // A cancel that arrives after the last row still wins: nothing is published.
        if (request.cancel && request.cancel->load()) throw data::ImportCancelled(file + ": import cancelled");
        store.publishSources(staged_ids, labels, request.replace);
    } catch (...) {
        // Best effort: on a full disk this may fail too, and the next import removes the rows.
        try {
            store.abandonSources(staged_ids);
        } catch (const std::exception&) {
        }
        throw;
    }
    summary.dataset = *store.getDataset(dataset.id);
    return summary;
}

json ImportSummary::toJson() const {
    return {{"dataset", dataset.name},
            {"task_kind", dataset.task_kind},
            {"format", data::formatName(format)},
            {"rows", rows_added},
            {"total_rows", dataset.row_counts},
            {"labels", dataset.label_set},
            {"content_hash", content_hash},
            {"skipped_rows", skipped.count},
            {"skipped", skipped.first}};
}

}  // namespace bw::store
