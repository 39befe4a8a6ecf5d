#include "core/store/store_files.h"

#include "core/runtime/error.h"

namespace bw::store {
namespace fs = std::filesystem;

std::vector<fs::path> storeFiles(const fs::path& store) {
    std::vector<fs::path> files = {store};
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {
        fs::path sibling = store;
        sibling += suffix;
        files.push_back(sibling);
    }
    return files;
}

bool isStoreFile(const fs::path& candidate, const fs::path& store) {
    if (candidate.empty() || store.empty()) return false;
    for (const fs::path& file : storeFiles(store)) {
        std::error_code ec;
        if (fs::equivalent(candidate, file, ec) && !ec) return true;
    }
    return false;
}

void refuseStoreFile(const fs::path& input, const fs::path& store, const char* advice) {
    if (isStoreFile(input, store))
        throw Error(input.string() + " is one of the experiment store's own files (" + store.string() + "): " + advice);
}

}  // namespace bw::store
