#include "widgets/shared/row_place_text.h"

#include <QCoreApplication>

namespace bw::gui {

QString rowPlaceText(uint64_t line, int64_t row) {
    if (line == 0) return QCoreApplication::translate("bw::gui::RowPlace", "Row %1").arg(row);
    return QCoreApplication::translate("bw::gui::RowPlace", "Line %1 of the file (row %2 of the split)")
        .arg(line)
        .arg(row);
}

}  // namespace bw::gui
