#include "widgets/data/split_statistics.h"

#include "core/store/experiment_store.h"

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
    store::StoreOptions options;
    options.recover_interrupted_runs = false;  // a reader on a worker thread; the workspace recovers
    auto store = store::ExperimentStore::open(request.store_path, options);
    const std::vector<data::Example> rows = store.loadRows(request.dataset_id, request.split);
    return tokenizer ? data::computeStatistics(rows, *tokenizer, request.max_length) : data::computeRowStatistics(rows);
}

}  // namespace bw::gui
