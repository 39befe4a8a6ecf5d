#pragma once
// Which columns of a file hold the text, the second text of a pair, and the label (CSV / TSV / JSONL),
// or the token and tag columns (CoNLL), and how unmapped roles fall back to well-known column names.
#include <optional>
#include <string>
#include <vector>

namespace bw::data {

struct ColumnMapping {
    // A column name, or a 0-based column index written as a number ("0", "1"); a name wins when a
    // header literally names a column "1". Unset: the defaults below.
    std::optional<std::string> text;
    std::optional<std::string> text_pair;
    std::optional<std::string> label;
    // More columns whose cells follow the text's (the second text's), each after join_separator, as
    // for AG News' title + description. An empty cell is left out with its separator.
    std::vector<std::string> text_joined;
    std::vector<std::string> text_pair_joined;
    // A space by default: it adds no character the file lacks (". " would double the punctuation of
    // a title ending in "?" or "!"), and the tokenizer splits on it as on any word boundary.
    std::string join_separator = " ";
    // CoNLL: column of the word and of the tag; negative counts from the end (-1 = last column).
    int token_column = 0;
    int tag_column = -1;
    // CSV / TSV: whether the first row names the columns; unset = detect (see DelimitedTable).
    std::optional<bool> has_header;
};

// Defaults when a role is unmapped: the first of these names that is a column (compared without
// regard to ASCII case), in this order, so that AG News' description wins over its title. Without
// such a name, the file's first rows decide (column_guess.h): the label is the first column that looks
// like one, and the text the column of longest cells that does not (before any rows are seen: the
// first column that is not the label); text_pair stays none. The names are
// those of common datasets' files: GLUE (sentence1/2, question1/2, premise/hypothesis), MRPC's
// Microsoft release (Quality, #1 String, #2 String), BoolQ (question, passage), AG News (label,
// title, description), SNLI (gold_label).
inline const std::vector<std::string> kDefaultTextColumns = {
    "sentence", "text", "review", "content", "sentence1", "text_a", "#1 String", "question1", "premise",
    "question", "description", "document", "body", "utterance", "comment", "tweet", "title"};
inline const std::vector<std::string> kDefaultTextPairColumns = {"sentence2", "text_b", "text_pair", "#2 String",
                                                                 "question2", "hypothesis", "passage", "context"};
inline const std::vector<std::string> kDefaultLabelColumns = {"label", "labels", "sentiment", "class", "category",
                                                              "quality", "gold_label", "is_duplicate", "target", "score"};

// Column indexes a mapping resolves to; -1 = the role is not used.
struct ResolvedColumns {
    int text = 0;
    int text_pair = -1;
    int label = -1;
    std::vector<int> text_joined;  // follow `text`, as ColumnMapping::text_joined
    std::vector<int> text_pair_joined;
};

// Throws bw::Error "<file>: no column 'x' (the columns are: a, b, c)" for a column that is not there.
// `rows` (the file's first rows, one cell per column) guess the roles no name gives away.
ResolvedColumns resolveColumns(const ColumnMapping& mapping, const std::vector<std::string>& columns,
                               const std::string& file, const std::vector<std::vector<std::string>>& rows = {});
// `first` followed by each non-empty one of `more`, each after `separator` ("" cells are skipped, so
// that a row without a description keeps its title alone).
std::string joinCells(std::string first, const std::vector<const std::string*>& more, const std::string& separator);
// The index of `spec` (a name or a 0-based index) among `columns`; throws as above.
int findColumn(const std::string& spec, const std::vector<std::string>& columns, const std::string& file);
// True when `spec` is a non-negative decimal integer, i.e. addresses a column by index.
bool isColumnIndex(const std::string& spec);
// True when the mapping joins columns into the text or the second text.
bool joinsColumns(const ColumnMapping& mapping);
// True when the mapping names at least one column by name (so the file must have a header).
bool mapsColumnsByName(const ColumnMapping& mapping);

}  // namespace bw::data
