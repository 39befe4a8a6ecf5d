#pragma once
// Names for a dataset's labels, as AG News users give its ids: 1, 2, 3, 4 -> World, Sports,
// Business, Sci/Tech. The import writes each row's label as its name, and the splits added later are
// renamed the same way (the dataset keeps the renaming with its columns), so that training, every
// view and the exported id2label read the names, and the label ids (their order) stay those of the
// original labels.
#include "core/data/example.h"

#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <string>

namespace bw::data {

class LabelRenaming {
public:
    LabelRenaming() = default;
    // label -> name. Throws bw::Error for an empty label or name, or a name given to two labels.
    explicit LabelRenaming(std::map<std::string, std::string> names);
    // {"label": "name", ...}; null or {} is no renaming. `what` names the source in errors.
    static LabelRenaming fromJson(const nlohmann::json& j, const std::string& what);
    nlohmann::json toJson() const;

    bool empty() const { return names_.empty(); }
    const std::map<std::string, std::string>& names() const { return names_; }
    // The name of `label` (the label itself when it has none).
    const std::string& nameOf(const std::string& label) const;

    // Renames the row's label. Throws "<file>:<line>: label 'x' is also the name given to 'y'" for a
    // label without a name of its own that equals a name: the two classes would become one.
    void apply(Example& row, const std::string& file) const;

    // This renaming followed by `later` (which renames the names this one gives): from the original
    // labels straight to the later names. Labels named back to themselves are left out.
    LabelRenaming then(const LabelRenaming& later) const;

    bool operator==(const LabelRenaming& other) const { return names_ == other.names_; }

private:
    std::map<std::string, std::string> names_;
    std::map<std::string, std::string> label_of_name_;
};

}  // namespace bw::data
