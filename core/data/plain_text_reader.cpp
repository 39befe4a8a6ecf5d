#include "core/data/plain_text_reader.h"

namespace bw::data {

PlainTextReader::PlainTextReader(const std::filesystem::path& path, const ReadOptions& options)
    : RecordReader(path, DataFormat::PlainText, options) {}

bool PlainTextReader::readNext(Example& example) {
    for (;;) {
        if (!lines_.next(line_)) return false;
        const size_t first = line_.find_first_not_of(" \t\r");
        if (first == std::string::npos) {
            blank_since_last_sentence_ = true;
            continue;
        }
        if (blank_since_last_sentence_ && examplesRead() > 0) ++document_;
        blank_since_last_sentence_ = false;
        const size_t last = line_.find_last_not_of(" \t\r");
        example.text.assign(line_, first, last - first + 1);
        example.document = document_;
        example.source_line = lines_.lineNumber();
        return true;
    }
}

}  // namespace bw::data
