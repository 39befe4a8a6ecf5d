#pragma once
// Model inputs built from imported examples, per task: token ids plus the labels the loss needs.
// Plain C++ (no LibTorch): batches are made from these in core/train/batching.
#include "core/data/example.h"
#include "core/model/bert_config.h"
#include "core/model/bert_task.h"
#include "core/text/bert_tokenizer.h"

#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace bw::train {

using model::kIgnoreIndex;  // positions the loss skips

struct Feature {
    std::vector<int32_t> input_ids;
    std::vector<int32_t> token_type_ids;
    int32_t label = kIgnoreIndex;         // single-label classification; NSP label for pretraining
    std::vector<float> target;            // multi-label (0/1 per label) or regression (one value)
    std::vector<int32_t> token_labels;    // token classification: one per position, kIgnoreIndex off first pieces
    size_t example_index = 0;             // row in the source examples (for per-example predictions)
    // A packed row (core/train/sequence_packing): the lengths of the sequences laid end to end in
    // it, each its own [CLS] ... [SEP]; empty for a row that is one sequence.
    std::vector<int32_t> packed_lengths;

    size_t size() const { return input_ids.size(); }
};

// Sequence classification. `label_id` maps a label string to its id (throws for unseen labels);
// multi-label labels are comma-separated names, regression labels are numbers.
std::vector<Feature> buildSequenceFeatures(const std::vector<data::Example>& examples,
                                           const text::BertTokenizer& tokenizer, int max_length, model::ProblemType kind,
                                           const std::function<int32_t(const std::string&)>& label_id,
                                           int32_t num_labels);

// Token classification: each word is tokenized on its own (as is_split_into_words=True), its tag
// goes on the first piece, the other pieces get kIgnoreIndex.
std::vector<Feature> buildTokenFeatures(const std::vector<data::Example>& examples,
                                        const text::BertTokenizer& tokenizer, int max_length,
                                        const std::function<int32_t(const std::string&)>& tag_id);

// Masked-LM only: consecutive text of each document cut into windows of max_length (a window never
// spans two documents). With `pack`, the windows shorter than max_length share rows
// (core/train/sequence_packing) instead of each padding its own.
std::vector<Feature> buildMaskedLmFeatures(const std::vector<data::Example>& examples,
                                           const text::BertTokenizer& tokenizer, int max_length, bool pack = false);

// Pretraining as in the BERT paper: sentence pairs A/B filling max_length (shorter with
// short_seq_probability), B the true continuation or, with nsp_probability, text from another
// document (label 1 = random). Lines of one document are its sentences; a document given as one
// long line is split into sentences at . ! ? followed by a space.
std::vector<Feature> buildPretrainingFeatures(const std::vector<data::Example>& examples,
                                              const text::BertTokenizer& tokenizer, int max_length,
                                              double short_seq_probability, double nsp_probability,
                                              std::mt19937_64& rng);

}  // namespace bw::train
