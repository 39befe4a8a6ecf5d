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
    uint64_t compressed_size = 0, uncompressed_size = 0, local_header_offset = 0;
};

// The records the central directory lists. Throws bw::Error naming the file and what is wrong for
// a directory that cannot be read: missing, truncated, or pointing outside the file.
std::vector<ZipRecord> readZipDirectory(const std::filesystem::path& path);

// Refuses, before anything is allocated, a record whose declared sizes a file of this size cannot
// hold: stored (torch.save writes nothing else) and within the file. Throws bw::Error.
void checkZipDeclaredSizes(const std::filesystem::path& path);

}  // namespace bw::io
