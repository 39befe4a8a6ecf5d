#include "widgets/train/training_lengths.h"

#include "core/data/record_reader.h"
#include "core/runtime/error.h"
#include "core/store/experiment_store.h"
#include "core/text/bert_tokenizer.h"

namespace bw::gui {

data::DatasetStatistics computeTrainingLengths(const TrainingLengthsRequest& request) {
    const text::BertTokenizer tokenizer = request.tokenizer_dir.empty()
                                              ? text::BertTokenizer::fromVocabFile(request.vocab_file)
                                              : text::BertTokenizer::fromDirectory(request.tokenizer_dir);
    std::vector<data::Example> rows;
    if (!request.corpus.empty()) {
        rows = data::readExamples(request.corpus, data::DataFormat::PlainText);
    } else {
        store::StoreOptions options;
        options.recover_interrupted_runs = false;  // a reader on a worker thread; the workspace recovers
        auto store = store::ExperimentStore::open(request.store_path, options);
        const auto dataset = store.findDataset(request.dataset);
        if (!dataset) throw Error("no dataset named '" + request.dataset + "' in " + request.store_path);
        rows = store.loadRows(dataset->id, "train");
    }
    return data::computeStatistics(rows, tokenizer, request.max_length);
}

}  // namespace bw::gui
