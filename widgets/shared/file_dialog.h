#pragma once
// The window's file dialogs: QFileDialog's static functions, same arguments, but always Qt's own
// dialog with an icon provider that looks at names only. The desktop's dialog and Qt's default
// provider read each listed file's first bytes to guess its type, and opening and closing any
// descriptor of the workspace's store (or its -wal and -shm) drops every SQLite lock this process
// holds on it: another process may then delete the store's log under the window
// (core/store/experiment_store.cpp). Use these instead of QFileDialog's.
//
// The same danger makes them refuse the workspace store's own files (protectStore): a dataset,
// corpus or vocabulary read from the store would drop its locks, a CSV saved over it would replace
// the user's runs. The user is told why and the dialog opens again.
#include <QFileDialog>

namespace bw::gui {

class FileDialog {
public:
    static QString getOpenFileName(QWidget* parent = nullptr, const QString& caption = {}, const QString& dir = {},
                                   const QString& filter = {}, QString* selected_filter = nullptr,
                                   QFileDialog::Options options = {});
    static QStringList getOpenFileNames(QWidget* parent = nullptr, const QString& caption = {}, const QString& dir = {},
                                        const QString& filter = {}, QString* selected_filter = nullptr,
                                        QFileDialog::Options options = {});
    static QString getSaveFileName(QWidget* parent = nullptr, const QString& caption = {}, const QString& dir = {},
                                   const QString& filter = {}, QString* selected_filter = nullptr,
                                   QFileDialog::Options options = {});
    static QString getExistingDirectory(QWidget* parent = nullptr, const QString& caption = {}, const QString& dir = {},
                                        QFileDialog::Options options = QFileDialog::ShowDirsOnly);

    // Open Workspace: the store may be chosen (to open it again), its log and the log's index may not.
    static QString getWorkspaceFileName(QWidget* parent, const QString& caption, const QString& dir, const QString& filter);

    // The workspace's store: its files are refused from now on (the main window keeps this current).
    static void protectStore(const QString& store_path);
    // Whether `path` is one of the protected store's files (by identity, without opening it).
    static bool isProtected(const QString& path);
    // Why these choices are refused ("" when they are not): the first protected file, named.
    static QString refusal(const QStringList& chosen, bool allow_store_itself = false);

    // The dialog those functions run, set up but not shown (the caller owns it).
    static QFileDialog* create(QWidget* parent, const QString& caption, const QString& dir, const QString& filter,
                               QFileDialog::Options options);
};

}  // namespace bw::gui
