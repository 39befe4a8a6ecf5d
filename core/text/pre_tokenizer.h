#pragma once
// Splitting before WordPiece, as BertTokenizerFast does it:
//  - SpecialTokenMatcher finds special tokens ([CLS], [MASK], ...) in the raw text, before
//    normalization, so "a[MASK]b" keeps [MASK] whole while "[mask]" is ordinary text;
//  - splitWords cuts normalized text on whitespace (dropped) and punctuation (one word each),
//    as tokenizers' BertPreTokenizer.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bw::text {

struct WordSpan {
    uint32_t begin = 0;  // [begin, end) in the normalized code points
    uint32_t end = 0;
};

// Appends the words of chars[from, chars.size()) to `out`.
void splitWords(std::u32string_view chars, size_t from, std::vector<WordSpan>& out);

class SpecialTokenMatcher {
public:
    struct Match {
        size_t begin = 0;  // [begin, end) in the raw code points
        size_t end = 0;
        int32_t id = -1;
    };

    SpecialTokenMatcher() = default;
    // Tokens as UTF-8 with their ids; empty strings are ignored.
    explicit SpecialTokenMatcher(const std::vector<std::pair<std::string, int32_t>>& tokens);

    // The first match at or after `from`: leftmost, and the longest token among those starting there.
    bool next(std::u32string_view text, size_t from, Match& match) const;
    bool empty() const { return tokens_.empty(); }

private:
    struct Token {
        std::u32string text;
        int32_t id;
    };
    bool mayStart(char32_t c) const;

    std::vector<Token> tokens_;
    bool ascii_first_[128] = {};
    bool non_ascii_first_ = false;  // some token starts outside ASCII: check every position
};

}  // namespace bw::text
