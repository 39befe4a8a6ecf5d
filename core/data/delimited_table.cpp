#include "core/data/delimited_table.h"

#include "core/data/bad_row.h"
#include "core/data/column_mapping.h"
#include "core/runtime/error.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace bw::data {
namespace {

constexpr size_t kHeaderLookahead = 20;

bool isBlankLine(const std::string& line) {
    return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\r'; });
}

// A decimal number: [+-]digits[.digits][e[+-]digits] (also ".5" and "5.").
bool isNumber(const std::string& s) {
    size_t i = 0;
    auto digits = [&] {
        const size_t start = i;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
        return i - start;
    };
    while (i < s.size() && s[i] == ' ') ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t mantissa = digits();
    if (i < s.size() && s[i] == '.') {
        ++i;
        mantissa += digits();
    }
    if (mantissa == 0) return false;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
        if (digits() == 0) return false;
    }
    while (i < s.size() && s[i] == ' ') ++i;
    return i == s.size();
}

bool isWellKnownColumnName(const std::string& cell) {
    static const std::set<std::string> kNames = [] {
        std::set<std::string> names = {"id", "idx", "index", "qid", "title", "question", "answer", "premise",
                                       "hypothesis", "tokens", "tags", "ner_tags", "label_text"};
        for (const auto* list : {&kDefaultTextColumns, &kDefaultTextPairColumns, &kDefaultLabelColumns})
            names.insert(list->begin(), list->end());
        return names;
    }();
    std::string lower = cell;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return kNames.count(lower) > 0;
}

}  // namespace

DelimitedTable::DelimitedTable(LineReader& lines, DelimitedOptions options)
    : lines_(lines), options_(options) {
    Row first;
    try {
        if (!parseRow(first)) return;  // empty file: no columns
    } catch (const BadRowError& e) {
        // The first row names the columns, or fixes how many there are: without it no row reads.
        throw bw::Error(e.what());
    }
    has_header_ = options_.has_header ? *options_.has_header : detectHeader(first);
    if (has_header_) {
        columns_ = first.fields;
    } else {
        for (size_t i = 0; i < first.fields.size(); ++i) columns_.push_back(std::to_string(i));
        pending_.push_front(std::move(first));
    }
}

bool DelimitedTable::detectHeader(const Row& first) {
    if (options_.header_required) return true;
    if (std::any_of(first.fields.begin(), first.fields.end(), isWellKnownColumnName)) return true;

    while (pending_.size() < kHeaderLookahead) {
        Row row;
        try {
            if (!parseRow(row)) break;
        } catch (const BadRowError& e) {  // reported by next() in its turn, where it can be skipped
            row.fields.clear();
            row.bad = e.what();
            row.line = e.line();
        }
        pending_.push_back(std::move(row));
    }
    if (pending_.empty()) return false;
    for (size_t column = 0; column < first.fields.size(); ++column) {
        const std::string& head = first.fields[column];
        if (head.empty()) continue;
        bool all_numbers = true, any_number = false;
        std::set<std::string> values;
        for (const auto& row : pending_) {
            if (!row.bad.empty()) continue;
            if (column >= row.fields.size()) return false;  // ragged: next() reports it
            const std::string& value = row.fields[column];
            if (value.empty()) continue;  // a missing value says nothing of the column's kind
            const bool number = isNumber(value);
            all_numbers = all_numbers && number;
            any_number = any_number || number;
            values.insert(value);
        }
        if (all_numbers && any_number && !isNumber(head)) return true;
        const bool categorical = pending_.size() >= 8 && values.size() >= 2 && values.size() <= pending_.size() / 4;
        if (categorical && values.count(head) == 0) return true;
    }
    return false;
}

bool DelimitedTable::parseRow(Row& row) {
    do {
        if (!lines_.next(line_)) return false;
    } while (isBlankLine(line_));
    row.line = lines_.lineNumber();
    row.fields.clear();
    const char delimiter = options_.delimiter;

    if (!options_.quoting) {
        size_t start = 0;
        for (;;) {
            const size_t end = line_.find(delimiter, start);
            if (end == std::string::npos) break;
            row.fields.emplace_back(line_, start, end - start);
            start = end + 1;
        }
        row.fields.emplace_back(line_, start);
        return true;
    }

    size_t i = 0;
    size_t row_bytes = 0;  // of the fields read so far
    for (;;) {
        if (i < line_.size() && line_[i] == '"') {
            const uint64_t opened = lines_.lineNumber();
            std::string field;
            ++i;
            for (;;) {
                const size_t quote = line_.find('"', i);
                if (quote == std::string::npos) {  // the field goes on on the next line
                    field.append(line_, i, std::string::npos);
                    field.append(lines_.terminator());
                    // An unclosed quote would otherwise take the rest of the file into one field.
                    if (field.size() > lines_.maxLineBytes())
                        throw bw::Error(lines_.where(opened) + ": the quoted field opened on this line is longer than " +
                                        byteLimitText(lines_.maxLineBytes()) +
                                        ", the limit for one row: its closing quote is probably missing");
                    // Several quoted fields, each under the limit, must not add up to a row above it.
                    if (row_bytes + field.size() > lines_.maxLineBytes())
                        throw bw::Error(lines_.where(row.line) + ": the row starting on this line is longer than " +
                                        byteLimitText(lines_.maxLineBytes()) +
                                        ", the limit for one row: a closing quote is probably missing");
                    if (lines_.terminator().empty() || !lines_.next(line_))
                        throw bw::Error(lines_.where(opened) +
                                        ": unterminated quoted field: the quote opened on this line never closes");
                    i = 0;
                    continue;
                }
                field.append(line_, i, quote - i);
                if (quote + 1 < line_.size() && line_[quote + 1] == '"') {
                    field += '"';
                    i = quote + 2;
                    continue;
                }
                i = quote + 1;
                break;
            }
            row_bytes += field.size();
            row.fields.push_back(std::move(field));
            if (i == line_.size()) return true;
            if (line_[i] != delimiter)
                throw BadRowError(lines_.where() + ": unexpected text after the closing quote of field " +
                                      std::to_string(row.fields.size()) +
                                      " (a quote inside a quoted field is written \"\")",
                                  row.line);
            ++i;
            continue;
        }
        const size_t end = line_.find(delimiter, i);
        if (end == std::string::npos) {
            row.fields.emplace_back(line_, i);
            return true;
        }
        row.fields.emplace_back(line_, i, end - i);
        row_bytes += end - i;
        i = end + 1;
    }
}

bool DelimitedTable::next(std::vector<std::string>& fields, uint64_t& line) {
    Row row;
    if (!pending_.empty()) {
        row = std::move(pending_.front());
        pending_.pop_front();
    } else if (!parseRow(row)) {
        return false;
    }
    if (!row.bad.empty()) throw BadRowError(row.bad, row.line);
    if (row.fields.size() != columns_.size()) {
        std::string message = lines_.where(row.line) + ": expected " + std::to_string(columns_.size()) +
                              " fields, found " + std::to_string(row.fields.size());
        // Read without quoting (TSV's default), a quoted cell that spans lines or holds the delimiter
        // breaks its row: a field that starts or ends with a quote gives it away.
        const auto quoted = [](const std::string& f) { return !f.empty() && (f.front() == '"' || f.back() == '"'); };
        if (!options_.quoting && std::any_of(row.fields.begin(), row.fields.end(), quoted))
            throw bw::SettingHintError(message + "; a field there starts or ends with a quote: if the file quotes its "
                                                 "fields (cells over several lines, delimiters inside quotes), read it "
                                                 "with quoted fields (RFC 4180)",
                                       "quoting", "rfc4180");
        throw BadRowError(message, row.line);
    }
    fields = std::move(row.fields);
    line = row.line;
    return true;
}

}  // namespace bw::data
