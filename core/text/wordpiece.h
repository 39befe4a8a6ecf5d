#pragma once
// WordPiece (Hugging Face BertTokenizer / tokenizers' WordPiece model): greedy longest-match-first
// over one pre-tokenized word, continuation pieces carry a prefix ("##"); a word longer than
// max_input_chars_per_word, or with any part that matches nothing, becomes a single [UNK].
//
// Matching walks a code-point trie of the vocabulary, so the longest vocabulary entry at a position
// is found in one pass with no string building and no allocation per token.
#include "core/text/vocab.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bw::text {

class WordPiece {
public:
    struct Piece {
        int32_t id = -1;
        uint32_t begin = 0;  // [begin, end) in code points of the word
        uint32_t end = 0;
    };

    WordPiece() = default;
    WordPiece(const Vocab& vocab, int32_t unk_id, std::string_view continuing_subword_prefix,
              int max_input_chars_per_word);

    // Appends the pieces of `word` (normalized code points, no whitespace) to `out`.
    void tokenize(std::u32string_view word, std::vector<Piece>& out) const;

private:
    static constexpr uint32_t kNone = UINT32_MAX;

    uint32_t addNode();
    uint32_t child(uint32_t node, char32_t c) const;
    uint32_t addChild(uint32_t node, char32_t c);
    void insert(uint32_t from, std::u32string_view key, int32_t id);
    size_t slotOf(uint32_t node, char32_t c) const;
    void growTable();
    // Longest vocabulary match of word[start, ...) walking from `node`; returns its end or 0.
    uint32_t longestMatch(uint32_t node, std::u32string_view word, uint32_t start, int32_t& id) const;

    // Trie edges live in one open-addressing hash table keyed by (node, code point); the edges out
    // of the two roots for ASCII, the hottest ones, are direct arrays.
    struct Edge {
        uint32_t node = kNone;
        char32_t c = 0;
        uint32_t child = kNone;
    };
    std::vector<Edge> edges_;
    size_t edge_count_ = 0;
    int table_bits_ = 0;
    std::vector<int32_t> token_of_node_;  // vocabulary id ending at a node, -1 if none
    uint32_t root_ = 0;
    uint32_t continuation_root_ = 0;  // the node reached by the continuation prefix
    std::vector<uint32_t> root_ascii_, continuation_ascii_;
    int32_t unk_id_ = -1;
    int max_input_chars_per_word_ = 100;
};

}  // namespace bw::text
