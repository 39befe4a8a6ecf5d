#pragma once
// CoNLL files (CoNLL-2003 NER: "word POS chunk NER") as Examples, one per sentence: one token per
// line with whitespace-separated columns, a blank line ends a sentence, "-DOCSTART-" lines start a
// new document and are not tokens. Example.words / tags come from ColumnMapping::token_column /
// tag_column (negative = from the end); text is the words joined by single spaces; document is the
// 0-based index of the -DOCSTART- document (0 when the file has none). A file with one column has
// words and no tags. Every token line must have as many columns as the first one: a sentence with
// one that has not is malformed (BadRowError), and skipped whole when bad rows are skipped.
#include "core/data/record_reader.h"

namespace bw::data {

class ConllReader : public RecordReader {
public:
    ConllReader(const std::filesystem::path& path, const ColumnMapping& mapping, const ReadOptions& options);

    const std::vector<std::string>& columns() const override { return columns_; }
    int tokenColumn() const { return token_column_; }
    int tagColumn() const { return tag_column_; }  // -1: the file has no tag column

    static bool isDocStart(const std::vector<std::string>& fields) {
        return !fields.empty() && fields[0] == "-DOCSTART-";
    }
    // Splits a line at runs of spaces and tabs.
    static void splitColumns(const std::string& line, std::vector<std::string>& fields);
    // The token line `lines` last read has `found` columns where the file's have `expected`.
    static BadRowError wrongColumnCount(const LineReader& lines, size_t expected, size_t found);

private:
    enum class LineKind { Token, Blank, DocStart, End };
    LineKind nextLine();  // fills fields_ for a token line
    bool readNext(Example& example) override;
    bool readSentence(Example& example);
    void skipRestOfSentence();

    std::vector<std::string> columns_;
    int token_column_ = 0;
    int tag_column_ = -1;
    std::vector<std::string> fields_;
    bool has_pending_token_ = false;  // fields_ holds a token line read ahead
    bool in_bad_sentence_ = false;    // a malformed line was thrown: the rest of its sentence goes too
    int64_t documents_started_ = 0;
    std::string line_;
};

}  // namespace bw::data
