#include "core/data/conll_reader.h"

namespace bw::data {
namespace {

// Real sentences (and even unsplit documents) are far shorter; a file without blank lines would
// otherwise become one sentence held in memory whole.
constexpr size_t kMaxSentenceTokens = 100'000;

}  // namespace

void ConllReader::splitColumns(const std::string& line, std::vector<std::string>& fields) {
    fields.clear();
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
        const size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
        if (i > start) fields.emplace_back(line, start, i - start);
    }
}

BadRowError ConllReader::wrongColumnCount(const LineReader& lines, size_t expected, size_t found) {
    return BadRowError(lines.where() + ": expected " + std::to_string(expected) + " columns, found " +
                           std::to_string(found) + " (the sentence is malformed)",
                       lines.lineNumber());
}

ConllReader::LineKind ConllReader::nextLine() {
    if (!lines_.next(line_)) return LineKind::End;
    splitColumns(line_, fields_);
    if (fields_.empty()) return LineKind::Blank;
    if (isDocStart(fields_)) return LineKind::DocStart;
    if (!columns_.empty() && fields_.size() != columns_.size())
        throw wrongColumnCount(lines_, columns_.size(), fields_.size());
    return LineKind::Token;
}

ConllReader::ConllReader(const std::filesystem::path& path, const ColumnMapping& mapping, const ReadOptions& options)
    : RecordReader(path, DataFormat::Conll, options) {
    // Read ahead to the first token line: it fixes the number of columns.
    for (;;) {
        const LineKind kind = nextLine();
        if (kind == LineKind::End) return;  // no tokens: next() reports "no examples found"
        if (kind == LineKind::DocStart) ++documents_started_;
        if (kind == LineKind::Token) break;
    }
    has_pending_token_ = true;
    const int n = static_cast<int>(fields_.size());
    for (int i = 0; i < n; ++i) columns_.push_back(std::to_string(i));

    auto resolve = [&](int column, const char* role) {
        const int index = column < 0 ? n + column : column;
        if (index < 0 || index >= n)
            throw bw::Error(lines_.where() + ": the " + role + " column " + std::to_string(column) +
                            " is not there: token lines have " + std::to_string(n) + " columns");
        return index;
    };
    token_column_ = resolve(mapping.token_column, "token");
    tag_column_ = n == 1 ? -1 : resolve(mapping.tag_column, "tag");
}

// A malformed token line spoils its sentence: what is left of it is not read as another one.
void ConllReader::skipRestOfSentence() {
    for (;;) {
        LineKind kind = LineKind::Token;
        try {
            kind = nextLine();
        } catch (const BadRowError&) {  // the same sentence
            continue;
        }
        if (kind == LineKind::DocStart) ++documents_started_;
        if (kind != LineKind::Token) return;
    }
}

bool ConllReader::readNext(Example& example) {
    if (in_bad_sentence_) {
        in_bad_sentence_ = false;
        skipRestOfSentence();
    }
    try {
        return readSentence(example);
    } catch (const BadRowError&) {
        in_bad_sentence_ = true;
        throw;
    }
}

bool ConllReader::readSentence(Example& example) {
    for (;;) {
        LineKind kind = LineKind::Token;
        if (has_pending_token_) {
            has_pending_token_ = false;
        } else {
            kind = nextLine();
        }
        if (kind == LineKind::Token) {
            if (example.words.empty()) {
                example.source_line = lines_.lineNumber();
                example.document = documents_started_ > 0 ? documents_started_ - 1 : 0;
            }
            if (example.words.size() == kMaxSentenceTokens)
                throw bw::Error(lines_.where() + ": the sentence that starts at line " + std::to_string(example.source_line) +
                                " has more than " + std::to_string(kMaxSentenceTokens) +
                                " tokens; CoNLL ends each sentence with a blank line (are they missing?)");
            example.words.push_back(fields_[static_cast<size_t>(token_column_)]);
            if (tag_column_ >= 0) example.tags.push_back(fields_[static_cast<size_t>(tag_column_)]);
            continue;
        }
        if (kind == LineKind::DocStart) {
            ++documents_started_;
            if (!example.words.empty()) break;  // a document marker also ends a sentence
            continue;
        }
        if (kind == LineKind::Blank && example.words.empty()) continue;
        if (kind == LineKind::End && example.words.empty()) return false;
        break;  // blank line or end of file after a sentence
    }
    for (const auto& word : example.words) example.text += (example.text.empty() ? "" : " ") + word;
    return true;
}

}  // namespace bw::data
