#include "widgets/shared/duration_text.h"

#include <QCoreApplication>

#include <cmath>

namespace bw::gui {

// The texts keep the translation context of the Runs table, where they were written.
QString durationText(double seconds) {
    const auto total = static_cast<qint64>(std::llround(seconds));
    const qint64 h = total / 3600, m = (total % 3600) / 60, s = total % 60;
    if (h > 0)
        return QCoreApplication::translate("bw::gui::RunsTableModel", "%1 h %2 min").arg(h).arg(m, 2, 10, QLatin1Char('0'));
    if (m > 0)
        return QCoreApplication::translate("bw::gui::RunsTableModel", "%1 min %2 s").arg(m).arg(s, 2, 10, QLatin1Char('0'));
    return QCoreApplication::translate("bw::gui::RunsTableModel", "%1 s").arg(s);
}

}  // namespace bw::gui
