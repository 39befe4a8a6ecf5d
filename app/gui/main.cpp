// bertwork: the desktop workbench.
//   bertwork [--store FILE] [--model DIR] [--page data|tokenizer|train|runs|attention|playground]
//            [--screenshots DIR]
#include "app/gui/pages.h"
#include "app/gui/screenshot_tour.h"
#include "app/gui/startup_options.h"
#include "core/runtime/version.h"
#include "widgets/workbench/default_workspace.h"
#include "widgets/workbench/language.h"
#include "widgets/workbench/theme.h"
#include "widgets/workbench/training_threads.h"
#include "widgets/workbench/main_window.h"
#include "widgets/workbench/workspace.h"

#include <QApplication>
#include <QStatusBar>

#include <cstdio>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Bertwork"));
    QApplication::setApplicationName(QStringLiteral("Bertwork"));
    QApplication::setApplicationVersion(QStringLiteral(BERTWORK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("bertwork"));
    bw::gui::installTranslators(app);
    bw::gui::applyTheme(app, bw::gui::themeSetting());
    // LibTorch starts with one thread: use every core, fewer while other programs are busy if so chosen.
    bw::gui::applyAdaptiveThreadsSetting();

    const bw::gui::StartupOptions options = bw::gui::parseStartupOptions(app);
    bw::gui::Workspace workspace;
    // The screenshot tour takes the model as it is (a broken one shows its error on the pages);
    // the window opens it below, reporting one that does not load.
    if (!options.screenshots.isEmpty()) workspace.setModelDir(options.model);

    bw::gui::MainWindow window(workspace, &bw::gui::workbenchPages);
    window.setWindowIcon(QIcon(QStringLiteral(":/icons/attention.svg")));
    if (!options.page.isEmpty() && !window.showPage(options.page)) {
        std::fprintf(stderr, "bertwork: unknown page \"%s\"; the pages are: %s\n", qPrintable(options.page),
                     qPrintable(window.pageIds().join(QStringLiteral(", "))));
        return 2;
    }
    if (!options.screenshots.isEmpty()) {  // unattended: errors go to stderr, never to a dialog
        QString error;
        if (!workspace.openStore(options.store, &error))
            std::fprintf(stderr, "bertwork: %s: %s\n", qPrintable(options.store), qPrintable(error));
        bw::gui::seedBundledDataset(workspace.storePath());
        workspace.notifyStoreContentsChanged();
        return bw::gui::runScreenshotTour(window, options.screenshots);
    }
    window.show();
    // A workspace that cannot be opened is reported over the window, which stays open without one.
    // The workspace first: a model that does not load is then reported with the workspace named in
    // the status bar, not "No workspace".
    window.openWorkspace(options.store);
    if (const QString seeded = bw::gui::seedBundledDataset(workspace.storePath()); !seeded.isEmpty())
        window.statusBar()->showMessage(seeded, 30000);
    workspace.notifyStoreContentsChanged();
    if (!options.model.isEmpty()) window.openModel(options.model);
    return app.exec();
}
