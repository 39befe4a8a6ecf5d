#include "core/io/zip_directory.h"

#include "core/runtime/error.h"

#include <algorithm>
#include <fstream>

namespace bw::io {
namespace fs = std::filesystem;

namespace {

constexpr uint32_t kEndOfDirectory = 0x06054b50, kZip64End = 0x06064b50, kZip64Locator = 0x07064b50,
                   kDirectoryEntry = 0x02014b50, kLocalHeader = 0x04034b50;
constexpr size_t kEndSize = 22, kMaxComment = 0xFFFF, kLocalHeaderSize = 30;
constexpr uint16_t kEncryptionFlags = 1 << 0 | 1 << 5 | 1 << 6;  // encrypted, patch data, strong encryption
constexpr uint32_t kDosDirectory = 0x10;                            // in the external attributes

[[noreturn]] void fail(const fs::path& path, const std::string& what) {
    throw Error(path.string() + ": " + what);
}

uint64_t little(const std::string& bytes, size_t at, int width) {
    uint64_t value = 0;
    for (int i = width - 1; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(bytes[at + static_cast<size_t>(i)]);
    return value;
}

class FileBytes {
public:
    explicit FileBytes(const fs::path& path) : path_(path), in_(path, std::ios::binary) {
        if (!in_) fail(path, "cannot open file");
        size_ = fs::file_size(path);
    }
    uint64_t size() const { return size_; }
    std::string read(uint64_t offset, uint64_t length, const char* what) {
        if (offset > size_ || length > size_ - offset)
            fail(path_, std::string("the zip archive's ") + what + " lies outside the file (offset " +
                            std::to_string(offset) + ", " + std::to_string(length) + " bytes, file of " +
                            std::to_string(size_) + ")");
        std::string bytes(static_cast<size_t>(length), '\0');
        in_.seekg(static_cast<std::streamoff>(offset));
        in_.read(bytes.data(), static_cast<std::streamsize>(length));
        if (!in_) fail(path_, std::string("cannot read the zip archive's ") + what);
        return bytes;
    }

private:
    fs::path path_;
    std::ifstream in_;
    uint64_t size_ = 0;
};

struct Directory {
    uint64_t entries = 0, offset = 0, size = 0;
};

// The end-of-central-directory record is in the last 22 bytes plus at most a 64 KiB comment; zip64
// archives put a locator right before it that points at the zip64 record.
Directory findDirectory(const fs::path& path, FileBytes& file) {
    const uint64_t tail_length = std::min<uint64_t>(file.size(), kEndSize + kMaxComment);
    const std::string tail = file.read(file.size() - tail_length, tail_length, "end");
    size_t end = std::string::npos;
    for (size_t at = tail.size() >= kEndSize ? tail.size() - kEndSize + 1 : 0; at-- > 0;)
        if (little(tail, at, 4) == kEndOfDirectory) {
            end = at;
            break;
        }
    if (end == std::string::npos) fail(path, "not a zip archive: no end of central directory");
    Directory d{little(tail, end + 10, 2), little(tail, end + 16, 4), little(tail, end + 12, 4)};
    const bool zip64 = d.entries == 0xFFFF || d.offset == 0xFFFFFFFF || d.size == 0xFFFFFFFF;
    if (!zip64) return d;
    const uint64_t end_offset = file.size() - tail_length + end;
    if (end_offset < 20) fail(path, "the zip64 locator is missing");
    const std::string locator = file.read(end_offset - 20, 20, "zip64 locator");
    if (little(locator, 0, 4) != kZip64Locator) fail(path, "the zip64 locator is missing");
    const std::string record = file.read(little(locator, 8, 8), 56, "zip64 end of central directory");
    if (little(record, 0, 4) != kZip64End) fail(path, "the zip64 end of central directory is damaged");
    return {little(record, 32, 8), little(record, 48, 8), little(record, 40, 8)};
}

// Zip64's extra field (id 1) holds, in this order, whichever of the three fields overflowed.
void readZip64Extra(const std::string& extra, ZipRecord& r, bool uncompressed, bool compressed, bool offset) {
    for (size_t at = 0; at + 4 <= extra.size();) {
        const uint64_t id = little(extra, at, 2), length = little(extra, at + 2, 2);
        if (at + 4 + length > extra.size()) break;
        if (id == 1) {
            size_t field = at + 4;
            auto next = [&](uint64_t& value) {
                if (field + 8 <= at + 4 + length) value = little(extra, field, 8);
                field += 8;
            };
            if (uncompressed) next(r.uncompressed_size);
            if (compressed) next(r.compressed_size);
            if (offset) next(r.local_header_offset);
            return;
        }
        at += 4 + static_cast<size_t>(length);
    }
}

}  // namespace

std::vector<ZipRecord> readZipDirectory(const fs::path& path) {
    FileBytes file(path);
    const Directory d = findDirectory(path, file);
    // Each entry takes at least 46 bytes: a count the directory cannot hold is a lie.
    if (d.entries > d.size / 46) fail(path, "the zip directory lists more records than it has room for");
    const std::string bytes = file.read(d.offset, d.size, "central directory");
    std::vector<ZipRecord> records;
    size_t at = 0;
    for (uint64_t i = 0; i < d.entries; ++i) {
        if (at + 46 > bytes.size() || little(bytes, at, 4) != kDirectoryEntry)
            fail(path, "the zip directory's record " + std::to_string(i + 1) + " is damaged");
        const size_t name_length = little(bytes, at + 28, 2), extra_length = little(bytes, at + 30, 2),
                     comment_length = little(bytes, at + 32, 2);
        if (at + 46 + name_length + extra_length + comment_length > bytes.size())
            fail(path, "the zip directory's record " + std::to_string(i + 1) + " runs past the directory");
        ZipRecord r;
        r.flags = static_cast<uint16_t>(little(bytes, at + 8, 2));
        r.method = static_cast<uint16_t>(little(bytes, at + 10, 2));
        r.compressed_size = little(bytes, at + 20, 4);
        r.uncompressed_size = little(bytes, at + 24, 4);
        r.local_header_offset = little(bytes, at + 42, 4);
        r.name = bytes.substr(at + 46, name_length);
        r.folder = (!r.name.empty() && r.name.back() == '/') || (little(bytes, at + 38, 4) & kDosDirectory);
        readZip64Extra(bytes.substr(at + 46 + name_length, extra_length), r, r.uncompressed_size == 0xFFFFFFFF,
                       r.compressed_size == 0xFFFFFFFF, r.local_header_offset == 0xFFFFFFFF);
        records.push_back(std::move(r));
        at += 46 + name_length + extra_length + comment_length;
    }
    return records;
}

std::vector<ZipRecord> checkZipDeclaredSizes(const fs::path& path) {
    const uint64_t file_size = fs::file_size(path);
    std::vector<ZipRecord> records = readZipDirectory(path);
    for (const ZipRecord& r : records) {
        if (r.method != 0)
            fail(path, "record '" + r.name + "' is compressed (method " + std::to_string(r.method) +
                           "); torch.save stores records uncompressed, and a compressed one could unpack to any size");
        if (r.flags & kEncryptionFlags) fail(path, "record '" + r.name + "' is encrypted, which torch.save never does");
        // LibTorch's zip reader hands out a folder's declared size of uninitialised memory as its bytes.
        if (r.folder) fail(path, "record '" + r.name + "' is marked as a folder, which torch.save never writes");
        if (r.uncompressed_size != r.compressed_size || r.uncompressed_size > file_size ||
            r.local_header_offset > file_size - std::min(file_size, r.uncompressed_size))
            fail(path, "record '" + r.name + "' declares " + std::to_string(r.uncompressed_size) + " bytes at offset " +
                           std::to_string(r.local_header_offset) + ", which a file of " + std::to_string(file_size) +
                           " bytes cannot hold");
    }
    return records;
}

std::string readStoredRecord(const fs::path& path, const ZipRecord& record) {
    FileBytes file(path);
    const std::string header = file.read(record.local_header_offset, kLocalHeaderSize, "local header");
    if (little(header, 0, 4) != kLocalHeader) fail(path, "the local header of record '" + record.name + "' is damaged");
    const uint64_t data = record.local_header_offset + kLocalHeaderSize + little(header, 26, 2) + little(header, 28, 2);
    return file.read(data, record.compressed_size, "record data");
}

}  // namespace bw::io
