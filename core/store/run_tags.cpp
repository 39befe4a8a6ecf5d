#include "core/store/run_tags.h"

#include <algorithm>

namespace bw::store {

std::vector<std::string> parseRunTags(std::string_view text) {
    std::vector<std::string> tags;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t comma = std::min(text.find(',', start), text.size());
        std::string_view tag = text.substr(start, comma - start);
        const size_t first = tag.find_first_not_of(" \t\r\n");
        if (first != std::string_view::npos) {
            tag = tag.substr(first, tag.find_last_not_of(" \t\r\n") - first + 1);
            if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.emplace_back(tag);
        }
        start = comma + 1;
    }
    return tags;
}

}  // namespace bw::store
