#include "core/data/line_reader.h"

#include "core/runtime/error.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace bw::data {
namespace {
constexpr size_t kChunkBytes = 1 << 20, kMinChunkBytes = 1 << 16;
}

size_t findInvalidUtf8(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const size_t n = text.size();
    size_t i = 0;
    while (i < n) {
        const unsigned char b = s[i];
        if (b < 0x80) {
            ++i;
            continue;
        }
        size_t length = 0;
        char32_t cp = 0, min = 0;
        if ((b & 0xE0) == 0xC0) {
            length = 2, cp = b & 0x1F, min = 0x80;
        } else if ((b & 0xF0) == 0xE0) {
            length = 3, cp = b & 0x0F, min = 0x800;
        } else if ((b & 0xF8) == 0xF0) {
            length = 4, cp = b & 0x07, min = 0x10000;
        } else {
            return i;  // stray continuation byte or 0xF8..0xFF
        }
        if (i + length > n) return i;
        for (size_t k = 1; k < length; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
        i += length;
    }
    return std::string_view::npos;
}

std::string byteLimitText(size_t bytes) {
    if (bytes % (size_t{1} << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
    if (bytes % (size_t{1} << 10) == 0) return std::to_string(bytes >> 10) + " KiB";
    return std::to_string(bytes) + " bytes";
}

LineReader::LineReader(const std::filesystem::path& path, size_t max_line_bytes)
    : file_(path.string()), max_line_bytes_(max_line_bytes) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw bw::Error(file_ + ": is a directory, not a data file");
    file_handle_.reset(std::fopen(file_.c_str(), "rb"));
    if (!file_handle_) throw bw::Error(file_ + ": cannot open: " + std::strerror(errno));
    const auto size = std::filesystem::file_size(path, ec);
    total_bytes_ = ec ? 0 : static_cast<uint64_t>(size);
    // Chunks of 1 MiB, or less for a smaller file: opening many small files stays cheap.
    buffer_.resize(static_cast<size_t>(std::clamp<uint64_t>(total_bytes_ + 1, kMinChunkBytes, kChunkBytes)));
}

bool LineReader::fill() {
    const size_t got = std::fread(buffer_.data(), 1, buffer_.size(), file_handle_.get());
    if (got == 0 && std::ferror(file_handle_.get())) throw bw::Error(file_ + ": read error: " + std::strerror(errno));
    begin_ = 0;
    end_ = got;
    if (at_start_ && got > 0) {
        at_start_ = false;
        if (got >= 3 && std::memcmp(buffer_.data(), "\xEF\xBB\xBF", 3) == 0) {
            begin_ = 3;
            bytes_read_ += 3;
        }
    }
    return begin_ < end_;
}

bool LineReader::next(std::string& line) {
    line.clear();
    bool got_any = false;
    for (;;) {
        if (begin_ == end_ && !fill()) {
            if (!got_any) return false;
            terminator_ = "";
            break;
        }
        got_any = true;
        const char* start = buffer_.data() + begin_;
        const auto* newline = static_cast<const char*>(std::memchr(start, '\n', end_ - begin_));
        const size_t length = newline ? static_cast<size_t>(newline - start) : end_ - begin_;
        // Checked before the bytes are kept: a file without line breaks never fills memory.
        if (line.size() + length > max_line_bytes_ + 1)  // + 1: the "\r" of a "\r\n" line
            throw bw::Error(where(line_number_ + 1) + ": the line is longer than " + byteLimitText(max_line_bytes_) +
                            ", the limit for one row (is this a text data file?)");
        if (!newline) {
            line.append(start, length);
            bytes_read_ += length;
            begin_ = end_;
            continue;
        }
        line.append(start, length);
        bytes_read_ += length + 1;
        begin_ += length + 1;
        terminator_ = "\n";
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
            terminator_ = "\r\n";
        }
        break;
    }
    ++line_number_;
    if (line.size() > max_line_bytes_)
        throw bw::Error(where() + ": the line is longer than " + byteLimitText(max_line_bytes_) +
                        ", the limit for one row (is this a text data file?)");
    const size_t bad = findInvalidUtf8(line);
    if (bad != std::string_view::npos)
        throw bw::Error(where() + ": invalid UTF-8 at byte " + std::to_string(bad + 1) +
                        " of the line (is the file in another encoding, such as Latin-1? save it as UTF-8)");
    return true;
}

}  // namespace bw::data
