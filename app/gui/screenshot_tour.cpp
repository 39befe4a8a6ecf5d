#include "app/gui/screenshot_tour.h"

#include "widgets/workbench/main_window.h"
#include "widgets/workbench/workspace.h"

#include <QDir>
#include <QEventLoop>
#include <QPixmap>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTimer>

#include <cstdio>

namespace bw::gui {
namespace {

// Lets layouts settle, timers fire and pages finish what they compute when shown.
void settle(int milliseconds) {
    QEventLoop loop;
    QTimer::singleShot(milliseconds, &loop, &QEventLoop::quit);
    loop.exec();
}

}  // namespace

int runScreenshotTour(MainWindow& window, const QString& dir) {
    if (!QDir().mkpath(dir)) {
        std::fprintf(stderr, "bertwork: cannot create %s\n", qPrintable(dir));
        return 1;
    }
    window.resize(1400, 900);
    window.show();
    settle(300);
    int status = 0;
    for (const QString& id : window.pageIds()) {
        window.showPage(id);
        settle(400);
        // A page that needs the model shows it once loaded (a worker thread); a minute at most.
        for (int waited = 0; window.workspace().modelState() == Workspace::ModelState::Loading && waited < 60000; waited += 50)
            settle(50);
        settle(100);
        const auto shoot = [&](const QString& name) {
            const QString path = QDir(dir).filePath(name + QStringLiteral(".png"));
            if (!window.grab().save(path)) {
                std::fprintf(stderr, "bertwork: cannot write %s\n", qPrintable(path));
                status = 1;
            }
        };
        shoot(id);
        // The page's other tabs too ("data-rows.png"), each as the user would open it.
        for (QTabWidget* tabs : window.findChildren<QTabWidget*>()) {
            if (!tabs->isVisible()) continue;
            const int shown = tabs->currentIndex();
            for (int tab = 0; tab < tabs->count(); ++tab) {
                if (tab == shown) continue;
                tabs->setCurrentIndex(tab);
                settle(300);
                QString name = tabs->tabText(tab).remove(QLatin1Char('&')).toLower();
                name.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
                if (QString(name).remove(QLatin1Char('-')).isEmpty()) name = QString::number(tab);  // a title in Chinese
                shoot(id + QLatin1Char('-') + name);
            }
            tabs->setCurrentIndex(shown);
        }
    }
    return status;
}

}  // namespace bw::gui
