#pragma once
// Importing a dataset file into the experiment store: one file becomes one split (or, with a
// validation fraction, a stratified train + validation pair) of a named dataset, all in one
// transaction, so a bad row, an unknown label or a cancel leaves the store exactly as it was.
//
//   ImportRequest request;
//   request.input = "train.tsv"; request.name = "sst2";
//   importDataset(store, request);                    // creates "sst2" with its train split
//   request.input = "dev.tsv"; request.split = "validation";
//   importDataset(store, request);                    // adds the validation split
//
// The task kind comes from the data: CoNLL -> token, plain text -> corpus, CSV / TSV / JSONL ->
// sequence; a file without labels (no label column, a CoNLL file without a tag column) starts a
// corpus. Once a dataset has a train split, the labels of its other splits must be among the
// training labels; an unlabelled file may still become the test split (rows to predict).
//
// A split added to an existing dataset reads the columns the dataset was made with (text, second
// text, label, by name), unless the request maps a role itself: a file without them is refused
// with the columns it has, so a pair dataset never gets a split of single sentences. A new dataset's
// roles left unmapped are guessed from the file's first rows as the import dialog guesses them
// (column names first, then a column that looks like labels: data::resolveColumns).
#include "core/data/column_mapping.h"
#include "core/data/data_format.h"
#include "core/data/label_renaming.h"
#include "core/data/record_reader.h"
#include "core/store/experiment_store.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bw::store {

struct ImportRequest {
    std::filesystem::path input;
    std::string name;  // the dataset: created when missing, otherwise the split is added to it
    data::DataFormat format = data::DataFormat::Auto;
    data::ColumnMapping mapping;
    // Csv / Tsv: the field delimiter (0: ',' for csv, a tab for tsv, detected with Auto) and whether
    // fields may be quoted (Auto: quoted in CSV, not in TSV).
    char delimiter = 0;
    data::Quoting quoting = data::Quoting::Auto;
    // Skip malformed rows (data::BadRowError: wrong field count, a line that is not a JSON object, a
    // CoNLL sentence with a short line) instead of refusing the file; they are counted in the summary
    // and with the split's source. Problems of the file as a whole (invalid UTF-8, an unclosed
    // quote) still refuse it.
    bool skip_bad_rows = false;
    std::string split = "train";  // train | validation | test
    // Only with split "train": hold out this share of the file (stratified by label, whole
    // documents for a corpus) as the validation split.
    std::optional<double> validation_fraction;
    uint64_t seed = 42;  // of the stratified split
    // The split (or train + validation with a fraction) already has rows: replace them, in the same
    // transaction, instead of refusing.
    bool replace = false;
    // Names for the labels (sequence datasets): each row's label is stored as its name. Unset: those
    // the dataset was given when it was made (its splits share them), or none.
    data::LabelRenaming label_names;
    const std::atomic<bool>* cancel = nullptr;  // set it to stop; throws data::ImportCancelled
    // Bytes of the input read so far, of its size: every 1000 rows and once at the end.
    std::function<void(uint64_t done, uint64_t total)> progress;
};

struct ImportSummary {
    DatasetRecord dataset;                      // as stored after the import (all its row counts)
    std::map<std::string, int64_t> rows_added;  // split -> rows this import added
    data::DataFormat format = data::DataFormat::Auto;  // the format read (detected for Auto)
    std::string content_hash;                   // of the input file (data::contentHash)
    data::SkippedRows skipped;                  // with skip_bad_rows

    // {"dataset", "task_kind", "format", "rows": {split: added}, "total_rows": {split: rows},
    //  "labels": [...], "content_hash", "skipped_rows": N, "skipped": ["<file>:<line>: ...", ...]}
    nlohmann::json toJson() const;
};

// Throws bw::Error (store untouched) for: a file that cannot be read or has bad rows ("<file>:<line>:
// ...", unless skip_bad_rows and they are malformed rows), an empty file ("<file>: no examples found"), a task kind other than the existing dataset's,
// a split that already has rows (unless `replace`), a file without the dataset's columns or with a
// second text the dataset does not have, a label outside the training labels ("validation label 'x' at
// <file>:<line> was not in the training labels (...)"), a validation fraction outside (0, 1) or
// with a split other than train, label names for a token or corpus dataset or other than the
// dataset's, a label that is also another's new name. data::ImportCancelled when `cancel` was set.
ImportSummary importDataset(ExperimentStore& store, const ImportRequest& request);

// The rule behind "a split added to an existing dataset reads the columns the dataset was made
// with", in one place for importDataset and the import dialog (which shows the columns it will read).
// Whether `dataset` passes its columns on: a sequence dataset that stored them.
bool inheritsColumns(const DatasetRecord& dataset);
// Each role `mapping` leaves unmapped reads the dataset's column of that role, by name, whether the
// file has it or not (so a file without it is refused, naming it); except the label: a file without
// the label column stays unlabelled (it may be the test split). An inherited text (second text) brings
// the columns joined after it and their separator. True when the mapping changed.
bool inheritColumns(const DatasetRecord& dataset, const std::vector<std::string>& file_columns,
                    data::ColumnMapping& mapping);

}  // namespace bw::store
