#include "widgets/shared/file_dialog.h"

#include <QAbstractFileIconProvider>
#include <QCoreApplication>
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

// Runs the dialog; the selected files, or none when cancelled.
QStringList run(QFileDialog* dialog, QString* selected_filter) {
    std::unique_ptr<QFileDialog> owned(dialog);
    if (selected_filter && !selected_filter->isEmpty()) dialog->selectNameFilter(*selected_filter);
    if (dialog->exec() != QDialog::Accepted) return {};
    if (selected_filter) *selected_filter = dialog->selectedNameFilter();
    return dialog->selectedFiles();
}

QString first(const QStringList& files) { return files.isEmpty() ? QString() : files.first(); }

}  // namespace

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

QStringList FileDialog::getOpenFileNames(QWidget* parent, const QString& caption, const QString& dir,
                                         const QString& filter, QString* selected_filter, QFileDialog::Options options) {
    QFileDialog* dialog = create(parent, caption, dir, filter, options);
    dialog->setFileMode(QFileDialog::ExistingFiles);
    return run(dialog, selected_filter);
}

QString FileDialog::getSaveFileName(QWidget* parent, const QString& caption, const QString& dir, const QString& filter,
                                    QString* selected_filter, QFileDialog::Options options) {
    QFileDialog* dialog = create(parent, caption, dir, filter, options);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    return first(run(dialog, selected_filter));
}

QString FileDialog::getExistingDirectory(QWidget* parent, const QString& caption, const QString& dir,
                                         QFileDialog::Options options) {
    QFileDialog* dialog = create(parent, caption, dir, QString(), options);
    dialog->setFileMode(QFileDialog::Directory);
    return first(run(dialog, nullptr));
}

}  // namespace bw::gui
