#pragma once
// Work the window must wait for but must not freeze over (opening a workspace reads the whole
// file: 1.6 s for 1 GB): `work` runs on a worker thread while a local event loop keeps the window
// painting; user input waits until the work ends, and a modal "what" dialog appears if it takes
// longer than half a second.
#include <QString>

#include <functional>

class QWidget;

namespace bw::gui {

// Returns what `work` returns. `work` must not throw (keep what went wrong for the caller).
bool waitWithoutFreezing(QWidget* window, const QString& what, const std::function<bool()>& work);

}  // namespace bw::gui
