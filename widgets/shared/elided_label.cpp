#include "widgets/shared/elided_label.h"

namespace bw::gui {
namespace {
constexpr int kMinimumCharacters = 12;  // enough to tell one status from another
}

ElidedLabel::ElidedLabel(QWidget* parent) : QLabel(parent) {
    setTextFormat(Qt::PlainText);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void ElidedLabel::setFullText(const QString& text) {
    full_text_ = text;
    setToolTip(text);
    updateGeometry();
    updateElision();
}

// Both hints are computed from the whole text, never from the elided one that shows, so that
// eliding does not change them (and the layout does not move while the text changes length).
QSize ElidedLabel::minimumSizeHint() const {
    const QMargins m = contentsMargins();
    return {fontMetrics().averageCharWidth() * kMinimumCharacters + m.left() + m.right() + 2 * margin(),
            fontMetrics().height() + m.top() + m.bottom() + 2 * margin()};
}

QSize ElidedLabel::sizeHint() const {
    const QMargins m = contentsMargins();
    return {fontMetrics().horizontalAdvance(full_text_) + m.left() + m.right() + 2 * margin(),
            minimumSizeHint().height()};
}

void ElidedLabel::resizeEvent(QResizeEvent* event) {
    QLabel::resizeEvent(event);
    updateElision();
}

void ElidedLabel::updateElision() {
    // QLabel::text() is what shows; the whole text stays in full_text_ and the tooltip.
    setText(fontMetrics().elidedText(full_text_, Qt::ElideRight, contentsRect().width() - 2 * margin()));
}

}  // namespace bw::gui
