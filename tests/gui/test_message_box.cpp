// The window's warnings and questions (widgets/shared/message_box.h) on the offscreen platform's
// 800-pixel screen: a path wider than QMessageBox's own wrapping width stays on one line, a path
// wider than the screen keeps the box on the screen, the text can be selected, and no page calls
// QMessageBox's static functions, which wrap paths at a '/'.
#include "widgets/shared/message_box.h"

#include <QApplication>
#include <QDirIterator>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QTimer>
#include <QtTest>

#include <functional>

using namespace bw::gui;

namespace {

// Runs `look` on the message box once it is shown, then closes it with its first button if it is still open.
void whenShown(const std::function<void(QMessageBox&)>& look) {
    auto* timer = new QTimer;
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, [timer, look] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box || !box->isVisible()) return;
        timer->stop();
        timer->deleteLater();
        look(*box);
        if (box->isVisible()) box->buttons().front()->click();  // unless `look` answered it
    });
    timer->start();
}

QLabel* textLabel(QMessageBox& box) { return box.findChild<QLabel*>(QStringLiteral("qt_msgbox_label")); }

QString pathOfWidth(int pixels, const QFont& font) {
    QString path = QStringLiteral("/home/someone/experiments");
    while (QFontMetrics(font).horizontalAdvance(path) < pixels) path += QStringLiteral("/checkpoints/checkpoint-500");
    return path + QStringLiteral("/model.safetensors");
}

}  // namespace

class TestMessageBox : public QObject {
    Q_OBJECT
private slots:
    void aLongPathStaysOnOneLine() {
        const int screen = QGuiApplication::primaryScreen()->availableGeometry().width();
        const QString path = pathOfWidth(screen * 6 / 10, QApplication::font());
        const QString text = QStringLiteral("%1 could not be loaded:\n\nit is not a model.").arg(path);
        const int path_width = QFontMetrics(QApplication::font()).horizontalAdvance(path);

        // QMessageBox's own static function wraps it: the case this helper exists for.
        int plain_width = 0;
        whenShown([&](QMessageBox& box) { plain_width = textLabel(box)->width(); });
        QMessageBox::warning(nullptr, QStringLiteral("Cannot Open Model"), text);
        QVERIFY2(plain_width > 0 && plain_width < path_width, qPrintable(QStringLiteral("%1 %2").arg(plain_width).arg(path_width)));

        int fitted_width = 0;
        Qt::TextInteractionFlags flags;
        whenShown([&](QMessageBox& box) {
            fitted_width = textLabel(box)->width();
            flags = textLabel(box)->textInteractionFlags();
        });
        showWarning(nullptr, QStringLiteral("Cannot Open Model"), text);
        QVERIFY2(fitted_width >= path_width, qPrintable(QStringLiteral("%1 %2").arg(fitted_width).arg(path_width)));
        QVERIFY(flags.testFlag(Qt::TextSelectableByMouse));
    }

    void aPathWiderThanTheScreenKeepsTheBoxOnIt() {
        const int screen = QGuiApplication::primaryScreen()->availableGeometry().width();
        const QString path = pathOfWidth(screen * 2, QApplication::font());
        int box_width = 0;
        whenShown([&](QMessageBox& box) {
            box_width = box.width();
            box.button(QMessageBox::Yes)->click();  // the question's answer reaches the caller
        });
        const bool answered_yes = askYesNo(nullptr, QStringLiteral("Replace model?"), QStringLiteral("%1 already holds a model.").arg(path));
        QVERIFY(answered_yes);
        QVERIFY2(box_width > 0 && box_width <= screen, qPrintable(QString::number(box_width)));

        whenShown([](QMessageBox& box) { box.button(QMessageBox::No)->click(); });
        QVERIFY(!askYesNo(nullptr, QStringLiteral("Delete dataset"), QStringLiteral("Delete it?")));
    }

    void noPageCallsQMessageBoxsStaticFunctions() {
        QStringList offenders;
        for (const char* folder : {"widgets", "app/gui"}) {
            QDirIterator it(QStringLiteral(BW_SOURCE_DIR "/") + QLatin1String(folder), {QStringLiteral("*.cpp")},
                            QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                QFile file(path);
                QVERIFY(file.open(QIODevice::ReadOnly));
                const QByteArray source = file.readAll();
                for (const char* call : {"QMessageBox::warning(", "QMessageBox::question(", "QMessageBox::critical(",
                                         "QMessageBox::information("})
                    if (source.contains(call)) offenders << path + QStringLiteral(": ") + QLatin1String(call);
            }
        }
        QCOMPARE(offenders, QStringList());
    }
};

QTEST_MAIN(TestMessageBox)
#include "test_message_box.moc"
