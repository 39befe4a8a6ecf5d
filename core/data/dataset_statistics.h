#pragma once
// What a dataset looks like through a tokenizer, before any training: size, labels, token lengths
// against max_length, how much of it the vocabulary does not cover, duplicated rows and empty texts.
#include "core/data/example.h"
#include "core/text/bert_tokenizer.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace bw::data {

struct DatasetStatistics {
    uint64_t rows = 0;
    // Whether a tokenizer read the rows: without one (computeRowStatistics) only the labels,
    // duplicates and empty texts are counted, and the length and [UNK] figures below stay 0.
    bool tokenized = false;
    // Class labels in LabelSet::forClasses order, or for a token task (examples with tags) the tags
    // in LabelSet::forTags order, counted per tag.
    std::vector<std::pair<std::string, uint64_t>> label_counts;
    uint64_t unlabelled_rows = 0;  // sequence examples with label ""
    std::vector<uint64_t> unlabelled_lines;  // the first 5 of them, by their line in the file
    bool token_task = false;       // label_counts counts tags

    // Token length of each example as the model sees it untruncated: [CLS] text [SEP] (text_pair
    // [SEP]); length_counts[n] = rows with n tokens. Percentiles are nearest-rank.
    std::vector<uint64_t> length_counts;
    int64_t min_length = 0, median_length = 0, p95_length = 0, max_length = 0;
    double mean_length = 0.0;

    int64_t max_length_setting = 0;  // the max_length the truncation figures are about
    uint64_t truncated_rows = 0;     // rows longer than max_length_setting
    double truncation_rate = 0.0;    // truncated_rows / rows

    uint64_t word_pieces = 0;   // all tokens but [CLS]/[SEP]
    uint64_t unk_pieces = 0;    // of those, [UNK]
    double unk_rate = 0.0;      // unk_pieces / word_pieces
    uint64_t words = 0;         // pre-tokenized words (punctuation and CJK characters are words)
    double pieces_per_word = 0.0;
    // Words that became [UNK], as written in the text, most frequent first (ties by text), up to 20.
    std::vector<std::pair<std::string, uint64_t>> top_unknown_words;

    // Rows whose text (and text_pair) already appeared on an earlier row; of those, rows whose label
    // differs from the first occurrence's; and up to 5 duplicated texts (a pair as "text [SEP] pair").
    uint64_t duplicate_rows = 0;
    uint64_t conflicting_duplicates = 0;
    std::vector<std::string> duplicate_examples;

    // Sequence rows whose text, or second text, is empty or only white space: the model sees
    // [CLS] [SEP] for them. A file's mistake more often than not (a missing field), so the first 5
    // are named by their line in the file (Example::source_line).
    uint64_t empty_text_rows = 0;
    std::vector<uint64_t> empty_text_lines;

    nlohmann::json toJson() const;
};

// What needs no tokenizer: rows, labels, duplicates, empty texts (`tokenized` false).
DatasetStatistics computeRowStatistics(const std::vector<Example>& examples);

// All of it: the above, and every example tokenized (on `threads` threads, 0 = all cores). Throws
// bw::Error when max_length is below 1, or naming the example's line when its text is not valid UTF-8.
DatasetStatistics computeStatistics(const std::vector<Example>& examples, const text::BertTokenizer& tokenizer,
                                    int max_length, int threads = 0);

}  // namespace bw::data
