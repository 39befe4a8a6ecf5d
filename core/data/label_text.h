#pragma once
// How a label cell becomes the label string every reader hands out.
#include <string>
#include <string_view>

namespace bw::data {

// The label without surrounding ASCII whitespace (" 1\r" and "1" are the same label).
inline std::string trimmedLabel(std::string_view cell) {
    const char* kSpace = " \t\r\n\v\f";
    const size_t first = cell.find_first_not_of(kSpace);
    if (first == std::string_view::npos) return {};
    const size_t last = cell.find_last_not_of(kSpace);
    return std::string(cell.substr(first, last - first + 1));
}

}  // namespace bw::data
