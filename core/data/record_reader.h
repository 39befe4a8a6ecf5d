#pragma once
// Streaming dataset readers with one interface, whatever the file format: a RecordReader hands out
// one Example at a time, knows the file's columns, and reports progress as bytes read of the file
// size. Files larger than memory are fine: nothing but the current record (and, for CSV / TSV, the
// first rows while detecting a header) is held.
#include "core/data/bad_row.h"
#include "core/data/column_mapping.h"
#include "core/data/data_format.h"
#include "core/data/example.h"
#include "core/data/line_reader.h"
#include "core/runtime/error.h"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace bw::data {

// Thrown by RecordReader::next() when the cancel flag is set: "<file>: import cancelled at line N".
// A bw::Error, so code that only reports errors shows it as it stands; catch it first to tell a
// user's cancel from bad input.
class ImportCancelled : public bw::Error {
public:
    using bw::Error::Error;
};

enum class Quoting {
    Auto,     // RFC 4180 for Csv; none for Tsv, whose files in the wild (GLUE, IMDB, ChnSentiCorp) leave
              // quotes unescaped: reading them with quoting would merge rows or drop quote characters
    Rfc4180,  // quoted fields, doubled quotes, delimiters and line breaks inside quotes
    None,     // every '"' is text
};

// "auto", "rfc4180" or "none" (the CLI's --quoting); nullopt for anything else.
std::optional<Quoting> parseQuoting(const std::string& name);

struct ReadOptions {
    Quoting quoting = Quoting::Auto;
    char delimiter = 0;                         // Csv / Tsv: 0 = by format (',' or as detected; '\t')
    const std::atomic<bool>* cancel = nullptr;  // checked before each record
    // The longest line, and the longest row a quoted field spreads over lines: past it a read stops
    // with the file, the line and the limit (a smaller one in tests and the fuzz harness).
    size_t max_line_bytes = kMaxLineBytes;
    // Skip malformed rows (BadRowError) and count them, instead of stopping at the first one
    // (pandas' and Hugging Face datasets' on_bad_lines="skip").
    bool skip_bad_rows = false;
    // Called by readExamples every 1000 examples and once at the end.
    std::function<void(uint64_t bytes_read, uint64_t total_bytes)> progress;
};

class RecordReader {
public:
    virtual ~RecordReader() = default;
    RecordReader(const RecordReader&) = delete;
    RecordReader& operator=(const RecordReader&) = delete;

    // The next example; false at the end of the file. Throws bw::Error "<file>:<line>: ..." for bad
    // input (BadRowError for a malformed row, unless skip_bad_rows), "<file>: no examples found" when
    // the file ends before its first example, and ImportCancelled when the cancel flag is set.
    bool next(Example& example);

    // Column names (CSV/TSV header or "0", "1", ...; JSONL keys of the first object; CoNLL "0".."N-1";
    // plain text "text").
    virtual const std::vector<std::string>& columns() const = 0;
    uint64_t bytesRead() const { return lines_.bytesRead(); }
    uint64_t totalBytes() const { return lines_.totalBytes(); }
    uint64_t examplesRead() const { return examples_read_; }
    const SkippedRows& skippedRows() const { return skipped_; }  // with skip_bad_rows
    DataFormat format() const { return format_; }
    // Csv / Tsv: the field delimiter read with (detected or given); 0 for other formats.
    virtual char delimiter() const { return 0; }
    const std::string& file() const { return lines_.file(); }

protected:
    RecordReader(const std::filesystem::path& path, DataFormat format, const ReadOptions& options);
    // The next example, or false at the end; `example` arrives reset to an empty Example.
    virtual bool readNext(Example& example) = 0;
    // For a reader that reads rows ahead of next() (the first JSON object): skip one as next() would.
    bool skipsBadRows() const { return skip_bad_rows_; }
    void noteSkipped(const BadRowError& error) { skipped_.note(error); }

    LineReader lines_;

private:
    DataFormat format_;
    const std::atomic<bool>* cancel_;
    bool skip_bad_rows_;
    uint64_t examples_read_ = 0;
    SkippedRows skipped_;
};

// Opens a reader for `path`. DataFormat::Auto detects the format (detectFormat). Throws bw::Error
// when the file cannot be opened, or a mapped column is not there ("no column 'x' (the columns are:
// ...)").
std::unique_ptr<RecordReader> openDatasetReader(const std::filesystem::path& path,
                                                DataFormat format = DataFormat::Auto,
                                                const ColumnMapping& mapping = {}, const ReadOptions& options = {});

// Reads the whole file into memory (for datasets that fit; a pretraining corpus should stream).
std::vector<Example> readExamples(const std::filesystem::path& path, DataFormat format = DataFormat::Auto,
                                  const ColumnMapping& mapping = {}, const ReadOptions& options = {});

}  // namespace bw::data
