#pragma once
// The window's file dialogs: QFileDialog's static functions, same arguments, but always Qt's own
// dialog with an icon provider that looks at names only. The desktop's dialog and Qt's default
// provider read each listed file's first bytes to guess its type, and opening and closing any
// descriptor of the workspace's store (or its -wal and -shm) drops every SQLite lock this process
// holds on it: another process may then delete the store's log under the window
// (core/store/experiment_store.cpp). Use these instead of QFileDialog's.
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

    // The dialog those functions run, set up but not shown (the caller owns it).
    static QFileDialog* create(QWidget* parent, const QString& caption, const QString& dir, const QString& filter,
                               QFileDialog::Options options);
};

}  // namespace bw::gui
