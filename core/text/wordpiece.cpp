#include "core/text/wordpiece.h"

#include "core/text/unicode.h"

namespace bw::text {

WordPiece::WordPiece(const Vocab& vocab, int32_t unk_id, std::string_view continuing_subword_prefix,
                     int max_input_chars_per_word)
    : unk_id_(unk_id), max_input_chars_per_word_(max_input_chars_per_word) {
    table_bits_ = 10;
    edges_.assign(size_t{1} << table_bits_, Edge{});
    root_ = addNode();
    continuation_root_ = root_;
    for (char32_t c : decodeUtf8(continuing_subword_prefix)) continuation_root_ = addChild(continuation_root_, c);
    const auto& tokens = vocab.tokens();
    for (size_t id = 0; id < tokens.size(); ++id) insert(root_, decodeUtf8(tokens[id]), static_cast<int32_t>(id));

    root_ascii_.assign(128, kNone);
    continuation_ascii_.assign(128, kNone);
    for (char32_t c = 0; c < 128; ++c) {
        root_ascii_[c] = child(root_, c);
        continuation_ascii_[c] = child(continuation_root_, c);
    }
}

uint32_t WordPiece::addNode() {
    token_of_node_.push_back(-1);
    return static_cast<uint32_t>(token_of_node_.size() - 1);
}

size_t WordPiece::slotOf(uint32_t node, char32_t c) const {
    // Fibonacci hashing of the 53-bit key; linear probing from there.
    const uint64_t key = (uint64_t{node} << 21) | c;
    const size_t mask = edges_.size() - 1;
    size_t slot = static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> (64 - table_bits_));
    while (edges_[slot].node != kNone && (edges_[slot].node != node || edges_[slot].c != c)) slot = (slot + 1) & mask;
    return slot;
}

uint32_t WordPiece::child(uint32_t node, char32_t c) const {
    return edges_[slotOf(node, c)].child;  // an empty slot holds kNone
}

void WordPiece::growTable() {
    std::vector<Edge> old;
    old.swap(edges_);
    ++table_bits_;
    edges_.assign(size_t{1} << table_bits_, Edge{});
    for (const Edge& e : old)
        if (e.node != kNone) edges_[slotOf(e.node, e.c)] = e;
}

uint32_t WordPiece::addChild(uint32_t node, char32_t c) {
    size_t slot = slotOf(node, c);
    if (edges_[slot].node != kNone) return edges_[slot].child;
    if ((edge_count_ + 1) * 2 > edges_.size()) {  // keep the load factor under 1/2
        growTable();
        slot = slotOf(node, c);
    }
    const uint32_t next = addNode();
    edges_[slot] = Edge{node, c, next};
    ++edge_count_;
    return next;
}

void WordPiece::insert(uint32_t from, std::u32string_view key, int32_t id) {
    uint32_t node = from;
    for (char32_t c : key) node = addChild(node, c);
    token_of_node_[node] = id;  // ids come in order: a repeated token keeps its last id, like Vocab::id
}

uint32_t WordPiece::longestMatch(uint32_t node, std::u32string_view word, uint32_t start, int32_t& id) const {
    const std::vector<uint32_t>& ascii = node == root_ ? root_ascii_ : continuation_ascii_;
    uint32_t best_end = 0;
    for (size_t i = start; i < word.size(); ++i) {
        const char32_t c = word[i];
        node = (i == start && c < 128) ? ascii[c] : child(node, c);
        if (node == kNone) break;
        if (token_of_node_[node] >= 0) {
            id = token_of_node_[node];
            best_end = static_cast<uint32_t>(i + 1);
        }
    }
    return best_end;
}

void WordPiece::tokenize(std::u32string_view word, std::vector<Piece>& out) const {
    if (word.empty()) return;
    const auto n = static_cast<uint32_t>(word.size());
    if (word.size() > static_cast<size_t>(max_input_chars_per_word_)) {
        out.push_back({unk_id_, 0, n});
        return;
    }
    const size_t first = out.size();
    uint32_t start = 0;
    while (start < n) {
        int32_t id = -1;
        const uint32_t end = longestMatch(start == 0 ? root_ : continuation_root_, word, start, id);
        if (end == 0) {  // some part of the word is in no vocabulary entry: the whole word is unknown
            out.resize(first);
            out.push_back({unk_id_, 0, n});
            return;
        }
        out.push_back({id, start, end});
        start = end;
    }
}

}  // namespace bw::text
