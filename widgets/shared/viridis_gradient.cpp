#include "widgets/shared/viridis_gradient.h"

namespace bw::gui {

QCPColorGradient viridisGradient(bool dark_end) {
    QCPColorGradient gradient;
    gradient.clearColorStops();
    gradient.setColorStopAt(0.0, QColor(68, 1, 84));
    gradient.setColorStopAt(0.25, QColor(59, 82, 139));
    gradient.setColorStopAt(0.5, QColor(33, 145, 140));
    gradient.setColorStopAt(0.75, QColor(94, 201, 98));
    gradient.setColorStopAt(1.0, dark_end ? QColor(190, 210, 40) : QColor(253, 231, 37));
    return gradient;
}

}  // namespace bw::gui
