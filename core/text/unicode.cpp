#include "core/text/unicode.h"

#include "core/runtime/error.h"

#include <utf8proc.h>

#include <algorithm>
#include <iterator>

namespace bw::text {
namespace {

// `index` counts from 0; the message, for people, from 1 (as a file's lines and the line reader's
// "at byte N of the line").
[[noreturn]] void invalidAt(size_t index) {
    throw bw::Error("invalid UTF-8 at byte " + std::to_string(index + 1));
}

bool isContinuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// Unicode's White_Space property outside ASCII (Rust's char::is_whitespace uses it).
bool isWhiteSpaceProperty(char32_t c) {
    switch (c) {
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
        return true;
    default:
        return c >= 0x2000 && c <= 0x200A;
    }
}

// The ranges of tokenizers' is_chinese_char. Python's BERT has 0x2B820 where Rust has 0x2B920;
// the Rust list is the one BertTokenizerFast uses, so U+2B820..U+2B91F are not split off.
bool isCjkIdeograph(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF) ||
           (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B920 && c <= 0x2CEAF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

// tokenizers classifies with the unicode_categories crate, whose tables are Unicode 8.0, while
// utf8proc knows Unicode 15. Code points whose class differs, found by running every code point
// through tokenizers 0.23.2's BertNormalizer and BertPreTokenizer: mostly punctuation, format
// characters and nonspacing marks added after Unicode 8.0 (tokenizers keeps them inside words),
// and three whose category changed since. Sorted, for binary search.
struct ClassOverride {
    char32_t first, last;
    uint8_t cls;
};
constexpr ClassOverride kUnicode8Overrides[] = {
    {0x061D, 0x061D, 0}, {0x07FD, 0x07FD, 0}, {0x0890, 0x0891, 0}, {0x0898, 0x089F, 0}, {0x08CA, 0x08E2, 0},
    {0x09FD, 0x09FE, 0}, {0x0A76, 0x0A76, 0}, {0x0AFA, 0x0AFF, 0}, {0x0B55, 0x0B55, 0}, {0x0C04, 0x0C04, 0},
    {0x0C3C, 0x0C3C, 0}, {0x0C77, 0x0C77, 0}, {0x0C84, 0x0C84, 0}, {0x0D00, 0x0D00, 0}, {0x0D3B, 0x0D3C, 0},
    {0x0D81, 0x0D81, 0}, {0x0EBA, 0x0EBA, 0}, {0x0ECE, 0x0ECE, 0}, {0x166D, 0x166D, kPunctuation},
    {0x1734, 0x1734, kNonspacingMark}, {0x180F, 0x180F, 0}, {0x1885, 0x1886, 0}, {0x1ABF, 0x1ACE, 0},
    {0x1B7D, 0x1B7E, 0}, {0x1DF6, 0x1DFB, 0}, {0x2E43, 0x2E4F, 0}, {0x2E52, 0x2E5D, 0}, {0xA82C, 0xA82C, 0},
    {0xA8C5, 0xA8C5, 0}, {0xA8FF, 0xA8FF, 0}, {0xA9BD, 0xA9BD, 0}, {0x10D24, 0x10D27, 0}, {0x10EAB, 0x10EAD, 0},
    {0x10EFD, 0x10EFF, 0}, {0x10F46, 0x10F50, 0}, {0x10F55, 0x10F59, 0}, {0x10F82, 0x10F89, 0},
    {0x11070, 0x11070, 0}, {0x11073, 0x11074, 0}, {0x110C2, 0x110C2, 0}, {0x110CD, 0x110CD, 0},
    {0x111C9, 0x111C9, kPunctuation}, {0x111CF, 0x111CF, 0}, {0x1123E, 0x1123E, 0}, {0x11241, 0x11241, 0},
    {0x1133B, 0x1133B, 0}, {0x11438, 0x1143F, 0}, {0x11442, 0x11444, 0}, {0x11446, 0x11446, 0},
    {0x1144B, 0x1144F, 0}, {0x1145A, 0x1145B, 0}, {0x1145D, 0x1145E, 0}, {0x11660, 0x1166C, 0},
    {0x116B9, 0x116B9, 0}, {0x1182F, 0x11837, 0}, {0x11839, 0x1183B, 0}, {0x1193B, 0x1193C, 0},
    {0x1193E, 0x1193E, 0}, {0x11943, 0x11946, 0}, {0x119D4, 0x119D7, 0}, {0x119DA, 0x119DB, 0},
    {0x119E0, 0x119E0, 0}, {0x119E2, 0x119E2, 0}, {0x11A01, 0x11A0A, 0}, {0x11A33, 0x11A38, 0},
    {0x11A3B, 0x11A47, 0}, {0x11A51, 0x11A56, 0}, {0x11A59, 0x11A5B, 0}, {0x11A8A, 0x11A96, 0},
    {0x11A98, 0x11A9C, 0}, {0x11A9E, 0x11AA2, 0}, {0x11B00, 0x11B09, 0}, {0x11C30, 0x11C36, 0},
    {0x11C38, 0x11C3D, 0}, {0x11C3F, 0x11C3F, 0}, {0x11C41, 0x11C45, 0}, {0x11C70, 0x11C71, 0},
    {0x11C92, 0x11CA7, 0}, {0x11CAA, 0x11CB0, 0}, {0x11CB2, 0x11CB3, 0}, {0x11CB5, 0x11CB6, 0},
    {0x11D31, 0x11D36, 0}, {0x11D3A, 0x11D3A, 0}, {0x11D3C, 0x11D3D, 0}, {0x11D3F, 0x11D45, 0},
    {0x11D47, 0x11D47, 0}, {0x11D90, 0x11D91, 0}, {0x11D95, 0x11D95, 0}, {0x11D97, 0x11D97, 0},
    {0x11EF3, 0x11EF4, 0}, {0x11EF7, 0x11EF8, 0}, {0x11F00, 0x11F01, 0}, {0x11F36, 0x11F3A, 0},
    {0x11F40, 0x11F40, 0}, {0x11F42, 0x11F4F, 0}, {0x11FFF, 0x11FFF, 0}, {0x12FF1, 0x12FF2, 0},
    {0x13430, 0x13440, 0}, {0x13447, 0x13455, 0}, {0x16E97, 0x16E9A, 0}, {0x16F4F, 0x16F4F, 0},
    {0x16FE2, 0x16FE2, 0}, {0x16FE4, 0x16FE4, 0}, {0x1CF00, 0x1CF2D, 0}, {0x1CF30, 0x1CF46, 0},
    {0x1E000, 0x1E006, 0}, {0x1E008, 0x1E018, 0}, {0x1E01B, 0x1E021, 0}, {0x1E023, 0x1E024, 0},
    {0x1E026, 0x1E02A, 0}, {0x1E08F, 0x1E08F, 0}, {0x1E130, 0x1E136, 0}, {0x1E2AE, 0x1E2AE, 0},
    {0x1E2EC, 0x1E2EF, 0}, {0x1E4EC, 0x1E4EF, 0}, {0x1E944, 0x1E94A, 0}, {0x1E95E, 0x1E95F, 0},
};

const ClassOverride* findOverride(char32_t c) {
    const auto* end = std::end(kUnicode8Overrides);
    const auto* it = std::upper_bound(std::begin(kUnicode8Overrides), end, c,
                                      [](char32_t v, const ClassOverride& o) { return v < o.first; });
    if (it == std::begin(kUnicode8Overrides)) return nullptr;
    --it;
    return c <= it->last ? it : nullptr;
}

}  // namespace

void decodeUtf8(std::string_view utf8, std::u32string& out) {
    const auto* s = reinterpret_cast<const unsigned char*>(utf8.data());
    const size_t n = utf8.size();
    out.reserve(out.size() + n);
    size_t i = 0;
    while (i < n) {
        const unsigned char b = s[i];
        if (b < 0x80) {
            out.push_back(b);
            ++i;
            continue;
        }
        // Lead byte -> length and the allowed range of the second byte (excludes overlong forms,
        // surrogates and code points past U+10FFFF, as the Unicode standard's table 3-7 does).
        int len;
        unsigned char lo = 0x80, hi = 0xBF;
        char32_t cp;
        if (b >= 0xC2 && b <= 0xDF) { len = 2; cp = b & 0x1F; }
        else if (b >= 0xE0 && b <= 0xEF) {
            len = 3; cp = b & 0x0F;
            if (b == 0xE0) lo = 0xA0;
            if (b == 0xED) hi = 0x9F;
        } else if (b >= 0xF0 && b <= 0xF4) {
            len = 4; cp = b & 0x07;
            if (b == 0xF0) lo = 0x90;
            if (b == 0xF4) hi = 0x8F;
        } else {
            invalidAt(i);
        }
        if (i + len > n || s[i + 1] < lo || s[i + 1] > hi) invalidAt(i);
        for (int k = 1; k < len; ++k) {
            if (!isContinuation(s[i + k])) invalidAt(i);
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        out.push_back(cp);
        i += len;
    }
}

std::u32string decodeUtf8(std::string_view utf8) {
    std::u32string out;
    decodeUtf8(utf8, out);
    return out;
}

void appendUtf8(char32_t cp, std::string& out) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::string encodeUtf8(std::u32string_view cps) {
    std::string out;
    out.reserve(cps.size());
    for (char32_t c : cps) appendUtf8(c, out);
    return out;
}

namespace detail {
uint8_t classifyNonAscii(char32_t c) {
    uint8_t cls = 0;
    if (isWhiteSpaceProperty(c)) cls |= kWhitespace;
    if (isCjkIdeograph(c)) cls |= kChinese;
    if (const ClassOverride* o = findOverride(c)) return cls | o->cls;
    switch (utf8proc_category(static_cast<utf8proc_int32_t>(c))) {
    case UTF8PROC_CATEGORY_CC: case UTF8PROC_CATEGORY_CF: case UTF8PROC_CATEGORY_CO: case UTF8PROC_CATEGORY_CS:
        cls |= kControl;
        break;
    case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS: case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF: case UTF8PROC_CATEGORY_PO:
        cls |= kPunctuation;
        break;
    case UTF8PROC_CATEGORY_MN:
        cls |= kNonspacingMark;
        break;
    default:
        break;
    }
    return cls;
}
}  // namespace detail

int combiningClass(char32_t c) {
    if (c < 0x300) return 0;
    return utf8proc_get_property(static_cast<utf8proc_int32_t>(c))->combining_class;
}

int canonicalDecomposition(char32_t c, char32_t out[kMaxDecomposition]) {
    if (c < 0xC0) {
        out[0] = c;
        return 1;
    }
    utf8proc_int32_t buf[kMaxDecomposition];
    const utf8proc_ssize_t n =
        utf8proc_decompose_char(static_cast<utf8proc_int32_t>(c), buf, kMaxDecomposition, UTF8PROC_DECOMPOSE, nullptr);
    if (n <= 0 || n > kMaxDecomposition) {  // cannot happen for valid code points; keep the character
        out[0] = c;
        return 1;
    }
    for (utf8proc_ssize_t k = 0; k < n; ++k) out[k] = static_cast<char32_t>(buf[k]);
    return static_cast<int>(n);
}

int toLowerFull(char32_t c, char32_t out[2]) {
    if (c < 0x80) {
        out[0] = (c >= 'A' && c <= 'Z') ? c + 32 : c;
        return 1;
    }
    if (c == 0x130) {  // the only unconditional one-to-many lower-case mapping in SpecialCasing.txt
        out[0] = 'i';
        out[1] = 0x307;
        return 2;
    }
    out[0] = static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(c)));
    return 1;
}

}  // namespace bw::text
