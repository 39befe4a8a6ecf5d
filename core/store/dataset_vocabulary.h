#pragma once
// A WordPiece vocabulary learnt from a dataset already in the store, for a model that will be
// pretrained from scratch on that dataset (the wizard's "new model from scratch", and
// `train-tokenizer --dataset`). The same trainer as for text files: only where the texts come from
// differs.
#include "core/store/experiment_store.h"
#include "core/text/wordpiece_trainer.h"

#include <cstdint>
#include <string>

namespace bw::store {

// Every text of the split counts: a row's text and its pair, a tagging row's words, a corpus's
// lines. The rows are read a page at a time, so memory grows with the distinct words only.
// options.progress sees stage CountingRows (rows of the split), then Merging. corpus_bytes and
// corpus_lines of the result are those of the same texts written one per line. Throws bw::Error
// for a split without rows, and TrainingCancelled when options.cancel is set.
text::TrainedVocabulary trainWordPieceOnDataset(ExperimentStore& store, const DatasetRecord& dataset,
                                                const std::string& split, const text::WordPieceTrainerOptions& options);

}  // namespace bw::store
