#include "widgets/shared/bad_rows_text.h"

#include <QCoreApplication>

namespace bw::gui {

QString skipBadRowsAdvice() {
    return QCoreApplication::translate("bw::gui::BadRows", "Tick “Skip malformed rows” to import the file without them.");
}

QString skippedRowsNote(int64_t count) {
    const int n = static_cast<int>(count);  // a named int: lupdate does not read a cast as the count
    return QCoreApplication::translate("bw::gui::BadRows", "(%n malformed row(s) of the file skipped)", "", n);
}

}  // namespace bw::gui
