#include "widgets/store/store_connection.h"

#include "core/store/experiment_store.h"
#include "widgets/shared/error_text.h"

#include <QCoreApplication>

namespace bw::gui {

store::ExperimentStore openWorkspaceStore(const std::string& path) {
    store::StoreOptions options = store::StoreOptions::existingOnly();
    options.recover_interrupted_runs = false;
    return store::ExperimentStore::open(path, options);
}

StoreConnection::StoreConnection() = default;
StoreConnection::~StoreConnection() = default;

store::ExperimentStore* StoreConnection::open(const QString& path, QString* error) {
    if (path.isEmpty()) {
        store_.reset();
        path_.clear();
        if (error) *error = QCoreApplication::translate("bw::gui::StoreConnection", "No experiment store is open.");
        return nullptr;
    }
    if (store_ && path == path_) return store_.get();
    store_.reset();
    try {
        store_ = std::make_unique<store::ExperimentStore>(openWorkspaceStore(path.toStdString()));
        path_ = path;
    } catch (const std::exception& e) {
        if (error) *error = errorText(e);
        return nullptr;
    }
    return store_.get();
}

}  // namespace bw::gui
