#pragma once
// What a zip archive's central directory says of its records, read before any record is: a
// pytorch_model.bin is a zip that LibTorch's reader trusts, and it allocates what a record declares.
// Torch-free. Zip64 sizes and offsets are read where the 32-bit fields overflow.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace bw::io {

struct ZipRecord {
    std::string name;
    uint16_t method = 0;  // 0 stored, 8 deflated
    uint16_t flags = 0;   // general purpose bits: 0 encrypted, 5 patch data, 6 strong encryption
    bool folder = false;  // a name ending in '/' or the DOS directory attribute: a reader skips its bytes
    uint64_t compressed_size = 0, uncompressed_size = 0, local_header_offset = 0;
};

// The records the central directory lists. Throws bw::Error naming the file and what is wrong for
// a directory that cannot be read: missing, truncated, or pointing outside the file.
std::vector<ZipRecord> readZipDirectory(const std::filesystem::path& path);

// Refuses, before anything is allocated, a record whose declared sizes a file of this size cannot
// hold: stored (torch.save writes nothing else), not encrypted, not a folder, and within the file.
// Returns the records. Throws bw::Error.
std::vector<ZipRecord> checkZipDeclaredSizes(const std::filesystem::path& path);

// The bytes of a stored record, found through its local header. Like LibTorch's reader (its miniz
// is built without CRC checks), it does not check the CRC-32. Throws bw::Error naming the file.
std::string readStoredRecord(const std::filesystem::path& path, const ZipRecord& record);

}  // namespace bw::io
