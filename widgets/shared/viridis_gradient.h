#pragma once
// Viridis, matplotlib's default colour map, as a QCustomPlot gradient: dark purple through blue and
// green to yellow, readable in light and dark themes and by colour-blind readers. The attention
// heatmaps and the HParams plot's lines use it.
#include <qcustomplot.h>

namespace bw::gui {

// `dark_end`: ends on a darker yellow-green instead of the palest yellow, which vanishes as a thin
// line on a white plot.
QCPColorGradient viridisGradient(bool dark_end = false);

}  // namespace bw::gui
