#include "core/data/label_renaming.h"

#include "core/runtime/error.h"

namespace bw::data {

LabelRenaming::LabelRenaming(std::map<std::string, std::string> names) : names_(std::move(names)) {
    for (const auto& [label, name] : names_) {
        if (label.empty()) throw Error("a label name needs the label it names (LABEL=NAME)");
        if (name.empty()) throw Error("label '" + label + "' is given an empty name");
        const auto [it, added] = label_of_name_.emplace(name, label);
        if (!added)
            throw Error("labels '" + it->second + "' and '" + label + "' are both named '" + name +
                        "': two classes cannot share a name");
    }
}

LabelRenaming LabelRenaming::fromJson(const nlohmann::json& j, const std::string& what) {
    if (j.is_null()) return {};
    if (!j.is_object()) throw Error(what + ": label names must be an object {\"label\": \"name\", ...}");
    std::map<std::string, std::string> names;
    for (const auto& [label, name] : j.items()) {
        if (!name.is_string()) throw Error(what + ": the name of label '" + label + "' must be a string");
        names[label] = name.get<std::string>();
    }
    try {
        return LabelRenaming(std::move(names));
    } catch (const Error& e) {
        throw Error(what + ": " + e.what());
    }
}

nlohmann::json LabelRenaming::toJson() const { return nlohmann::json(names_); }

const std::string& LabelRenaming::nameOf(const std::string& label) const {
    const auto it = names_.find(label);
    return it == names_.end() ? label : it->second;
}

void LabelRenaming::apply(Example& row, const std::string& file) const {
    if (names_.empty() || row.label.empty()) return;
    const auto named = names_.find(row.label);
    if (named != names_.end()) {
        row.label = named->second;
        return;
    }
    const auto taken = label_of_name_.find(row.label);
    if (taken != label_of_name_.end())
        throw Error(file + ":" + std::to_string(row.source_line) + ": label '" + row.label +
                    "' is also the name given to label '" + taken->second +
                    "': the two classes would become one (name it too, or choose another name)");
}

LabelRenaming LabelRenaming::then(const LabelRenaming& later) const {
    std::map<std::string, std::string> composed;
    for (const auto& [label, name] : names_) composed[label] = later.nameOf(name);
    for (const auto& [current, name] : later.names_)
        if (!label_of_name_.count(current)) composed.emplace(current, name);  // an original label
    for (auto it = composed.begin(); it != composed.end();)
        it = it->first == it->second ? composed.erase(it) : std::next(it);
    return LabelRenaming(std::move(composed));
}

}  // namespace bw::data
