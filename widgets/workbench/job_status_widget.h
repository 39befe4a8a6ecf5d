#pragma once
// The status bar's view of the workspace's background job: its title, a progress bar and a Cancel
// button. Hidden while no job runs.
#include <QWidget>

class QProgressBar;
class QToolButton;

namespace bw::gui {

class ElidedLabel;
class Workspace;

class JobStatusWidget : public QWidget {
    Q_OBJECT
public:
    explicit JobStatusWidget(Workspace& workspace, QWidget* parent = nullptr);

signals:
    // The job ended; its closing message is worth a moment in the status bar.
    void finished(const QString& message);

private:
    void start(const QString& title);
    void progress(int percent, const QString& text);

    ElidedLabel* label_;  // a long title never widens the window past the screen
    QProgressBar* bar_;
    QToolButton* cancel_;
    QString title_;
};

}  // namespace bw::gui
