#include "widgets/errors/entity_spans_delegate.h"

#include "widgets/errors/analysis_rows_model.h"

#include <QApplication>
#include <QPainter>

namespace bw::gui {

void EntitySpansDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const {
    const QVariant spans = index.data(AnalysisRowsModel::EntitySpansRole);
    const QVariantList list = spans.toList();
    if (!spans.isValid() || list.isEmpty()) {  // not a tagger's entities, or none ("—")
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // The cell's background and selection as the style draws them, without its text.
    QStyleOptionViewItem item = option;
    initStyleOption(&item, index);
    item.text.clear();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &item, painter, widget);

    const QRect area = style->subElementRect(QStyle::SE_ItemViewItemText, &item, widget).adjusted(2, 0, -2, 0);
    const bool selected = option.state & QStyle::State_Selected;
    const QColor ink = option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    QFont bold = option.font;
    bold.setBold(true);
    painter->save();
    painter->setClipRect(area);
    int x = area.left();
    const QString separator = QStringLiteral(" · ");
    for (int i = 0; i < list.size() && x < area.right(); ++i) {
        const QVariantList span = list[i].toList();
        const bool matched = span.value(1).toBool();
        const QString text = span.value(0).toString();
        if (i > 0) {
            painter->setFont(option.font);
            painter->setPen(ink);
            painter->drawText(QRect(x, area.top(), area.right() - x, area.height()), Qt::AlignVCenter | Qt::AlignLeft, separator);
            x += QFontMetrics(option.font).horizontalAdvance(separator);
        }
        const QFont& font = matched ? option.font : bold;
        painter->setFont(font);
        painter->setPen(matched || selected ? ink : AnalysisRowsModel::wrongColour());
        const int room = area.right() - x;
        const QString shown = QFontMetrics(font).elidedText(text, Qt::ElideRight, room);
        painter->drawText(QRect(x, area.top(), room, area.height()), Qt::AlignVCenter | Qt::AlignLeft, shown);
        x += QFontMetrics(font).horizontalAdvance(shown);
    }
    painter->restore();
}

}  // namespace bw::gui
