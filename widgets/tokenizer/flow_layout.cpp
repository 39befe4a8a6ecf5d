#include "widgets/tokenizer/flow_layout.h"

#include <QWidget>

#include <algorithm>

namespace bw::gui {

FlowLayout::FlowLayout(QWidget* parent, int horizontal_spacing, int vertical_spacing)
    : QLayout(parent), horizontal_spacing_(horizontal_spacing), vertical_spacing_(vertical_spacing) {}

FlowLayout::~FlowLayout() {
    while (QLayoutItem* item = takeAt(0)) delete item;
}

void FlowLayout::addItem(QLayoutItem* item) { items_.append(item); }

QLayoutItem* FlowLayout::takeAt(int index) {
    return index >= 0 && index < items_.size() ? items_.takeAt(index) : nullptr;
}

QSize FlowLayout::minimumSize() const {
    QSize size;
    for (const QLayoutItem* item : items_) size = size.expandedTo(item->minimumSize());
    const QMargins m = contentsMargins();
    return size + QSize(m.left() + m.right(), m.top() + m.bottom());
}

void FlowLayout::setGeometry(const QRect& rect) {
    QLayout::setGeometry(rect);
    arrange(rect, true);
}

int FlowLayout::arrange(const QRect& rect, bool apply) const {
    const QRect area = rect.marginsRemoved(contentsMargins());
    int x = area.x();
    int y = area.y();
    int row_height = 0;
    for (QLayoutItem* item : items_) {
        QSize hint = item->sizeHint();
        if (hint.width() > area.width() && item->hasHeightForWidth())  // wraps inside itself, on a row of its own
            hint = QSize(std::max(area.width(), item->minimumSize().width()), item->heightForWidth(area.width()));
        if (x + hint.width() > area.right() + 1 && row_height > 0) {  // wrap, unless the row is empty
            x = area.x();
            y += row_height + vertical_spacing_;
            row_height = 0;
        }
        if (apply) item->setGeometry(QRect(QPoint(x, y), hint));
        x += hint.width() + horizontal_spacing_;
        row_height = std::max(row_height, hint.height());
    }
    return y + row_height - rect.y() + contentsMargins().bottom();
}

}  // namespace bw::gui
