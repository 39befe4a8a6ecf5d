#pragma once
// "Save plot as…" in a plot's context menu (PNG, SVG or PDF through the workbench's savePlot), so
// every plot of the workbench can be kept.
#include <QString>

class QCustomPlot;

namespace bw::gui {

void addSavePlotMenu(QCustomPlot* plot, const QString& suggested_name);

}  // namespace bw::gui
