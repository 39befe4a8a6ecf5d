#include "widgets/workbench/main_window.h"

#include "core/runtime/compute_device.h"
#include "core/runtime/version.h"
#include "core/store/experiment_store.h"
#include "core/train/model_choices.h"
#include "widgets/shared/busy_wait.h"
#include "widgets/shared/device_text.h"
#include "widgets/shared/file_dialog.h"
#include "widgets/shared/message_box.h"
#include "widgets/shared/model_name.h"
#include "widgets/shared/model_picker_dialog.h"
#include "widgets/store/store_connection.h"
#include "widgets/workbench/job_status_widget.h"
#include "widgets/workbench/language.h"
#include "widgets/workbench/page_state.h"
#include "widgets/workbench/recent_workspaces.h"
#include "widgets/workbench/training_threads.h"
#include "widgets/workbench/workspace.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMetaObject>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolButton>

#include <utility>

namespace bw::gui {
namespace {

const char* const kGeometryKey = "window/geometry";
const char* const kStateKey = "window/state";
const char* const kPageKey = "window/page";
const char* const kModelKey = "model/last";
constexpr int kWidestModelTitle = 320;  // px: with the rest of the status bar, a job included, within 1024

QString workspaceFilter() { return MainWindow::tr("Bertwork workspace (*.sqlite *.db);;All files (*)"); }

// A model directory is a Hugging Face folder: it has a config.json.
bool isModelDirectory(const QString& path) { return QFileInfo(QDir(path).filePath("config.json")).isFile(); }

}  // namespace

MainWindow::MainWindow(Workspace& workspace, const QList<PageInfo>& pages, QWidget* parent)
    : MainWindow(workspace, [pages](const QPalette&) { return pages; }, parent) {}

MainWindow::MainWindow(Workspace& workspace, PageSource pages, QWidget* parent)
    : QMainWindow(parent), workspace_(workspace), page_source_(std::move(pages)) {
    setAcceptDrops(true);
    build();

    connect(&workspace_, &Workspace::storeChanged, this, &MainWindow::updateStoreLabel);
    connect(&workspace_, &Workspace::storeChanged, this, &MainWindow::updateModelLabel);  // another store, other runs
    connect(&workspace_, &Workspace::modelChanged, this, &MainWindow::updateModelLabel);
    // The run of the model may be renamed or deleted, here or by another process.
    connect(&workspace_, &Workspace::storeContentsChanged, this, &MainWindow::updateModelLabel);
    connect(&workspace_, &Workspace::pipelineLoaded, this, &MainWindow::modelLoaded);
    // The Train page opens the wizard on the run; it is where the run will train.
    connect(&workspace_, &Workspace::cloneRequested, this, [this] { showPage(QStringLiteral("train")); });
    connect(&workspace_, &Workspace::errorAnalysisRequested, this, [this] { showPage(QStringLiteral("errors")); });
    connect(&workspace_, &Workspace::textOnPageRequested, this, [this](const QString& page) { showPage(page); });
    connect(&workspace_, &Workspace::jobFinished, this, [this] {
        if (rebuild_pending_) QMetaObject::invokeMethod(this, &MainWindow::rebuildWhenIdle, Qt::QueuedConnection);
    });

    QSettings settings;
    if (!restoreGeometry(settings.value(kGeometryKey).toByteArray())) resize(1280, 820);
    restoreState(settings.value(kStateKey).toByteArray());
    if (!showPage(settings.value(kPageKey).toString()) && !pages_.isEmpty()) showPage(pages_.first().id);
}

// The pages, menus and status bar, made (again) from the page source in the current language and
// palette. Replacing the central widget, menu bar and status bar deletes the old ones.
void MainWindow::build() {
    delete takeCentralWidget();  // now, not later: its pages go before the new ones are made
    pages_ = page_source_(QApplication::palette());
    buildSidebar(pages_);
    setMenuBar(new QMenuBar);
    buildMenus();
    setStatusBar(new QStatusBar);
    buildStatusBar();
    updateStoreLabel();
    updateModelLabel();
}

void MainWindow::rebuildWhenIdle() {
    if (workspace_.jobRunning()) {
        rebuild_pending_ = true;
        statusBar()->showMessage(tr("The new language or theme applies fully when “%1” ends.").arg(workspace_.jobTitle()),
                                 10000);
        return;
    }
    rebuild_pending_ = false;
    const QString shown = currentPageId();
    QMap<QString, QVariantMap> states;  // what each page keeps, handed to the page made in its place
    for (const PageInfo& info : pages_)
        if (const auto* state = dynamic_cast<const PageState*>(page(info.id))) states.insert(info.id, state->viewState());
    build();
    for (auto it = states.cbegin(); it != states.cend(); ++it)
        if (auto* state = dynamic_cast<PageState*>(page(it.key()))) state->restoreViewState(it.value());
    showPage(shown);
    ++rebuilds_;
}

void MainWindow::setLanguage(const QString& locale_name) {
    setLanguageSetting(locale_name);
    reinstallTranslators(*QCoreApplication::instance());
    rebuildWhenIdle();
}

void MainWindow::setTheme(Theme theme) {
    setThemeSetting(theme);
    applyTheme(*qApp, theme);  // most of the window follows at once; the rest when the pages are made again
    rebuildWhenIdle();
}

void MainWindow::buildSidebar(const QList<PageInfo>& pages) {
    sidebar_ = new QListWidget;
    sidebar_->setObjectName(QStringLiteral("sidebar"));
    sidebar_->setFrameShape(QFrame::NoFrame);
    sidebar_->setIconSize(QSize(22, 22));
    sidebar_->setSpacing(2);
    sidebar_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // A panel, not a document: the sidebar takes the window colour instead of the base colour.
    QPalette palette = sidebar_->palette();
    palette.setColor(QPalette::Base, palette.color(QPalette::Window));
    sidebar_->setPalette(palette);

    stack_ = new QStackedWidget;
    int widest = 0;
    for (const PageInfo& info : pages) {
        auto* item = new QListWidgetItem(info.icon, info.title, sidebar_);
        item->setSizeHint(QSize(0, fontMetrics().height() * 2 + 8));
        item->setData(Qt::UserRole, info.id);
        widest = std::max(widest, fontMetrics().horizontalAdvance(info.title));
        QWidget* page = info.create(workspace_, stack_);
        page->setObjectName(info.id + QStringLiteral("Page"));
        // A page wider (or taller) than the window scrolls, so that the window's minimum size is
        // not its largest page's and the window fits a small screen.
        auto* scroll = new QScrollArea;
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setWidgetResizable(true);
        scroll->setWidget(page);
        stack_->addWidget(scroll);
    }
    sidebar_->setFixedWidth(widest + sidebar_->iconSize().width() + 48);
    connect(sidebar_, &QListWidget::currentRowChanged, stack_, &QStackedWidget::setCurrentIndex);

    auto* separator = new QFrame;
    separator->setFrameShape(QFrame::VLine);
    separator->setFrameShadow(QFrame::Sunken);

    auto* central = new QWidget;
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(sidebar_);
    layout->addWidget(separator);
    layout->addWidget(stack_, 1);
    setCentralWidget(central);
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* new_workspace = file->addAction(tr("&New Workspace…"), this, &MainWindow::newWorkspace);
    new_workspace->setShortcut(QKeySequence::New);
    QAction* open_workspace = file->addAction(tr("&Open Workspace…"), this, &MainWindow::chooseWorkspace);
    open_workspace->setShortcut(QKeySequence::Open);
    recent_menu_ = file->addMenu(tr("Open &Recent"));
    connect(recent_menu_, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
    fillRecentMenu();  // so the menu is enabled or not from the start
    file->addSeparator();
    QAction* open_model = file->addAction(tr("Choose &Model…"), this, [this] { openModelPicker(); });
    open_model->setShortcut(QKeySequence(tr("Ctrl+M")));
    QAction* int8 = file->addAction(tr("Run the Model in &Int8 (Faster, Approximate)"));
    int8->setObjectName(QStringLiteral("int8Action"));
    int8->setCheckable(true);
    int8->setChecked(workspace_.int8Inference());
    int8->setToolTip(tr("The encoder's Linear layers dynamically quantized to int8: faster on the CPU, "
                        "probabilities a little less exact"));
    connect(int8, &QAction::toggled, this, [this](bool on) {
        workspace_.setInt8Inference(on);
        updateModelLabel();
    });
    QAction* adaptive = file->addAction(tr("Train With Fewer &Threads While Other Programs Are Busy"));
    adaptive->setObjectName(QStringLiteral("adaptiveThreadsAction"));
    adaptive->setCheckable(true);
    adaptive->setChecked(adaptiveThreadsSetting());
    adaptive->setToolTip(tr("Every second, training measures how many cores other programs keep busy and "
                            "leaves them those: a run beside a busy program keeps its speed instead of "
                            "waiting for the busy core. A rerun is then not bit-identical. Applies to the next run."));
    connect(adaptive, &QAction::toggled, this, [](bool on) { setAdaptiveThreadsSetting(on); });
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    page_actions_ = new QActionGroup(menuBar());  // goes with the menu bar when the window is rebuilt
    for (int i = 0; i < pages_.size(); ++i) {
        QAction* action = view->addAction(pages_[i].icon, pages_[i].title);
        action->setCheckable(true);
        action->setData(pages_[i].id);
        if (i < 9) action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
        page_actions_->addAction(action);
        connect(action, &QAction::triggered, this, [this, id = pages_[i].id] { showPage(id); });
    }
    connect(sidebar_, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row < page_actions_->actions().size()) page_actions_->actions()[row]->setChecked(true);
    });
    view->addSeparator();
    view->addMenu(buildLanguageMenu());
    view->addMenu(buildThemeMenu());

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Bertwork"), this, &MainWindow::showAbout)->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)->setMenuRole(QAction::AboutQtRole);
}

QMenu* MainWindow::buildLanguageMenu() {
    auto* menu = new QMenu(tr("&Language"), menuBar());
    auto* group = new QActionGroup(menu);
    // Language names are written in their own language, so that anyone finds theirs.
    const QList<QPair<QString, QString>> choices = {
        {QString(), tr("System Language")}, {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("zh_CN"), QStringLiteral("中文（简体）")}};
    const QString current = languageSetting();
    for (const auto& [code, name] : choices) {
        QAction* action = menu->addAction(name);
        action->setCheckable(true);
        action->setChecked(code == current);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, code = code] {
            // After the menu has closed: the rebuild replaces the menu bar this action sits in.
            QMetaObject::invokeMethod(this, [this, code] { setLanguage(code); }, Qt::QueuedConnection);
        });
    }
    return menu;
}

QMenu* MainWindow::buildThemeMenu() {
    auto* menu = new QMenu(tr("&Theme"), menuBar());
    auto* group = new QActionGroup(menu);
    const QList<QPair<Theme, QString>> choices = {
        {Theme::System, tr("System")}, {Theme::Light, tr("Light")}, {Theme::Dark, tr("Dark")}};
    const Theme current = themeSetting();
    for (const auto& [theme, name] : choices) {
        QAction* action = menu->addAction(name);
        action->setCheckable(true);
        action->setChecked(theme == current);
        action->setData(themeKey(theme));
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, theme = theme] {
            QMetaObject::invokeMethod(this, [this, theme] { setTheme(theme); }, Qt::QueuedConnection);
        });
    }
    return menu;
}

void MainWindow::buildStatusBar() {
    store_label_ = new QLabel;
    store_label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    store_label_->setContentsMargins(8, 0, 8, 0);
    model_button_ = new QToolButton;
    model_button_->setObjectName("modelButton");
    model_button_->setAutoRaise(true);
    connect(model_button_, &QToolButton::clicked, this, [this] { openModelPicker(); });
    auto* job = new JobStatusWidget(workspace_);
    connect(job, &JobStatusWidget::finished, this, [this](const QString& message) {
        if (!message.isEmpty()) statusBar()->showMessage(message, 10000);
    });
    // The next job's progress takes the place of the last one's message: QStatusBar draws a message
    // over its widgets, and a resumed run's progress once showed through "stopped at step 77".
    connect(&workspace_, &Workspace::jobStarted, statusBar(), &QStatusBar::clearMessage);
    // Where runs train unless their settings say otherwise (the wizard's "auto").
    auto* device_label = new QLabel;
    device_label->setObjectName("deviceLabel");
    device_label->setContentsMargins(8, 0, 8, 0);
    const ComputeDeviceInfo device = computeDeviceInfo(resolveComputeDevice("auto"));
    device_label->setText(tr("Device: %1").arg(deviceText(device)));
    QStringList all;
    for (const ComputeDeviceInfo& d : availableComputeDevices()) all << deviceText(d);
    device_label->setToolTip(tr("Devices on this machine:\n%1").arg(all.join('\n')));
    statusBar()->addPermanentWidget(job);
    statusBar()->addPermanentWidget(store_label_);
    statusBar()->addPermanentWidget(model_button_);
    statusBar()->addPermanentWidget(device_label);
}

void MainWindow::updateStoreLabel() {
    const QString path = workspace_.storePath();
    store_label_->setText(path.isEmpty() ? tr("No workspace") : tr("Workspace: %1").arg(QFileInfo(path).fileName()));
    store_label_->setToolTip(QDir::toNativeSeparators(path));
    setWindowTitle(path.isEmpty() ? QStringLiteral("Bertwork")
                                  : tr("%1 — Bertwork").arg(QFileInfo(path).completeBaseName()));
}

void MainWindow::updateModelLabel() {
    const QString dir = workspace_.modelDir();
    // A run's checkpoint is named by its run and step, as the store knows them.
    std::optional<train::CheckpointOfModel> checkpoint;
    if (!dir.isEmpty() && workspace_.hasStore()) {
        try {
            auto store = openWorkspaceStore(workspace_.storePath().toStdString());
            checkpoint = train::checkpointOfModel(store, dir.toStdString());
        } catch (const std::exception&) {
            // The folder's name says enough when the store cannot be read.
        }
    }
    QString title = dir.isEmpty() ? tr("No model") : tr("Model: %1").arg(modelTitle(dir, checkpoint));
    if (!dir.isEmpty() && workspace_.int8Inference()) title = tr("%1 · int8").arg(title);
    // A button is as wide as its text: a long run name elides in the middle, whole in the tooltip.
    model_button_->setText(model_button_->fontMetrics().elidedText(title, Qt::ElideMiddle, kWidestModelTitle));
    model_button_->setToolTip(dir.isEmpty() ? tr("Choose a model…")
                                            : tr("%1\n%2\nClick to choose another model").arg(title, QDir::toNativeSeparators(dir)));
}

QString MainWindow::modelLabelText() const { return model_button_->text(); }

bool MainWindow::openWorkspace(const QString& path) {
    QString error;
    // The check reads the whole file (1.6 s for a 1 GB store): the window keeps painting meanwhile.
    const bool usable = waitWithoutFreezing(this, tr("Opening %1…").arg(QFileInfo(path).fileName()),
                                            [&] { return Workspace::checkStore(path, &error); });
    if (!usable) {
        reportError(tr("Cannot Open Workspace"),
                    tr("%1 could not be opened:\n\n%2\n\nThe current workspace stays open.")
                        .arg(QDir::toNativeSeparators(path), error));
        return false;
    }
    workspace_.useCheckedStore(path);
    RecentWorkspaces::add(path);
    return true;
}

void MainWindow::openModel(const QString& dir) {
    using State = Workspace::ModelState;
    const State current = workspace_.modelState();
    if (current == State::Ready || current == State::NotLoaded || current == State::Loading)
        working_model_ = workspace_.modelDir();  // not known to be broken: the one to go back to
    opening_model_ = dir;
    workspace_.setModelDir(dir);
    workspace_.loadPipeline();  // now, not when a page needs it: a broken folder must not replace the model
    if (workspace_.modelState() != State::Loading) modelLoaded();  // it had loaded (or failed) already
}

void MainWindow::modelLoaded() {
    if (opening_model_.isEmpty() || workspace_.modelDir() != opening_model_) return;  // not openModel's
    const QString dir = std::exchange(opening_model_, QString());
    if (workspace_.modelState() == Workspace::ModelState::Ready) {
        working_model_ = dir;
        QSettings().setValue(kModelKey, dir);
        return;
    }
    const QString error = workspace_.pipelineError();
    // Back to the previous model before the dialog (which runs an event loop): the pages show it again at once.
    const QString previous = working_model_ == dir ? QString() : working_model_;
    workspace_.setModelDir(previous);
    const QString path = QDir::toNativeSeparators(dir);
    reportError(tr("Cannot Open Model"),
                previous.isEmpty()
                    ? tr("%1 could not be loaded:\n\n%2\n\nNo model is in use.").arg(path, error)
                    : tr("%1 could not be loaded:\n\n%2\n\n%3 stays in use.")
                          .arg(path, error, QDir::toNativeSeparators(previous)));
}

void MainWindow::newWorkspace() {
    const QString path = FileDialog::getSaveFileName(this, tr("New Workspace"), QDir::homePath(), workspaceFilter(),
                                                      nullptr, QFileDialog::DontConfirmOverwrite);
    if (path.isEmpty()) return;
    if (QFileInfo::exists(path)) {
        reportError(tr("New Workspace"),
                    tr("%1 already exists. Use File ▸ Open Workspace… to open it.").arg(QDir::toNativeSeparators(path)));
        return;
    }
    openWorkspace(path);
}

void MainWindow::chooseWorkspace() {
    const QString start = workspace_.hasStore() ? QFileInfo(workspace_.storePath()).absolutePath() : QDir::homePath();
    const QString path = FileDialog::getWorkspaceFileName(this, tr("Open Workspace"), start, workspaceFilter());
    if (!path.isEmpty()) openWorkspace(path);
}

ModelPickerDialog* MainWindow::openModelPicker() {
    auto* dialog = new ModelPickerDialog(workspace_.storePath(), workspace_.modelDir(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QString dir = dialog->chosenDir();
        if (!isModelDirectory(dir)) {
            reportError(tr("Choose Model"), tr("%1 has no config.json: choose a Hugging Face model folder.")
                                                .arg(QDir::toNativeSeparators(dir)));
            return;
        }
        openModel(dir);
    });
    dialog->open();
    return dialog;
}

void MainWindow::fillRecentMenu() {
    recent_menu_->clear();
    const QStringList paths = RecentWorkspaces::list();
    for (const QString& path : paths) {
        QAction* action = recent_menu_->addAction(QDir::toNativeSeparators(path));
        connect(action, &QAction::triggered, this, [this, path] { openWorkspace(path); });
    }
    if (!paths.isEmpty()) {
        recent_menu_->addSeparator();
        recent_menu_->addAction(tr("Clear Menu"), this, [] { RecentWorkspaces::clear(); });
    }
    recent_menu_->setEnabled(!paths.isEmpty());
}

void MainWindow::showAbout() {
    QMessageBox::about(this, tr("About Bertwork"),
                       tr("<h3>Bertwork %1</h3>"
                          "<p>A workbench for building and fine-tuning BERT models on your own computer: "
                          "import data, inspect the tokenizer, pretrain or fine-tune, compare runs, look at "
                          "attention and export models that Hugging Face Transformers loads.</p>"
                          "<p>Built with Qt %2, LibTorch, QCustomPlot and SQLite.</p>")
                           .arg(QStringLiteral(BERTWORK_VERSION), QString::fromLatin1(qVersion())));
}

QStringList MainWindow::pageIds() const {
    QStringList ids;
    for (const PageInfo& info : pages_) ids << info.id;
    return ids;
}

QString MainWindow::currentPageId() const {
    const int row = stack_->currentIndex();
    return row >= 0 && row < pages_.size() ? pages_[row].id : QString();
}

QWidget* MainWindow::page(const QString& id) const {
    const int row = pageIds().indexOf(id);
    return row < 0 ? nullptr : static_cast<QScrollArea*>(stack_->widget(row))->widget();
}

bool MainWindow::showPage(const QString& id) {
    const int row = pageIds().indexOf(id);
    if (row < 0) return false;
    sidebar_->setCurrentRow(row);
    return true;
}

void MainWindow::reportError(const QString& title, const QString& message) {
    showWarning(this, title, message);
}

bool MainWindow::confirmStopAndQuit(const QString& job) {
    QMessageBox box(QMessageBox::Question, tr("Quit Bertwork"), tr("%1 is still running.").arg(job),
                    QMessageBox::NoButton, this);
    box.setInformativeText(tr("Stop it and quit? A training run stops after its current step and saves a "
                              "checkpoint: it can be resumed later from the Train page."));
    QPushButton* stop = box.addButton(tr("Stop and Quit"), QMessageBox::AcceptRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == stop;
}

void MainWindow::closeEvent(QCloseEvent* event) {
    // Quitting never drops a job midway: the job is stopped the way its Cancel stops it, and the
    // window closes when it has ended.
    if (workspace_.jobRunning()) {
        event->ignore();
        if (quit_when_job_ends_ || !confirmStopAndQuit(workspace_.jobTitle())) return;
        quit_when_job_ends_ = true;
        connect(&workspace_, &Workspace::jobFinished, this, &QWidget::close, Qt::QueuedConnection);
        statusBar()->showMessage(tr("Stopping %1; Bertwork quits when it has stopped.").arg(workspace_.jobTitle()));
        workspace_.requestJobCancel();
        return;
    }
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    settings.setValue(kPageKey, currentPageId());
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QString path = event->mimeData()->urls().value(0).toLocalFile();
    if (path.isEmpty()) return;
    event->acceptProposedAction();
    if (isModelDirectory(path)) {  // a model folder: use it; anything else is data to import
        openModel(path);
        return;
    }
    showPage(QStringLiteral("data"));
    workspace_.requestImport(path);
}

}  // namespace bw::gui
