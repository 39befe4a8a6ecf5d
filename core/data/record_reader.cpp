#include "core/data/record_reader.h"

#include "core/data/conll_reader.h"
#include "core/data/delimited_reader.h"
#include "core/data/jsonl_reader.h"
#include "core/data/plain_text_reader.h"

namespace bw::data {

std::optional<Quoting> parseQuoting(const std::string& name) {
    if (name == "auto") return Quoting::Auto;
    if (name == "rfc4180") return Quoting::Rfc4180;
    if (name == "none") return Quoting::None;
    return std::nullopt;
}

RecordReader::RecordReader(const std::filesystem::path& path, DataFormat format, const ReadOptions& options)
    : lines_(path, options.max_line_bytes),
      format_(format),
      cancel_(options.cancel),
      skip_bad_rows_(options.skip_bad_rows) {}

bool RecordReader::next(Example& example) {
    for (;;) {
        if (cancel_ && cancel_->load(std::memory_order_relaxed))
            throw ImportCancelled(file() + ": import cancelled at line " + std::to_string(lines_.lineNumber()));
        example = Example{};
        try {
            if (!readNext(example)) {
                if (examples_read_ > 0) return false;
                std::string message = file() + ": no examples found";
                if (skipped_.count > 0)
                    message += " (" + std::to_string(skipped_.count) + " malformed row" +
                               (skipped_.count == 1 ? "" : "s") + " skipped; the first: " + skipped_.first.front() + ")";
                throw bw::Error(message);
            }
        } catch (const BadRowError& e) {
            if (!skip_bad_rows_) throw;
            skipped_.note(e);
            continue;
        }
        ++examples_read_;
        return true;
    }
}

std::unique_ptr<RecordReader> openDatasetReader(const std::filesystem::path& path, DataFormat format,
                                                const ColumnMapping& mapping, const ReadOptions& options) {
    ReadOptions effective = options;
    if (format == DataFormat::Auto) {
        const FormatGuess guess = detectFormat(path);
        format = guess.format;
        if (!effective.delimiter) effective.delimiter = guess.delimiter;
    }
    switch (format) {
    case DataFormat::Csv:
    case DataFormat::Tsv: return std::make_unique<DelimitedReader>(path, format, mapping, effective);
    case DataFormat::Jsonl: return std::make_unique<JsonlReader>(path, mapping, effective);
    case DataFormat::Conll: return std::make_unique<ConllReader>(path, mapping, effective);
    case DataFormat::PlainText: return std::make_unique<PlainTextReader>(path, effective);
    case DataFormat::Auto: break;
    }
    throw bw::Error(path.string() + ": unknown data format");
}

std::vector<Example> readExamples(const std::filesystem::path& path, DataFormat format, const ColumnMapping& mapping,
                                  const ReadOptions& options) {
    auto reader = openDatasetReader(path, format, mapping, options);
    std::vector<Example> examples;
    Example example;
    while (reader->next(example)) {
        examples.push_back(std::move(example));
        if (options.progress && examples.size() % 1000 == 0) options.progress(reader->bytesRead(), reader->totalBytes());
    }
    if (options.progress) options.progress(reader->bytesRead(), reader->totalBytes());
    return examples;
}

}  // namespace bw::data
