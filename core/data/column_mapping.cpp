#include "core/data/column_mapping.h"

#include "core/runtime/error.h"

#include <cctype>

namespace bw::data {
namespace {

bool equalsIgnoringCase(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

int firstPresent(const std::vector<std::string>& candidates, const std::vector<std::string>& columns) {
    for (const auto& name : candidates)
        for (size_t i = 0; i < columns.size(); ++i)
            if (equalsIgnoringCase(name, columns[i])) return static_cast<int>(i);
    return -1;
}

std::string listed(const std::vector<std::string>& columns) {
    std::string s;
    for (const auto& c : columns) s += (s.empty() ? "" : ", ") + c;
    return s;
}

}  // namespace

bool isColumnIndex(const std::string& spec) {
    if (spec.empty() || spec.size() > 9) return false;
    for (char c : spec)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

bool mapsColumnsByName(const ColumnMapping& mapping) {
    for (const auto* spec : {&mapping.text, &mapping.text_pair, &mapping.label})
        if (spec->has_value() && !isColumnIndex(**spec)) return true;
    return false;
}

int findColumn(const std::string& spec, const std::vector<std::string>& columns, const std::string& file) {
    for (size_t i = 0; i < columns.size(); ++i)
        if (columns[i] == spec) return static_cast<int>(i);
    if (isColumnIndex(spec) && std::stoul(spec) < columns.size()) return static_cast<int>(std::stoul(spec));
    throw bw::Error(file + ": no column '" + spec + "' (the columns are: " + listed(columns) + ")");
}

ResolvedColumns resolveColumns(const ColumnMapping& mapping, const std::vector<std::string>& columns,
                               const std::string& file) {
    ResolvedColumns resolved;
    resolved.label = mapping.label ? findColumn(*mapping.label, columns, file)
                                   : firstPresent(kDefaultLabelColumns, columns);
    if (mapping.text) {
        resolved.text = findColumn(*mapping.text, columns, file);
    } else {
        resolved.text = firstPresent(kDefaultTextColumns, columns);
        // No known name: the first column that is not the label (AG News-like files lead with it).
        if (resolved.text < 0) resolved.text = resolved.label == 0 && columns.size() > 1 ? 1 : 0;
    }
    resolved.text_pair = mapping.text_pair ? findColumn(*mapping.text_pair, columns, file)
                                           : firstPresent(kDefaultTextPairColumns, columns);
    if (resolved.label == resolved.text && !mapping.label) resolved.label = -1;
    if (resolved.text_pair == resolved.text && !mapping.text_pair) resolved.text_pair = -1;
    return resolved;
}

}  // namespace bw::data
