#pragma once
// Fingerprints, 64-bit FNV-1a written as 16 lower-case hex digits: of a file's bytes (stored with an
// imported dataset, where it came from), and of a split's rows (what it holds: the data hash a run
// records for each split).
#include "core/data/example.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace bw::data {

// The file's bytes (read in chunks). Throws bw::Error when the file cannot be read.
std::string contentHash(const std::filesystem::path& path);

// A split's rows in order, continued a row at a time from kRowsHashStart: what each row holds (its
// text, second text, label, words, tags and document), not where it came from (its line). Two
// splits with the same rows in the same order have the same hash, whatever files they came from;
// a validation split held out of a train file differs from what is left of it.
inline constexpr uint64_t kRowsHashStart = 14695981039346656037ull;  // FNV-1a's offset basis
uint64_t continueRowsHash(uint64_t state, const Example& row);

std::string hashText(uint64_t hash);                           // 16 hex digits
std::optional<uint64_t> parseHashText(const std::string& text);  // nullopt unless 16 hex digits

}  // namespace bw::data
