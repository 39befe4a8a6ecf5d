#include "core/train/training_rows.h"

#include "core/data/record_reader.h"
#include "core/runtime/error.h"
#include "core/store/store_files.h"
#include "core/train/task_data.h"

namespace bw::train {

text::BertTokenizer trainingTokenizer(const TrainingRequest& request) {
    if (request.model_dir) return text::BertTokenizer::fromDirectory(*request.model_dir);
    if (!request.init_config)
        throw Error("give the model to train: one to fine-tune (--model DIR), or a new one from scratch (--init-config "
                    "tiny|mini|small|medium|base|CONFIG.json with --vocab vocab.txt)");
    if (!request.vocab) throw Error("a model from scratch (--init-config) needs a vocabulary (--vocab vocab.txt)");
    return text::BertTokenizer::fromVocabulary(*request.vocab);
}

std::vector<data::Example> trainingRows(store::ExperimentStore& store, const TrainingRequest& request) {
    if (request.dataset) return store.loadRows(requireDataset(store, *request.dataset, request.db).id, "train");
    if (request.corpus) {
        store::refuseStoreFile(*request.corpus, store.path(), "choose a text file");
        return data::readExamples(*request.corpus, data::DataFormat::PlainText);
    }
    throw Error("give a dataset (--dataset NAME) or, for masked-lm / pretraining, a corpus (--corpus FILE)");
}

data::DatasetStatistics trainingLengths(const TrainingRequest& request) {
    const text::BertTokenizer tokenizer = trainingTokenizer(request);
    store::StoreOptions options;
    options.recover_interrupted_runs = false;
    auto store = store::ExperimentStore::open(request.db, options);
    return data::computeStatistics(trainingRows(store, request), tokenizer, static_cast<int>(request.args.max_seq_length));
}

}  // namespace bw::train
