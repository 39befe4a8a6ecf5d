#include "widgets/shared/model_page.h"

#include "widgets/workbench/workspace.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStackedLayout>
#include <QVBoxLayout>

namespace bw::gui {

ModelPage::ModelPage(Workspace& workspace, QWidget* parent) : QWidget(parent), workspace_(workspace) {
    stack_ = new QStackedLayout(this);
    auto* message_page = new QWidget(this);
    message_ = new QLabel(message_page);
    message_->setAlignment(Qt::AlignCenter);
    message_->setWordWrap(true);
    message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    message_->setMargin(24);
    message_actions_ = new QHBoxLayout;
    message_actions_->addStretch(1);
    message_actions_->addStretch(1);
    auto* message_layout = new QVBoxLayout(message_page);
    message_layout->addStretch(1);
    message_layout->addWidget(message_);
    message_layout->addLayout(message_actions_);
    message_layout->addStretch(1);
    stack_->addWidget(message_page);
    connect(&workspace_, &Workspace::modelChanged, this, [this] {
        stale_ = true;
        reloadIfVisible();
    });
    connect(&workspace_, &Workspace::pipelineLoaded, this, &ModelPage::reloadIfVisible);
}

void ModelPage::setContent(QWidget* content) {
    // Every page keeps the same margin to the sidebar and the window's edges.
    auto* frame = new QWidget(this);
    auto* layout = new QVBoxLayout(frame);
    layout->addWidget(content);
    stack_->addWidget(frame);
    stack_->setCurrentWidget(frame);
}

QString ModelPage::message() const { return stack_->currentIndex() == 0 ? message_->text() : QString(); }

void ModelPage::showMessage(const QString& message) {
    message_->setText(message);
    stack_->setCurrentIndex(0);
}

void ModelPage::addMessageAction(QAction* action) {
    auto* button = new QPushButton(action->text(), this);
    button->setToolTip(action->toolTip());
    connect(button, &QPushButton::clicked, action, &QAction::trigger);
    message_actions_->insertWidget(message_actions_->count() - 1, button);
}

void ModelPage::showContent() {
    if (stack_->count() > 1) stack_->setCurrentIndex(1);
}

void ModelPage::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    reloadIfVisible();
}

void ModelPage::reloadIfVisible() {
    if (!stale_ || !isVisible()) return;
    using State = Workspace::ModelState;
    switch (workspace_.modelState()) {
    case State::NotLoaded:
        workspace_.loadPipeline();
        [[fallthrough]];
    case State::Loading:  // pipelineLoaded() brings us back
        showMessage(tr("Loading the model in %1…").arg(workspace_.modelDir()));
        return;
    case State::None:
        showMessage(tr("No model is selected.\nChoose a model folder with File ▸ Open Model…"));
        break;
    case State::Failed:
        showMessage(tr("The model in %1 could not be loaded:\n\n%2").arg(workspace_.modelDir(), workspace_.pipelineError()));
        break;
    case State::Ready: showContent(); break;
    }
    stale_ = false;
    modelLoaded(workspace_.pipeline());
}

}  // namespace bw::gui
