#pragma once
// The name a run goes by in the workbench (Runs page curves and tables, questions, the Errors page): "#3 baseline".
#include "core/store/store_records.h"

#include <QString>

namespace bw::gui {

QString runLabel(const store::RunRecord& run);

}  // namespace bw::gui
