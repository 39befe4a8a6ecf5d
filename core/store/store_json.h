#pragma once
// JSON in the store's TEXT columns (configs, label sets, tags, metrics): written only when it is valid
// UTF-8, read back with a "the store file is damaged" error naming what failed to parse.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace bw::store {

// `what` names the value in the error: "<file>: <what> is not valid UTF-8".
std::string jsonColumnText(const nlohmann::json& value, const std::string& file, const std::string& what);

nlohmann::json parseJsonColumn(const std::string& text, const std::string& file, const std::string& what);
// A JSON list of strings (label sets, tags, words).
std::vector<std::string> parseStringListColumn(const std::string& text, const std::string& file, const std::string& what);

}  // namespace bw::store
