#include "widgets/workbench/recent_workspaces.h"

#include <QFileInfo>
#include <QSettings>

namespace bw::gui {
namespace {
const char* const kKey = "workspace/recent";
}

QStringList RecentWorkspaces::list() { return QSettings().value(kKey).toStringList(); }

void RecentWorkspaces::add(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList paths = list();
    paths.removeAll(absolute);
    paths.prepend(absolute);
    while (paths.size() > kMaxEntries) paths.removeLast();
    QSettings().setValue(kKey, paths);
}

void RecentWorkspaces::clear() { QSettings().remove(kKey); }

QString RecentWorkspaces::last() {
    const QStringList paths = list();
    return paths.isEmpty() ? QString() : paths.first();
}

}  // namespace bw::gui
