#pragma once
// A duration as users read it ("1 h 05 min", "4 min 12 s", "38 s", "2.5 s", "under 0.1 s"): run
// lengths, ETAs, estimates.
#include <QString>

namespace bw::gui {

QString durationText(double seconds);

}  // namespace bw::gui
