#include "widgets/tokenizer/token_text_map.h"

namespace bw::gui {
namespace {

// utf16[c] = the UTF-16 index where code point c starts (one past the end for c == size).
std::vector<int> codePointToUtf16(const QString& text) {
    std::vector<int> index;
    index.reserve(static_cast<size_t>(text.size()) + 1);
    for (int i = 0; i < text.size(); ++i) {
        index.push_back(i);
        if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) ++i;
    }
    index.push_back(static_cast<int>(text.size()));
    return index;
}

int clampedAt(const std::vector<int>& index, int64_t code_point) {
    if (code_point < 0) return 0;
    if (code_point >= static_cast<int64_t>(index.size())) return index.back();
    return index[static_cast<size_t>(code_point)];
}

}  // namespace

TokenTextMap::TokenTextMap(const text::Encoding& encoding, const QString& text, const QString& text_pair) {
    const std::vector<int> first = codePointToUtf16(text);
    const std::vector<int> second = codePointToUtf16(text_pair);
    ranges_.resize(encoding.size());
    for (size_t i = 0; i < encoding.size(); ++i) {
        const int sequence = i < encoding.sequence_ids.size() ? encoding.sequence_ids[i] : -1;
        if (sequence < 0) continue;
        const std::vector<int>& index = sequence == 0 ? first : second;
        ranges_[i] = {sequence, clampedAt(index, encoding.offsets[i].start), clampedAt(index, encoding.offsets[i].end)};
    }
}

TextRange TokenTextMap::rangeOf(int token) const {
    return token >= 0 && token < static_cast<int>(ranges_.size()) ? ranges_[static_cast<size_t>(token)] : TextRange{};
}

int TokenTextMap::tokenAt(int sequence, int position) const {
    for (size_t i = 0; i < ranges_.size(); ++i) {
        const TextRange& r = ranges_[i];
        if (r.sequence == sequence && position >= r.start && position < r.end) return static_cast<int>(i);
    }
    return -1;
}

}  // namespace bw::gui
