#pragma once
// The datasets and run names of a workspace's store, read once for a dialog or wizard that offers
// or avoids them.
#include "core/store/store_records.h"

#include <QString>

#include <string>
#include <vector>

namespace bw::gui {

// Empty when the store cannot be read: the caller then offers no dataset, and says so.
std::vector<store::DatasetRecord> storedDatasets(const QString& store_path);
// Every run's name (empty when the store cannot be read).
std::vector<std::string> storedRunNames(const QString& store_path);

}  // namespace bw::gui
