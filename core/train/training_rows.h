#pragma once
// The rows a run trains on and the tokenizer it reads them with, decided here for the trainer and
// for the wizard, which measures their token lengths before the run (torch-free).
#include "core/data/dataset_statistics.h"
#include "core/data/example.h"
#include "core/store/experiment_store.h"
#include "core/text/bert_tokenizer.h"
#include "core/train/training_job.h"

#include <vector>

namespace bw::train {

// The base model's tokenizer, or for a model from scratch its vocab.txt's.
text::BertTokenizer trainingTokenizer(const TrainingRequest& request);

// The train split of the request's stored dataset, or the lines of its corpus file. Throws
// bw::Error when the dataset does not exist or the request names neither.
std::vector<data::Example> trainingRows(store::ExperimentStore& store, const TrainingRequest& request);

// Those rows' token lengths through that tokenizer, against args.max_seq_length. Reads the store
// without recovering interrupted runs (the workspace does that), so it may run on a worker thread;
// tokenizing a large dataset takes a moment.
data::DatasetStatistics trainingLengths(const TrainingRequest& request);

}  // namespace bw::train
