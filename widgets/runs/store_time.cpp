#include "widgets/runs/store_time.h"

#include <QString>

namespace bw::gui {

QDateTime storeTime(const std::string& iso) {
    if (iso.empty()) return {};
    return QDateTime::fromString(QString::fromStdString(iso), Qt::ISODateWithMs);
}

}  // namespace bw::gui
