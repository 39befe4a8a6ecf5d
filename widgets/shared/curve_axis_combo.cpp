#include "widgets/shared/curve_axis_combo.h"

namespace bw::gui {

// Each item's data is its CurveAxis as an int, so callers (and tests) can find an axis with findData.
CurveAxisCombo::CurveAxisCombo(QWidget* parent) : QComboBox(parent) {
    addItem(tr("Step"), static_cast<int>(CurveAxis::Step));
    addItem(tr("Epoch"), static_cast<int>(CurveAxis::Epoch));
    addItem(tr("Time"), static_cast<int>(CurveAxis::Time));
}

CurveAxis CurveAxisCombo::axis() const { return static_cast<CurveAxis>(currentData().toInt()); }

void CurveAxisCombo::setAxis(CurveAxis axis) { setCurrentIndex(findData(static_cast<int>(axis))); }

}  // namespace bw::gui
