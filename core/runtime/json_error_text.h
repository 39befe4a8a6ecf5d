#pragma once
// What a JSON file's reader tells people about a parse failure: nlohmann's message without the
// library's "[json.exception.parse_error.101] " tag ("parse error at line 2, column 1: syntax error
// while parsing value - unexpected end of input; ..."). One rule for every JSON file we read.
#include <nlohmann/json.hpp>

#include <string>

namespace bw {

inline std::string jsonErrorText(const nlohmann::json::exception& e) {
    const std::string what = e.what();
    if (what.rfind("[json.exception.", 0) != 0) return what;
    const size_t end = what.find("] ");
    return end == std::string::npos ? what : what.substr(end + 2);
}

}  // namespace bw
