// The window's file dialogs leave the workspace store's locks alone. Closing any descriptor of a
// file drops every POSIX lock the process holds on it; Qt's default icon provider read the first
// bytes of each listed file to guess its type, so a dialog showing the store's folder dropped the
// window's SQLite locks, and the next CLI process to close the store deleted its log under the
// window (found on a walkthrough: "the store file is damaged"). Real store, real dialog, the
// kernel's lock table.
#include "core/store/experiment_store.h"
#include "tests/support/posix_locks.h"
#include "widgets/shared/file_dialog.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDirIterator>
#include <QFile>
#include <QDialogButtonBox>
#include <QFileSystemModel>
#include <QLineEdit>
#include <QPushButton>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <optional>


using namespace bw;
using namespace bw::gui;

namespace {


// Shows the dialog on `folder` in detail view (which shows each file's type) and waits until its
// model has the store's row with a type: the dialog has looked at every file by then.
void showAndWaitForTypes(QFileDialog* dialog, const QString& store_name) {
    dialog->setViewMode(QFileDialog::Detail);
    dialog->show();
    auto* model = dialog->findChild<QFileSystemModel*>();
    QVERIFY(model);
    QTRY_VERIFY_WITH_TIMEOUT(model->index(dialog->directory().filePath(store_name), 2).data().toString().size() > 0, 10000);
    QTest::qWait(1000);  // the file-info thread's other files
}

}  // namespace

class TestFileDialog : public QObject {
    Q_OBJECT
private slots:
    void listingTheStoresFolderKeepsItsLocks() {
        QTemporaryDir dir;
        const QString store_path = dir.filePath(QStringLiteral("workspace.db"));  // .db: a name no type is known by
        std::optional<store::ExperimentStore> store = store::ExperimentStore::open(store_path.toStdString());
        store::DatasetRecord spec;
        spec.name = "written";
        spec.task_kind = "sequence";
        spec.format = "csv";
        store->createDataset(spec);
        QVERIFY(QFileInfo::exists(store_path + "-wal") && QFileInfo::exists(store_path + "-shm"));
        const int held = bw::test::locksHeldOn(store_path);
        QVERIFY(held > 0);

        std::unique_ptr<QFileDialog> ours(FileDialog::create(nullptr, QStringLiteral("Open"), dir.path(), QString(), {}));
        showAndWaitForTypes(ours.get(), QStringLiteral("workspace.db"));
        QCOMPARE(bw::test::locksHeldOn(store_path), held);
        ours.reset();

        // The control: Qt's own dialog with its default icon provider drops them, which is what
        // makes the check above able to fail.
        QFileDialog plain(nullptr, QStringLiteral("Open"), dir.path());
        plain.setOption(QFileDialog::DontUseNativeDialog);
        showAndWaitForTypes(&plain, QStringLiteral("workspace.db"));
        QTRY_COMPARE_WITH_TIMEOUT(bw::test::locksHeldOn(store_path), 0, 10000);
    }

    // The store's own files are refused by every dialog of the window (a CSV saved over the store
    // would replace the user's runs; reading it as a dataset would drop its locks), by identity, so
    // another spelling is refused too; Open Workspace may choose the store itself, not its log.
    void theWorkspaceStoresFilesAreRefused() {
        QTemporaryDir dir;
        const QString store_path = dir.filePath(QStringLiteral("workspace.db"));
        std::optional<store::ExperimentStore> store = store::ExperimentStore::open(store_path.toStdString());
        const QString other = dir.filePath(QStringLiteral("reviews.csv"));
        QFile file(other);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        FileDialog::protectStore(store_path);
        QVERIFY(FileDialog::refusal({other}).isEmpty());
        QVERIFY(FileDialog::refusal({dir.filePath(QStringLiteral("new.csv"))}).isEmpty());  // not there yet
        for (const QString& path : {store_path, store_path + "-wal", store_path + "-shm", dir.path() + "/./workspace.db"})
            QVERIFY2(FileDialog::refusal({other, path}).contains(QStringLiteral("files of this workspace's store")), qPrintable(path));
        QVERIFY(FileDialog::refusal({store_path}, true).isEmpty());
        QVERIFY(!FileDialog::refusal({store_path + "-wal"}, true).isEmpty());

        // A save dialog told to write over the store: the user is told why, the dialog comes back,
        // and nothing is chosen when it is then cancelled.
        QStringList seen;  // what each modal widget showed, in order
        QTimer driver;
        connect(&driver, &QTimer::timeout, this, [&] {
            QWidget* modal = QApplication::activeModalWidget();
            if (auto* box = qobject_cast<QMessageBox*>(modal)) {
                seen << QStringLiteral("message: ") + box->text();
                box->accept();
            } else if (auto* dialog = qobject_cast<QFileDialog*>(modal)) {
                seen << QStringLiteral("dialog");
                if (seen.size() == 1) {  // the name typed, Save pressed
                    dialog->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"))->setText(QStringLiteral("workspace.db"));
                    QPushButton* save = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save);
                    QVERIFY(save && save->isEnabled());
                    save->click();
                } else {
                    dialog->reject();
                }
            }
        });
        driver.start(100);
        // Qt's "already exists, replace it?" is not asked first (it once offered the store for replacing).
        const QString chosen = FileDialog::getSaveFileName(nullptr, QStringLiteral("Export runs"), dir.path(), QString());
        driver.stop();
        QVERIFY(chosen.isEmpty());
        QVERIFY2(seen.size() == 3, qPrintable(seen.join(" | ")));
        QCOMPARE(seen[0], QStringLiteral("dialog"));
        QVERIFY2(seen[1].contains(QStringLiteral("workspace.db")), qPrintable(seen[1]));
        QCOMPARE(seen[2], QStringLiteral("dialog"));
        QVERIFY(store->listDatasets().empty());  // the store is still a store
        // An ordinary existing file is still confirmed before it is replaced: No, then the name again.
        seen.clear();
        QTimer replacer;
        connect(&replacer, &QTimer::timeout, this, [&] {
            QWidget* modal = QApplication::activeModalWidget();
            if (auto* box = qobject_cast<QMessageBox*>(modal)) {
                seen << QStringLiteral("question: ") + box->text();
                box->button(QMessageBox::No) ? box->button(QMessageBox::No)->click() : box->reject();
            } else if (auto* dialog = qobject_cast<QFileDialog*>(modal)) {
                seen << QStringLiteral("dialog");
                if (seen.size() == 1) {
                    dialog->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"))->setText(QStringLiteral("reviews.csv"));
                    dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save)->click();
                } else {
                    dialog->reject();
                }
            }
        });
        replacer.start(100);
        QVERIFY(FileDialog::getSaveFileName(nullptr, QStringLiteral("Export runs"), dir.path(), QString()).isEmpty());
        replacer.stop();
        QVERIFY2(seen.size() == 3 && seen[1] == QStringLiteral("question: reviews.csv already exists. Replace it?"),
                 qPrintable(seen.join(" | ")));
        FileDialog::protectStore({});
    }

    // Every dialog of the window goes through FileDialog: none calls QFileDialog's static functions.
    void noPageUsesQtsStaticDialogs() {
        QStringList offenders;
        for (const char* folder : {"widgets", "app"}) {
            QDirIterator it(QStringLiteral(BW_SOURCE_DIR "/") + QLatin1String(folder), {QStringLiteral("*.cpp"), QStringLiteral("*.h")},
                            QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                QFile file(path);
                QVERIFY(file.open(QIODevice::ReadOnly));
                if (file.readAll().contains("QFileDialog::get")) offenders << path;
            }
        }
        QCOMPARE(offenders, QStringList());
    }
};

QTEST_MAIN(TestFileDialog)
#include "test_file_dialog.moc"
