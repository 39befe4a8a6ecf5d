#pragma once
// CSV / TSV files as Examples: the DelimitedTable's rows through the column mapping.
#include "core/data/delimited_table.h"
#include "core/data/record_reader.h"

namespace bw::data {

class DelimitedReader : public RecordReader {
public:
    // `format` is Csv or Tsv. Labels lose surrounding whitespace; texts are kept as written.
    DelimitedReader(const std::filesystem::path& path, DataFormat format, const ColumnMapping& mapping,
                    const ReadOptions& options);

    const std::vector<std::string>& columns() const override { return table_.columns(); }
    bool hasHeader() const { return table_.hasHeader(); }
    char delimiter() const override { return delimiter_; }
    const ResolvedColumns& resolvedColumns() const { return resolved_; }

    // The effective table options for a format, mapping and read options (shared with previewRows).
    static DelimitedOptions tableOptions(DataFormat format, const ColumnMapping& mapping, const ReadOptions& options);

private:
    bool readNext(Example& example) override;
    // `first` with the cells of the current row's columns `more` joined after it.
    std::string joined(std::string first, const std::vector<int>& more) const;

    char delimiter_;
    DelimitedTable table_;
    std::string join_separator_;
    ResolvedColumns resolved_;
    std::vector<std::string> fields_;
};

}  // namespace bw::data
