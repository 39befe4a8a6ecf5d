#pragma once
// The choice of what curves are drawn against (step, epoch or training time), as a combo box.
#include "widgets/shared/curve_plot.h"

#include <QComboBox>

namespace bw::gui {

class CurveAxisCombo : public QComboBox {
    Q_OBJECT
public:
    explicit CurveAxisCombo(QWidget* parent = nullptr);

    CurveAxis axis() const;
    void setAxis(CurveAxis axis);
};

}  // namespace bw::gui
