#include "widgets/shared/file_dialog.h"
#include "widgets/shared/message_box.h"

#include "core/store/store_files.h"

#include <QAbstractFileIconProvider>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QMimeDatabase>

#include <memory>

namespace bw::gui {
namespace {

// Icons and type names from a file's name alone: QMimeDatabase's MatchExtension never opens it.
class NameOnlyIconProvider : public QAbstractFileIconProvider {
public:
    using QAbstractFileIconProvider::icon;

    QIcon icon(const QFileInfo& info) const override {
        if (info.isDir()) return icon(Folder);
        const QMimeType mime = typeOf(info);
        return QIcon::fromTheme(mime.iconName(), QIcon::fromTheme(mime.genericIconName(), icon(File)));
    }

    QString type(const QFileInfo& info) const override {
        if (info.isDir()) return QCoreApplication::translate("bw::gui::FileDialog", "Folder");
        const QMimeType mime = typeOf(info);
        return mime.isDefault() ? QCoreApplication::translate("bw::gui::FileDialog", "File") : mime.comment();
    }

private:
    static QMimeType typeOf(const QFileInfo& info) {
        return QMimeDatabase().mimeTypeForFile(info.fileName(), QMimeDatabase::MatchExtension);
    }
};

QAbstractFileIconProvider* nameOnlyIconProvider() {
    static NameOnlyIconProvider provider;  // dialogs do not own their provider
    return &provider;
}

QString& protectedStore() {
    static QString path;
    return path;
}

// Runs the dialog until it is cancelled or its choice is not refused; the selected files, or none.
// A save dialog asks before replacing a file only here, after the refusal: Qt's own question came
// first, so the store's file was offered for replacing, then refused.
QStringList run(QFileDialog* dialog, QString* selected_filter, bool allow_store_itself = false,
                bool confirm_overwrite = false) {
    std::unique_ptr<QFileDialog> owned(dialog);
    if (selected_filter && !selected_filter->isEmpty()) dialog->selectNameFilter(*selected_filter);
    for (;;) {
        if (dialog->exec() != QDialog::Accepted) return {};
        const QString refused = FileDialog::refusal(dialog->selectedFiles(), allow_store_itself);
        if (!refused.isEmpty()) {
            showWarning(dialog, dialog->windowTitle(), refused);
            continue;
        }
        const QString chosen = dialog->selectedFiles().value(0);
        if (confirm_overwrite && QFileInfo::exists(chosen) &&
            !askYesNo(dialog, dialog->windowTitle(),
                      QCoreApplication::translate("bw::gui::FileDialog", "%1 already exists. Replace it?")
                          .arg(QFileInfo(chosen).fileName())))
            continue;
        break;
    }
    if (selected_filter) *selected_filter = dialog->selectedNameFilter();
    return dialog->selectedFiles();
}

QString first(const QStringList& files) { return files.isEmpty() ? QString() : files.first(); }

}  // namespace

void FileDialog::protectStore(const QString& store_path) { protectedStore() = store_path; }

bool FileDialog::isProtected(const QString& path) {
    return !protectedStore().isEmpty() && store::isStoreFile(path.toStdString(), protectedStore().toStdString());
}

QString FileDialog::refusal(const QStringList& chosen, bool allow_store_itself) {
    for (const QString& path : chosen) {
        if (!isProtected(path)) continue;
        if (allow_store_itself && QFileInfo(path) == QFileInfo(protectedStore())) continue;
        return QCoreApplication::translate("bw::gui::FileDialog",
                                           "%1 is one of the files of this workspace's store (%2). Bertwork keeps them "
                                           "open: reading one as something else, or writing over it, would damage the "
                                           "store. Choose another file.")
            .arg(QDir::toNativeSeparators(path), QDir::toNativeSeparators(protectedStore()));
    }
    return {};
}

QFileDialog* FileDialog::create(QWidget* parent, const QString& caption, const QString& dir, const QString& filter,
                                QFileDialog::Options options) {
    auto* dialog = new QFileDialog(parent, caption, dir, filter);
    dialog->setOptions(options | QFileDialog::DontUseNativeDialog);
    dialog->setIconProvider(nameOnlyIconProvider());
    return dialog;
}

QString FileDialog::getOpenFileName(QWidget* parent, const QString& caption, const QString& dir, const QString& filter,
                                    QString* selected_filter, QFileDialog::Options options) {
    QFileDialog* dialog = create(parent, caption, dir, filter, options);
    dialog->setFileMode(QFileDialog::ExistingFile);
    return first(run(dialog, selected_filter));
}

QString FileDialog::getWorkspaceFileName(QWidget* parent, const QString& caption, const QString& dir,
                                         const QString& filter) {
    QFileDialog* dialog = create(parent, caption, dir, filter, {});
    dialog->setFileMode(QFileDialog::ExistingFile);
    return first(run(dialog, nullptr, true));
}

QStringList FileDialog::getOpenFileNames(QWidget* parent, const QString& caption, const QString& dir,
                                         const QString& filter, QString* selected_filter, QFileDialog::Options options) {
    QFileDialog* dialog = create(parent, caption, dir, filter, options);
    dialog->setFileMode(QFileDialog::ExistingFiles);
    return run(dialog, selected_filter);
}

QString FileDialog::getSaveFileName(QWidget* parent, const QString& caption, const QString& dir, const QString& filter,
                                    QString* selected_filter, QFileDialog::Options options) {
    QFileDialog* dialog = create(parent, caption, dir, filter, options | QFileDialog::DontConfirmOverwrite);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    return first(run(dialog, selected_filter, false, !options.testFlag(QFileDialog::DontConfirmOverwrite)));
}

QString FileDialog::getExistingDirectory(QWidget* parent, const QString& caption, const QString& dir,
                                         QFileDialog::Options options) {
    QFileDialog* dialog = create(parent, caption, dir, QString(), options);
    dialog->setFileMode(QFileDialog::Directory);
    return first(run(dialog, nullptr));
}

}  // namespace bw::gui
