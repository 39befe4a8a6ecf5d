#pragma once
// A layout that places its items left to right and wraps them into rows, like words in a
// paragraph (after Qt's "Flow Layout" example).
#include <QLayout>
#include <QList>

namespace bw::gui {

class FlowLayout : public QLayout {
public:
    FlowLayout(QWidget* parent, int horizontal_spacing, int vertical_spacing);
    ~FlowLayout() override;

    void addItem(QLayoutItem* item) override;
    int count() const override { return static_cast<int>(items_.size()); }
    QLayoutItem* itemAt(int index) const override { return items_.value(index); }
    QLayoutItem* takeAt(int index) override;
    Qt::Orientations expandingDirections() const override { return {}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override { return arrange(QRect(0, 0, width, 0), false); }
    QSize minimumSize() const override;
    QSize sizeHint() const override { return minimumSize(); }
    void setGeometry(const QRect& rect) override;

private:
    // Places the items in `rect` (or only measures, when apply is false); returns the height used.
    int arrange(const QRect& rect, bool apply) const;

    QList<QLayoutItem*> items_;
    int horizontal_spacing_;
    int vertical_spacing_;
};

}  // namespace bw::gui
