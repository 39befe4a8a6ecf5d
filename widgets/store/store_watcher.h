#pragma once
// Notices what other processes (bertwork-cli, a second window) add to or change in the workspace's
// store while the window shows it: a dataset imported, a run started, renamed or finished, a
// checkpoint saved, an analysis made. Every two seconds it asks SQLite whether anyone committed
// (PRAGMA data_version, no table read); only then it reads a digest of what the pages list, and
// announces a change only when that digest differs. A training process committing metrics every
// second costs one small read per tick and refreshes no page.
#include <QObject>
#include <QString>

#include <cstdint>
#include <optional>

#include "widgets/store/store_connection.h"

class QTimer;

namespace bw::gui {

class StoreWatcher : public QObject {
    Q_OBJECT
public:
    static constexpr int kIntervalMilliseconds = 2000;

    explicit StoreWatcher(QObject* parent = nullptr);
    ~StoreWatcher() override;

    // Watches the store at `path` (empty: none); what it holds now counts as seen.
    void watch(const QString& path);
    // What the store holds now counts as seen: this window announced its own change already.
    void markSeen();
    // One tick now (the timer calls it; tests too, rather than wait).
    void check();

signals:
    void listingsChanged();

private:
    // The digest of the store's listings; unset when the store cannot be read (deleted, damaged):
    // the next tick tries again and says nothing, the pages report their own errors.
    std::optional<uint64_t> readDigest();

    QTimer* timer_;
    QString path_;
    StoreConnection connection_;  // its own: a page's connection may be mid-transaction
    std::optional<int64_t> data_version_;
    std::optional<uint64_t> digest_;
};

}  // namespace bw::gui
