#pragma once
// What a stored dataset holds, in words, for the wizard's checks and the Errors page's dataset list.
#include "core/store/store_records.h"

#include <QString>

namespace bw::gui {

// "labelled sentences", "labelled sentence pairs", "tagged words", "plain text".
QString datasetKindTitle(const store::DatasetRecord& dataset);

}  // namespace bw::gui
