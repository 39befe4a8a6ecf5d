#pragma once
// The first rows of a file as the import dialog shows them: the detected format, delimiter and
// header, the columns, raw cells, and which columns the mapping (or its defaults) picks.
#include "core/data/column_mapping.h"
#include "core/data/data_format.h"
#include "core/data/record_reader.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace bw::data {

struct DatasetPreview {
    DataFormat format = DataFormat::PlainText;  // the detected one when asked for Auto
    char delimiter = 0;                         // Csv / Tsv
    bool has_header = false;                    // Csv / Tsv: the first row names the columns
    std::vector<std::string> columns;
    // Up to n raw rows, one cell per column: CSV/TSV data rows, JSONL values (nested values as JSON,
    // missing keys as ""), CoNLL token lines, plain-text lines.
    std::vector<std::vector<std::string>> rows;
    std::vector<uint64_t> row_lines;  // 1-based line each row starts on
    // Columns the mapping resolves to (-1 = none), roles it leaves unset guessed from these rows as
    // well as from the column names (resolveColumns). CoNLL: text = token column, label = tag column.
    ResolvedColumns mapped;
    uint64_t total_bytes = 0;
    // A malformed row among them (BadRowError): the preview stops there, with the rows before it,
    // and says why, as the import would ("<file>:<line>: ...").
    std::string bad_row;
    // With ReadOptions::skip_bad_rows, the malformed rows passed over instead (a CoNLL sentence
    // whole, as the reader skips it).
    SkippedRows skipped;
};

// Throws bw::Error for the same bad input the readers reject within those rows, other than a
// malformed row (bad_row), and for a mapped column that is not there. An empty file gives no
// columns and no rows.
DatasetPreview previewRows(const std::filesystem::path& path, DataFormat format, size_t n,
                           const ColumnMapping& mapping = {}, const ReadOptions& options = {});

}  // namespace bw::data
