// Dataset files as the import reads them (core/data: format detection, LineReader, the CSV / TSV,
// JSONL, CoNLL and plain-text readers, and the import dialog's preview). The first byte picks the
// format, quoting, column mapping, reader and whether malformed rows are skipped; the rest is the
// file. A small line limit (1 KiB) lets the fuzzer reach the limits. Examples must come in file
// order, from lines that exist, as UTF-8; a read that skips malformed rows never stops at one.
#include "core/data/dataset_preview.h"
#include "core/data/line_reader.h"
#include "core/data/record_reader.h"
#include "core/runtime/error.h"
#include "fuzz_scratch.h"

#include <algorithm>
#include <string>

using namespace bw::data;

namespace {

struct Choice {
    DataFormat format;
    const char* file;
};
const Choice kChoices[] = {
    {DataFormat::Auto, "data.txt"}, {DataFormat::Auto, "data.csv"},  {DataFormat::Csv, "data.csv"},
    {DataFormat::Tsv, "data.tsv"},  {DataFormat::Jsonl, "data.jsonl"}, {DataFormat::Conll, "data.conll"},
    {DataFormat::PlainText, "data.txt"}, {DataFormat::Auto, "data.jsonl"},
};
const Quoting kQuotings[] = {Quoting::Auto, Quoting::Rfc4180, Quoting::None, Quoting::Auto};

void checkText(const std::string& text, const char* what) {
    if (findInvalidUtf8(text) != std::string::npos) bw::fuzz::invariantBroken(std::string(what) + " is not UTF-8");
}

void readAll(const std::filesystem::path& path, DataFormat format, const ColumnMapping& mapping,
             const ReadOptions& options, uint64_t lines) {
    const auto reader = openDatasetReader(path, format, mapping, options);
    Example example;
    uint64_t previous = 0;
    for (;;) {
        try {
            if (!reader->next(example)) break;
        } catch (const BadRowError& e) {
            if (options.skip_bad_rows) bw::fuzz::invariantBroken("a malformed row stopped a read that skips them");
            throw;
        }
        if (example.source_line < std::max<uint64_t>(previous, 1) || example.source_line > lines)
            bw::fuzz::invariantBroken("example from line " + std::to_string(example.source_line) + " after line " +
                                      std::to_string(previous) + " of " + std::to_string(lines));
        previous = example.source_line;
        checkText(example.text, "a text");
        checkText(example.label, "a label");
        if (example.text_pair) checkText(*example.text_pair, "a text pair");
        if (!example.tags.empty() && example.tags.size() != example.words.size())
            bw::fuzz::invariantBroken("words and tags differ in number");
        if (reader->bytesRead() > reader->totalBytes()) bw::fuzz::invariantBroken("read past the end of the file");
    }
}

void preview(const std::filesystem::path& path, DataFormat format, const ColumnMapping& mapping,
             const ReadOptions& options, uint64_t lines) {
    const DatasetPreview p = previewRows(path, format, 20, mapping, options);
    if (p.rows.size() != p.row_lines.size() || p.rows.size() > 20) bw::fuzz::invariantBroken("preview rows miscounted");
    if (options.skip_bad_rows && !p.bad_row.empty()) bw::fuzz::invariantBroken("a preview that skips stopped at a row");
    for (size_t i = 0; i < p.rows.size(); ++i) {
        if (p.row_lines[i] < 1 || p.row_lines[i] > lines) bw::fuzz::invariantBroken("preview row from no line");
        if (p.rows[i].size() != p.columns.size())
            bw::fuzz::invariantBroken("a preview row has " + std::to_string(p.rows[i].size()) + " cells for " +
                                      std::to_string(p.columns.size()) + " columns");
        for (const std::string& cell : p.rows[i]) checkText(cell, "a preview cell");
    }
    // A JSON Lines preview that read the whole file shows the rows the import reads, and stops where
    // the import stops (with the same words).
    if (p.format != DataFormat::Jsonl || p.rows.size() >= 20 || p.columns.empty()) return;
    // Roles the mapping leaves open are read by the names the preview guessed, as importDataset does.
    ColumnMapping guessed = mapping;
    if (!guessed.text && p.mapped.text >= 0) guessed.text = p.columns[static_cast<size_t>(p.mapped.text)];
    if (!guessed.label && p.mapped.label >= 0) guessed.label = p.columns[static_cast<size_t>(p.mapped.label)];
    std::vector<uint64_t> imported;
    uint64_t reader_skipped = 0;
    std::string refused;
    try {
        const auto reader = openDatasetReader(path, DataFormat::Jsonl, guessed, options);
        Example example;
        while (reader->next(example)) imported.push_back(example.source_line);
        reader_skipped = reader->skippedRows().count;
    } catch (const bw::Error& e) {
        refused = e.what();
    }
    if (!p.bad_row.empty()) {
        if (refused != p.bad_row)
            bw::fuzz::invariantBroken("the preview stops at \"" + p.bad_row + "\", the import at \"" + refused + "\"");
    } else if (refused.empty() && imported != p.row_lines) {
        bw::fuzz::invariantBroken("the preview shows other rows than the import reads");
    } else if (refused.empty() && options.skip_bad_rows && reader_skipped != p.skipped.count) {
        bw::fuzz::invariantBroken("the preview skips " + std::to_string(p.skipped.count) + " rows, the import " +
                                  std::to_string(reader_skipped));
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const uint8_t how = data[0];
    const Choice& choice = kChoices[how & 7];
    ReadOptions options;
    options.quoting = kQuotings[(how >> 3) & 3];
    options.max_line_bytes = 1024;
    options.skip_bad_rows = (how & 0x80) != 0;
    ColumnMapping mapping;
    if (how & 0x20) {  // by index, no header: what the import dialog sets for a headerless file
        mapping.has_header = false;
        mapping.text = "0";
        mapping.label = "1";
        mapping.token_column = -2;
        mapping.tag_column = 1;
    }
    const auto path = bw::fuzz::writeScratchFile(choice.file, data + 1, size - 1);
    const uint64_t lines = 1 + std::count(data + 1, data + size, '\n');
    try {
        if (how & 0x40)
            preview(path, choice.format, mapping, options, lines);
        else
            readAll(path, choice.format, mapping, options, lines);
        bw::fuzz::noteAccepted();
    } catch (const bw::Error& e) {
        bw::fuzz::noteRefused(e);
    }
    return 0;
}
