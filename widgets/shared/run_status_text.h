#pragma once
// A run's status as users read it: translated, with the colour the pages draw it in.
#include "core/store/store_records.h"

#include <QColor>
#include <QString>

namespace bw::gui {

QString runStatusTitle(store::RunStatus status);
QColor runStatusColor(store::RunStatus status);

}  // namespace bw::gui
