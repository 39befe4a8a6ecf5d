#pragma once
// Writes that never leave a half-written file behind: the bytes go to "<path>.tmp" first and are
// renamed over the target only once they are all on disk.
#include <filesystem>
#include <string_view>

namespace bw {

// Throws bw::Error naming the file when it cannot be written (directory missing, disk full, ...).
void writeFileAtomically(const std::filesystem::path& path, std::string_view bytes);

}  // namespace bw
