#pragma once
// The workbench window: a sidebar of pages (built from PageInfo entries), the File/View/Help menus,
// and a status bar with the workspace file, the model and the background job.
#include "widgets/workbench/page_registry.h"
#include "widgets/workbench/theme.h"

#include <QList>
#include <QMainWindow>

#include <functional>

class QActionGroup;
class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;
class QToolButton;

namespace bw::gui {

class ModelPickerDialog;
class Workspace;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(Workspace& workspace, const QList<PageInfo>& pages, QWidget* parent = nullptr);
    // The pages as made for a palette (their titles translated, their icons tinted when made): the
    // window makes them again when the language or the theme changes.
    using PageSource = std::function<QList<PageInfo>(const QPalette&)>;
    MainWindow(Workspace& workspace, PageSource pages, QWidget* parent = nullptr);

    // View ▸ Language and View ▸ Theme: stored, and applied at once. The pages are made again (they
    // take their strings and colours when made), keeping the page shown; while a job runs (a
    // training lives on its page) that waits until the job ends.
    void setLanguage(const QString& locale_name);  // "" = the system's
    void setTheme(Theme theme);
    int rebuildCount() const { return rebuilds_; }

    // Opens (or creates) a workspace file. On failure the error is reported, the current workspace
    // stays open and the file is left as it is.
    bool openWorkspace(const QString& path);
    // Switches the pages to the model in `dir` and loads it; when it cannot be loaded the error is
    // reported and the previous model (or none) is used again.
    void openModel(const QString& dir);
    // The model picker (File → Choose Model…, or a click on the status bar's model), non-modal;
    // its choice is opened with openModel.
    ModelPickerDialog* openModelPicker();
    QString modelLabelText() const;  // what the status bar says of the model

    QStringList pageIds() const;
    QString currentPageId() const;
    QWidget* page(const QString& id) const;
    bool showPage(const QString& id);  // false for an unknown id
    const Workspace& workspace() const { return workspace_; }

protected:
    // Every error the window reports goes through here (a message box); tests override it.
    virtual void reportError(const QString& title, const QString& message);
    // Asked when the window is closed while a job runs: true to stop the job and quit once it has
    // stopped (a training run saves a checkpoint first), false to keep working. Tests override it.
    virtual bool confirmStopAndQuit(const QString& job);

    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void build();
    void rebuildWhenIdle();
    void buildSidebar(const QList<PageInfo>& pages);
    void buildMenus();
    void buildStatusBar();
    QMenu* buildLanguageMenu();
    QMenu* buildThemeMenu();
    void newWorkspace();
    void chooseWorkspace();
    void fillRecentMenu();
    void showAbout();
    void updateStoreLabel();
    void updateModelLabel();
    void modelLoaded();

    Workspace& workspace_;
    PageSource page_source_;
    QList<PageInfo> pages_;
    int rebuilds_ = 0;
    bool rebuild_pending_ = false;  // a language or theme change waits for the job to end
    QListWidget* sidebar_;
    QStackedWidget* stack_;
    QActionGroup* page_actions_;
    QMenu* recent_menu_ = nullptr;
    QLabel* store_label_;
    QToolButton* model_button_;  // names the model; a click opens the picker
    QString opening_model_;  // the model openModel loads, until it has loaded or failed
    QString working_model_;  // the last model that loaded, to go back to
    bool quit_when_job_ends_ = false;  // the user chose to quit; the job is stopping
};

}  // namespace bw::gui
