#pragma once
// What the data's size means for a run (train::DataSizeNotes) in the user's words: one paragraph
// per note, as rich text; "" when the data calls for none. The wizard's review page shows it under
// the estimate.
#include "core/train/data_size_notes.h"

#include <QString>

namespace bw::gui {

QString dataNotesText(const train::DataSizeNotes& notes);

}  // namespace bw::gui
