#include "widgets/workbench/default_workspace.h"

#include "core/store/experiment_store.h"
#include "core/train/quickstart.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <cstdio>

namespace bw::gui {
namespace {

const QString kWorkspaceFile = QStringLiteral("workspace.sqlite");

struct DefaultWorkspace {
    Q_DECLARE_TR_FUNCTIONS(DefaultWorkspace)
};

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

QString seedBundledDataset(const QString& store_path) {
    if (store_path.isEmpty()) return {};
    try {
        const std::string path = store_path.toStdString();
        if (!store::ExperimentStore::open(path).listDatasets().empty()) return {};
        const store::DatasetRecord seeded = train::ensureQuickstartDataset(path, train::findQuickstartData());
        // Short: the status bar's permanent labels leave it half the window.
        return DefaultWorkspace::tr("Added the bundled SST-2 slice, “%1”, to this empty workspace.")
            .arg(QString::fromStdString(seeded.name));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bertwork: the bundled SST-2 dataset was not imported: %s\n", e.what());
        return {};
    }
}

}  // namespace bw::gui
