#pragma once
// Gives a QCustomPlot the widget palette's colours (it draws black on white by default), so that
// plots follow light and dark themes.
class QCustomPlot;

namespace bw::gui {

void applyPaletteToPlot(QCustomPlot& plot);

}  // namespace bw::gui
