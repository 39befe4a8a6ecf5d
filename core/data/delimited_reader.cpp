#include "core/data/delimited_reader.h"

#include "core/data/label_text.h"

namespace bw::data {

DelimitedOptions DelimitedReader::tableOptions(DataFormat format, const ColumnMapping& mapping,
                                               const ReadOptions& options) {
    DelimitedOptions table;
    table.delimiter = options.delimiter ? options.delimiter : (format == DataFormat::Tsv ? '\t' : ',');
    switch (options.quoting) {
    case Quoting::Auto: table.quoting = format != DataFormat::Tsv; break;
    case Quoting::Rfc4180: table.quoting = true; break;
    case Quoting::None: table.quoting = false; break;
    }
    table.has_header = mapping.has_header;
    table.header_required = mapsColumnsByName(mapping);
    return table;
}

DelimitedReader::DelimitedReader(const std::filesystem::path& path, DataFormat format, const ColumnMapping& mapping,
                                 const ReadOptions& options)
    : RecordReader(path, format, options),
      delimiter_(tableOptions(format, mapping, options).delimiter),
      table_(lines_, tableOptions(format, mapping, options)),
      join_separator_(mapping.join_separator) {
    if (!table_.columns().empty()) resolved_ = resolveColumns(mapping, table_.columns(), file());
}

bool DelimitedReader::readNext(Example& example) {
    if (!table_.next(fields_, example.source_line)) return false;
    // Copies before the move: a mapping may point two roles at one column.
    if (resolved_.label >= 0) example.label = trimmedLabel(fields_[static_cast<size_t>(resolved_.label)]);
    if (resolved_.text_pair >= 0)
        example.text_pair = joined(fields_[static_cast<size_t>(resolved_.text_pair)], resolved_.text_pair_joined);
    example.text = joined(std::move(fields_[static_cast<size_t>(resolved_.text)]), resolved_.text_joined);
    return true;
}

std::string DelimitedReader::joined(std::string first, const std::vector<int>& more) const {
    if (more.empty()) return first;
    std::vector<const std::string*> cells;
    for (int c : more) cells.push_back(&fields_[static_cast<size_t>(c)]);
    return joinCells(std::move(first), cells, join_separator_);
}

}  // namespace bw::data
