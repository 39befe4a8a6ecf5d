#pragma once
// From the word pieces of a text (and text pair) to an Encoding, in the order and with the rules of
// tokenizers' Tokenizer::post_process: truncate to max_length (keeping overflowing windows when
// asked), add [CLS] A [SEP] (B [SEP]) with type ids, then pad.
#include "core/text/bert_tokenizer.h"
#include "core/text/encoding.h"
#include "core/text/vocab.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bw::text {

// The tokens of one sequence before special tokens: ids, offsets into its text, word indexes.
struct SequenceTokens {
    std::vector<int32_t> ids;
    std::vector<Offset> offsets;
    std::vector<int32_t> word_ids;

    size_t size() const { return ids.size(); }
    void clear() {
        ids.clear();
        offsets.clear();
        word_ids.clear();
    }
};

struct SpecialTokenIds {
    int32_t cls = -1;
    int32_t sep = -1;
};

// Truncation, overflowing windows and the special tokens; no padding. `b` is null for a single text.
// Throws bw::Error when max_length cannot be met with the chosen strategy, when stride leaves no
// room, and for overflowing pairs with LongestFirst (ambiguous; the slow Hugging Face tokenizer
// refuses it too).
Encoding buildEncoding(const SequenceTokens& a, const SequenceTokens* b, const EncodeOptions& options,
                       const Vocab& vocab, SpecialTokenIds special);

// Pads `encoding` and its overflowing windows on the right to `length` tokens: pad id, type id 0,
// attention 0, special 1, offsets {0,0}, word/sequence id -1. Longer encodings stay as they are.
void padEncoding(Encoding& encoding, size_t length, int32_t pad_id, const std::string& pad_token);

// `length` rounded up to a multiple of `multiple` (0: unchanged).
size_t roundUpToMultiple(size_t length, int multiple);

}  // namespace bw::text
