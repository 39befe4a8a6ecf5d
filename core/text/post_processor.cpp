#include "core/text/post_processor.h"

#include "core/runtime/error.h"

#include <algorithm>

namespace bw::text {
namespace {

struct Window {
    size_t begin = 0;
    size_t end = 0;
};

struct Plan {
    size_t keep_a = 0;
    size_t keep_b = 0;
};

// How many tokens each sequence keeps so that together they fit `budget` (tokenizers'
// truncate_encodings). LongestFirst gives an odd leftover to the second sequence on a tie, as the fast
// tokenizer does (the slow one gives it to the first).
Plan planTruncation(size_t len_a, const SequenceTokens* b, size_t budget, Truncation strategy) {
    const size_t len_b = b ? b->size() : 0;
    Plan plan{len_a, len_b};
    if (len_a + len_b <= budget || strategy == Truncation::None) return plan;
    const size_t to_remove = len_a + len_b - budget;
    switch (strategy) {
    case Truncation::LongestFirst:
        if (!b) {
            plan.keep_a = budget;
        } else {
            const bool swapped = len_a > len_b;
            size_t n1 = std::min(len_a, len_b), n2 = std::max(len_a, len_b);
            n2 = n1 > budget ? n1 : std::max(n1, budget - n1);
            if (n1 + n2 > budget) {
                n1 = budget / 2;
                n2 = n1 + budget % 2;
            }
            if (swapped) std::swap(n1, n2);
            plan.keep_a = std::min(n1, len_a);
            plan.keep_b = std::min(n2, len_b);
        }
        break;
    case Truncation::OnlyFirst:
    case Truncation::OnlySecond: {
        const bool first = strategy == Truncation::OnlyFirst;
        if (!first && !b)
            throw bw::Error("truncation only_second needs a text pair, but the input is a single text of " +
                            std::to_string(len_a) + " tokens (max_length leaves " + std::to_string(budget) + ")");
        const size_t len = first ? len_a : len_b;
        if (len <= to_remove)
            throw bw::Error(std::string("truncation ") + (first ? "only_first" : "only_second") +
                            " cannot fit max_length: the " + (first ? "second" : "first") + " text alone has " +
                            std::to_string(first ? len_b : len_a) + " tokens and " + std::to_string(budget) +
                            " fit after the special tokens");
        (first ? plan.keep_a : plan.keep_b) = len - to_remove;
        break;
    }
    case Truncation::None:
        break;
    }
    return plan;
}

// Windows of `keep` tokens, each starting keep - stride tokens after the previous one, until one
// reaches the end (tokenizers' Encoding::truncate). Only the first when no overflow is asked for.
std::vector<Window> windows(size_t len, size_t keep, size_t stride, bool overflowing) {
    if (keep >= len) return {{0, len}};
    if (!overflowing) return {{0, keep}};
    if (stride >= keep)
        throw bw::Error("stride " + std::to_string(stride) + " must be smaller than the " + std::to_string(keep) +
                        " tokens a truncated window keeps of this text");
    std::vector<Window> out;
    for (size_t start = 0;; start += keep - stride) {
        const size_t stop = std::min(start + keep, len);
        out.push_back({start, stop});
        if (stop == len) break;
    }
    return out;
}

void appendSpecial(Encoding& e, int32_t id, const std::string& token, int32_t type_id) {
    e.tokens.push_back(token);
    e.ids.push_back(id);
    e.type_ids.push_back(type_id);
    e.attention_mask.push_back(1);
    e.special_tokens_mask.push_back(1);
    e.offsets.push_back({0, 0});
    e.word_ids.push_back(-1);
    e.sequence_ids.push_back(-1);
}

void appendSequence(Encoding& e, const SequenceTokens& s, Window w, int32_t sequence, const Vocab& vocab) {
    for (size_t i = w.begin; i < w.end; ++i) {
        e.tokens.push_back(vocab.token(s.ids[i]));
        e.ids.push_back(s.ids[i]);
        e.type_ids.push_back(sequence);
        e.attention_mask.push_back(1);
        e.special_tokens_mask.push_back(0);
        e.offsets.push_back(s.offsets[i]);
        e.word_ids.push_back(s.word_ids[i]);
        e.sequence_ids.push_back(sequence);
    }
}

Encoding assemble(const SequenceTokens& a, Window wa, const SequenceTokens* b, Window wb, bool add_special,
                  const Vocab& vocab, SpecialTokenIds special) {
    Encoding e;
    const size_t n = (wa.end - wa.begin) + (b ? wb.end - wb.begin : 0) + (add_special ? (b ? 3 : 2) : 0);
    e.tokens.reserve(n);
    e.ids.reserve(n);
    e.type_ids.reserve(n);
    e.attention_mask.reserve(n);
    e.special_tokens_mask.reserve(n);
    e.offsets.reserve(n);
    e.word_ids.reserve(n);
    e.sequence_ids.reserve(n);
    if (add_special) appendSpecial(e, special.cls, vocab.token(special.cls), 0);
    appendSequence(e, a, wa, 0, vocab);
    if (add_special) appendSpecial(e, special.sep, vocab.token(special.sep), 0);
    if (b) {
        appendSequence(e, *b, wb, 1, vocab);
        if (add_special) appendSpecial(e, special.sep, vocab.token(special.sep), 1);
    }
    return e;
}

}  // namespace

Encoding buildEncoding(const SequenceTokens& a, const SequenceTokens* b, const EncodeOptions& options,
                       const Vocab& vocab, SpecialTokenIds special) {
    if (options.stride < 0) throw bw::Error("stride must not be negative");
    Plan plan{a.size(), b ? b->size() : 0};
    const bool truncating = options.max_length.has_value() && options.truncation != Truncation::None;
    const bool overflowing = truncating && options.return_overflowing;
    if (truncating) {
        const size_t added = options.add_special_tokens ? (b ? 3 : 2) : 0;
        if (*options.max_length < 0 || static_cast<size_t>(*options.max_length) < added)
            throw bw::Error("max_length " + std::to_string(*options.max_length) + " leaves no room for the " +
                            std::to_string(added) + " special tokens");
        const size_t budget = static_cast<size_t>(*options.max_length) - added;
        if (overflowing && b && options.truncation == Truncation::LongestFirst)
            throw bw::Error("overflowing windows of a text pair need truncation only_first or only_second; "
                            "with longest_first it is not defined which text the windows slide over");
        if (overflowing && static_cast<size_t>(options.stride) >= budget)
            throw bw::Error("stride " + std::to_string(options.stride) + " must be smaller than max_length " +
                            std::to_string(*options.max_length) + " minus the " + std::to_string(added) +
                            " special tokens");
        plan = planTruncation(a.size(), b, budget, options.truncation);
    }
    const auto stride = static_cast<size_t>(options.stride);
    const std::vector<Window> wa = windows(a.size(), plan.keep_a, stride, overflowing);
    const std::vector<Window> wb = b ? windows(b->size(), plan.keep_b, stride, overflowing) : std::vector<Window>{{}};
    const bool truncated = plan.keep_a < a.size() || (b && plan.keep_b < b->size());

    Encoding main = assemble(a, wa[0], b, wb[0], options.add_special_tokens, vocab, special);
    main.truncated = truncated;
    // At most one of the two sequences has further windows (LongestFirst pairs were refused above);
    // each window comes with the whole of the other sequence.
    for (size_t i = 1; i < wa.size(); ++i) {
        main.overflowing.push_back(assemble(a, wa[i], b, wb[0], options.add_special_tokens, vocab, special));
        main.overflowing.back().truncated = true;
    }
    for (size_t i = 1; i < wb.size(); ++i) {
        main.overflowing.push_back(assemble(a, wa[0], b, wb[i], options.add_special_tokens, vocab, special));
        main.overflowing.back().truncated = true;
    }
    return main;
}

void padEncoding(Encoding& e, size_t length, int32_t pad_id, const std::string& pad_token) {
    for (Encoding& o : e.overflowing) padEncoding(o, length, pad_id, pad_token);
    if (e.ids.size() >= length) return;
    const size_t n = length - e.ids.size();
    e.tokens.insert(e.tokens.end(), n, pad_token);
    e.ids.insert(e.ids.end(), n, pad_id);
    e.type_ids.insert(e.type_ids.end(), n, 0);
    e.attention_mask.insert(e.attention_mask.end(), n, 0);
    e.special_tokens_mask.insert(e.special_tokens_mask.end(), n, 1);
    e.offsets.insert(e.offsets.end(), n, Offset{0, 0});
    e.word_ids.insert(e.word_ids.end(), n, -1);
    e.sequence_ids.insert(e.sequence_ids.end(), n, -1);
}

size_t roundUpToMultiple(size_t length, int multiple) {
    if (multiple <= 0 || length % static_cast<size_t>(multiple) == 0) return length;
    return length + static_cast<size_t>(multiple) - length % static_cast<size_t>(multiple);
}

}  // namespace bw::text
