#include "widgets/tokenizer/token_chip.h"

#include "widgets/tokenizer/token_colors.h"

#include <QPainter>
#include <QPainterPath>

namespace bw::gui {
namespace {
constexpr int kPaddingX = 7;
constexpr int kPaddingY = 3;
constexpr qreal kRadius = 5.0;
}  // namespace

TokenChip::TokenChip(const ChipToken& token, QWidget* parent) : QWidget(parent), token_(token) {
    setAttribute(Qt::WA_Hover);
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
}

void TokenChip::setHighlighted(bool on) {
    if (on == highlighted_) return;
    highlighted_ = on;
    update();
}

QFont TokenChip::metaFont() const {
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.8);
    return small;
}

QSize TokenChip::sizeHint() const {
    const QFontMetrics main(font());
    const QFontMetrics meta(metaFont());
    const QString ids = tr("%1 · %2").arg(token_.id).arg(token_.type_id);
    const int width = std::max(main.horizontalAdvance(token_.text), meta.horizontalAdvance(ids));
    return {width + 2 * kPaddingX, main.height() + meta.height() + 2 * kPaddingY};
}

void TokenChip::paintEvent(QPaintEvent*) {
    const ChipColors colors = chipColors(palette(), token_, highlighted_);
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF box = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    QPen border(colors.border, highlighted_ ? 2.0 : 1.0);
    if (token_.kind == ChipToken::Kind::Special) border.setStyle(Qt::DashLine);
    painter.setPen(border);
    painter.setBrush(colors.fill);
    painter.drawRoundedRect(box, kRadius, kRadius);

    const QFontMetrics main(font());
    QRect text_rect = rect().adjusted(kPaddingX, kPaddingY, -kPaddingX, -kPaddingY);
    painter.setPen(colors.text);
    painter.drawText(QRect(text_rect.topLeft(), QSize(text_rect.width(), main.height())), Qt::AlignCenter, token_.text);
    painter.setFont(metaFont());
    painter.setPen(colors.meta);
    painter.drawText(QRect(text_rect.left(), text_rect.top() + main.height(), text_rect.width(),
                           text_rect.height() - main.height()),
                     Qt::AlignCenter, tr("%1 · %2").arg(token_.id).arg(token_.type_id));
}

void TokenChip::enterEvent(QEnterEvent* event) {
    QWidget::enterEvent(event);
    emit hovered(token_.index);
}

void TokenChip::leaveEvent(QEvent* event) {
    QWidget::leaveEvent(event);
    emit hovered(-1);
}

}  // namespace bw::gui
