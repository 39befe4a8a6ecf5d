#pragma once
// The colours of token chips, derived from the palette so that they work in light and dark themes.
// Two semantic hues are fixed: teal marks the second text, amber marks [UNK].
#include "widgets/tokenizer/token_chip.h"

#include <QColor>
#include <QPalette>

namespace bw::gui {

struct ChipColors {
    QColor fill;
    QColor border;
    QColor text;
    QColor meta;  // the id line
};

ChipColors chipColors(const QPalette& palette, const ChipToken& token, bool highlighted);
// The hue that marks tokens of the given type id (legend and chips agree).
QColor segmentColor(const QPalette& palette, int type_id);
QColor unknownColor();

}  // namespace bw::gui
