#include "core/data/label_set.h"

#include "core/runtime/error.h"

#include <algorithm>
#include <charconv>
#include <set>

namespace bw::data {

std::optional<float> regressionValue(const std::string& label) {
    try {
        size_t used = 0;
        const float value = std::stof(label, &used);
        if (used == label.size()) return value;
    } catch (const std::exception&) {  // not a number, or out of float's range
    }
    return std::nullopt;
}
namespace {

std::optional<int64_t> asInteger(const std::string& s) {
    const char* begin = s.data();
    const char* end = s.data() + s.size();
    if (begin != end && *begin == '+') ++begin;  // from_chars takes '-' only
    int64_t value = 0;
    const auto result = std::from_chars(begin, end, value);
    if (begin == end || result.ec != std::errc() || result.ptr != end) return std::nullopt;
    return value;
}

std::vector<std::string> classOrder(std::set<std::string> distinct) {
    distinct.erase("");
    std::vector<std::string> labels(distinct.begin(), distinct.end());  // std::string order = code point order
    std::vector<int64_t> numbers;
    for (const auto& l : labels) {
        const auto n = asInteger(l);
        if (!n) return labels;
        numbers.push_back(*n);
    }
    std::vector<size_t> order(labels.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return numbers[a] < numbers[b]; });
    std::vector<std::string> sorted;
    for (size_t i : order) sorted.push_back(labels[i]);
    return sorted;
}

std::vector<std::string> tagOrder(std::set<std::string> distinct) {
    std::vector<std::string> tags;
    if (distinct.erase("O")) tags.push_back("O");
    tags.insert(tags.end(), distinct.begin(), distinct.end());
    return tags;
}

}  // namespace

LabelSet::LabelSet(std::vector<std::string> ordered) : labels_(std::move(ordered)) {
    for (size_t i = 0; i < labels_.size(); ++i) {
        if (labels_[i].empty()) throw bw::Error("label set: label " + std::to_string(i) + " is empty");
        if (!ids_.emplace(labels_[i], static_cast<int64_t>(i)).second)
            throw bw::Error("label set: label '" + labels_[i] + "' is listed twice");
    }
}

LabelSet LabelSet::forClasses(const std::vector<std::string>& labels) {
    return LabelSet(classOrder(std::set<std::string>(labels.begin(), labels.end())));
}

LabelSet LabelSet::forClasses(const std::vector<Example>& examples) {
    std::set<std::string> distinct;
    for (const auto& e : examples) distinct.insert(e.label);
    return LabelSet(classOrder(std::move(distinct)));
}

LabelSet LabelSet::forTags(const std::vector<std::vector<std::string>>& tag_sequences) {
    std::set<std::string> distinct;
    for (const auto& tags : tag_sequences) distinct.insert(tags.begin(), tags.end());
    distinct.erase("");
    return LabelSet(tagOrder(std::move(distinct)));
}

LabelSet LabelSet::forTags(const std::vector<Example>& examples) {
    std::set<std::string> distinct;
    for (const auto& e : examples) distinct.insert(e.tags.begin(), e.tags.end());
    distinct.erase("");
    return LabelSet(tagOrder(std::move(distinct)));
}

nlohmann::json LabelSet::toJson() const { return nlohmann::json(labels_); }

LabelSet LabelSet::fromJson(const nlohmann::json& json) {
    if (!json.is_array()) throw bw::Error("label set: expected a JSON list of labels, found " + std::string(json.type_name()));
    std::vector<std::string> labels;
    for (size_t i = 0; i < json.size(); ++i) {
        if (!json[i].is_string())
            throw bw::Error("label set: entry " + std::to_string(i) + " is " + json[i].type_name() + ", not a string");
        labels.push_back(json[i].get<std::string>());
    }
    return LabelSet(std::move(labels));
}

const std::string& LabelSet::label(int64_t id) const {
    if (id < 0 || static_cast<size_t>(id) >= labels_.size())
        throw bw::Error("label id " + std::to_string(id) + " is out of range: there are " +
                        std::to_string(labels_.size()) + " labels");
    return labels_[static_cast<size_t>(id)];
}

std::optional<int64_t> LabelSet::find(std::string_view label) const {
    const auto it = ids_.find(std::string(label));
    if (it == ids_.end()) return std::nullopt;
    return it->second;
}

std::string LabelSet::listed() const {
    constexpr size_t kShown = 20;
    std::string s;
    for (size_t i = 0; i < labels_.size() && i < kShown; ++i) s += (i ? ", " : "") + labels_[i];
    if (labels_.size() > kShown) s += ", ... (" + std::to_string(labels_.size()) + " in all)";
    return s;
}

int64_t LabelSet::id(std::string_view label) const {
    if (const auto id = find(label)) return *id;
    throw bw::Error("label '" + std::string(label) + "' is not one of the " + std::to_string(labels_.size()) +
                    " labels (" + listed() + ")");
}

int64_t LabelSet::id(std::string_view label, const LabelOrigin& origin) const {
    if (const auto id = find(label)) return *id;
    std::string message = origin.split.empty() ? "label" : origin.split + " label";
    message += " '" + std::string(label) + "'";
    if (!origin.file.empty()) {
        message += " at " + origin.file;
        if (origin.line > 0) message += ":" + std::to_string(origin.line);
    }
    message += " was not in the training labels (" + listed() + ")";
    throw bw::Error(message);
}

}  // namespace bw::data
