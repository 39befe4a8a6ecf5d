#pragma once
// Draws a tagger's entities in the error-analysis table as a line of "TYPE words" separated by " · ":
// the entities both sides share in the view's text colour, the missed ones (Gold column) and the
// invented ones (Predicted column) in red and bold, so a row shows at a glance which entities it got
// wrong. A cell without AnalysisRowsModel::EntitySpansRole is drawn as usual.
#include <QStyledItemDelegate>

namespace bw::gui {

class EntitySpansDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

}  // namespace bw::gui
