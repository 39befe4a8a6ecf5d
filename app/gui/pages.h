#pragma once
// The pages of the workbench, in sidebar order.
#include "widgets/workbench/page_registry.h"

#include <QList>
#include <QPalette>

namespace bw::gui {

QList<PageInfo> workbenchPages(const QPalette& palette);

}  // namespace bw::gui
