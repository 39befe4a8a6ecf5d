#pragma once
// The datasets of a workspace's store, read once for a dialog or wizard that offers them.
#include "core/store/store_records.h"

#include <QString>

#include <vector>

namespace bw::gui {

// Empty when the store cannot be read: the caller then offers no dataset, and says so.
std::vector<store::DatasetRecord> storedDatasets(const QString& store_path);

}  // namespace bw::gui
