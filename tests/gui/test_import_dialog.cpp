// The import dialog's columns and its small manners: a label column guessed from the rows, texts
// joined from several columns (shown as they will be stored, then stored so), Enter in the file field,
// a taken name said beside it, preview columns as wide as their titles, "Add a split to" offering
// the dataset selected on the Data page, and malformed rows refused or skipped.
// Real widgets (offscreen), real files, a real store.
#include "core/data/label_renaming.h"
#include "core/store/experiment_store.h"
#include "gui_test_support.h"
#include "widgets/data/data_page.h"
#include "widgets/data/import_dialog.h"
#include "widgets/shared/elided_label.h"
#include "widgets/workbench/workspace.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <QtTest>

using namespace bw;
using namespace bw::gui;

namespace {

constexpr int kImportTimeoutMs = 60000;
const QString kSst2Train = QStringLiteral(BW_FIXTURES_DIR "/data/sst2_train_head300.tsv");

const QByteArray kAgNewsRows =
    "3,Wall St. Bears,\"Short-sellers, Wall Street's dwindling band, are seeing green again.\"\n"
    "4,New Chip,A chip maker said its processor runs twice as fast as the old one.\n"
    "2,Phelps Wins,Michael Phelps won his sixth gold medal of the Games on Friday.\n"
    "1,Talks Resume,Peace talks between the two sides resumed on Tuesday in Abuja.\n"
    "3,Oil Slips,Oil prices fell for a third day as supplies rose more than expected.\n"
    "2,Cup Final,The two best teams of the season meet in the final on Saturday.\n"
    "4,Search IPO,The company priced its shares at the low end of the expected range.\n"
    "1,Storm Hits,A storm with winds of 120 miles an hour hit the coast on Thursday.\n";

template <typename T>
T* child(QObject* parent, const char* name) {
    T* found = parent->findChild<T*>(QString::fromLatin1(name));
    if (!found) qFatal("no child %s", name);
    return found;
}

void choose(QComboBox* combo, const QString& text) {
    combo->setCurrentIndex(combo->findText(text));
    emit combo->activated(combo->currentIndex());
}

void tickJoin(QToolButton* button, const QString& column) {
    for (QAction* action : button->menu()->actions())
        if (action->text() == column) action->setChecked(true);
}

}  // namespace

class TestImportDialog : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    int stores_ = 0;

    QString writeFile(const QString& name, const QByteArray& bytes) {
        const QString path = dir_.filePath(name);
        QFile file(path);
        if (file.open(QIODevice::WriteOnly)) file.write(bytes);
        return path;
    }
    QString freshStore() { return dir_.filePath(QStringLiteral("store%1.sqlite").arg(++stores_)); }

    // Presses Import and waits for the worker thread; true when the dataset was imported.
    bool importNow(ImportDialog& dialog) {
        QSignalSpy imported(&dialog, &ImportDialog::imported);
        QPushButton* import = child<QPushButton>(&dialog, "importButton");
        if (!import->isEnabled()) {
            qWarning("import disabled: %s", qPrintable(import->toolTip()));
            return false;
        }
        QTest::mouseClick(import, Qt::LeftButton);
        return QTest::qWaitFor([&] { return imported.count() == 1 || !dialog.isImporting(); }, kImportTimeoutMs) &&
               QTest::qWaitFor([&] { return imported.count() == 1; }, 1000);
    }

    void screenshot(QWidget& widget, const char* name) {
        const QString out = qEnvironmentVariable("BW_SCREENSHOT_DIR");
        if (!out.isEmpty() && QDir().mkpath(out)) QVERIFY(widget.grab().save(out + QLatin1Char('/') + QLatin1String(name)));
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        test::isolateSettings("test_import_dialog");
    }

    void headerlessFileGetsItsLabelColumnGuessed() {
        Workspace workspace;
        QVERIFY(workspace.openStore(freshStore(), nullptr));
        ImportDialog dialog(workspace);
        dialog.show();
        dialog.setFile(writeFile(QStringLiteral("ag_headerless.csv"), kAgNewsRows));
        QCOMPARE(child<QComboBox>(&dialog, "labelColumnCombo")->currentData().toInt(), 0);
        QCOMPARE(child<QComboBox>(&dialog, "textColumnCombo")->currentData().toInt(), 2);  // the description
        QCOMPARE(child<QLabel>(&dialog, "labelsPreview")->text(), QStringLiteral("4 label(s) in the first 8 row(s): 1, 2, 3, 4"));
    }

    // A German file: its header found above a column of stars with missing values, and the rows
    // without a label named by line before the import (a walk met them only on training's review).
    void rowsWithoutALabelAreNamedInThePreview() {
        Workspace workspace;
        QVERIFY(workspace.openStore(freshStore(), nullptr));
        ImportDialog dialog(workspace);
        dialog.show();
        QByteArray csv = "Titel;Rezensionstext;Bewertung\n";
        for (int i = 0; i < 12; ++i)  // lines 2-13, stars 1 to 3, lines 4 and 9 without
            csv += "T" + QByteArray::number(i) + ";Rezension Nummer " + QByteArray::number(i) + ";" +
                   (i == 2 || i == 7 ? QByteArray() : QByteArray::number(1 + i % 3)) + "\n";
        dialog.setFile(writeFile(QStringLiteral("bewertungen.csv"), csv));
        QCOMPARE(child<QComboBox>(&dialog, "textColumnCombo")->currentText(), QStringLiteral("Rezensionstext"));
        QCOMPARE(child<QComboBox>(&dialog, "labelColumnCombo")->currentText(), QStringLiteral("Bewertung"));
        QCOMPARE(child<QLabel>(&dialog, "labelsPreview")->text(),
                 QStringLiteral("3 label(s) in the first 12 row(s): 1, 2, 3. 2 row(s) without a label, at line(s) 4, 9: "
                                "training refuses them."));
    }

    void joinedColumnsAreShownAndStored() {
        Workspace workspace;
        const QString store_path = freshStore();
        QVERIFY(workspace.openStore(store_path, nullptr));
        ImportDialog dialog(workspace);
        dialog.resize(1100, 760);
        dialog.show();
        dialog.setFile(writeFile(QStringLiteral("ag.csv"), "label,title,description\n" + kAgNewsRows));
        auto* text = child<QComboBox>(&dialog, "textColumnCombo");
        QCOMPARE(text->currentText(), QStringLiteral("description"));  // by name, over the title
        QCOMPARE(child<QComboBox>(&dialog, "labelColumnCombo")->currentText(), QStringLiteral("label"));
        auto* separator = child<QLineEdit>(&dialog, "joinSeparatorEdit");
        auto* joined = child<QLabel>(&dialog, "joinedTextPreview");
        QVERIFY(!separator->isVisible());  // nothing joined yet

        choose(text, QStringLiteral("title"));
        tickJoin(child<QToolButton>(&dialog, "textJoinButton"), QStringLiteral("description"));
        QVERIFY(separator->isVisible());
        QCOMPARE(separator->text(), QStringLiteral(" "));
        // The space does not show in the field: a note says it (a walk typed " | " after it and
        // stored "  | ").
        auto* note = child<QLabel>(&dialog, "joinSeparatorNote");
        QVERIFY(note->isVisible());
        QVERIFY2(note->text().startsWith(QStringLiteral("(1 space")), qPrintable(note->text()));
        // The menu offers neither the text's own column nor the label's.
        QStringList offered;
        for (const QAction* action : child<QToolButton>(&dialog, "textJoinButton")->menu()->actions())
            if (action->isVisible()) offered << action->text();
        QCOMPARE(offered, QStringList{QStringLiteral("description")});
        QCOMPARE(joined->text(),
                 QStringLiteral("Wall St. Bears Short-sellers, Wall Street's dwindling band, are seeing green again."));
        separator->setText(QString());
        QVERIFY2(note->text().contains(QStringLiteral("run together")), qPrintable(note->text()));
        separator->setText(QStringLiteral(" | "));
        QVERIFY(!note->isVisible());
        QCOMPARE(joined->text(),
                 QStringLiteral("Wall St. Bears | Short-sellers, Wall Street's dwindling band, are seeing green again."));
        QCOMPARE(child<QToolButton>(&dialog, "textJoinButton")->text(), QStringLiteral("Join: +1"));
        const QAbstractItemModel* table = child<QTableView>(&dialog, "previewTable")->model();
        QCOMPARE(table->headerData(1, Qt::Horizontal).toString(), QStringLiteral("title (text)"));
        QCOMPARE(table->headerData(2, Qt::Horizontal).toString(), QStringLiteral("description (text, joined)"));
        QTest::qWait(50);  // the joined text's second line laid out before the picture
        screenshot(dialog, "import-dialog-joined.png");

        child<QLineEdit>(&dialog, "datasetNameEdit")->setText(QStringLiteral("ag"));
        QVERIFY(importNow(dialog));
        auto store = store::ExperimentStore::open(store_path.toStdString());
        const auto dataset = store.findDataset("ag");
        QVERIFY(dataset.has_value());
        QCOMPARE(dataset->columns.value("text_joined", nlohmann::json()), nlohmann::json({"description"}));
        const auto rows = store.loadRows(dataset->id, "train");
        QCOMPARE(rows.size(), size_t{8});
        QCOMPARE(rows[1].text, std::string("New Chip | A chip maker said its processor runs twice as fast as the old one."));
        QCOMPARE(rows[1].label, std::string("4"));

        // Its labels named, as the Data page's "Label names…" does.
        store.renameLabels(dataset->id, data::LabelRenaming({{"1", "World"}, {"2", "Sports"}, {"3", "Business"}, {"4", "Sci/Tech"}}));

        // A split added to it joins the same columns with the same separator, shown as such.
        ImportDialog second(workspace);
        second.show();
        QVERIFY(second.addSplitTo(QStringLiteral("ag")));
        second.setFile(writeFile(QStringLiteral("ag_test.csv"), "label,title,description\n1,Storm Hits,Winds of 120 mph.\n"));
        QCOMPARE(child<QComboBox>(&second, "textColumnCombo")->currentText(), QStringLiteral("title"));
        QCOMPARE(child<QLineEdit>(&second, "joinSeparatorEdit")->text(), QStringLiteral(" | "));
        QCOMPARE(child<QLabel>(&second, "joinedTextPreview")->text(), QStringLiteral("Storm Hits | Winds of 120 mph."));
        // Its labels by the dataset's names (the preview once said "1" of a dataset that calls it World).
        QCOMPARE(child<QLabel>(&second, "labelsPreview")->text(), QStringLiteral("1 label(s) in the first 1 row(s): World"));
        // "ag_test" names no split: the split offered is the first one "ag" lacks, not its train.
        QCOMPARE(child<QComboBox>(&second, "splitCombo")->currentData().toString(), QStringLiteral("validation"));
        // A file named after its split keeps that split.
        second.setFile(writeFile(QStringLiteral("test.csv"), "label,title,description\n1,Storm Hits,Winds of 120 mph.\n"));
        QCOMPARE(child<QComboBox>(&second, "splitCombo")->currentData().toString(), QStringLiteral("test"));
    }

    // Enter in the file field reads the typed path: no Browse dialog, no import of a file unseen.
    void enterInTheFileFieldLoadsThePath() {
        Workspace workspace;
        const QString store_path = freshStore();
        QVERIFY(workspace.openStore(store_path, nullptr));
        ImportDialog dialog(workspace);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        bool modal_opened = false;
        QTimer guard;  // a Browse dialog would block the test: note it and close it
        connect(&guard, &QTimer::timeout, this, [&] {
            if (QWidget* modal = QApplication::activeModalWidget(); modal && modal != &dialog) {
                modal_opened = true;
                modal->close();
            }
        });
        guard.start(50);
        auto* file = child<QLineEdit>(&dialog, "fileEdit");
        file->setFocus();
        QTest::keyClicks(file, kSst2Train);
        QTest::keyClick(file, Qt::Key_Return);
        QCoreApplication::processEvents();
        QVERIFY(!modal_opened);
        QVERIFY(!dialog.isImporting());
        QVERIFY(dialog.isVisible());
        QCOMPARE(child<QTableView>(&dialog, "previewTable")->model()->rowCount(), 100);
        QCOMPARE(child<QComboBox>(&dialog, "textColumnCombo")->currentText(), QStringLiteral("sentence"));
        QVERIFY(child<QPushButton>(&dialog, "importButton")->isEnabled());  // Enter could have pressed it
        QTest::qWait(100);
        QVERIFY(!modal_opened);
        QVERIFY(!store::ExperimentStore::open(store_path.toStdString()).findDataset("sst2_train_head300"));
    }

    // The workspace's store typed (or pasted) as the file to import: refused before anything opens it,
    // which would drop the window's locks on it (file_dialog.h); its log and its index too.
    void theStoresOwnFilesAreNotRead() {
        Workspace workspace;
        const QString store_path = freshStore();
        QVERIFY(workspace.openStore(store_path, nullptr));
        store::ExperimentStore::open(store_path.toStdString());  // the -wal and -shm exist from here on
        ImportDialog dialog(workspace);
        dialog.show();
        for (const QString& path : {store_path, store_path + "-wal", QFileInfo(store_path).path() + "/./" +
                                                                        QFileInfo(store_path).fileName()}) {
            dialog.setFile(path);
            QVERIFY2(child<QLabel>(&dialog, "messageLabel")->text().contains("files of this workspace's store"),
                     qPrintable(path));
            QCOMPARE(child<QTableView>(&dialog, "previewTable")->model()->rowCount(), 0);
            QVERIFY(!child<QPushButton>(&dialog, "importButton")->isEnabled());
        }
        dialog.setFile(kSst2Train);  // another file clears the message
        QVERIFY(child<QLabel>(&dialog, "messageLabel")->text().isEmpty());
        QCOMPARE(child<QTableView>(&dialog, "previewTable")->model()->rowCount(), 100);
    }

    // A TSV with quoted cells over two lines: the message says why it breaks and what to choose;
    // Quotes: quoted fields reads it whole, and the import stores the cells as the preview shows them.
    // A '|'-separated file is detected as such.
    void quotesAndDelimitersCanBeChosen() {
        Workspace workspace;
        const QString store_path = freshStore();
        QVERIFY(workspace.openStore(store_path, nullptr));
        ImportDialog dialog(workspace);
        dialog.show();
        QByteArray tsv = "text\tlabel\n";
        for (int i = 0; i < 8; ++i) tsv += i % 2 ? QByteArray("one line\tpositive\n") : QByteArray("\"two\nlines\"\tnegative\n");
        dialog.setFile(writeFile(QStringLiteral("quoted.tsv"), tsv));
        auto* quoting = child<QComboBox>(&dialog, "quotingCombo");
        QVERIFY(quoting->isVisible());
        const QString message = child<QLabel>(&dialog, "messageLabel")->text();
        QVERIFY2(message.contains("starts or ends with a quote"), qPrintable(message));
        // The control to change, named as the dialog shows it; not the CLI's flag.
        QVERIFY2(message.contains(quoting->itemText(quoting->findData(static_cast<int>(data::Quoting::Rfc4180)))),
                 qPrintable(message));
        QVERIFY2(!message.contains("--quoting"), qPrintable(message));
        quoting->setCurrentIndex(quoting->findData(static_cast<int>(data::Quoting::Rfc4180)));
        emit quoting->activated(quoting->currentIndex());
        QVERIFY(child<QLabel>(&dialog, "messageLabel")->text().isEmpty());
        const QAbstractItemModel* preview = child<QTableView>(&dialog, "previewTable")->model();
        QCOMPARE(preview->rowCount(), 8);
        QCOMPARE(preview->index(0, 0).data().toString(), QStringLiteral("two\nlines"));
        child<QLineEdit>(&dialog, "datasetNameEdit")->setText(QStringLiteral("quoted"));
        QVERIFY(importNow(dialog));
        store::ExperimentStore store = store::ExperimentStore::open(store_path.toStdString());
        QCOMPARE(store.loadRows(store.findDataset("quoted")->id, "train").front().text, std::string("two\nlines"));

        ImportDialog pipes(workspace);
        pipes.show();
        QByteArray piped = "label|text\n";
        for (int i = 0; i < 8; ++i) piped += QByteArray::number(i % 2) + "|a, b and c\n";
        pipes.setFile(writeFile(QStringLiteral("piped.txt"), piped));
        QCOMPARE(child<QComboBox>(&pipes, "formatCombo")->currentText(), QStringLiteral("CSV, separated by | (detected)"));
        QCOMPARE(child<QTableView>(&pipes, "previewTable")->model()->columnCount(), 2);
        QCOMPARE(child<QComboBox>(&pipes, "textColumnCombo")->currentText(), QStringLiteral("text"));
        child<QLineEdit>(&pipes, "datasetNameEdit")->setText(QStringLiteral("piped"));
        QVERIFY(importNow(pipes));
        QCOMPARE(store.loadRows(store.findDataset("piped")->id, "train").front().text, std::string("a, b and c"));
    }

    void aTakenNameIsSaidBesideTheField() {
        Workspace workspace;
        QVERIFY(workspace.openStore(freshStore(), nullptr));
        {
            ImportDialog first(workspace);
            first.show();
            first.setFile(kSst2Train);
            child<QLineEdit>(&first, "datasetNameEdit")->setText(QStringLiteral("sst2"));
            QVERIFY(importNow(first));
        }
        ImportDialog dialog(workspace);
        dialog.show();
        auto* note = child<QLabel>(&dialog, "datasetNameNote");
        auto* name = child<QLineEdit>(&dialog, "datasetNameEdit");
        QTest::keyClicks(name, QStringLiteral("sst"));
        QVERIFY(!note->isVisible());
        QTest::keyClicks(name, QStringLiteral("2"));
        QVERIFY(note->isVisible());
        QCOMPARE(note->text(), QStringLiteral("A dataset named “sst2” exists: choose another name, or add a split to it."));
        screenshot(dialog, "import-dialog-name-taken.png");
        QTest::keyClicks(name, QStringLiteral("b"));
        QVERIFY(!note->isVisible());
        // The name of a file named after an existing dataset is said taken as soon as it is suggested.
        dialog.setFile(writeFile(QStringLiteral("sst2.tsv"), "sentence\tlabel\na\t1\nb\t0\n"));
        QCOMPARE(name->text(), QStringLiteral("sst2b"));  // the user's own name is kept
        name->clear();
        dialog.setFile(writeFile(QStringLiteral("sst2.tsv"), "sentence\tlabel\na\t1\nb\t0\n"));
        QCOMPARE(name->text(), QStringLiteral("sst2"));
        QVERIFY(note->isVisible());
        // Adding a split to it instead: the note goes.
        child<QRadioButton>(&dialog, "existingDatasetRadio")->setChecked(true);
        QVERIFY(!note->isVisible());
    }

    // A mapped column's title grows ("label (label)", bold) after the columns were fitted to the file's
    // rows: every column stays wide enough for its whole title, not "el (lab".
    void previewColumnsFitTheirTitles() {
        Workspace workspace;
        QVERIFY(workspace.openStore(freshStore(), nullptr));
        ImportDialog dialog(workspace);
        dialog.show();
        dialog.setFile(writeFile(QStringLiteral("label_first.tsv"),
                                 "label\tsentence\tsource\n0\tflat and dull\tweb\n1\ta warm, funny film\tweb\n"));
        auto* preview = child<QTableView>(&dialog, "previewTable");
        QCOMPARE(preview->model()->headerData(0, Qt::Horizontal).toString(), QStringLiteral("label (label)"));
        QCOMPARE(preview->model()->headerData(1, Qt::Horizontal).toString(), QStringLiteral("sentence (text)"));
        for (int c = 0; c < preview->model()->columnCount(); ++c)
            QVERIFY2(preview->columnWidth(c) >= preview->horizontalHeader()->sectionSizeHint(c),
                     qPrintable(QStringLiteral("column %1: %2 px for a %3 px title")
                                    .arg(c)
                                    .arg(preview->columnWidth(c))
                                    .arg(preview->horizontalHeader()->sectionSizeHint(c))));
        // Another mapping (the text from another column) keeps every title whole too.
        choose(child<QComboBox>(&dialog, "textColumnCombo"), QStringLiteral("source"));
        QCOMPARE(preview->model()->headerData(2, Qt::Horizontal).toString(), QStringLiteral("source (text)"));
        for (int c = 0; c < preview->model()->columnCount(); ++c)
            QVERIFY(preview->columnWidth(c) >= preview->horizontalHeader()->sectionSizeHint(c));
    }

    // A malformed row among the first rows: the preview shows the rows before it, the dialog says what
    // is wrong and how to skip it, and Import waits. Ticked, the preview passes over it, says so, and
    // the import leaves it out; the Data page's splits table says how many rows the file lost. One
    // past the preview makes the import fail with the same advice.
    void malformedRowsStopThePreviewOrAreSkipped() {
        Workspace workspace;
        const QString store_path = freshStore();
        QVERIFY(workspace.openStore(store_path, nullptr));
        ImportDialog dialog(workspace);
        dialog.show();
        QByteArray csv = "text,label\n";
        for (int i = 0; i < 8; ++i) csv += (i == 3 ? "a, stray comma," : "row ") + QByteArray::number(i) + "," + QByteArray::number(i % 2) + "\n";
        dialog.setFile(writeFile(QStringLiteral("stray.csv"), csv));
        const QAbstractItemModel* preview = child<QTableView>(&dialog, "previewTable")->model();
        QCOMPARE(preview->rowCount(), 3);
        auto* message = child<QLabel>(&dialog, "messageLabel");
        QVERIFY2(message->text().contains("stray.csv:5: expected 2 fields, found 4"), qPrintable(message->text()));
        auto* skip = child<QCheckBox>(&dialog, "skipBadRowsCheck");
        QVERIFY2(message->text().contains(skip->text()), qPrintable(message->text()));
        auto* import = child<QPushButton>(&dialog, "importButton");
        QVERIFY(!import->isEnabled());
        auto* skipped = child<ElidedLabel>(&dialog, "skippedRowsLabel");
        QVERIFY(skipped->fullText().isEmpty());
        const auto labelComboAt = [&] { return child<QComboBox>(&dialog, "labelColumnCombo")->mapTo(&dialog, QPoint(0, 0)); };
        const QPoint label_combo_at = labelComboAt();

        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::mouseClick(skip, Qt::LeftButton, {}, QPoint(8, skip->height() / 2));  // on its box
        QVERIFY(skip->isChecked());
        QCOMPARE(preview->rowCount(), 7);
        QCOMPARE(preview->headerData(3, Qt::Vertical).toString(), QStringLiteral("6"));  // line 5 passed over
        QVERIFY(message->text().isEmpty());
        QVERIFY2(skipped->fullText().contains("stray.csv:5: expected 2 fields, found 4"), qPrintable(skipped->fullText()));
        QVERIFY2(skipped->toolTip().contains("stray.csv:5: expected 2 fields, found 4"), qPrintable(skipped->toolTip()));
        // Nothing moved: the note's line was there all along.
        QCOMPARE(labelComboAt(), label_combo_at);
        QVERIFY(import->isEnabled());
        screenshot(dialog, "import-dialog-skipped-rows.png");
        child<QLineEdit>(&dialog, "datasetNameEdit")->setText(QStringLiteral("stray"));
        QVERIFY(importNow(dialog));
        {
            auto store = store::ExperimentStore::open(store_path.toStdString());
            const auto dataset = store.findDataset("stray");
            QCOMPARE(store.loadRows(dataset->id, "train").size(), size_t{7});
            QCOMPARE(store.sources(dataset->id).at(0).skipped_rows, int64_t{1});
        }
        DataPage page(workspace);
        page.show();
        QVERIFY(page.selectDataset(QStringLiteral("stray")));
        const QString file = child<QTableWidget>(&page, "splitsTable")->item(0, 2)->text();
        QVERIFY2(file.endsWith(QStringLiteral("stray.csv (1 malformed row(s) of the file skipped)")), qPrintable(file));

        // Past the first rows the preview reads: the import fails, says where and how to skip.
        QByteArray late = "text,label\n";
        for (int i = 0; i < 200; ++i) late += "row " + QByteArray::number(i) + "," + QByteArray::number(i % 2) + "\n";
        late += "one,two,three\n";
        ImportDialog second(workspace);
        second.show();
        second.setFile(writeFile(QStringLiteral("late.csv"), late));
        QVERIFY(child<QLabel>(&second, "messageLabel")->text().isEmpty());
        child<QLineEdit>(&second, "datasetNameEdit")->setText(QStringLiteral("late"));
        QVERIFY(!importNow(second));
        const QString failure = child<QLabel>(&second, "messageLabel")->text();
        QVERIFY2(failure.contains("late.csv:202: expected 2 fields, found 3"), qPrintable(failure));
        QVERIFY2(failure.contains(child<QCheckBox>(&second, "skipBadRowsCheck")->text()), qPrintable(failure));

        // Every row malformed: ticked, there is nothing to import, and the dialog says so.
        ImportDialog third(workspace);
        third.show();
        third.setFile(writeFile(QStringLiteral("all_bad.csv"), "text,label\na,b,c\nd,e,f\n"));
        QVERIFY(QTest::qWaitForWindowExposed(&third));
        auto* third_skip = child<QCheckBox>(&third, "skipBadRowsCheck");
        QTest::mouseClick(third_skip, Qt::LeftButton, {}, QPoint(8, third_skip->height() / 2));
        QVERIFY(!child<QPushButton>(&third, "importButton")->isEnabled());
        const QString nothing = child<QLabel>(&third, "messageLabel")->text();
        QVERIFY2(nothing.contains("Every row of the file is malformed (2 row(s))"), qPrintable(nothing));
        QCOMPARE(child<QLabel>(&third, "labelsPreview")->text(), QStringLiteral("No row to read labels from."));
    }

    void addASplitToDefaultsToTheSelectedDataset() {
        Workspace workspace;
        QVERIFY(workspace.openStore(freshStore(), nullptr));
        for (const char* name : {"alpha", "beta", "gamma"}) {
            ImportDialog dialog(workspace);
            dialog.show();
            dialog.setFile(kSst2Train);
            child<QLineEdit>(&dialog, "datasetNameEdit")->setText(QString::fromLatin1(name));
            QVERIFY(importNow(dialog));
        }
        DataPage page(workspace);
        page.show();
        QVERIFY(page.selectDataset(QStringLiteral("beta")));
        QTest::mouseClick(child<QPushButton>(&page, "importButton"), Qt::LeftButton);
        auto* dialog = page.findChild<ImportDialog*>();
        QVERIFY(dialog);
        QCOMPARE(child<QComboBox>(dialog, "existingDatasetCombo")->currentText(), QStringLiteral("beta"));
        // Import… still starts a new dataset (Add split… is the button that chooses the other).
        QVERIFY(!child<QRadioButton>(dialog, "existingDatasetRadio")->isChecked());
        dialog->close();
        // A file dropped on the window (Workspace::importRequested), with another dataset selected.
        QVERIFY(page.selectDataset(QStringLiteral("gamma")));
        emit workspace.importRequested(kSst2Train);
        ImportDialog* dropped = nullptr;
        for (ImportDialog* d : page.findChildren<ImportDialog*>())
            if (d != dialog && d->isVisible()) dropped = d;
        QVERIFY(dropped);
        QCOMPARE(child<QComboBox>(dropped, "existingDatasetCombo")->currentText(), QStringLiteral("gamma"));
        child<QRadioButton>(dropped, "existingDatasetRadio")->setChecked(true);  // the user takes the offer
        QCOMPARE(child<QComboBox>(dropped, "existingDatasetCombo")->currentText(), QStringLiteral("gamma"));
        dropped->close();
    }
};

QTEST_MAIN(TestImportDialog)
#include "test_import_dialog.moc"
