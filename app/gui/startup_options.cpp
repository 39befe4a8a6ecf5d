#include "app/gui/startup_options.h"

#include "app/gui/pages.h"
#include "core/runtime/resource_paths.h"
#include "widgets/workbench/default_workspace.h"
#include "widgets/workbench/recent_workspaces.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QPalette>
#include <QSettings>

namespace bw::gui {
namespace {

struct Startup {
    Q_DECLARE_TR_FUNCTIONS(Startup)
};

bool isModelDirectory(const QString& dir) { return QFileInfo(QDir(dir).filePath("config.json")).isFile(); }

QString defaultStore() {
    const QString last = RecentWorkspaces::last();
    if (!last.isEmpty() && QFileInfo::exists(last)) return last;
    return defaultWorkspacePath();
}

// The model shipped with Bertwork: in the build tree next to the binary (build/app/gui/bertwork ->
// build/resources), else where core looks for resources ($BERTWORK_RESOURCES, the installed copy,
// the source tree).
QString bundledModel() {
    const QString build_tree = QDir(QCoreApplication::applicationDirPath())
                                   .filePath(QStringLiteral("../../resources/") + QLatin1String(kBundledModelResource));
    if (isModelDirectory(build_tree)) return QDir::cleanPath(build_tree);
    const auto found = findResource(kBundledModelResource);
    if (found && isModelDirectory(QString::fromStdString(found->string()))) return QString::fromStdString(found->string());
    return {};
}

QString defaultModel() {
    const QString last = QSettings().value(QStringLiteral("model/last")).toString();
    if (!last.isEmpty() && isModelDirectory(last)) return last;
    return bundledModel();
}

}  // namespace

StartupOptions parseStartupOptions(const QCoreApplication& app) {
    QCommandLineParser parser;
    parser.setApplicationDescription(Startup::tr("Bertwork: build, fine-tune and inspect BERT models."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption store(QStringLiteral("store"), Startup::tr("Open the workspace FILE (created when missing)."),
                                   Startup::tr("FILE"));
    const QCommandLineOption model(QStringLiteral("model"), Startup::tr("Use the model folder DIR."), Startup::tr("DIR"));
    QStringList page_ids;  // from the page registry, so that a new page is listed without a change here
    for (const PageInfo& info : workbenchPages(QPalette())) page_ids << info.id;
    const QCommandLineOption page(QStringLiteral("page"),
                                  Startup::tr("Show PAGE first: %1.").arg(page_ids.join(QStringLiteral(", "))),
                                  Startup::tr("PAGE"));
    const QCommandLineOption screenshots(QStringLiteral("screenshots"),
                                         Startup::tr("Save a picture of every page in DIR and quit."), Startup::tr("DIR"));
    parser.addOptions({store, model, page, screenshots});
    parser.process(app);

    StartupOptions options;
    options.store = parser.isSet(store) ? parser.value(store) : defaultStore();
    options.model = parser.isSet(model) ? parser.value(model) : defaultModel();
    options.page = parser.value(page);
    options.screenshots = parser.value(screenshots);
    return options;
}

}  // namespace bw::gui
