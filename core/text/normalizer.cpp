#include "core/text/normalizer.h"

#include "core/text/unicode.h"

namespace bw::text {

void BertNormalizer::normalize(std::u32string_view text, int32_t first_index, NormalizedText& out) const {
    out.chars.reserve(out.chars.size() + text.size());
    out.origins.reserve(out.origins.size() + text.size());
    // NFD reorders combining marks; the reordering must not reach into text normalized earlier.
    size_t mark_boundary = out.chars.size();
    for (size_t i = 0; i < text.size(); ++i) {
        char32_t c = text[i];
        const auto origin = static_cast<int32_t>(first_index + i);
        if (c < 0x80) {  // fast path: no decomposition, no marks, no ideographs
            const uint8_t cls = detail::kAsciiClasses.of[c];
            if (options_.clean_text) {
                if (cls & kControl) continue;
                if (cls & kWhitespace) c = ' ';
            }
            if (options_.lowercase && c >= 'A' && c <= 'Z') c += 32;
            out.chars.push_back(c);
            out.origins.push_back(origin);
            continue;
        }
        const uint8_t cls = classify(c);
        if (options_.clean_text) {
            if (c == 0xFFFD || (cls & kControl)) continue;
            if (cls & kWhitespace) c = ' ';
        }
        if (options_.handle_chinese_chars && (cls & kChinese)) {
            // The padding spaces belong to the ideograph, as in tokenizers' alignments.
            appendLowered(' ', origin, out);
            appendStripped(c, origin, mark_boundary, out);
            appendLowered(' ', origin, out);
        } else {
            appendStripped(c, origin, mark_boundary, out);
        }
    }
}

NormalizedText BertNormalizer::normalize(std::u32string_view text) const {
    NormalizedText out;
    normalize(text, 0, out);
    return out;
}

// NFD with the nonspacing marks dropped, then lower-case: the order tokenizers applies them in.
void BertNormalizer::appendStripped(char32_t c, int32_t origin, size_t& mark_boundary, NormalizedText& out) const {
    if (!options_.strip_accents) {
        appendLowered(c, origin, out);
        return;
    }
    char32_t parts[kMaxDecomposition];
    const int n = canonicalDecomposition(c, parts);
    for (int k = 0; k < n; ++k) {
        const char32_t d = parts[k];
        const int ccc = combiningClass(d);
        if (isNonspacingMark(d)) {
            // A dropped mark of class 0 still separated the marks around it in NFD's ordering.
            if (ccc == 0) mark_boundary = out.chars.size();
            continue;
        }
        const size_t at = out.chars.size();
        appendLowered(d, origin, out);
        if (ccc == 0) continue;
        // Canonical ordering: a mark moves before preceding marks of a higher class (stable). Only the
        // characters move: tokenizers aligns NFD's output by position, so offsets stay in order.
        size_t j = at;
        while (j > mark_boundary && combiningClass(out.chars[j - 1]) > ccc) {
            std::swap(out.chars[j - 1], out.chars[j]);
            --j;
        }
    }
}

void BertNormalizer::appendLowered(char32_t c, int32_t origin, NormalizedText& out) const {
    if (!options_.lowercase) {
        out.chars.push_back(c);
        out.origins.push_back(origin);
        return;
    }
    char32_t lower[2];
    const int n = toLowerFull(c, lower);
    for (int k = 0; k < n; ++k) {
        out.chars.push_back(lower[k]);
        out.origins.push_back(origin);
    }
}

}  // namespace bw::text
