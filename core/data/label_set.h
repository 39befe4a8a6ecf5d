#pragma once
// The labels of a task and their ids, in a stable order that does not depend on which row came
// first: class labels as Hugging Face datasets' class_encode_column orders them (all-integer labels
// in numeric order, otherwise sorted by code point); token tags sorted with "O" first. Saved as a
// JSON list, id = position.
#include "core/data/example.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bw::data {

// Where a label was read, for the error about a label the set does not know.
struct LabelOrigin {
    std::string split;  // "validation", "test", ...; may be empty
    std::string file;
    uint64_t line = 0;  // 0 = unknown
};

// A regression label's value: the whole text read as a float ("2", "-1.25", "3e2"); nullopt for
// anything else ("pos", "", "2 stars"). The one rule the trainer, the analysis and the window use.
std::optional<float> regressionValue(const std::string& label);

class LabelSet {
public:
    LabelSet() = default;
    // Labels in the given order (id = position), as a saved set or config.json's id2label lists them.
    // Throws bw::Error for an empty or repeated label.
    explicit LabelSet(std::vector<std::string> ordered);

    // Class labels: the distinct non-empty labels ("" means unlabelled), all-integer ones ("-1", "0",
    // "2", "10") in numeric order, any other set sorted as strings ("neg" < "pos").
    static LabelSet forClasses(const std::vector<std::string>& labels);
    static LabelSet forClasses(const std::vector<Example>& examples);  // their Example::label
    // Token tags: the distinct tags, "O" first, then sorted as strings.
    static LabelSet forTags(const std::vector<std::vector<std::string>>& tag_sequences);
    static LabelSet forTags(const std::vector<Example>& examples);  // their Example::tags

    // A JSON list of strings. fromJson throws bw::Error for anything else (and as the constructor).
    nlohmann::json toJson() const;
    static LabelSet fromJson(const nlohmann::json& json);

    size_t size() const { return labels_.size(); }
    bool empty() const { return labels_.empty(); }
    const std::vector<std::string>& labels() const { return labels_; }
    const std::string& label(int64_t id) const;  // throws bw::Error when out of range
    std::optional<int64_t> find(std::string_view label) const;
    bool contains(std::string_view label) const { return find(label).has_value(); }

    // The id of `label`. Throws bw::Error "label 'x' is not one of the 2 labels (neg, pos)".
    int64_t id(std::string_view label) const;
    // As above, naming where the label was seen: "validation label 'x' at dev.tsv:17 was not in the
    // training labels (0, 1)".
    int64_t id(std::string_view label, const LabelOrigin& origin) const;

    bool operator==(const LabelSet& other) const { return labels_ == other.labels_; }

    // "neg, pos": the labels for a message, the first 20 and the count beyond them.
    std::string listed() const;

private:

    std::vector<std::string> labels_;
    std::unordered_map<std::string, int64_t> ids_;
};

}  // namespace bw::data
