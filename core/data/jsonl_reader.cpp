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

std::string JsonlReader::scalarText(const nlohmann::ordered_json& value, const LineReader& lines,
                                    const std::string& key) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_null()) return {};
    if (value.is_number() || value.is_boolean()) return value.dump();
    throw BadRowError(lines.where() + ": '" + key + "' must be a string, number or bool, found " +
                          std::string(value.type_name()),
                      lines.lineNumber());
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

std::string JsonlReader::joinedField(const nlohmann::ordered_json& object, int column,
                                     const std::vector<int>& more) const {
    std::string first = field(object, column, false);
    if (more.empty()) return first;
    std::vector<std::string> cells;
    for (int c : more) cells.push_back(field(object, c, false));
    std::vector<const std::string*> pointers;
    for (const auto& cell : cells) pointers.push_back(&cell);
    return joinCells(std::move(first), pointers, join_separator_);
}

std::string JsonlReader::field(const nlohmann::ordered_json& object, int column, bool is_label) const {
    const std::string& key = columns_[static_cast<size_t>(column)];
    const auto it = object.find(key);
    if (it == object.end()) {
        std::string keys;
        for (const auto& item : object.items()) keys += (keys.empty() ? "" : ", ") + item.key();
        throw BadRowError(lines_.where() + ": the object has no key '" + key + "' (its keys are: " + keys + ")",
                          lines_.lineNumber());
    }
    if (!is_label && it->is_null()) throw BadRowError(lines_.where() + ": '" + key + "' is null", lines_.lineNumber());
    std::string text = scalarText(*it, lines_, key);
    return is_label ? trimmedLabel(text) : text;
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
    example.text = joinedField(object, resolved_.text, resolved_.text_joined);
    if (resolved_.text_pair >= 0) example.text_pair = joinedField(object, resolved_.text_pair, resolved_.text_pair_joined);
    if (resolved_.label >= 0) example.label = field(object, resolved_.label, true);
    return true;
}

}  // namespace bw::data
