#include "widgets/workbench/default_workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace bw::gui {
namespace {

const QString kWorkspaceFile = QStringLiteral("workspace.sqlite");

}  // namespace

QString applicationDataFolder() {
    const QString data = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(data).filePath(QCoreApplication::applicationName());
}

QString defaultWorkspacePath() {
    const QString folder = applicationDataFolder();
    const QString path = QDir(folder).filePath(kWorkspaceFile);
    const QString earlier = QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(kWorkspaceFile);
    if (!QFileInfo::exists(path) && earlier != path && QFileInfo::exists(earlier)) return earlier;
    QDir().mkpath(folder);
    return path;
}

}  // namespace bw::gui
