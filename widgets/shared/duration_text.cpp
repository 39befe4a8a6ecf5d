#include "widgets/shared/duration_text.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace bw::gui {

// The texts keep the translation context of the Runs table, where they were written.
QString durationText(double seconds) {
    // Under ten seconds a tenth counts ("0.3 s per epoch", not "0 s"); below a tenth, say so.
    if (seconds < 0.05) return QCoreApplication::translate("bw::gui::RunsTableModel", "under 0.1 s");
    if (seconds < 9.95)
        return QCoreApplication::translate("bw::gui::RunsTableModel", "%1 s").arg(QLocale().toString(seconds, 'f', 1));
    const auto total = static_cast<qint64>(std::llround(seconds));
    const qint64 h = total / 3600, m = (total % 3600) / 60, s = total % 60;
    if (h > 0)
        return QCoreApplication::translate("bw::gui::RunsTableModel", "%1 h %2 min").arg(h).arg(m, 2, 10, QLatin1Char('0'));
    if (m > 0)
        return QCoreApplication::translate("bw::gui::RunsTableModel", "%1 min %2 s").arg(m).arg(s, 2, 10, QLatin1Char('0'));
    return QCoreApplication::translate("bw::gui::RunsTableModel", "%1 s").arg(s);
}

}  // namespace bw::gui
