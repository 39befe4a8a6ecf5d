#include "core/data/column_mapping.h"

#include "core/data/column_guess.h"
#include "core/runtime/error.h"

#include <algorithm>

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

bool joinsColumns(const ColumnMapping& mapping) {
    return !mapping.text_joined.empty() || !mapping.text_pair_joined.empty();
}

bool mapsColumnsByName(const ColumnMapping& mapping) {
    for (const auto* spec : {&mapping.text, &mapping.text_pair, &mapping.label})
        if (spec->has_value() && !isColumnIndex(**spec)) return true;
    for (const auto* joined : {&mapping.text_joined, &mapping.text_pair_joined})
        for (const auto& spec : *joined)
            if (!isColumnIndex(spec)) return true;
    return false;
}

std::string joinCells(std::string first, const std::vector<const std::string*>& more, const std::string& separator) {
    for (const std::string* cell : more) {
        if (cell->empty()) continue;
        if (!first.empty()) first += separator;
        first += *cell;
    }
    return first;
}

int findColumn(const std::string& spec, const std::vector<std::string>& columns, const std::string& file) {
    for (size_t i = 0; i < columns.size(); ++i)
        if (columns[i] == spec) return static_cast<int>(i);
    if (isColumnIndex(spec) && std::stoul(spec) < columns.size()) return static_cast<int>(std::stoul(spec));
    throw bw::Error(file + ": no column '" + spec + "' (the columns are: " + listed(columns) + ")");
}

ResolvedColumns resolveColumns(const ColumnMapping& mapping, const std::vector<std::string>& columns,
                               const std::string& file, const std::vector<std::vector<std::string>>& rows) {
    ResolvedColumns resolved;
    for (const auto& spec : mapping.text_joined) resolved.text_joined.push_back(findColumn(spec, columns, file));
    for (const auto& spec : mapping.text_pair_joined)
        resolved.text_pair_joined.push_back(findColumn(spec, columns, file));
    resolved.text_pair = mapping.text_pair ? findColumn(*mapping.text_pair, columns, file)
                                           : firstPresent(kDefaultTextPairColumns, columns);
    resolved.label = mapping.label ? findColumn(*mapping.label, columns, file)
                                   : firstPresent(kDefaultLabelColumns, columns);
    resolved.text = mapping.text ? findColumn(*mapping.text, columns, file) : firstPresent(kDefaultTextColumns, columns);

    auto taken = [&](int c) {
        const auto& joined = resolved.text_joined;
        const auto& pair_joined = resolved.text_pair_joined;
        return c == resolved.text || c == resolved.text_pair || c == resolved.label ||
               std::find(joined.begin(), joined.end(), c) != joined.end() ||
               std::find(pair_joined.begin(), pair_joined.end(), c) != pair_joined.end();
    };
    std::vector<bool> label_like(columns.size());
    for (size_t c = 0; c < columns.size(); ++c) label_like[c] = looksLikeLabelColumn(rows, c);
    // No label column by name: the first that holds what label columns hold.
    if (!mapping.label && resolved.label < 0)
        for (size_t c = 0; c < columns.size() && resolved.label < 0; ++c)
            if (label_like[c] && !taken(static_cast<int>(c))) resolved.label = static_cast<int>(c);
    if (resolved.text < 0) {
        // No text column by name: the longest cells among the columns that do not look like labels.
        std::vector<int> candidates;
        for (size_t c = 0; c < columns.size(); ++c)
            if (!label_like[c] && !taken(static_cast<int>(c))) candidates.push_back(static_cast<int>(c));
        resolved.text = longestTextColumn(rows, candidates);
        // No rows to measure: the first column that is not the label (AG News-like files lead with it).
        if (resolved.text < 0) resolved.text = resolved.label == 0 && columns.size() > 1 ? 1 : 0;
    }
    if (resolved.label == resolved.text && !mapping.label) resolved.label = -1;
    if (resolved.text_pair == resolved.text && !mapping.text_pair) resolved.text_pair = -1;
    return resolved;
}

}  // namespace bw::data
