#pragma once
// Runs one engine call at a time on a worker thread and hands its end back to the owner's thread,
// so the window stays responsive while a file is imported or a split is tokenized.
#include <QObject>

#include <atomic>
#include <functional>

class QThread;

namespace bw::gui {

class BackgroundTask : public QObject {
    Q_OBJECT
public:
    explicit BackgroundTask(QObject* parent = nullptr);
    // Sets the cancel flag and waits for the work to end (work that can take long watches the flag).
    ~BackgroundTask() override;

    // Runs `work` on a new thread, then `done` on this object's thread. `work` must not throw: it
    // catches and keeps what went wrong for `done`. Refused (false) while another work runs.
    bool start(std::function<void()> work, std::function<void()> done);
    bool isRunning() const { return thread_ != nullptr; }

    void requestCancel() { cancel_ = true; }
    const std::atomic<bool>* cancelFlag() const { return &cancel_; }

    // Called from the work: runs `f` later on this object's thread (progress reports).
    void post(std::function<void()> f);

private:
    QThread* thread_ = nullptr;
    std::atomic<bool> cancel_{false};
};

}  // namespace bw::gui
