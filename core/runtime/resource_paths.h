#pragma once
// Where Bertwork's bundled files are: resources/models (the default model) and resources/datasets
// (the quick-start data), for the CLI and the GUI alike.
#include <filesystem>
#include <optional>

namespace bw {

// The model the window and the quick start open when none is named, under resources/.
inline constexpr const char* kBundledModelResource = "models/bertwork-tiny-en";

// The first existing `relative` path (e.g. "models/bertwork-tiny-en") under, in order:
// $BERTWORK_RESOURCES, <executable dir>/../share/bertwork/resources (an installed copy), and the
// resources/ folder of the source tree the program was built from.
std::optional<std::filesystem::path> findResource(const std::filesystem::path& relative);

}  // namespace bw
