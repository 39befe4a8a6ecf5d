#include "core/data/jsonl_reader.h"

#include "core/data/label_text.h"

namespace bw::data {

bool JsonlReader::nextObject(LineReader& lines, nlohmann::ordered_json& object, std::string& line) {
    do {
        if (!lines.next(line)) return false;
    } while (line.find_first_not_of(" \t\r") == std::string::npos);

    const char first = line[line.find_first_not_of(" \t\r")];
    // On the first line an array is a JSON array file; later, one malformed line among objects.
    if (first == '[' && lines.lineNumber() == 1)
        throw BadRowError(lines.where() +
                              ": expected one JSON object per line (JSON Lines), found an array; convert a JSON "
                              "array file to one object per line",
                          lines.lineNumber());
    try {
        object = nlohmann::ordered_json::parse(line);
    } catch (const nlohmann::json::parse_error& e) {
        throw BadRowError(lines.where() + ": not valid JSON at byte " + std::to_string(e.byte) +
                              " of the line (one object per line is expected)",
                          lines.lineNumber());
    } catch (const nlohmann::json::out_of_range&) {
        throw BadRowError(lines.where() + ": a number on this line is too large for a double", lines.lineNumber());
    }
    if (!object.is_object())
        throw BadRowError(lines.where() + ": expected a JSON object, found " + std::string(object.type_name()),
                          lines.lineNumber());
    return true;
}

std::string JsonlReader::scalarText(const nlohmann::ordered_json& value, const LineReader& lines, uint64_t line,
                                    const std::string& key) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_null()) return {};
    if (value.is_number() || value.is_boolean()) return value.dump();
    throw BadRowError(lines.where(line) + ": '" + key + "' must be a string, number or bool, found " +
                          std::string(value.type_name()),
                      line);
}

JsonlReader::JsonlReader(const std::filesystem::path& path, const ColumnMapping& mapping, const ReadOptions& options)
    : RecordReader(path, DataFormat::Jsonl, options) {
    nlohmann::ordered_json object;
    for (;;) {  // the first object names the columns: malformed lines before it may be skipped
        try {
            if (!nextObject(lines_, object, line_)) return;  // empty file
            break;
        } catch (const BadRowError& e) {
            if (!skipsBadRows()) throw;
            noteSkipped(e);
        }
    }
    first_line_ = lines_.lineNumber();
    for (const auto& item : object.items()) columns_.push_back(item.key());
    first_ = std::move(object);
    if (columns_.empty()) throw bw::Error(lines_.where() + ": the first object has no keys");
    resolved_ = resolveColumns(mapping, columns_, file());
    join_separator_ = mapping.join_separator;
}

namespace {

// One mapped cell as text: the key must be there, a text may not be null, and no value may be an
// array or an object.
std::string fieldText(const nlohmann::ordered_json& object, const std::string& key, bool is_label,
                      const LineReader& lines, uint64_t line) {
    const auto it = object.find(key);
    if (it == object.end()) {
        std::string keys;
        for (const auto& item : object.items()) keys += (keys.empty() ? "" : ", ") + item.key();
        throw BadRowError(lines.where(line) + ": the object has no key '" + key + "' (its keys are: " + keys + ")", line);
    }
    if (!is_label && it->is_null()) throw BadRowError(lines.where(line) + ": '" + key + "' is null", line);
    std::string text = JsonlReader::scalarText(*it, lines, line, key);
    return is_label ? trimmedLabel(text) : text;
}

// The column's text with the cells of `more` joined after it (ColumnMapping::text_joined).
std::string joinedText(const nlohmann::ordered_json& object, const std::vector<std::string>& columns, int column,
                       const std::vector<int>& more, const std::string& separator, const LineReader& lines,
                       uint64_t line) {
    const auto key = [&](int c) -> const std::string& { return columns[static_cast<size_t>(c)]; };
    std::string first = fieldText(object, key(column), false, lines, line);
    if (more.empty()) return first;
    std::vector<std::string> cells;
    for (int c : more) cells.push_back(fieldText(object, key(c), false, lines, line));
    std::vector<const std::string*> pointers;
    for (const auto& cell : cells) pointers.push_back(&cell);
    return joinCells(std::move(first), pointers, separator);
}

}  // namespace

void JsonlReader::readObject(const nlohmann::ordered_json& object, const std::vector<std::string>& columns,
                             const ResolvedColumns& resolved, const std::string& join_separator,
                             const LineReader& lines, uint64_t line, Example& example) {
    example.text = joinedText(object, columns, resolved.text, resolved.text_joined, join_separator, lines, line);
    if (resolved.text_pair >= 0)
        example.text_pair =
            joinedText(object, columns, resolved.text_pair, resolved.text_pair_joined, join_separator, lines, line);
    if (resolved.label >= 0)
        example.label = fieldText(object, columns[static_cast<size_t>(resolved.label)], true, lines, line);
}

bool JsonlReader::readNext(Example& example) {
    nlohmann::ordered_json object;
    if (first_) {
        object = std::move(*first_);
        first_.reset();
        example.source_line = first_line_;
    } else {
        if (!nextObject(lines_, object, line_)) return false;
        example.source_line = lines_.lineNumber();
    }
    if (columns_.empty()) return false;
    readObject(object, columns_, resolved_, join_separator_, lines_, example.source_line, example);
    return true;
}

}  // namespace bw::data
