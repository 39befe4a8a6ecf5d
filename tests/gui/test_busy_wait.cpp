// waitWithoutFreezing (widgets/shared/busy_wait.h) on the offscreen platform: a short wait shows no
// dialog, a long one shows its busy bar and removes it, and a message box opened during the wait (the
// window's model failing to load while a workspace opens) can be answered once the work has ended.
// That last case once locked the window: the busy bar, modal, stayed above the box until the box was
// answered, and the box could not be answered under it.
#include "widgets/shared/busy_wait.h"

#include <QApplication>
#include <QMainWindow>
#include <QMessageBox>
#include <QProgressDialog>
#include <QThread>
#include <QTimer>
#include <QtTest>

using namespace bw::gui;

namespace {

QProgressDialog* shownBusyBar(QWidget& window) {
    for (auto* dialog : window.findChildren<QProgressDialog*>())
        if (dialog->isVisible()) return dialog;
    return nullptr;
}

}  // namespace

class TestBusyWait : public QObject {
    Q_OBJECT
private slots:
    void aShortWaitShowsNoDialog() {
        QMainWindow window;
        window.show();
        bool seen = false;
        QTimer::singleShot(150, &window, [&] { seen = shownBusyBar(window) != nullptr; });
        QVERIFY(waitWithoutFreezing(&window, QStringLiteral("Opening…"), [] {
            QThread::msleep(250);
            return true;
        }));
        QVERIFY(!seen);
    }

    void aLongWaitShowsItsBusyBarThenRemovesIt() {
        QMainWindow window;
        window.show();
        QString label;
        QTimer::singleShot(800, &window, [&] {
            if (QProgressDialog* bar = shownBusyBar(window)) label = bar->labelText();
        });
        QVERIFY(!waitWithoutFreezing(&window, QStringLiteral("Opening w.db…"), [] {
            QThread::msleep(1200);
            return false;  // what the work returns reaches the caller
        }));
        QCOMPARE(label, QStringLiteral("Opening w.db…"));
        QVERIFY(!shownBusyBar(window));
    }

    void aBoxOpenedDuringTheWaitCanBeAnsweredAfterIt() {
        QMainWindow window;
        window.show();
        QMessageBox* box = nullptr;
        bool bar_shown_meanwhile = false;
        bool box_on_top_after_the_work = false;
        bool bar_after_the_work = true;
        QTimer::singleShot(100, &window, [&] {
            QMessageBox warning(QMessageBox::Warning, QStringLiteral("Cannot Open Model"), QStringLiteral("broken"),
                                QMessageBox::Ok, &window);
            box = &warning;
            QTimer::singleShot(800, &window, [&] { bar_shown_meanwhile = shownBusyBar(window) != nullptr; });
            QTimer::singleShot(1800, &window, [&] {
                box_on_top_after_the_work = QApplication::activeModalWidget() == &warning;
                bar_after_the_work = shownBusyBar(window) != nullptr;
                warning.accept();
            });
            warning.exec();
            box = nullptr;
        });
        QVERIFY(waitWithoutFreezing(&window, QStringLiteral("Opening…"), [] {
            QThread::msleep(1200);
            return true;
        }));
        QVERIFY(bar_shown_meanwhile);
        QVERIFY(!bar_after_the_work);
        QVERIFY(box_on_top_after_the_work);
        QVERIFY(!box);
    }
};

QTEST_MAIN(TestBusyWait)
#include "test_busy_wait.moc"
