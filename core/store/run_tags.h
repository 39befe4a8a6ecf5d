#pragma once
// A run's tags as people type them ("sweep, French ,,lr-1e-4"): split at commas, spaces around each
// trimmed, empty ones and repeats dropped, case kept. The one rule for `runs update --tags` and the
// Runs page's Tags editor.
#include <string>
#include <string_view>
#include <vector>

namespace bw::store {

std::vector<std::string> parseRunTags(std::string_view text);

}  // namespace bw::store
