#include "widgets/store/stored_datasets.h"

#include "core/store/experiment_store.h"

namespace bw::gui {

namespace {

// What `read` gives from the store, or nothing when it cannot be read.
template <typename Read>
auto readStore(const QString& store_path, Read read) -> decltype(read(std::declval<store::ExperimentStore&>())) {
    if (store_path.isEmpty()) return {};
    try {
        store::StoreOptions options = store::StoreOptions::existingOnly();
        options.recover_interrupted_runs = false;  // the workspace recovered them when it opened the file
        store::ExperimentStore store = store::ExperimentStore::open(store_path.toStdString(), options);
        return read(store);
    } catch (const std::exception&) {
        return {};
    }
}

}  // namespace

std::vector<store::DatasetRecord> storedDatasets(const QString& store_path) {
    return readStore(store_path, [](store::ExperimentStore& store) { return store.listDatasets(); });
}

std::vector<std::string> storedRunNames(const QString& store_path) {
    return readStore(store_path, [](store::ExperimentStore& store) { return store.runNames(); });
}

}  // namespace bw::gui
