#include "core/text/pre_tokenizer.h"

#include "core/text/unicode.h"

namespace bw::text {

void splitWords(std::u32string_view chars, size_t from, std::vector<WordSpan>& out) {
    size_t start = from;
    bool in_word = false;
    for (size_t i = from; i < chars.size(); ++i) {
        const uint8_t cls = classify(chars[i]);
        if (cls & (kWhitespace | kPunctuation)) {
            if (in_word) out.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(i)});
            in_word = false;
            if (!(cls & kWhitespace)) out.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1)});
        } else if (!in_word) {
            start = i;
            in_word = true;
        }
    }
    if (in_word) out.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(chars.size())});
}

SpecialTokenMatcher::SpecialTokenMatcher(const std::vector<std::pair<std::string, int32_t>>& tokens) {
    for (const auto& [text, id] : tokens) {
        if (text.empty()) continue;
        Token t{decodeUtf8(text), id};
        if (t.text[0] < 128) ascii_first_[t.text[0]] = true;
        else non_ascii_first_ = true;
        tokens_.push_back(std::move(t));
    }
}

bool SpecialTokenMatcher::mayStart(char32_t c) const {
    return c < 128 ? ascii_first_[c] : non_ascii_first_;
}

bool SpecialTokenMatcher::next(std::u32string_view text, size_t from, Match& match) const {
    if (tokens_.empty()) return false;
    for (size_t pos = from; pos < text.size(); ++pos) {
        if (!mayStart(text[pos])) continue;
        const Token* best = nullptr;
        for (const Token& t : tokens_) {
            if (text.compare(pos, t.text.size(), t.text) == 0 && (!best || t.text.size() > best->text.size()))
                best = &t;
        }
        if (best) {
            match = {pos, pos + best->text.size(), best->id};
            return true;
        }
    }
    return false;
}

}  // namespace bw::text
