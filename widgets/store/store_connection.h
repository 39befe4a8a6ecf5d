#pragma once
// A page's own connection to the workspace's experiment store. An ExperimentStore is one SQLite
// connection for one thread (see core/store/experiment_store.h), so every page keeps its own on the
// GUI thread, opened on first use and reopened when the workspace switches to another file.
#include <QString>

#include <memory>
#include <string>

namespace bw::store {
class ExperimentStore;
}

namespace bw::gui {

// Another connection to the store the workspace has open, for any thread (a worker's read or write,
// a dialog, a page). The workspace checked the file and recovered the runs of dead processes when it
// opened it, so this connection does neither, and it never creates a missing file. Throws what
// store::ExperimentStore::open throws.
store::ExperimentStore openWorkspaceStore(const std::string& path);

class StoreConnection {
public:
    StoreConnection();
    ~StoreConnection();
    StoreConnection(const StoreConnection&) = delete;
    StoreConnection& operator=(const StoreConnection&) = delete;

    // The connection to `path`, (re)opened when needed. Null, with *error set, when the path is
    // empty or the file cannot be opened.
    store::ExperimentStore* open(const QString& path, QString* error = nullptr);

private:
    QString path_;
    std::unique_ptr<store::ExperimentStore> store_;
};

}  // namespace bw::gui
