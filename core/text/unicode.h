#pragma once
// UTF-8 <-> code points, and the character classes BERT's normalizer and pre-tokenizer use, with the
// definitions of Hugging Face's `tokenizers` (Rust), on top of utf8proc.
#include <cstdint>
#include <string>
#include <string_view>

namespace bw::text {

// Appends the code points of `utf8` to `out`. Throws bw::Error("invalid UTF-8 at byte N") for a
// malformed sequence: stray continuation byte, truncated sequence, overlong form, surrogate, > U+10FFFF.
void decodeUtf8(std::string_view utf8, std::u32string& out);
std::u32string decodeUtf8(std::string_view utf8);

void appendUtf8(char32_t cp, std::string& out);
std::string encodeUtf8(std::u32string_view cps);

// Bit flags; a code point may have several (U+000B is both whitespace and control).
enum CharClass : uint8_t {
    kWhitespace = 1,   // \t \n \r and the Unicode White_Space property (Rust char::is_whitespace)
    kControl = 2,      // general category Cc, Cf, Co, Cs except \t \n \r (unassigned Cn is not)
    kPunctuation = 4,  // category P*, plus the ASCII symbols 33-47, 58-64, 91-96, 123-126
    kChinese = 8,      // CJK ideograph blocks, as tokenizers' BertNormalizer lists them
    kNonspacingMark = 16,  // category Mn (what strip_accents removes after NFD)
};

namespace detail {
constexpr uint8_t asciiClass(char32_t c) {
    if (c == '\t' || c == '\n' || c == '\r' || c == ' ') return kWhitespace;
    if (c == 0x0B || c == 0x0C) return kWhitespace | kControl;  // White_Space, yet category Cc
    if (c < 0x20 || c == 0x7F) return kControl;
    if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126))
        return kPunctuation;
    return 0;
}
struct AsciiClasses {
    uint8_t of[128] = {};
    constexpr AsciiClasses() {
        for (char32_t c = 0; c < 128; ++c) of[c] = asciiClass(c);
    }
};
inline constexpr AsciiClasses kAsciiClasses{};
uint8_t classifyNonAscii(char32_t c);
}  // namespace detail

// The CharClass flags of `c`; ASCII is a table lookup, the rest asks utf8proc.
inline uint8_t classify(char32_t c) {
    return c < 128 ? detail::kAsciiClasses.of[c] : detail::classifyNonAscii(c);
}
inline bool isWhitespace(char32_t c) { return classify(c) & kWhitespace; }
inline bool isControl(char32_t c) { return classify(c) & kControl; }
inline bool isPunctuation(char32_t c) { return classify(c) & kPunctuation; }
inline bool isChineseChar(char32_t c) { return classify(c) & kChinese; }
inline bool isNonspacingMark(char32_t c) { return classify(c) & kNonspacingMark; }

// Canonical combining class (0 for starters); NFD orders marks by it.
int combiningClass(char32_t c);
inline constexpr int kMaxDecomposition = 8;  // canonical decompositions are at most 4 code points
// Writes the canonical decomposition (NFD, not yet reordered) of `c` to `out`; returns its length.
int canonicalDecomposition(char32_t c, char32_t out[kMaxDecomposition]);
// Full lower-case mapping as Rust's char::to_lowercase: U+0130 becomes "i\u0307", others one code point.
int toLowerFull(char32_t c, char32_t out[2]);

}  // namespace bw::text
