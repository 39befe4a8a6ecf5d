#pragma once
// The store's ISO 8601 UTC times ("2025-01-31T12:00:00.123Z") as QDateTime, for the Runs page's time axes.
#include <QDateTime>

#include <string>

namespace bw::gui {

// Invalid when empty (not set).
QDateTime storeTime(const std::string& iso);

}  // namespace bw::gui
