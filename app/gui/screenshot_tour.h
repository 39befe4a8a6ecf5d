#pragma once
// Renders every page of the window into PNG files (for the documentation, under Xvfb).
#include <QString>

namespace bw::gui {

class MainWindow;

// Shows the window at 1400x900, visits each page and saves <dir>/<page id>.png.
// Returns the process exit status: 0 when every picture was written.
int runScreenshotTour(MainWindow& window, const QString& dir);

}  // namespace bw::gui
