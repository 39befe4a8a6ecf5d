#include "widgets/store/store_watcher.h"

#include "core/store/experiment_store.h"

#include <QTimer>

namespace bw::gui {

StoreWatcher::StoreWatcher(QObject* parent) : QObject(parent), timer_(new QTimer(this)) {
    timer_->setInterval(kIntervalMilliseconds);
    connect(timer_, &QTimer::timeout, this, &StoreWatcher::check);
}

StoreWatcher::~StoreWatcher() = default;

void StoreWatcher::watch(const QString& path) {
    path_ = path;
    data_version_.reset();
    digest_.reset();
    if (path.isEmpty()) {
        timer_->stop();
        connection_.open(path);  // closes the previous store's connection
        return;
    }
    markSeen();
    timer_->start();
}

void StoreWatcher::markSeen() {
    if (path_.isEmpty()) return;
    store::ExperimentStore* store = connection_.open(path_);
    try {
        data_version_ = store ? std::optional<int64_t>(store->dataVersion()) : std::nullopt;
    } catch (const std::exception&) {
        data_version_.reset();
    }
    digest_ = readDigest();
}

void StoreWatcher::check() {
    if (path_.isEmpty()) return;
    store::ExperimentStore* store = connection_.open(path_);
    if (!store) return;
    int64_t version = 0;
    try {
        version = store->dataVersion();
    } catch (const std::exception&) {
        return;
    }
    if (data_version_ == version) return;  // nobody committed since the last tick
    const std::optional<uint64_t> digest = readDigest();
    if (!digest) return;  // the version stays unseen: the next tick reads again
    data_version_ = version;
    if (digest == digest_) return;  // metrics or evaluations only
    digest_ = digest;
    emit listingsChanged();
}

std::optional<uint64_t> StoreWatcher::readDigest() {
    store::ExperimentStore* store = connection_.open(path_);
    if (!store) return std::nullopt;
    try {
        return store->listingsDigest();
    } catch (const std::exception&) {
        return std::nullopt;  // "locked" by a long write, or damaged: the next tick tries again
    }
}

}  // namespace bw::gui
