#include "widgets/tokenizer/token_colors.h"

namespace bw::gui {
namespace {

QColor mix(const QColor& a, const QColor& b, qreal t) {
    return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * t, a.greenF() + (b.greenF() - a.greenF()) * t,
                            a.blueF() + (b.blueF() - a.blueF()) * t);
}

}  // namespace

QColor segmentColor(const QPalette& palette, int type_id) {
    return type_id == 0 ? palette.color(QPalette::Highlight) : QColor(0, 150, 136);
}

QColor unknownColor() { return QColor(230, 140, 0); }

ChipColors chipColors(const QPalette& palette, const ChipToken& token, bool highlighted) {
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    QColor hue = segmentColor(palette, token.type_id);
    if (token.kind == ChipToken::Kind::Unknown) hue = unknownColor();

    ChipColors colors;
    colors.text = text;
    colors.meta = mix(text, base, 0.4);
    if (token.kind == ChipToken::Kind::Special) {
        colors.fill = palette.color(QPalette::Window);
        colors.border = mix(text, base, 0.45);
        colors.text = mix(text, base, 0.25);
    } else {
        colors.fill = mix(base, hue, token.kind == ChipToken::Kind::Unknown ? 0.3 : 0.14);
        colors.border = mix(base, hue, 0.6);
    }
    if (highlighted) {
        colors.fill = mix(base, hue, 0.45);
        colors.border = hue;
    }
    return colors;
}

}  // namespace bw::gui
