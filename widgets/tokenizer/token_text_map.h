#pragma once
// Where each token of an encoding sits in the text boxes it came from. The tokenizer reports
// offsets in Unicode code points; Qt's text widgets count UTF-16 units, so the two differ as soon
// as the text holds a character outside the Basic Multilingual Plane (an emoji, rare CJK).
#include "core/text/encoding.h"

#include <QString>

#include <vector>

namespace bw::gui {

struct TextRange {
    int sequence = -1;  // 0: the text, 1: the second text, -1: none (special tokens)
    int start = 0;      // [start, end) in UTF-16 units of that text
    int end = 0;
    bool isEmpty() const { return sequence < 0 || end <= start; }
};

class TokenTextMap {
public:
    TokenTextMap() = default;
    TokenTextMap(const text::Encoding& encoding, const QString& text, const QString& text_pair);

    TextRange rangeOf(int token) const;
    // The token covering the UTF-16 position `position` of text `sequence`, or -1.
    int tokenAt(int sequence, int position) const;

private:
    std::vector<TextRange> ranges_;
};

}  // namespace bw::gui
