#pragma once
// A fingerprint of a file's bytes, stored with an imported dataset to notice that its source changed.
#include <filesystem>
#include <string>

namespace bw::data {

// 64-bit FNV-1a over the file's bytes (read in chunks), as 16 lower-case hex digits.
// Throws bw::Error when the file cannot be read.
std::string contentHash(const std::filesystem::path& path);

}  // namespace bw::data
