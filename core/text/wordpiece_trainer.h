#pragma once
// Learns a WordPiece vocabulary from text, by the rules of Hugging Face tokenizers'
// WordPieceTrainer (a BPE trainer that writes "##" on the pieces that continue a word):
//   1. the special tokens, in the order given ([PAD] first, so it gets id 0);
//   2. the alphabet: every character of the counted words, or the `limit_alphabet` most frequent;
//   3. "##c" for each alphabet character that occurs inside a word;
//   4. merges: the adjacent pair of pieces that occurs most often (counting each word as often as
//      it occurs) becomes a new piece, until the vocabulary has `vocab_size` entries or no pair
//      occurs `min_frequency` times.
// Ties are broken as tokenizers breaks them, towards the pair with the smaller ids, and ids are
// given in a fixed order, so the same corpus always gives the same vocabulary (tokenizers' own
// order among equal counts depends on hashing). One difference: a character dropped by
// `limit_alphabet` splits its word, where tokenizers would join the pieces on either side of it.
#include "core/text/bert_tokenizer.h"
#include "core/text/corpus_word_counter.h"
#include "core/text/vocab.h"
#include "core/text/vocabulary_training_progress.h"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace bw::text {

struct WordPieceTrainerOptions {
    size_t vocab_size = 30522;
    uint64_t min_frequency = 2;  // a pair seen fewer times is not merged
    size_t limit_alphabet = 1000;  // 0: keep every character
    std::vector<std::string> special_tokens{"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"};
    std::string continuing_subword_prefix = "##";
    bool lowercase = true;
    std::optional<bool> strip_accents;  // unset: follows lowercase, as BERT's tokenizer does
    int threads = 0;                    // for counting words; 0: one per core
    const std::atomic<bool>* cancel = nullptr;  // set it to stop; throws TrainingCancelled
    TrainingProgressCallback progress;
};

struct TrainedVocabulary {
    Vocab vocab;
    TokenizerOptions tokenizer;  // how to tokenize with it: the normalizer and special tokens used
    uint64_t corpus_bytes = 0, corpus_lines = 0, corpus_words = 0;
    size_t distinct_words = 0;
    size_t alphabet = 0;  // characters kept (without their "##" forms)
    size_t merges = 0;
    // The characters of the text, and how many of its character occurrences are of characters the
    // alphabet limit left out (they read as [UNK]).
    size_t characters_seen = 0;
    uint64_t character_occurrences = 0, occurrences_left_out = 0;
};

// Reads, counts and learns. Throws bw::Error for unreadable or non-UTF-8 files (naming the file
// and line), for options that cannot work (a vocab_size below what the special tokens and the
// alphabet already take, no [UNK]/[CLS]/[SEP] among the special tokens) and for a corpus
// without words; TrainingCancelled when cancelled.
TrainedVocabulary trainWordPiece(const std::vector<std::filesystem::path>& corpus,
                                 const WordPieceTrainerOptions& options);

// Throws bw::Error for options that cannot work (as trainWordPiece does, before it reads anything).
void checkTrainerOptions(const WordPieceTrainerOptions& options);
// How the words must be counted for these options (the normalizer, threads, cancel, progress).
WordCountOptions wordCountOptionsOf(const WordPieceTrainerOptions& options);

// The learning step alone, from words already counted.
TrainedVocabulary trainWordPieceFromCounts(const WordCounts& words, const WordPieceTrainerOptions& options);

}  // namespace bw::text
