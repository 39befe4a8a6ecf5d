#include "widgets/attention/attention_colors.h"

#include "widgets/shared/viridis_gradient.h"

namespace bw::gui {

QCPColorGradient weightGradient() { return viridisGradient(); }

QCPColorGradient differenceGradient() {
    QCPColorGradient gradient;
    gradient.clearColorStops();
    gradient.setColorStopAt(0.0, QColor(33, 102, 172));
    gradient.setColorStopAt(0.5, QColor(247, 247, 247));
    gradient.setColorStopAt(1.0, QColor(178, 24, 43));
    return gradient;
}

}  // namespace bw::gui
