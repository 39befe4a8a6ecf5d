#pragma once
// The file formats a dataset can be imported from, and how a format is recognised: from the
// extension first, then by sniffing the first lines (64 KiB) of the file. An explicit format always
// wins over detection.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace bw::data {

enum class DataFormat {
    Auto,       // detect from the extension and the content
    Csv,        // comma-separated (or ';'), RFC 4180 quoting
    Tsv,        // tab-separated
    Jsonl,      // JSON Lines: one object per line
    Conll,      // one token per line, whitespace-separated columns, blank line between sentences
    PlainText,  // one sentence per line, blank line between documents (pretraining corpus)
};

// "auto", "csv", "tsv", "jsonl", "conll", "text".
std::string formatName(DataFormat format);
// Accepts the names above (and "json", "txt", "plain"); nullopt for anything else.
std::optional<DataFormat> parseFormat(std::string_view name);

struct FormatGuess {
    DataFormat format = DataFormat::PlainText;
    char delimiter = 0;  // ',' ';' or '\t' for Csv / Tsv, 0 otherwise
};

// Detection rules, in order:
//  - extension .csv -> Csv (delimiter ',' or, when the first line has none, ';' or tab -> Tsv);
//    .tsv -> Tsv (Conll when its lines pass the Conll rule below); .jsonl .ndjson .json -> Jsonl; .conll .conllu .iob .bio -> Conll;
//  - any other extension (.txt, none, ...) is sniffed on its first lines:
//    every non-blank line starts with '{' -> Jsonl;
//    token lines all have the same number (2..10) of whitespace-separated columns and are grouped by
//    blank lines or -DOCSTART-, some group holding two or more lines (one-line groups are
//    paragraphs) -> Conll;
//    every line has the same number (>= 1) of tabs -> Tsv;
//    at least 2 records (quote-aware) with the same number (>= 2) of ',' (or ';') fields, not every
//    delimiter followed by a space (prose) -> Csv;
//    otherwise -> PlainText (also for an empty file).
// Throws bw::Error when the file cannot be opened.
FormatGuess detectFormat(const std::filesystem::path& path);

// The delimiter of a Csv / Tsv format ('\t' for Tsv, ',' for Csv), 0 for other formats.
char defaultDelimiter(DataFormat format);

}  // namespace bw::data
