#pragma once
// Base of the pages that work on the workspace's model (tokenizer, attention, playground).
// It shows either the page's content or a sentence saying why there is nothing to show (no model,
// the model failed to load), and reloads the model lazily: when the model changes while the page
// is hidden, the work waits until the page is shown.
#include <QWidget>

#include <memory>

class QAction;
class QHBoxLayout;
class QLabel;
class QStackedLayout;

namespace bw::analysis {
class BertPipeline;
}

namespace bw::gui {

class Workspace;

class ModelPage : public QWidget {
    Q_OBJECT
public:
    ModelPage(Workspace& workspace, QWidget* parent);

    // The sentence shown instead of the content (no model, load error), or empty.
    QString message() const;

protected:
    Workspace& workspace() const { return workspace_; }
    void setContent(QWidget* content);
    // Called when the page is visible and its model changed (or was never loaded). `pipeline` is
    // null when no model is selected or it failed to load; the message is then shown instead of
    // the content, and the page should drop what it computed for the previous model.
    virtual void modelLoaded(const std::shared_ptr<const analysis::BertPipeline>& pipeline) = 0;
    // Replaces the content by a message (an error the page met while working), or shows it again.
    void showMessage(const QString& message);
    void showContent();
    // A button under the message, for what the page can do without a model.
    void addMessageAction(QAction* action);

    void showEvent(QShowEvent* event) override;

private:
    void reloadIfVisible();

    Workspace& workspace_;
    QStackedLayout* stack_;
    QLabel* message_;
    QHBoxLayout* message_actions_;
    bool stale_ = true;
};

}  // namespace bw::gui
