#include "core/data/dataset_preview.h"

#include "core/data/conll_reader.h"
#include "core/data/delimited_reader.h"
#include "core/data/jsonl_reader.h"

#include <algorithm>

namespace bw::data {
namespace {

// A malformed row: passed over and listed when the import will skip it (true: read on); else the
// preview stops there and says why, the rows before it in view (false).
bool passOver(const BadRowError& error, const ReadOptions& options, DatasetPreview& preview) {
    if (options.skip_bad_rows) {
        preview.skipped.note(error);
        return true;
    }
    preview.bad_row = error.what();
    return false;
}

void previewDelimited(const std::filesystem::path& path, size_t n, const ColumnMapping& mapping,
                      const ReadOptions& options, DatasetPreview& preview) {
    LineReader lines(path, options.max_line_bytes);
    const DelimitedOptions table_options = DelimitedReader::tableOptions(preview.format, mapping, options);
    DelimitedTable table(lines, table_options);
    preview.delimiter = table_options.delimiter;
    preview.has_header = table.hasHeader();
    preview.columns = table.columns();
    if (preview.columns.empty()) return;
    std::vector<std::string> fields;
    uint64_t line = 0;
    while (preview.rows.size() < n) {
        try {
            if (!table.next(fields, line)) break;
        } catch (const BadRowError& e) {
            if (passOver(e, options, preview)) continue;
            break;
        }
        preview.rows.push_back(std::move(fields));
        preview.row_lines.push_back(line);
    }
    preview.mapped = resolveColumns(mapping, preview.columns, lines.file(), preview.rows);
}

// One JSON Lines object as the preview shows it (a cell per column, nested values as JSON, missing
// keys as ""), kept to be read by the mapping once the first rows have resolved it.
struct JsonRow {
    nlohmann::ordered_json object;
    std::vector<std::string> cells;
    uint64_t line = 0;
};

// The next object as a row under `columns` (named by the first object when empty); false at the end.
// Throws BadRowError for a line that is not an object, as JsonlReader does.
bool nextJsonRow(LineReader& lines, std::string& buffer, std::vector<std::string>& columns, JsonRow& row) {
    row = JsonRow{};
    if (!JsonlReader::nextObject(lines, row.object, buffer)) return false;
    if (columns.empty()) {  // the first object names the columns, as for JsonlReader
        for (const auto& item : row.object.items()) columns.push_back(item.key());
        if (columns.empty()) throw bw::Error(lines.where() + ": the first object has no keys");
    }
    row.line = lines.lineNumber();
    for (const auto& key : columns) {
        const auto it = row.object.find(key);
        if (it == row.object.end()) row.cells.emplace_back();
        else if (it->is_structured()) row.cells.push_back(it->dump());
        else row.cells.push_back(JsonlReader::scalarText(*it, lines, row.line, key));
    }
    return true;
}

void previewJsonl(const std::filesystem::path& path, size_t n, const ColumnMapping& mapping,
                  const ReadOptions& options, DatasetPreview& preview) {
    LineReader lines(path, options.max_line_bytes);
    std::string buffer;
    // Malformed rows: line, message. Past kListed, in a file of garbage, only counted: the reasons
    // shown are the first few, and those are among the first kListed lines and the first n rows.
    constexpr size_t kListed = 1000;
    std::vector<std::pair<uint64_t, std::string>> bad;
    uint64_t unlisted = 0;
    const auto noteBad = [&](uint64_t line, std::string message, bool always) {
        if (always || bad.size() < kListed) bad.emplace_back(line, std::move(message));
        else ++unlisted;
    };
    // The next object as a row; false at the end, or at a malformed line unless skipping (noted).
    const auto next = [&](JsonRow& row) {
        for (;;) {
            try {
                return nextJsonRow(lines, buffer, preview.columns, row);
            } catch (const BadRowError& e) {
                noteBad(e.line(), e.what(), false);
                if (!options.skip_bad_rows) return false;
            }
        }
    };
    // The first n objects guess the roles the mapping leaves open, as the import's guess does.
    std::vector<JsonRow> first;
    for (JsonRow row; first.size() < n && next(row);) first.push_back(std::move(row));
    if (!preview.columns.empty()) {
        for (const JsonRow& row : first) preview.rows.push_back(row.cells);
        preview.mapped = resolveColumns(mapping, preview.columns, lines.file(), preview.rows);
        preview.rows.clear();
        // Rows the mapping cannot read are malformed too, as JsonlReader finds them. Skipping, the
        // preview reads on until it has n rows to show, so that fewer means the whole file.
        const bool reads_on = first.size() == n && options.skip_bad_rows;
        size_t index = 0;
        JsonRow later;
        while (preview.rows.size() < n) {
            JsonRow* row = nullptr;
            if (index < first.size()) row = &first[index++];
            else if (reads_on && next(later)) row = &later;
            else break;
            try {  // as the import reads it
                Example example;
                JsonlReader::readObject(row->object, preview.columns, preview.mapped, mapping.join_separator, lines,
                                        row->line, example);
            } catch (const BadRowError& e) {
                noteBad(row->line, e.what(), row != &later);  // the first rows' always: they may come first
                if (!options.skip_bad_rows) break;
                continue;
            }
            preview.rows.push_back(std::move(row->cells));
            preview.row_lines.push_back(row->line);
        }
    }
    std::sort(bad.begin(), bad.end());
    for (const auto& [line, message] : bad)
        if (!passOver(BadRowError(message, line), options, preview)) break;  // the first one stops the preview
    if (options.skip_bad_rows) preview.skipped.count += unlisted;
}

void previewConll(const std::filesystem::path& path, size_t n, const ColumnMapping& mapping,
                  const ReadOptions& options, DatasetPreview& preview) {
    LineReader lines(path, options.max_line_bytes);
    std::string line;
    std::vector<std::string> fields;
    size_t sentence_start = 0;     // index of the current sentence's first row
    bool in_bad_sentence = false;  // skipped, as ConllReader skips it, up to its end
    while (preview.rows.size() < n && lines.next(line)) {
        ConllReader::splitColumns(line, fields);
        if (fields.empty() || ConllReader::isDocStart(fields)) {
            sentence_start = preview.rows.size();
            in_bad_sentence = false;
            continue;
        }
        if (in_bad_sentence) continue;
        if (preview.columns.empty()) {
            for (size_t i = 0; i < fields.size(); ++i) preview.columns.push_back(std::to_string(i));
            const int count = static_cast<int>(fields.size());
            auto resolve = [&](int column) {
                const int index = column < 0 ? count + column : column;
                return index >= 0 && index < count ? index : -1;
            };
            preview.mapped.text = resolve(mapping.token_column);
            preview.mapped.label = count == 1 ? -1 : resolve(mapping.tag_column);
        }
        if (fields.size() != preview.columns.size()) {
            if (!passOver(ConllReader::wrongColumnCount(lines, preview.columns.size(), fields.size()), options, preview))
                break;
            preview.rows.resize(sentence_start);
            preview.row_lines.resize(sentence_start);
            in_bad_sentence = true;
            continue;
        }
        preview.rows.push_back(fields);
        preview.row_lines.push_back(lines.lineNumber());
    }
}

void previewPlainText(const std::filesystem::path& path, size_t n, const ReadOptions& options,
                      DatasetPreview& preview) {
    LineReader lines(path, options.max_line_bytes);
    std::string line;
    preview.columns = {"text"};
    preview.mapped = ResolvedColumns{};
    while (preview.rows.size() < n && lines.next(line)) {
        const size_t first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos) continue;
        const size_t last = line.find_last_not_of(" \t\r");
        preview.rows.push_back({line.substr(first, last - first + 1)});
        preview.row_lines.push_back(lines.lineNumber());
    }
}

}  // namespace

DatasetPreview previewRows(const std::filesystem::path& path, DataFormat format, size_t n,
                           const ColumnMapping& mapping, const ReadOptions& options) {
    DatasetPreview preview;
    ReadOptions effective = options;
    if (format == DataFormat::Auto) {
        const FormatGuess guess = detectFormat(path);
        format = guess.format;
        if (!effective.delimiter) effective.delimiter = guess.delimiter;
    }
    preview.format = format;
    preview.total_bytes = LineReader(path).totalBytes();
    switch (format) {
    case DataFormat::Csv:
    case DataFormat::Tsv: previewDelimited(path, n, mapping, effective, preview); break;
    case DataFormat::Jsonl: previewJsonl(path, n, mapping, effective, preview); break;
    case DataFormat::Conll: previewConll(path, n, mapping, effective, preview); break;
    case DataFormat::PlainText:
    case DataFormat::Auto: previewPlainText(path, n, effective, preview); break;
    }
    return preview;
}

}  // namespace bw::data
