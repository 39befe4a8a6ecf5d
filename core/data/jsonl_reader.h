#pragma once
// JSON Lines files as Examples: one object per line, its keys are the columns. Text values must be
// strings, numbers or bools (numbers and bools are written as JSON writes them); labels may be
// strings, integers or bools ("1", "true"), and a null label means "no label". Blank lines are skipped.
#include "core/data/record_reader.h"

#include <nlohmann/json.hpp>

#include <optional>

namespace bw::data {

class JsonlReader : public RecordReader {
public:
    JsonlReader(const std::filesystem::path& path, const ColumnMapping& mapping, const ReadOptions& options);

    const std::vector<std::string>& columns() const override { return columns_; }
    const ResolvedColumns& resolvedColumns() const { return resolved_; }

    // The next object of the file and its line, without mapping (previewRows); false at the end.
    // Throws BadRowError "<file>:<line>: ..." for a line that is not a JSON object.
    static bool nextObject(LineReader& lines, nlohmann::ordered_json& object, std::string& line_buffer);
    // A scalar value as text: strings as they are, numbers and bools as JSON writes them, null as "".
    // Throws BadRowError for arrays and objects, naming the object's `line` of `lines` and `key`.
    static std::string scalarText(const nlohmann::ordered_json& value, const LineReader& lines, uint64_t line,
                                  const std::string& key);
    // The example the resolved columns read from an object on `line` (text, joined columns, second
    // text, label, in that order). Throws BadRowError for a missing key, a null text, a nested value.
    // The reader and the import dialog's preview both read objects with it, so the preview refuses
    // exactly what the import refuses.
    static void readObject(const nlohmann::ordered_json& object, const std::vector<std::string>& columns,
                           const ResolvedColumns& resolved, const std::string& join_separator,
                           const LineReader& lines, uint64_t line, Example& example);

private:
    bool readNext(Example& example) override;

    std::vector<std::string> columns_;
    ResolvedColumns resolved_;
    std::string join_separator_;
    std::optional<nlohmann::ordered_json> first_;  // read ahead for the columns
    uint64_t first_line_ = 0;
    std::string line_;
};

}  // namespace bw::data
