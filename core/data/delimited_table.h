#pragma once
// The rows of a CSV / TSV file as raw fields: RFC 4180 quoting (quoted fields with delimiters,
// doubled quotes and line breaks inside), a header row or not, and the same number of fields on
// every row. Streams through a LineReader; only the first rows are held back to detect the header.
#include "core/data/line_reader.h"

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace bw::data {

struct DelimitedOptions {
    char delimiter = ',';
    // RFC 4180: a field that starts with '"' is quoted; inside it '""' is a quote, and delimiters and
    // line breaks are text. A '"' inside an unquoted field is kept as it is (as Python's csv does).
    // Off: every '"' is text (GLUE-style TSV files such as SST-2, IMDB and ChnSentiCorp).
    bool quoting = true;
    // Whether the first row names the columns; unset = detect:
    //  1. yes when `header_required` (the mapping names columns by name);
    //  2. yes when a cell of the first row is a well-known column name (sentence, text, label, ...,
    //     compared without regard to case);
    //  3. looking at the next rows (up to 20): yes when a column holds only numbers below a first
    //     cell that is not a number, or when a column has few distinct values (2 .. rows/4, with at
    //     least 8 rows) and the first cell is not one of them (a label column under its name);
    //  4. otherwise no.
    std::optional<bool> has_header;
    bool header_required = false;
};

class DelimitedTable {
public:
    // Reads the first rows. Throws bw::Error for bad input (see next()).
    DelimitedTable(LineReader& lines, DelimitedOptions options);

    // Column names: the header's cells, or "0", "1", ... without a header. Empty for an empty file.
    const std::vector<std::string>& columns() const { return columns_; }
    bool hasHeader() const { return has_header_; }

    // The next data row and the line it starts on; false at the end. Blank lines are skipped.
    // Throws BadRowError "<file>:<line>: expected N fields, found M" for a ragged row (unless it looks
    // quoted and quoting is off: that is the setting's fault, a SettingHintError) and for text after
    // a closing quote; bw::Error "<file>:<line>: unterminated quoted field ..." naming the line where
    // the quote opened. A quoted field, and a row of several, may span lines up to the line reader's
    // limit, not beyond.
    bool next(std::vector<std::string>& fields, uint64_t& line);

private:
    struct Row {
        std::vector<std::string> fields;
        uint64_t line = 0;
        std::string bad;  // a malformed row read ahead: next() throws it as a BadRowError
    };
    bool parseRow(Row& row);  // one record, without the field-count check
    bool detectHeader(const Row& first);

    LineReader& lines_;
    DelimitedOptions options_;
    std::vector<std::string> columns_;
    bool has_header_ = false;
    std::deque<Row> pending_;  // rows read ahead for header detection
    std::string line_;
};

}  // namespace bw::data
