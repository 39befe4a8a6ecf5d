#include "widgets/shared/busy_wait.h"

#include "widgets/shared/wait_cursor.h"

#include <QEventLoop>
#include <QProgressDialog>
#include <QThread>

#include <memory>

namespace bw::gui {

namespace {
constexpr int kDialogAfterMs = 500;  // shorter waits show the busy cursor only
}

bool waitWithoutFreezing(QWidget* window, const QString& what, const std::function<bool()>& work) {
    const WaitCursor busy;
    bool result = false;
    std::unique_ptr<QThread> thread(QThread::create([&] { result = work(); }));
    QEventLoop loop;
    QObject::connect(thread.get(), &QThread::finished, &loop, &QEventLoop::quit);
    // A busy bar (range 0-0) with no Cancel: the work cannot be stopped half way.
    QProgressDialog dialog(what, QString(), 0, 0, window);
    dialog.setWindowModality(Qt::WindowModal);
    dialog.setMinimumDuration(kDialogAfterMs);
    dialog.setValue(0);  // starts the dialog's own clock: without it, it appears after its default 4 s
    dialog.setCancelButton(nullptr);
    // Hidden as soon as the work ends, not when this function returns: a dialog opened meanwhile
    // (a model that failed to load while a workspace opened) runs its own event loop inside this
    // one, and would sit under a modal busy bar that nothing closes until it is answered.
    QObject::connect(thread.get(), &QThread::finished, &dialog, &QProgressDialog::reset);
    thread->start();
    // Paint and timer events go on; clicks and keys wait, so nothing starts beside the work.
    if (!thread->isFinished()) loop.exec(QEventLoop::ExcludeUserInputEvents);
    thread->wait();
    return result;
}

}  // namespace bw::gui
