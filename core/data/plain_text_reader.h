#pragma once
// A plain-text corpus as Examples (pretraining): one sentence per line, one or more blank lines
// between documents. Example.text is the line without surrounding spaces and tabs;
// Example.document counts documents from 0, for building next-sentence pairs.
#include "core/data/record_reader.h"

namespace bw::data {

class PlainTextReader : public RecordReader {
public:
    PlainTextReader(const std::filesystem::path& path, const ReadOptions& options);

    const std::vector<std::string>& columns() const override { return columns_; }

private:
    bool readNext(Example& example) override;

    std::vector<std::string> columns_{"text"};
    int64_t document_ = 0;
    bool blank_since_last_sentence_ = false;
    std::string line_;
};

}  // namespace bw::data
