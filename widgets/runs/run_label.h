#pragma once
// The name a run goes by on the Runs page (curves, tables, questions): "#3 baseline".
#include "core/store/store_records.h"

#include <QString>

namespace bw::gui {

QString runLabel(const store::RunRecord& run);

}  // namespace bw::gui
