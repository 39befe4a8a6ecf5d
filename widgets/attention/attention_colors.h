#pragma once
// Colour scales of the attention views: weights run from dark to bright (viridis, shared with the HParams plot,
// readable in light and dark themes and for colour-blind readers); differences between two models
// diverge from blue (the second model attends more) through white to red (the first attends more).
#include <qcustomplot.h>

namespace bw::gui {

QCPColorGradient weightGradient();
QCPColorGradient differenceGradient();

}  // namespace bw::gui
