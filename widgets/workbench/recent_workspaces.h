#pragma once
// The workspace files opened lately, newest first, kept in QSettings for File ▸ Open Recent.
#include <QStringList>

namespace bw::gui {

class RecentWorkspaces {
public:
    static constexpr int kMaxEntries = 8;

    static QStringList list();
    static void add(const QString& path);  // moves it to the front, drops the oldest past kMaxEntries
    static void clear();
    static QString last();  // the newest entry, or empty
};

}  // namespace bw::gui
