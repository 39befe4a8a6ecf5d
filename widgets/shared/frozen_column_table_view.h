#pragma once
// A table whose first column stays put while the others scroll sideways, as a spreadsheet's frozen
// column does: the HParams table's run names were scrolled out of sight to read its last columns.
// A second view over the same model and selection shows only the first column, laid over this
// view's left edge and scrolled up and down with it; a click there selects, and its header sorts.
#include <QTableView>

namespace bw::gui {

class FrozenColumnTableView : public QTableView {
    Q_OBJECT
public:
    explicit FrozenColumnTableView(QWidget* parent = nullptr);

    void setModel(QAbstractItemModel* model) override;
    QTableView* frozenView() const { return frozen_; }
    // A cell reached with the keyboard or scrollTo() is scrolled out from under the frozen column.
    void scrollTo(const QModelIndex& index, ScrollHint hint = EnsureVisible) override;

protected:
    void showEvent(QShowEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void updateGeometries() override;

private:
    void copySettings();          // selection behaviour and the like, as this view's
    void showOnlyTheFirstColumn();  // after the model's columns change
    void placeFrozenView();

    QTableView* frozen_;
};

}  // namespace bw::gui
