#include "widgets/store/stored_datasets.h"

#include "core/store/experiment_store.h"
#include "widgets/store/store_connection.h"

namespace bw::gui {

namespace {

// What `read` gives from the store, or nothing when it cannot be read.
template <typename Read>
auto readStore(const QString& store_path, Read read) -> decltype(read(std::declval<store::ExperimentStore&>())) {
    if (store_path.isEmpty()) return {};
    try {
        store::ExperimentStore store = openWorkspaceStore(store_path.toStdString());
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
