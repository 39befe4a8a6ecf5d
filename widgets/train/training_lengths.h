#pragma once
// Token lengths of the rows a run will train on, through the tokenizer it will train with (a model
// directory's, or a vocab.txt for a model from scratch): the train split of a stored dataset, or
// the lines of a corpus file. Tokenizing takes a moment on large data: call it on a worker thread.
#include "core/data/dataset_statistics.h"

#include <string>

namespace bw::gui {

struct TrainingLengthsRequest {
    std::string store_path;
    std::string dataset;  // the train split of this stored dataset ...
    std::string corpus;   // ... or this plain-text file
    std::string tokenizer_dir;
    std::string vocab_file;  // when tokenizer_dir is empty
    int max_length = 128;
};

// Throws bw::Error for a dataset, file or tokenizer that cannot be read.
data::DatasetStatistics computeTrainingLengths(const TrainingLengthsRequest& request);

}  // namespace bw::gui
