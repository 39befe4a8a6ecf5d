#include "widgets/store/stored_datasets.h"

#include "core/store/experiment_store.h"

namespace bw::gui {

std::vector<store::DatasetRecord> storedDatasets(const QString& store_path) {
    if (store_path.isEmpty()) return {};
    try {
        store::StoreOptions options = store::StoreOptions::existingOnly();
        options.recover_interrupted_runs = false;  // the workspace recovered them when it opened the file
        return store::ExperimentStore::open(store_path.toStdString(), options).listDatasets();
    } catch (const std::exception&) {
        return {};
    }
}

}  // namespace bw::gui
