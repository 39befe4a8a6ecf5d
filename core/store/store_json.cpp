#include "core/store/store_json.h"

#include "core/runtime/error.h"

namespace bw::store {

using nlohmann::json;

std::string jsonColumnText(const json& value, const std::string& file, const std::string& what) {
    try {
        return value.dump();
    } catch (const json::exception&) {
        throw Error(file + ": " + what + " is not valid UTF-8");
    }
}

json parseJsonColumn(const std::string& text, const std::string& file, const std::string& what) {
    try {
        return json::parse(text);
    } catch (const json::exception&) {
        throw Error(file + ": the store file is damaged (" + what + " is not valid JSON)");
    }
}

std::vector<std::string> parseStringListColumn(const std::string& text, const std::string& file, const std::string& what) {
    const json value = parseJsonColumn(text, file, what);
    if (!value.is_array()) throw Error(file + ": the store file is damaged (" + what + " is not a JSON list)");
    std::vector<std::string> out;
    out.reserve(value.size());
    for (const auto& item : value) {
        if (!item.is_string()) throw Error(file + ": the store file is damaged (" + what + " holds a non-string)");
        out.push_back(item.get<std::string>());
    }
    return out;
}

}  // namespace bw::store
