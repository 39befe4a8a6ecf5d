#include "widgets/workbench/job_status_widget.h"

#include "widgets/shared/elided_label.h"
#include "widgets/workbench/workspace.h"

#include <QHBoxLayout>
#include <QProgressBar>
#include <QToolButton>

namespace bw::gui {

JobStatusWidget::JobStatusWidget(Workspace& workspace, QWidget* parent) : QWidget(parent) {
    label_ = new ElidedLabel(this);
    bar_ = new QProgressBar(this);
    bar_->setMaximumWidth(180);
    bar_->setMaximumHeight(fontMetrics().height());
    bar_->setTextVisible(false);
    cancel_ = new QToolButton(this);
    cancel_->setText(tr("Cancel"));
    cancel_->setToolTip(tr("Stop the background job"));
    cancel_->setAutoRaise(true);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label_);
    layout->addWidget(bar_);
    layout->addWidget(cancel_);

    connect(cancel_, &QToolButton::clicked, this, [this, &workspace] {
        cancel_->setEnabled(false);  // cancelling can take a step; one click is enough
        label_->setFullText(tr("%1: cancelling…").arg(title_));
        workspace.requestJobCancel();
    });
    connect(&workspace, &Workspace::jobStarted, this, &JobStatusWidget::start);
    connect(&workspace, &Workspace::jobProgress, this, &JobStatusWidget::progress);
    connect(&workspace, &Workspace::jobFinished, this, [this](const QString& message) {
        hide();
        emit finished(message);
    });
    setVisible(workspace.jobRunning());
}

void JobStatusWidget::start(const QString& title) {
    title_ = title;
    label_->setFullText(title);
    bar_->setRange(0, 0);
    cancel_->setEnabled(true);
    show();
}

void JobStatusWidget::progress(int percent, const QString& text) {
    if (percent < 0) {
        bar_->setRange(0, 0);  // busy indicator
    } else {
        bar_->setRange(0, 100);
        bar_->setValue(percent);
    }
    if (cancel_->isEnabled()) label_->setFullText(text.isEmpty() ? title_ : tr("%1: %2").arg(title_, text));
}

}  // namespace bw::gui
