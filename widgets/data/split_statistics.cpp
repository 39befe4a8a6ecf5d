#include "widgets/data/split_statistics.h"

#include "core/store/experiment_store.h"
#include "widgets/store/store_connection.h"

namespace bw::gui {

std::shared_ptr<const text::BertTokenizer> TokenizerCache::get(const std::string& model_dir) {
    if (!tokenizer_ || dir_ != model_dir) {
        tokenizer_ = std::make_shared<const text::BertTokenizer>(text::BertTokenizer::fromDirectory(model_dir));
        dir_ = model_dir;
    }
    return tokenizer_;
}

data::DatasetStatistics computeSplitStatistics(const SplitStatisticsRequest& request, TokenizerCache& tokenizers) {
    const auto tokenizer = request.model_dir.empty() ? nullptr : tokenizers.get(request.model_dir);
    auto store = openWorkspaceStore(request.store_path);
    const std::vector<data::Example> rows = store.loadRows(request.dataset_id, request.split);
    return tokenizer ? data::computeStatistics(rows, *tokenizer, request.max_length) : data::computeRowStatistics(rows);
}

}  // namespace bw::gui
