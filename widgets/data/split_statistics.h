#pragma once
// One split of a stored dataset through a model's tokenizer (core's computeStatistics), as the data
// page asks for it from a worker thread: its own store connection, and the tokenizer loaded once
// per model directory.
#include "core/data/dataset_statistics.h"

#include <cstdint>
#include <memory>
#include <string>

namespace bw::gui {

struct SplitStatisticsRequest {
    std::string store_path;
    int64_t dataset_id = 0;
    std::string split;
    std::string model_dir;  // empty: no tokenizer, the figures that need none (labels, duplicates, ...)
    int max_length = 128;
};

// Keeps the last tokenizer loaded; used by one thread at a time.
class TokenizerCache {
public:
    // The tokenizer of a Hugging Face model directory (vocab.txt and tokenizer files, not the
    // weights). Throws bw::Error naming the file and the problem.
    std::shared_ptr<const text::BertTokenizer> get(const std::string& model_dir);

private:
    std::string dir_;
    std::shared_ptr<const text::BertTokenizer> tokenizer_;
};

// Throws bw::Error for a store or split that cannot be read, or a text the tokenizer rejects.
data::DatasetStatistics computeSplitStatistics(const SplitStatisticsRequest& request, TokenizerCache& tokenizers);

}  // namespace bw::gui
