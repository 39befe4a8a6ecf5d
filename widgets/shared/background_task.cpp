#include "widgets/shared/background_task.h"

#include <QThread>

namespace bw::gui {

BackgroundTask::BackgroundTask(QObject* parent) : QObject(parent) {}

BackgroundTask::~BackgroundTask() {
    if (!thread_) return;
    cancel_ = true;
    thread_->wait();
    delete thread_;
}

bool BackgroundTask::start(std::function<void()> work, std::function<void()> done) {
    if (thread_) return false;
    cancel_ = false;
    thread_ = QThread::create(std::move(work));
    // Queued to this thread: `done` sees everything the work wrote (the thread has ended).
    connect(thread_, &QThread::finished, this, [this, done = std::move(done)] {
        thread_->deleteLater();
        thread_ = nullptr;
        if (done) done();
    });
    thread_->start();
    return true;
}

void BackgroundTask::post(std::function<void()> f) {
    QMetaObject::invokeMethod(this, std::move(f), Qt::QueuedConnection);
}

}  // namespace bw::gui
