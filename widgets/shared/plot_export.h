#pragma once
// Saves a plot as PNG, SVG or PDF, chosen by the file's suffix ("Every plot can be saved").
#include <QString>

class QCustomPlot;
class QWidget;

namespace bw::gui {

// The name filter for file dialogs that save plots.
QString plotFileFilter();
// Returns false with the reason in *error (unknown suffix, file not writable).
bool savePlot(QCustomPlot& plot, const QString& path, QString* error);
// Asks for a file name (suggested: `suggested_name`, in the folder plots were last saved to) and
// saves; reports failures in a message box.
void savePlotInteractively(QCustomPlot& plot, const QString& suggested_name, QWidget* parent);

}  // namespace bw::gui
