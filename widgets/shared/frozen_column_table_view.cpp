#include "widgets/shared/frozen_column_table_view.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QSignalBlocker>

namespace bw::gui {

FrozenColumnTableView::FrozenColumnTableView(QWidget* parent) : QTableView(parent), frozen_(new QTableView(this)) {
    frozen_->setObjectName(QStringLiteral("frozenColumn"));
    frozen_->setFocusPolicy(Qt::NoFocus);
    frozen_->setFrameShape(QFrame::NoFrame);
    frozen_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    frozen_->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    frozen_->horizontalHeader()->setSectionsMovable(false);
    // Pixel scrolling, so that the two views can keep the same offset.
    setHorizontalScrollMode(ScrollPerPixel);
    setVerticalScrollMode(ScrollPerPixel);
    frozen_->setVerticalScrollMode(ScrollPerPixel);
    viewport()->stackUnder(frozen_);

    // One width and one set of row heights for the first column in both views.
    connect(horizontalHeader(), &QHeaderView::sectionResized, this, [this](int section, int, int size) {
        if (section != 0) return;
        frozen_->setColumnWidth(0, size);
        placeFrozenView();
    });
    connect(frozen_->horizontalHeader(), &QHeaderView::sectionResized, this, [this](int section, int, int size) {
        if (section == 0 && columnWidth(0) != size) setColumnWidth(0, size);
    });
    connect(verticalHeader(), &QHeaderView::sectionResized, this,
            [this](int row, int, int size) { frozen_->setRowHeight(row, size); });
    connect(verticalScrollBar(), &QAbstractSlider::valueChanged, frozen_->verticalScrollBar(), &QAbstractSlider::setValue);
    connect(frozen_->verticalScrollBar(), &QAbstractSlider::valueChanged, verticalScrollBar(), &QAbstractSlider::setValue);

    // Sorting: a click on the frozen header sorts this view; this view's sort shows on both headers.
    connect(frozen_->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this,
            [this](int section, Qt::SortOrder order) { horizontalHeader()->setSortIndicator(section, order); });
    connect(horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, [this](int section, Qt::SortOrder order) {
        const QSignalBlocker block(frozen_->horizontalHeader());
        frozen_->horizontalHeader()->setSortIndicatorShown(isSortingEnabled() && section == 0);
        frozen_->horizontalHeader()->setSortIndicator(section, order);
    });
}

void FrozenColumnTableView::setModel(QAbstractItemModel* model) {
    if (QAbstractItemModel* old = this->model()) disconnect(old, nullptr, this, nullptr);
    QTableView::setModel(model);
    frozen_->setModel(model);
    frozen_->setSelectionModel(selectionModel());  // a click in either view selects in both
    if (model) {
        connect(model, &QAbstractItemModel::modelReset, this, &FrozenColumnTableView::showOnlyTheFirstColumn);
        connect(model, &QAbstractItemModel::layoutChanged, this, &FrozenColumnTableView::showOnlyTheFirstColumn);
        connect(model, &QAbstractItemModel::columnsInserted, this, &FrozenColumnTableView::showOnlyTheFirstColumn);
        connect(model, &QAbstractItemModel::columnsRemoved, this, &FrozenColumnTableView::showOnlyTheFirstColumn);
    }
    copySettings();
    showOnlyTheFirstColumn();
}

void FrozenColumnTableView::copySettings() {
    frozen_->setSelectionBehavior(selectionBehavior());
    frozen_->setSelectionMode(selectionMode());
    frozen_->setEditTriggers(editTriggers());
    frozen_->setWordWrap(wordWrap());
    frozen_->setShowGrid(showGrid());
    frozen_->setAlternatingRowColors(alternatingRowColors());
    frozen_->verticalHeader()->setVisible(false);
    frozen_->verticalHeader()->setDefaultSectionSize(verticalHeader()->defaultSectionSize());
    frozen_->horizontalHeader()->setSectionsClickable(isSortingEnabled());
    frozen_->horizontalHeader()->setSortIndicatorShown(isSortingEnabled() && horizontalHeader()->sortIndicatorSection() == 0);
    frozen_->horizontalHeader()->setSortIndicator(horizontalHeader()->sortIndicatorSection(),
                                                  horizontalHeader()->sortIndicatorOrder());
}

void FrozenColumnTableView::showOnlyTheFirstColumn() {
    const int columns = model() ? model()->columnCount() : 0;
    for (int c = 0; c < columns; ++c) frozen_->setColumnHidden(c, c != 0);
    if (columns > 0) frozen_->setColumnWidth(0, columnWidth(0));
    placeFrozenView();
}

void FrozenColumnTableView::showEvent(QShowEvent* event) {
    copySettings();  // set on this view after setModel()
    QTableView::showEvent(event);
    placeFrozenView();
}

void FrozenColumnTableView::resizeEvent(QResizeEvent* event) {
    QTableView::resizeEvent(event);
    placeFrozenView();
}

void FrozenColumnTableView::updateGeometries() {
    QTableView::updateGeometries();
    placeFrozenView();
}

void FrozenColumnTableView::placeFrozenView() {
    const bool shown = model() && model()->columnCount() > 0 && !isColumnHidden(0);
    frozen_->setVisible(shown);
    if (!shown) return;
    const int left = frameWidth() + (verticalHeader()->isVisible() ? verticalHeader()->width() : 0);
    frozen_->horizontalHeader()->setFixedHeight(horizontalHeader()->height());
    frozen_->setGeometry(left, frameWidth(), columnWidth(0), viewport()->height() + horizontalHeader()->height());
    frozen_->verticalScrollBar()->setValue(verticalScrollBar()->value());
}

void FrozenColumnTableView::scrollTo(const QModelIndex& index, ScrollHint hint) {
    QTableView::scrollTo(index, hint);
    if (!index.isValid() || index.column() == 0) return;
    const int hidden = columnWidth(0) - visualRect(index).left();  // the part under the frozen column
    if (hidden > 0) horizontalScrollBar()->setValue(horizontalScrollBar()->value() - hidden);
}

}  // namespace bw::gui
