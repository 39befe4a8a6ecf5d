#pragma once
// The result of tokenizing one text or text pair, laid out like Hugging Face's `Encoding`
// (tokenizers) / `BatchEncoding` for one example.
#include <cstdint>
#include <string>
#include <vector>

namespace bw::text {

// [start, end) in Unicode code points of the original (unnormalized) input text of the sequence
// the token belongs to, as the fast tokenizer reports them. Special and padding tokens get {0, 0}.
struct Offset {
    int64_t start = 0;
    int64_t end = 0;
    bool operator==(const Offset& o) const { return start == o.start && end == o.end; }
};

struct Encoding {
    std::vector<std::string> tokens;
    std::vector<int32_t> ids;
    std::vector<int32_t> type_ids;             // 0 for the first sequence, 1 for the second
    std::vector<int32_t> attention_mask;       // 1 real token, 0 padding
    std::vector<int32_t> special_tokens_mask;  // 1 for [CLS]/[SEP]/[PAD] added by the tokenizer
    std::vector<Offset> offsets;
    std::vector<int32_t> word_ids;             // index of the pre-tokenized word in its sequence, -1 = none
    std::vector<int32_t> sequence_ids;         // 0 / 1 for tokens of text / text_pair, -1 = special or pad
    std::vector<Encoding> overflowing;         // further windows when truncating with a stride
    bool truncated = false;                    // tokens were dropped to fit max_length

    size_t size() const { return ids.size(); }
};

}  // namespace bw::text
