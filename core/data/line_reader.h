#pragma once
// Streams a text file line by line without loading it: a UTF-8 byte-order mark is skipped, "\n" and
// "\r\n" end lines, every line is checked to be valid UTF-8, and the reader knows its line number and
// how many bytes it has consumed (for progress bars). Every dataset reader is built on it.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace bw::data {

// The longest line (and the longest quoted field, which may span lines) a dataset may hold. A row
// that long is not text anyone trains on; a file without line breaks (a binary, a minified dump)
// would otherwise be read whole into memory before anything is said.
constexpr size_t kMaxLineBytes = size_t{16} << 20;

// "16 MiB": a limit in words, for the messages.
std::string byteLimitText(size_t bytes);

class LineReader {
public:
    // Throws bw::Error("<file>: cannot open ...") when the file cannot be read.
    explicit LineReader(const std::filesystem::path& path, size_t max_line_bytes = kMaxLineBytes);

    // The next line without its terminator; false at the end of the file. Throws bw::Error
    // "<file>:<line>: invalid UTF-8 at byte N of the line (... save it as UTF-8)" for a malformed line, and
    // "<file>:<line>: the line is longer than 16 MiB ..." as soon as a line passes the limit.
    bool next(std::string& line);
    size_t maxLineBytes() const { return max_line_bytes_; }

    // The terminator of the line last returned: "\n", "\r\n", or "" for a last line without one.
    std::string_view terminator() const { return terminator_; }
    uint64_t lineNumber() const { return line_number_; }  // 1-based number of the line last returned
    uint64_t bytesRead() const { return bytes_read_; }     // BOM and terminators included
    uint64_t totalBytes() const { return total_bytes_; }
    const std::string& file() const { return file_; }
    // "<file>:<line>" of the line last returned, or of `line`.
    std::string where() const { return where(line_number_); }
    std::string where(uint64_t line) const { return file_ + ":" + std::to_string(line); }

private:
    bool fill();

    struct FileCloser {
        void operator()(std::FILE* f) const { std::fclose(f); }
    };
    std::unique_ptr<std::FILE, FileCloser> file_handle_;
    std::string file_;
    size_t max_line_bytes_;
    std::string buffer_;
    size_t begin_ = 0, end_ = 0;  // unread bytes of buffer_
    bool at_start_ = true;
    std::string_view terminator_;
    uint64_t line_number_ = 0;
    uint64_t bytes_read_ = 0;
    uint64_t total_bytes_ = 0;
};

// Byte offset of the first malformed UTF-8 sequence in `text` (stray continuation byte, truncated
// sequence, overlong form, surrogate, > U+10FFFF), or std::string_view::npos when it is valid.
size_t findInvalidUtf8(std::string_view text);

}  // namespace bw::data
