#pragma once
// A malformed row: bad input confined to one record (a CSV row with the wrong number of fields, a
// JSON Lines line that is not an object, a CoNLL token line with the wrong number of columns). The
// reader is left at the next record, so an import that asks to skip bad rows (pandas'
// on_bad_lines="skip") can go on; anything else a reader throws (invalid UTF-8, a line past the
// limit, an unclosed quote) concerns the file, not a row, and always stops the read.
#include "core/runtime/error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bw::data {

class BadRowError : public bw::Error {
public:
    BadRowError(const std::string& message, uint64_t line) : bw::Error(message), line_(line) {}
    uint64_t line() const { return line_; }  // 1-based line the row starts on

private:
    uint64_t line_;
};

// The rows a read skipped: how many, and the first messages ("<file>:<line>: ...") to show.
struct SkippedRows {
    static constexpr size_t kKeptMessages = 20;
    uint64_t count = 0;
    std::vector<std::string> first;

    void note(const BadRowError& error) {
        ++count;
        if (first.size() < kKeptMessages) first.emplace_back(error.what());
    }
};

}  // namespace bw::data
