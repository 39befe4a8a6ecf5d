#pragma once
// BERT's normalizer (tokenizers' BertNormalizer): clean text, isolate CJK ideographs, strip accents
// (NFD, then drop nonspacing marks), lower-case. Every output code point remembers which original
// code point it came from, so tokens can report offsets into the text the user gave.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bw::text {

struct NormalizerOptions {
    bool clean_text = true;            // drop NUL, U+FFFD and control characters; whitespace -> ' '
    bool handle_chinese_chars = true;  // surround CJK ideographs with spaces
    bool strip_accents = true;
    bool lowercase = true;
};

struct NormalizedText {
    std::u32string chars;
    std::vector<int32_t> origins;  // origins[i]: index of the original code point chars[i] came from

    void clear() {
        chars.clear();
        origins.clear();
    }
};

class BertNormalizer {
public:
    BertNormalizer() = default;
    explicit BertNormalizer(NormalizerOptions options) : options_(options) {}

    // Appends the normalized form of `text` to `out`; `first_index` is the index of text[0] in the
    // original sequence (text may be a piece between two special tokens).
    void normalize(std::u32string_view text, int32_t first_index, NormalizedText& out) const;
    NormalizedText normalize(std::u32string_view text) const;

    const NormalizerOptions& options() const { return options_; }

private:
    void appendStripped(char32_t c, int32_t origin, size_t& mark_boundary, NormalizedText& out) const;
    void appendLowered(char32_t c, int32_t origin, NormalizedText& out) const;

    NormalizerOptions options_;
};

}  // namespace bw::text
