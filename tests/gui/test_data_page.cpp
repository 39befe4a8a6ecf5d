// The Data page and its import dialog on real files: format and column detection on the SST-2
// slice, the import on its worker thread into a real SQLite store (row counts, label distribution,
// a stratified hold-out, a split added to an existing dataset with its columns, replaced and
// removed, cancel), bad files whose error names
// the line and leave the store untouched, the importRequested signal (a dropped file), and the
// histogram's truncation rate against core's statistics at the same max_length.
#include "core/data/dataset_statistics.h"
#include "core/store/dataset_import.h"
#include "core/store/experiment_store.h"
#include "core/store/sqlite_database.h"
#include "core/store/validation_hold_out.h"
#include "gui_test_support.h"
#include "core/text/bert_tokenizer.h"
#include "widgets/data/data_page.h"
#include "widgets/data/remove_split_dialog.h"
#include "widgets/data/dataset_list_model.h"
#include "widgets/data/dataset_rows_view.h"
#include "widgets/data/dataset_view.h"
#include "widgets/shared/hold_out_dialog.h"
#include "widgets/data/import_dialog.h"
#include "widgets/data/label_names_dialog.h"
#include "widgets/data/label_distribution_plot.h"
#include "widgets/shared/length_histogram.h"
#include "widgets/workbench/workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QSortFilterProxyModel>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QTimer>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QSpinBox>
#include <QStyle>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <qcustomplot.h>

#include <fstream>
#include <map>
#include <set>

using namespace bw;
using namespace bw::gui;

namespace {

const QString kFixtures = QStringLiteral(BW_FIXTURES_DIR);
const QString kSst2Train = kFixtures + QStringLiteral("/data/sst2_train_head300.tsv");
const QString kSst2Dev = kFixtures + QStringLiteral("/data/sst2_dev.tsv");
const QString kConll = kFixtures + QStringLiteral("/data/conll2003_train_head40.txt");
// A Hugging Face tokenizer directory (vocab.txt and tokenizer files): all the data page reads of a model.
const QString kModelDir = kFixtures + QStringLiteral("/vocab/bert-base-uncased");
constexpr int kImportTimeoutMs = 60000;

// Label -> rows, counted from the TSV itself (header skipped), independently of the engine.
std::map<std::string, uint64_t> tsvLabelCounts(const QString& path) {
    std::map<std::string, uint64_t> counts;
    std::ifstream in(path.toStdString());
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        ++counts[line.substr(line.rfind('\t') + 1)];
    }
    return counts;
}

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

// Where a plot's text item is drawn, in widget pixels: its text and padding placed around its
// position as its alignment says.
QRectF drawnRect(const QCPItemText* item) {
    const QMargins pad = item->padding();
    const QSizeF size = QFontMetricsF(item->font()).boundingRect(QRectF(), Qt::TextDontClip | item->textAlignment(), item->text()).size() +
                        QSizeF(pad.left() + pad.right(), pad.top() + pad.bottom());
    QPointF corner = item->position->pixelPosition();
    const Qt::Alignment at = item->positionAlignment();
    if (at & Qt::AlignHCenter) corner.rx() -= size.width() / 2;
    else if (at & Qt::AlignRight) corner.rx() -= size.width();
    if (at & Qt::AlignVCenter) corner.ry() -= size.height() / 2;
    else if (at & Qt::AlignBottom) corner.ry() -= size.height();
    return QRectF(corner, size);
}

double barTotal(QCustomPlot& plot) {
    double total = 0;
    for (int i = 0; i < plot.plottableCount(); ++i)
        if (auto* bars = qobject_cast<QCPBars*>(plot.plottable(i)))
            for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it) total += it->value;
    return total;
}

// The dialog closes once its import succeeded, and is then deleted (WA_DeleteOnClose): its pointer
// is watched, never read after the deletion.
bool waitUntilClosed(const QPointer<ImportDialog>& dialog) {
    return QTest::qWaitFor([&] { return dialog.isNull() || !dialog->isVisible(); }, kImportTimeoutMs);
}

template <typename T>
T* child(QObject* parent, const char* name) {
    T* found = parent->findChild<T*>(QString::fromLatin1(name));
    if (!found) qFatal("no child %s", name);
    return found;
}

}  // namespace

class TestDataPage : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    QString storePath() const { return dir_.filePath(QStringLiteral("store.sqlite")); }

    // Imports through the dialog as a user would: file, name, Import, wait. Returns the message shown.
    QString importThroughDialog(Workspace& workspace, const QString& file, const QString& name, bool expect_success,
                                const std::function<void(ImportDialog&)>& choose = {}) {
        ImportDialog dialog(workspace);
        dialog.show();
        dialog.setFile(file);
        child<QLineEdit>(&dialog, "datasetNameEdit")->setText(name);
        if (choose) choose(dialog);
        QPushButton* import = child<QPushButton>(&dialog, "importButton");
        if (!import->isEnabled()) return QStringLiteral("import disabled: ") + import->toolTip();
        QSignalSpy imported(&dialog, &ImportDialog::imported);
        QTest::mouseClick(import, Qt::LeftButton);
        // The click returned while the work goes on: it runs on a worker thread.
        if (!dialog.isImporting()) return QStringLiteral("the import did not run in the background");
        if (!QTest::qWaitFor([&] { return !dialog.isImporting(); }, kImportTimeoutMs)) return QStringLiteral("timeout");
        QCoreApplication::processEvents();
        if (expect_success && imported.count() != 1) return child<QLabel>(&dialog, "messageLabel")->text();
        return child<QLabel>(&dialog, "messageLabel")->text();
    }

    // Writes `bytes` as `file_name`, imports it through the dialog as dataset `name`, and shows it on a
    // Data page whose statistics are ready; null when they do not come.
    std::unique_ptr<DataPage> pageWithStatisticsOf(Workspace& workspace, const QString& file_name, const QByteArray& bytes,
                                                   const QString& name) {
        const QString path = dir_.filePath(file_name);
        writeFile(path, bytes);
        if (!workspace.hasStore() && !workspace.openStore(storePath(), nullptr)) return nullptr;
        importThroughDialog(workspace, path, name, true);
        workspace.setModelDir(kModelDir);
        auto page = std::make_unique<DataPage>(workspace);
        QSignalSpy ready(page->datasetView(), &DatasetView::statisticsReady);
        if (!page->selectDataset(name) || !ready.wait(kImportTimeoutMs)) return nullptr;
        return page;
    }

private slots:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void detectsFormatColumnsAndLabels() {
        Workspace workspace;
        QVERIFY(workspace.openStore(storePath(), nullptr));
        ImportDialog dialog(workspace);
        dialog.setFile(kSst2Train);
        QVERIFY2(child<QComboBox>(&dialog, "formatCombo")->currentText().contains(QStringLiteral("TSV")),
                 qPrintable(child<QComboBox>(&dialog, "formatCombo")->currentText()));
        QVERIFY(child<QComboBox>(&dialog, "formatCombo")->currentText().contains(QStringLiteral("detected")));
        QVERIFY(child<QCheckBox>(&dialog, "headerCheck")->isChecked());
        QCOMPARE(child<QComboBox>(&dialog, "textColumnCombo")->currentText(), QStringLiteral("sentence"));
        QCOMPARE(child<QComboBox>(&dialog, "labelColumnCombo")->currentText(), QStringLiteral("label"));
        const QAbstractItemModel* preview = child<QTableView>(&dialog, "previewTable")->model();
        QCOMPARE(preview->columnCount(), 2);
        QCOMPARE(preview->rowCount(), 100);
        QCOMPARE(preview->index(0, 0).data().toString(), QStringLiteral("hide new secretions from the parental units "));
        QCOMPARE(preview->headerData(0, Qt::Vertical).toString(), QStringLiteral("2"));  // line 2: after the header
        QVERIFY(preview->headerData(1, Qt::Horizontal).toString().contains(QStringLiteral("label")));
        const QString labels = child<QLabel>(&dialog, "labelsPreview")->text();
        QVERIFY2(labels.contains(QStringLiteral("0, 1")), qPrintable(labels));
        QCOMPARE(child<QLineEdit>(&dialog, "datasetNameEdit")->text(), QStringLiteral("sst2_train_head300"));

        // CoNLL: token and tag columns, tags with "O" first.
        dialog.setFile(kConll);
        QVERIFY(child<QComboBox>(&dialog, "formatCombo")->currentText().contains(QStringLiteral("CoNLL")));
        QCOMPARE(child<QComboBox>(&dialog, "labelColumnCombo")->currentText(), QStringLiteral("column 4"));
        QVERIFY2(child<QLabel>(&dialog, "labelsPreview")->text().contains(QStringLiteral(": O, B-")),
                 qPrintable(child<QLabel>(&dialog, "labelsPreview")->text()));
    }

    void importsOnWorkerThreadAndShowsDataset() {
        Workspace workspace;
        QVERIFY(workspace.openStore(storePath(), nullptr));
        DataPage page(workspace);
        QSignalSpy contents(&workspace, &Workspace::storeContentsChanged);
        const QString message = importThroughDialog(workspace, kSst2Train, QStringLiteral("sst2"), true);
        QCOMPARE(contents.count(), 1);

        auto store = store::ExperimentStore::open(storePath().toStdString());
        const auto dataset = store.findDataset("sst2");
        QVERIFY2(dataset.has_value(), qPrintable(message));
        QCOMPARE(dataset->row_counts.at("train"), int64_t(300));
        QCOMPARE(dataset->task_kind, std::string("sequence"));

        // Adding the dev file as the validation split of the same dataset.
        importThroughDialog(workspace, kSst2Dev, {}, true, [](ImportDialog& dialog) {
            child<QRadioButton>(&dialog, "existingDatasetRadio")->setChecked(true);
            QComboBox* existing = child<QComboBox>(&dialog, "existingDatasetCombo");
            existing->setCurrentIndex(existing->findText(QStringLiteral("sst2")));
            QComboBox* split = child<QComboBox>(&dialog, "splitCombo");
            split->setCurrentIndex(split->findData(QStringLiteral("validation")));
        });
        const auto both = store.findDataset("sst2");
        QCOMPARE(both->row_counts.at("validation"), int64_t(872));
        QCOMPARE(both->row_counts.at("train"), int64_t(300));

        // The page lists it, and its view shows the label distribution of the file.
        QVERIFY(page.selectDataset(QStringLiteral("sst2")));
        DatasetView* view = page.datasetView();
        QSignalSpy ready(view, &DatasetView::statisticsReady);
        workspace.setModelDir(kModelDir);
        QVERIFY(ready.wait(kImportTimeoutMs));
        const data::DatasetStatistics* stats = view->statistics();
        QVERIFY(stats);
        QCOMPARE(stats->rows, uint64_t(300));
        // The figures say whose tokenizer made them: the model chosen in the status bar.
        QStringList titles;
        for (const QGroupBox* box : view->findChildren<QGroupBox*>()) titles << box->title();
        QVERIFY2(titles.contains(QStringLiteral("Tokenizer audit (bert-base-uncased's tokenizer)")), qPrintable(titles.join(" | ")));
        QVERIFY2(titles.contains(QStringLiteral("Token lengths (bert-base-uncased's tokenizer)")), qPrintable(titles.join(" | ")));
        const auto expected = tsvLabelCounts(kSst2Train);
        QCOMPARE(stats->label_counts.size(), expected.size());
        for (const auto& [label, count] : stats->label_counts) QCOMPARE(count, expected.at(label));
        QCOMPARE(child<QTableView>(&page, "datasetList")->model()->rowCount(), 1);
        const QModelIndex name = child<QTableView>(&page, "datasetList")->model()->index(0, 0);
        QCOMPARE(name.data(Qt::ToolTipRole).toString(), QStringLiteral("sst2 (Classification)"));  // whole, with its task
        QCOMPARE(child<QTableView>(&page, "datasetList")->textElideMode(), Qt::ElideMiddle);
        QCOMPARE(child<QTableWidget>(view, "splitsTable")->rowCount(), 2);
    }

    // Row counts in the locale's digits ("10,000" stood as "10000" beside "2,700" elsewhere), sorted
    // as numbers.
    void theListWritesRowCountsAsTheLocaleDoes() {
        const QLocale before;
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        DatasetListModel model;
        std::vector<store::DatasetRecord> datasets(3);
        datasets[0].name = "big";
        datasets[0].row_counts = {{"train", 10000}, {"validation", 872}};
        datasets[1].name = "mid";
        datasets[1].row_counts = {{"train", 2700}};
        datasets[2].name = "small";
        datasets[2].row_counts = {{"train", 999}};
        model.setDatasets(datasets);
        const QString big = model.index(0, DatasetListModel::Train).data().toString();
        QLocale::setDefault(before);
        QCOMPARE(big, QStringLiteral("10,000"));
        QVERIFY(!model.index(1, DatasetListModel::Validation).data().isValid());  // no such split: empty
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(DatasetListModel::SortRole);
        proxy.sort(DatasetListModel::Train, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, DatasetListModel::Name).data().toString(), QStringLiteral("small"));
        QCOMPARE(proxy.index(2, DatasetListModel::Name).data().toString(), QStringLiteral("big"));
    }

    // In a 1280-pixel window (the page is the window less its side bar) the list shows the names
    // of the walkthrough's datasets whole, beside the row counts of all three splits.
    void datasetNamesAreWholeAt1280Pixels() {
        Workspace workspace;
        QVERIFY(workspace.openStore(storePath(), nullptr));
        const QStringList names = {QStringLiteral("chnsent_small"), QStringLiteral("ner_newtags"),
                                   QStringLiteral("reviews-clean2")};
        for (const QString& name : names) importThroughDialog(workspace, kSst2Train, name, true);
        DataPage page(workspace);
        page.resize(1280 - 140, 780);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTableView* list = child<QTableView>(&page, "datasetList");
        QVERIFY(!list->horizontalScrollBar()->isVisible());
        const int needed = list->fontMetrics().horizontalAdvance(QStringLiteral("reviews-clean2")) +
                           2 * list->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, list) + 6;
        QVERIFY2(list->columnWidth(DatasetListModel::Name) >= needed,
                 qPrintable(QStringLiteral("%1 < %2").arg(list->columnWidth(DatasetListModel::Name)).arg(needed)));
        for (int c = DatasetListModel::Train; c < DatasetListModel::ColumnCount; ++c) QVERIFY(!list->isColumnHidden(c));
    }

    // The splits are listed train, validation, test (a std::map listed test first).
    void splitsAreListedInTheirOrder() {
        Workspace workspace;
        QVERIFY(workspace.openStore(storePath(), nullptr));
        DatasetView view(workspace);
        store::DatasetRecord dataset;
        dataset.name = "three";
        dataset.task_kind = "sequence";
        dataset.row_counts = {{"test", 3}, {"train", 10}, {"validation", 2}};
        view.setDataset(dataset, {});
        auto* table = child<QTableWidget>(&view, "splitsTable");
        QCOMPARE(table->rowCount(), 3);
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("train"));
        QCOMPARE(table->item(1, 0)->text(), QStringLiteral("validation"));
        QCOMPARE(table->item(2, 0)->text(), QStringLiteral("test"));
    }

    // A dataset imported without a train split has labelled rows but no label set yet: the line under
    // the title says so rather than "no labels" (a corpus has none).
    void aDatasetWithoutATrainSplitHasUnnumberedLabels() {
        Workspace workspace;
        QVERIFY(workspace.openStore(storePath(), nullptr));
        DatasetView view(workspace);
        store::DatasetRecord dataset;
        dataset.name = "dev-only";
        dataset.task_kind = "sequence";
        dataset.format = "tsv";
        dataset.row_counts = {{"validation", 10}};
        view.setDataset(dataset, {});
        QVERIFY2(view.detailsText().contains(QStringLiteral("labels not numbered yet")), qPrintable(view.detailsText()));
        dataset.id = 1;
        dataset.task_kind = "corpus";
        view.setDataset(dataset, {});
        QVERIFY2(view.detailsText().endsWith(QStringLiteral("no labels")), qPrintable(view.detailsText()));
    }

    // A store whose sources table cannot be read (here a column dropped, as a half-made schema of a
    // development build left it) still lists the dataset and its rows; the splits table says why it
    // cannot name their files, instead of an empty cell.
    void unreadableSourcesAreSaidInTheSplitsTable() {
        const QString path = dir_.filePath(QStringLiteral("damaged-sources.sqlite"));
        bw::test::importSst2(path, "sst2_train_head300.tsv");
        {
            store::Database raw = store::Database::open(path.toStdString(), 1000, false);
            raw.execute("ALTER TABLE dataset_sources DROP COLUMN rows_hash;");
        }
        Workspace workspace;
        QVERIFY(workspace.openStore(path, nullptr));
        DataPage page(workspace);
        QVERIFY(page.selectDataset(QStringLiteral("sst2")));
        const QString cell = page.datasetView()->importedFromText(0);
        QVERIFY2(cell.startsWith(QStringLiteral("(not known: ")) && cell.contains(QStringLiteral("rows_hash")),
                 qPrintable(cell));
        QCOMPARE(child<QTableWidget>(page.datasetView(), "splitsTable")->item(0, 1)->text(), QStringLiteral("300"));
    }

    void holdsOutStratifiedValidation() {
        Workspace workspace;
        QVERIFY(workspace.openStore(storePath(), nullptr));
        const QString message = importThroughDialog(workspace, kSst2Train, QStringLiteral("sst2-holdout"), true, [](ImportDialog& d) {
            child<QRadioButton>(&d, "holdoutRadio")->setChecked(true);
            child<QDoubleSpinBox>(&d, "fractionSpin")->setValue(10);
        });
        auto store = store::ExperimentStore::open(storePath().toStdString());
        const auto dataset = store.findDataset("sst2-holdout");
        QVERIFY2(dataset.has_value(), qPrintable(message));
        // 149 and 151 rows per label, 10 % of each held out (rounded): 15 + 15.
        QCOMPARE(dataset->row_counts.at("validation"), int64_t(30));
        QCOMPARE(dataset->row_counts.at("train"), int64_t(270));
    }

    void raggedFileShowsLineAndStoresNothing() {
        QByteArray csv = "text,label\n";
        for (int i = 0; i < 150; ++i) csv += "a fine row number " + QByteArray::number(i) + ",pos\n";
        csv += "a row without its label\n";  // line 152: beyond the preview, found by the import itself
        for (int i = 0; i < 10; ++i) csv += "another row,neg\n";
        const QString path = dir_.filePath(QStringLiteral("ragged.csv"));
        writeFile(path, csv);

        Workspace workspace;
        QVERIFY(workspace.openStore(storePath(), nullptr));
        const auto before = store::ExperimentStore::open(storePath().toStdString()).listDatasets().size();
        const QString message = importThroughDialog(workspace, path, QStringLiteral("ragged"), false);
        QVERIFY2(message.contains(QStringLiteral("ragged.csv:152")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("expected 2 fields")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("nothing was stored")), qPrintable(message));
        auto store = store::ExperimentStore::open(storePath().toStdString());
        QVERIFY(!store.findDataset("ragged"));
        QCOMPARE(store.listDatasets().size(), before);
    }

    void invalidUtf8ShowsLineAndStoresNothing() {
        QByteArray tsv = "sentence\tlabel\n";
        for (int i = 0; i < 120; ++i) tsv += "good text\t1\n";
        tsv += "caf\xe9 au lait\t0\n";  // line 122: Latin-1, not UTF-8
        const QString path = dir_.filePath(QStringLiteral("latin1.tsv"));
        writeFile(path, tsv);

        Workspace workspace;
        QVERIFY(workspace.openStore(storePath(), nullptr));
        const QString message = importThroughDialog(workspace, path, QStringLiteral("latin1"), false);
        QVERIFY2(message.contains(QStringLiteral("latin1.tsv:122")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("invalid UTF-8")), qPrintable(message));
        QVERIFY(!store::ExperimentStore::open(storePath().toStdString()).findDataset("latin1"));

        // Within the first rows the preview already names the line, and Import stays disabled.
        const QString early = dir_.filePath(QStringLiteral("early.tsv"));
        writeFile(early, "sentence\tlabel\nok\t1\n\xff\xfe\t0\n");
        ImportDialog dialog(workspace);
        dialog.setFile(early);
        const QString preview_error = child<QLabel>(&dialog, "messageLabel")->text();
        QVERIFY2(preview_error.contains(QStringLiteral("early.tsv:3")), qPrintable(preview_error));
        QVERIFY(!child<QPushButton>(&dialog, "importButton")->isEnabled());
    }

    void cancelStoresNothing() {
        QByteArray tsv = "sentence\tlabel\n";
        for (int i = 0; i < 300000; ++i) tsv += "a sentence that is long enough to take some time " + QByteArray::number(i) + "\t1\n";
        const QString path = dir_.filePath(QStringLiteral("big.tsv"));
        writeFile(path, tsv);
        Workspace workspace;
        QVERIFY(workspace.openStore(storePath(), nullptr));
        ImportDialog dialog(workspace);
        dialog.setFile(path);
        child<QLineEdit>(&dialog, "datasetNameEdit")->setText(QStringLiteral("big"));
        dialog.startImport();
        QVERIFY(dialog.isImporting());
        dialog.reject();  // the Cancel button while importing
        QVERIFY(QTest::qWaitFor([&] { return !dialog.isImporting(); }, kImportTimeoutMs));
        QCoreApplication::processEvents();
        const QString message = child<QLabel>(&dialog, "messageLabel")->text();
        QVERIFY2(message.contains(QStringLiteral("cancelled")), qPrintable(message));
        QVERIFY(!store::ExperimentStore::open(storePath().toStdString()).findDataset("big"));
        QVERIFY(!workspace.jobRunning());
    }

    // "Add split…" on a pair dataset (MRPC's layout): the dialog reads the dataset's columns, refuses
    // a file without its second sentence, offers to replace a split it has; "Remove split…" removes
    // the split shown, after asking.
    void splitsOfADatasetUseItsColumns() {
        Workspace workspace;
        const QString store_path = dir_.filePath(QStringLiteral("pairs.sqlite"));
        QVERIFY(workspace.openStore(store_path, nullptr));
        const QByteArray header = "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n";
        const QString train = dir_.filePath(QStringLiteral("mrpc_train.tsv"));
        writeFile(train, header + "1\t1\t2\tThe court ruled on Monday.\tOn Monday the court ruled.\n"
                                  "0\t3\t4\tShares rose 5 percent.\tThe CEO resigned in May.\n");
        QString message = importThroughDialog(workspace, train, QStringLiteral("mrpc"), true, [](ImportDialog& d) {
            // The user maps the columns of the first split by hand.
            child<QComboBox>(&d, "textColumnCombo")->setCurrentText(QStringLiteral("#1 String"));
            child<QComboBox>(&d, "pairColumnCombo")->setCurrentText(QStringLiteral("#2 String"));
            child<QComboBox>(&d, "labelColumnCombo")->setCurrentText(QStringLiteral("Quality"));
            emit child<QComboBox>(&d, "labelColumnCombo")->activated(0);
        });
        QVERIFY2(message.isEmpty() || !message.contains(QStringLiteral("fail")), qPrintable(message));

        DataPage page(workspace);
        QVERIFY(page.selectDataset(QStringLiteral("mrpc")));
        const QString dev = dir_.filePath(QStringLiteral("mrpc_dev.tsv"));
        writeFile(dev, header + "1\t5\t6\tHe left early.\tHe went home early.\n");
        QPointer<ImportDialog> dialog = page.openAddSplitDialog();
        QVERIFY(dialog);
        QVERIFY(child<QRadioButton>(dialog, "existingDatasetRadio")->isChecked());
        dialog->setFile(dev);
        QCOMPARE(child<QComboBox>(dialog, "textColumnCombo")->currentText(), QStringLiteral("#1 String"));
        QCOMPARE(child<QComboBox>(dialog, "pairColumnCombo")->currentText(), QStringLiteral("#2 String"));
        QCOMPARE(child<QComboBox>(dialog, "labelColumnCombo")->currentText(), QStringLiteral("Quality"));
        auto* split = child<QComboBox>(dialog, "splitCombo");
        split->setCurrentIndex(split->findData(QStringLiteral("validation")));
        auto* import = child<QPushButton>(dialog, "importButton");
        QVERIFY2(import->isEnabled(), qPrintable(import->toolTip()));

        // A file without the second sentence cannot become a split of it.
        const QString single = dir_.filePath(QStringLiteral("mrpc_single.tsv"));
        writeFile(single, "Quality\t#1 String\n1\tOnly one sentence.\n");
        dialog->setFile(single);
        QVERIFY(!import->isEnabled());
        auto* problem = child<QLabel>(dialog, "datasetProblemLabel");
        QVERIFY(problem->isVisible());  // in view, not only in the disabled button's tooltip
        QCOMPARE(problem->text(), import->toolTip());
        if (const QString out = qEnvironmentVariable("BW_SCREENSHOT_DIR"); !out.isEmpty() && QDir().mkpath(out))
            QVERIFY(dialog->grab().save(out + QStringLiteral("/add-split-missing-column.png")));
        QVERIFY2(import->toolTip().contains(QStringLiteral("second text from column “#2 String”")) &&
                     import->toolTip().contains(QStringLiteral("Quality, #1 String")),
                 qPrintable(import->toolTip()));

        dialog->setFile(dev);
        split->setCurrentIndex(split->findData(QStringLiteral("validation")));
        QVERIFY2(import->isEnabled(), qPrintable(import->toolTip()));
        QTest::mouseClick(import, Qt::LeftButton);
        QVERIFY2(waitUntilClosed(dialog), qPrintable(dialog ? child<QLabel>(dialog, "messageLabel")->text() : QString()));
        auto store = store::ExperimentStore::open(store_path.toStdString());
        const auto mrpc = store.findDataset("mrpc");
        QCOMPARE(mrpc->row_counts, (std::map<std::string, int64_t>{{"train", 2}, {"validation", 1}}));
        QCOMPARE(store.loadRows(mrpc->id, "validation").at(0).text_pair.value_or("(none)"), std::string("He went home early."));

        // The same split again: Replace is offered, and needed.
        QVERIFY(page.selectDataset(QStringLiteral("mrpc")));
        dialog = page.openAddSplitDialog();
        dialog->setFile(train);
        split = child<QComboBox>(dialog, "splitCombo");
        split->setCurrentIndex(split->findData(QStringLiteral("validation")));
        import = child<QPushButton>(dialog, "importButton");
        auto* replace = child<QCheckBox>(dialog, "replaceSplitCheck");
        QVERIFY(replace->isVisible());
        QVERIFY2(!import->isEnabled() && import->toolTip().contains(QStringLiteral("already has a validation split")),
                 qPrintable(import->toolTip()));
        replace->setChecked(true);
        QVERIFY(import->isEnabled());
        QTest::mouseClick(import, Qt::LeftButton);
        QVERIFY2(waitUntilClosed(dialog), qPrintable(dialog ? child<QLabel>(dialog, "messageLabel")->text() : QString()));
        QCOMPARE(store.findDataset("mrpc")->row_counts, (std::map<std::string, int64_t>{{"train", 2}, {"validation", 2}}));

        // Remove the split shown (the view shows train first): train's rows have nowhere to go but out.
        QVERIFY(page.selectDataset(QStringLiteral("mrpc")));
        QCOMPARE(page.datasetView()->currentSplit(), QStringLiteral("train"));
        QTest::mouseClick(child<QPushButton>(&page, "removeSplitButton"), Qt::LeftButton);
        auto* remove = page.findChild<RemoveSplitDialog*>();
        QVERIFY(remove && remove->isVisible());
        QCOMPARE(remove->splitBox()->currentData().toString(), QStringLiteral("train"));
        QVERIFY(!remove->returnButton()->isEnabled() && remove->deleteButton()->isChecked());
        QVERIFY2(remove->description().contains(QStringLiteral("leave the store")), qPrintable(remove->description()));
        remove->accept();
        QTRY_COMPARE(store.findDataset("mrpc")->row_counts, (std::map<std::string, int64_t>{{"validation", 2}}));
    }

    // The walkthrough held out 10% of a dataset's train rows, removed the validation split and lost
    // them: train stayed at 179 of 199. A held-out split now goes back into train by default, in the
    // file's order; deleting is the other choice, said as such.
    void aHeldOutSplitGoesBackIntoTrain() {
        const QString path = dir_.filePath(QStringLiteral("return.sqlite"));
        QString error;
        Workspace workspace;
        QVERIFY2(workspace.openStore(path, &error), qPrintable(error));
        auto store = store::ExperimentStore::open(path.toStdString());
        store::ImportRequest request;
        request.input = (QStringLiteral(BW_FIXTURES_DIR) + "/data/sst2_train_head300.tsv").toStdString();
        request.name = "sst2";
        const int64_t id = store::importDataset(store, request).dataset.id;
        const std::vector<bw::data::Example> imported = store.loadRows(id, "train");
        store::holdOutValidation(store, {id, 0.1, 42});
        DataPage page(workspace);
        QVERIFY(page.selectDataset(QStringLiteral("sst2")));
        auto* splits = child<QComboBox>(&page, "statisticsSplitCombo");
        splits->setCurrentIndex(splits->findData(QStringLiteral("validation")));
        RemoveSplitDialog* remove = page.openRemoveSplitDialog();
        QVERIFY(remove);
        QCOMPARE(remove->splitBox()->currentData().toString(), QStringLiteral("validation"));
        QVERIFY(remove->returnButton()->isEnabled() && remove->returnButton()->isChecked());
        QCOMPARE(remove->returnButton()->text(), QStringLiteral("Return its 30 rows to train"));
        QVERIFY2(remove->description().contains(QStringLiteral("Train then has 300 rows")), qPrintable(remove->description()));
        remove->accept();
        QTRY_COMPARE(store.findDataset("sst2")->row_counts, (std::map<std::string, int64_t>{{"train", 300}}));
        const std::vector<bw::data::Example> back = store.loadRows(id, "train");
        QCOMPARE(back.size(), imported.size());
        for (size_t i = 0; i < back.size(); ++i) QCOMPARE(back[i].source_line, imported[i].source_line);
        // Choosing delete instead says what it does.
        store::holdOutValidation(store, {id, 0.1, 42});
        workspace.notifyStoreContentsChanged();
        remove = page.openRemoveSplitDialog();
        // Each split chosen starts from its own default: train's rows can only go; validation's go back.
        remove->splitBox()->setCurrentIndex(remove->splitBox()->findData(QStringLiteral("train")));
        QVERIFY(!remove->returnButton()->isEnabled() && remove->deleteButton()->isChecked());
        remove->splitBox()->setCurrentIndex(remove->splitBox()->findData(QStringLiteral("validation")));
        QVERIFY(remove->returnButton()->isChecked());
        remove->deleteButton()->setChecked(true);
        QVERIFY2(remove->description().contains(QStringLiteral("Only importing the file again brings them back")),
                 qPrintable(remove->description()));
        remove->accept();
        QTRY_COMPARE(store.findDataset("sst2")->row_counts, (std::map<std::string, int64_t>{{"train", 270}}));
    }

    void importRequestedOpensDialog() {
        Workspace workspace;
        QVERIFY(workspace.openStore(storePath(), nullptr));
        DataPage page(workspace);
        workspace.requestImport(kConll);
        ImportDialog* dialog = page.findChild<ImportDialog*>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QCOMPARE(child<QLineEdit>(dialog, "fileEdit")->text(), kConll);
        dialog->close();
    }

    // "Label names…": the labels in id order with an editable name each; what the store refuses is
    // shown in the dialog, which stays open; OK renames the dataset's rows and label set.
    void labelNamesAreEditedOnThePage() {
        const QString path = dir_.filePath(QStringLiteral("labels.sqlite"));
        const QString csv = dir_.filePath(QStringLiteral("ag.csv"));
        std::ofstream(csv.toStdString()) << "label,title,description\n3,Stocks fall,Rates rise.\n1,Talks end,No deal.\n"
                                            "2,Derby won,A late goal.\n4,Chip announced,Faster.\n1,Vote called,Early.\n";
        {
            auto store = store::ExperimentStore::open(path.toStdString());
            store::ImportRequest request;
            request.input = csv.toStdString();
            request.name = "ag";
            store::importDataset(store, request);
            request.input = kConll.toStdString();
            request.name = "ner";
            store::importDataset(store, request);
        }
        Workspace workspace;
        QVERIFY(workspace.openStore(path, nullptr));
        DataPage page(workspace);
        QPushButton* button = child<QPushButton>(&page, "labelNamesButton");
        QVERIFY(page.selectDataset("ner"));
        QVERIFY(!button->isEnabled());  // tags are not renamed
        QVERIFY(!page.openLabelNamesDialog());
        QVERIFY(page.selectDataset("ag"));
        QVERIFY(button->isEnabled());
        LabelNamesDialog* dialog = page.openLabelNamesDialog();
        QVERIFY(dialog);
        QTableWidget* table = dialog->table();
        QCOMPARE(table->rowCount(), 4);
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("1"));  // id order: 1, 2, 3, 4
        QCOMPARE(table->item(3, 0)->text(), QStringLiteral("4"));
        QVERIFY(!(table->item(0, 0)->flags() & Qt::ItemIsEditable));
        const QStringList names = {QStringLiteral("World"), QStringLiteral("World"), QStringLiteral("Business"),
                                   QStringLiteral("Sci/Tech")};
        for (int row = 0; row < 4; ++row) table->item(row, 1)->setText(names[row]);
        QPointer<LabelNamesDialog> guard(dialog);
        dialog->accept();
        QVERIFY(guard && dialog->isVisible());
        QVERIFY2(dialog->errorText().contains(QStringLiteral("both named 'World'")), qPrintable(dialog->errorText()));
        const QString shots = qEnvironmentVariable("BW_SCREENSHOT_DIR");
        if (!shots.isEmpty() && QDir().mkpath(shots)) QVERIFY(dialog->grab().save(shots + QStringLiteral("/label_names_dialog.png")));
        table->item(1, 1)->setText(QStringLiteral(" Sports "));  // trimmed
        dialog->accept();
        QTRY_VERIFY(!guard);  // closed and deleted
        auto store = store::ExperimentStore::open(path.toStdString());
        const auto dataset = store.findDataset("ag");
        QCOMPARE(dataset->label_set, (std::vector<std::string>{"World", "Sports", "Business", "Sci/Tech"}));
        QCOMPARE(store.loadRows(dataset->id, "train")[0].label, std::string("Business"));

        // The page shows the new names at once, the chart in id order (not alphabetical).
        DatasetView* view = page.datasetView();
        QVERIFY2(view->detailsText().contains(QStringLiteral("World, Sports, Business, Sci/Tech")), qPrintable(view->detailsText()));
        QSignalSpy ready(view, &DatasetView::statisticsReady);
        workspace.setModelDir(kModelDir);
        QVERIFY(ready.wait(kImportTimeoutMs));
        QCOMPARE(view->labelPlot()->labels(), (QStringList{"World", "Sports", "Business", "Sci/Tech"}));
    }

    // "Hold out validation…": a stratified share of train becomes the validation split, on a worker
    // thread; a refusal is shown in the dialog, which stays open.
    void holdOutValidationOnThePage() {
        const QString path = dir_.filePath(QStringLiteral("holdout.sqlite"));
        {
            auto store = store::ExperimentStore::open(path.toStdString());
            store::ImportRequest request;
            request.input = kSst2Train.toStdString();
            request.name = "sst2";
            store::importDataset(store, request);
            request.name = "other";
            store::importDataset(store, request);
        }
        Workspace workspace;
        QVERIFY(workspace.openStore(path, nullptr));
        DataPage page(workspace);
        QPushButton* button = child<QPushButton>(&page, "holdOutButton");
        QVERIFY(page.selectDataset("sst2"));
        QVERIFY(button->isEnabled());
        HoldOutDialog* dialog = page.openHoldOutDialog();
        QVERIFY(dialog);
        QPointer<HoldOutDialog> guard(dialog);
        dialog->setFraction(0.2);
        const QString shots = qEnvironmentVariable("BW_SCREENSHOT_DIR");
        if (!shots.isEmpty() && QDir().mkpath(shots)) QVERIFY(dialog->grab().save(shots + QStringLiteral("/hold_out_dialog.png")));
        dialog->accept();
        QVERIFY(dialog->isWorking());  // the rows move on a worker thread
        QTRY_VERIFY_WITH_TIMEOUT(!guard, kImportTimeoutMs);  // closed and deleted once done
        {
            auto store = store::ExperimentStore::open(path.toStdString());
            QCOMPARE(store.findDataset("sst2")->row_counts,
                     (std::map<std::string, int64_t>{{"train", 240}, {"validation", 60}}));
        }
        QVERIFY(!button->isEnabled());  // it has a validation split now
        QVERIFY(page.rowsView()->setSplit(QStringLiteral("validation")));

        // The store refuses (the dataset was deleted meanwhile): the reason, in the dialog, which stays open.
        QVERIFY(page.selectDataset("other"));
        dialog = page.openHoldOutDialog();
        guard = dialog;
        {
            auto store = store::ExperimentStore::open(path.toStdString());
            store.deleteDataset(store.findDataset("other")->id);
        }
        dialog->accept();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isWorking(), kImportTimeoutMs);
        QVERIFY(guard && dialog->isVisible());
        QVERIFY2(dialog->errorText().contains(QStringLiteral("no dataset")), qPrintable(dialog->errorText()));
        dialog->reject();
    }

    void histogramTruncationEqualsCore() {
        Workspace workspace;
        QVERIFY(workspace.openStore(storePath(), nullptr));
        workspace.setModelDir(kModelDir);
        DataPage page(workspace);
        DatasetView* view = page.datasetView();
        QSignalSpy ready(view, &DatasetView::statisticsReady);
        QVERIFY(page.selectDataset(QStringLiteral("sst2")));
        QVERIFY(ready.wait(kImportTimeoutMs));

        auto store = store::ExperimentStore::open(storePath().toStdString());
        const auto rows = store.loadRows(store.findDataset("sst2")->id, "train");
        const auto tokenizer = text::BertTokenizer::fromDirectory(kModelDir.toStdString());
        for (int max_length : {8, 12, 20, 32, 64}) {
            view->setMaxLength(max_length);
            QCOMPARE(view->histogram()->maxLength(), max_length);
            const data::DatasetStatistics core = data::computeStatistics(rows, tokenizer, max_length);
            QVERIFY(core.truncated_rows > 0 || max_length >= 64);
            QCOMPARE(view->truncationRate(), core.truncation_rate);
            QVERIFY2(child<QLabel>(view, "truncationLabel")->text().contains(QStringLiteral(" %1 of 300 rows").arg(core.truncated_rows)),
                     qPrintable(child<QLabel>(view, "truncationLabel")->text()));
        }

        // Dragging the line on the plot moves max_length (and the spin box) too.
        QCustomPlot* plot = view->histogram()->plot();
        page.resize(1400, 900);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        plot->replot();
        const QPoint at(static_cast<int>(plot->xAxis->coordToPixel(15)), plot->axisRect()->center().y());
        QTest::mousePress(plot, Qt::LeftButton, Qt::NoModifier, at);
        QTest::mouseRelease(plot, Qt::LeftButton, Qt::NoModifier, at);
        QCOMPARE(view->histogram()->maxLength(), 15);
        QCOMPARE(child<QSpinBox>(view, "maxLengthSpin")->value(), 15);
        QCOMPARE(view->truncationRate(), data::computeStatistics(rows, tokenizer, 15).truncation_rate);

        // The exported figures are core's for this split at this max_length, value for value.
        const QString exported = dir_.filePath(QStringLiteral("sst2-train-statistics.json"));
        QString error;
        QVERIFY2(view->exportStatisticsTo(exported, &error), qPrintable(error));
        const nlohmann::json written = nlohmann::json::parse(std::ifstream(exported.toStdString()));
        const data::DatasetStatistics at15 = data::computeStatistics(rows, tokenizer, 15);
        QCOMPARE(written["dataset"], nlohmann::json("sst2"));
        QCOMPARE(written["split"], nlohmann::json("train"));
        QCOMPARE(written["rows"].get<uint64_t>(), uint64_t{300});
        QCOMPARE(written["max_length"].get<int>(), 15);
        QCOMPARE(written["truncated_rows"].get<uint64_t>(), at15.truncated_rows);
        QCOMPARE(written["truncation_rate"].get<double>(), at15.truncation_rate);
        QCOMPARE(written["length"]["counts"], at15.toJson()["length"]["counts"]);
        QCOMPARE(written["label_counts"], at15.toJson()["label_counts"]);
    }

    // max_length stops at the model's positions (it once offered 8192 beside a 512-position model);
    // a tokenizer alone, without config.json, limits nothing.
    void maxLengthStopsAtTheModelsPositions() {
        Workspace workspace;
        QVERIFY(workspace.openStore(storePath(), nullptr));
        const QString model = QStringLiteral(BW_FIXTURES_DIR "/../../resources/models/bertwork-tiny-en");
        workspace.setModelDir(model);
        DataPage page(workspace);
        DatasetView* view = page.datasetView();
        // The CLI's default, 128, not the 99 a QSpinBox ends at before it is given a range.
        QCOMPARE(view->maxLength(), 128);
        QCOMPARE(view->histogram()->maxLength(), 128);
        const int positions = nlohmann::json::parse(std::ifstream(model.toStdString() + "/config.json"))
                                  .at("max_position_embeddings")
                                  .get<int>();
        view->setMaxLength(positions * 8);
        QCOMPARE(view->maxLength(), positions);
        QCOMPARE(view->histogram()->maxLength(), positions);
        QVERIFY(child<QSpinBox>(view, "maxLengthSpin")->toolTip().contains(QString::number(positions)));
        workspace.setModelDir(kModelDir);
        view->setMaxLength(positions * 8);
        QCOMPARE(view->maxLength(), positions * 8);
    }

    // At a modest window width the details wrap rather than scroll sideways or clip, and the
    // dataset list gives up width when the window shrinks.
    void detailsFitTheirPane() {
        Workspace workspace;
        QVERIFY(workspace.openStore(storePath(), nullptr));
        workspace.setModelDir(kModelDir);
        DataPage page(workspace);
        page.resize(1100, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QSignalSpy ready(page.datasetView(), &DatasetView::statisticsReady);
        QVERIFY(page.selectDataset(QStringLiteral("sst2")));
        QVERIFY(ready.wait(kImportTimeoutMs));
        QCoreApplication::processEvents();
        auto* scroll = page.findChild<QScrollArea*>();
        QVERIFY(scroll);
        QVERIFY(!scroll->horizontalScrollBar()->isVisible());
        DatasetView* view = page.datasetView();
        QVERIFY2(view->width() <= scroll->viewport()->width(), qPrintable(QStringLiteral("%1 > %2").arg(view->width()).arg(scroll->viewport()->width())));
        for (QWidget* widget : view->findChildren<QWidget*>())
            if (widget->isVisible() && (qobject_cast<QLabel*>(widget) || qobject_cast<QPushButton*>(widget)))
                QVERIFY2(widget->width() >= widget->minimumSizeHint().width(), qPrintable(widget->objectName() + QLatin1Char(' ') +
                                                                                       widget->property("text").toString()));
        auto* splitter = child<QSplitter>(&page, "dataSplitter");
        QVERIFY(splitter->handleWidth() >= 5);
        const int list_width = splitter->sizes().at(0);
        page.resize(900, 800);
        QCoreApplication::processEvents();
        QVERIFY2(splitter->sizes().at(0) < list_width, qPrintable(QString::number(splitter->sizes().at(0))));
    }

    // Seven texts each twice: the statistics keep five examples, and the page says the list is cut short.
    void duplicateListSaysItIsShort() {
        QByteArray tsv = "sentence\tlabel\n";
        for (int i = 0; i < 7; ++i) tsv += "the same sentence number " + QByteArray::number(i) + "\t1\n";
        for (int i = 0; i < 7; ++i) tsv += "the same sentence number " + QByteArray::number(i) + "\t1\n";
        for (int i = 0; i < 7; ++i) tsv += "a sentence of its own " + QByteArray::number(i) + "\t0\n";
        Workspace workspace;
        const auto page = pageWithStatisticsOf(workspace, QStringLiteral("twice.tsv"), tsv, QStringLiteral("twice"));
        QVERIFY(page);
        QCOMPARE(page->datasetView()->statistics()->duplicate_rows, uint64_t(7));
        QCOMPARE(page->datasetView()->statistics()->duplicate_examples.size(), size_t(5));
        const QString text = child<QLabel>(page->datasetView(), "duplicatesLabel")->text();
        QVERIFY2(text.contains(QStringLiteral("first 5")), qPrintable(text));
        QVERIFY2(text.startsWith(QStringLiteral("7 row")) && text.contains(QStringLiteral("0 of them with a different label")),
                 qPrintable(text));
    }

    // A JSONL file with an empty text and one of white space: imported, and named by line on the page.
    void emptyTextsAreNamedByLine() {
        QByteArray jsonl = "{\"text\": \"a first review\", \"label\": \"pos\"}\n"
                           "{\"text\": \"\", \"label\": \"neg\"}\n";  // line 2
        for (int i = 0; i < 5; ++i) jsonl += "{\"text\": \"a review of its own " + QByteArray::number(i) + "\", \"label\": \"pos\"}\n";
        jsonl += "\n{\"text\": \"  \", \"label\": \"neg\"}\n";  // line 9, after a blank line
        Workspace workspace;
        const auto page = pageWithStatisticsOf(workspace, QStringLiteral("reviews-with-holes.jsonl"), jsonl, QStringLiteral("holes"));
        QVERIFY(page);
        QCOMPARE(page->datasetView()->statistics()->rows, uint64_t(8));
        QCOMPARE(page->datasetView()->statistics()->empty_text_rows, uint64_t(2));
        const QLabel* label = child<QLabel>(page->datasetView(), "emptyTextsLabel");
        QVERIFY(!label->isHidden());
        // (Without the window's English plurals: "2 row(s)", "line(s)".)
        QVERIFY2(label->text().startsWith(QStringLiteral("2 row")) && label->text().contains(QStringLiteral(" 2, 9 of the file")),
                 qPrintable(label->text()));

        // A dataset without such rows hides the warning again.
        importThroughDialog(workspace, kSst2Train, QStringLiteral("sst2"), true);
        QSignalSpy ready(page->datasetView(), &DatasetView::statisticsReady);
        QVERIFY(page->selectDataset(QStringLiteral("sst2")));
        QVERIFY(ready.wait(kImportTimeoutMs));
        QCOMPARE(page->datasetView()->statistics()->empty_text_rows, uint64_t(0));
        QVERIFY(label->isHidden());
    }

    // Rows with an empty label cell: counted and named by line (the label chart left them out without
    // a word, and training found them only at its review page).
    void rowsWithoutALabelAreNamedByLine() {
        QByteArray csv = "Titel;text;label\n";
        for (int i = 0; i < 8; ++i) csv += "t" + QByteArray::number(i) + ";ein Text " + QByteArray::number(i) + ";" +
                                           QByteArray::number(1 + i % 5) + "\n";
        csv += "leer;ohne Bewertung;\n";  // line 10
        csv += "noch;einer;\n";           // line 11
        Workspace workspace;
        const auto page = pageWithStatisticsOf(workspace, QStringLiteral("bewertungen.csv"), csv, QStringLiteral("de"));
        QVERIFY(page);
        const data::DatasetStatistics* stats = page->datasetView()->statistics();
        QCOMPARE(stats->rows, uint64_t(10));
        QCOMPARE(stats->unlabelled_rows, uint64_t(2));
        uint64_t charted = 0;
        for (const auto& [label, count] : stats->label_counts) charted += count;
        QCOMPARE(charted, uint64_t(8));
        const QLabel* label = child<QLabel>(page->datasetView(), "unlabelledRowsLabel");
        QVERIFY(!label->isHidden());
        QVERIFY2(label->text().startsWith(QStringLiteral("2 row")) && label->text().contains(QStringLiteral(" 10, 11 of the file")),
                 qPrintable(label->text()));
    }

    // train/dev/test files are named after their folder, and the split follows from the file's name.
    void importSuggestsFolderNameAndSplit() {
        QTemporaryDir folder_root;
        QVERIFY(QDir(folder_root.path()).mkpath(QStringLiteral("movie-reviews")));
        const QString folder = folder_root.filePath(QStringLiteral("movie-reviews"));
        for (const char* name : {"train.tsv", "dev.tsv", "test.tsv", "valid.tsv"})
            writeFile(folder + QLatin1Char('/') + QLatin1String(name), "sentence\tlabel\ngood\t1\nbad\t0\n");
        Workspace workspace;
        QVERIFY(workspace.openStore(storePath(), nullptr));
        ImportDialog dialog(workspace);
        auto* name = child<QLineEdit>(&dialog, "datasetNameEdit");
        auto* split = child<QComboBox>(&dialog, "splitCombo");
        dialog.setFile(folder + QStringLiteral("/dev.tsv"));
        QCOMPARE(name->text(), QStringLiteral("movie-reviews"));
        QCOMPARE(split->currentData().toString(), QStringLiteral("validation"));
        dialog.setFile(folder + QStringLiteral("/test.tsv"));
        QCOMPARE(split->currentData().toString(), QStringLiteral("test"));
        dialog.setFile(folder + QStringLiteral("/valid.tsv"));
        QCOMPARE(split->currentData().toString(), QStringLiteral("validation"));
        dialog.setFile(kSst2Train);  // not a split's name: the file's own, and train
        QCOMPARE(name->text(), QStringLiteral("sst2_train_head300"));
        QCOMPARE(split->currentData().toString(), QStringLiteral("train"));

        // What the user typed or chose stays.
        name->selectAll();
        QTest::keyClicks(name, QStringLiteral("mine"));
        split->setCurrentIndex(split->findData(QStringLiteral("test")));
        emit split->activated(split->currentIndex());
        dialog.setFile(folder + QStringLiteral("/dev.tsv"));
        QCOMPARE(name->text(), QStringLiteral("mine"));
        QCOMPARE(split->currentData().toString(), QStringLiteral("test"));
    }

    // CoNLL-2003's training tags, where "O" dwarfs the rest: every count is whole and none covers another.
    // A corpus has no labels: its chart says so instead of standing empty.
    void aCorpusSaysItHasNoLabels() {
        Workspace workspace;
        QByteArray text;
        for (int i = 0; i < 40; ++i)
            text += "Sentence " + QByteArray::number(i) + QByteArray(" and some more words").repeated(i % 4) + ".\n\n";
        auto page = pageWithStatisticsOf(workspace, QStringLiteral("notes.txt"), text, QStringLiteral("notes-corpus"));
        QVERIFY(page);
        const auto* chart = page->datasetView()->findChild<LabelDistributionPlot*>();
        QVERIFY(chart && chart->labels().isEmpty());
        QStringList texts;
        for (int i = 0; i < chart->plot()->itemCount(); ++i)
            if (auto* item = qobject_cast<QCPItemText*>(chart->plot()->item(i))) texts << item->text();
        QCOMPARE(texts, QStringList{DatasetView::tr("A corpus has no labels: pretraining reads its text alone.")});
    }

    // With no model chosen, what needs no tokenizer is still counted and drawn: the label counts (here
    // checked against a count of the file's last column), duplicates; the lengths wait for a model.
    void labelsAreCountedWithoutAModel() {
        const QString path = dir_.filePath(QStringLiteral("no-model.sqlite"));
        bw::test::importSst2(path, "sst2_train_head300.tsv");
        std::map<QString, int> expected;
        QFile file(kSst2Train);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        for (qsizetype i = 1; i < lines.size(); ++i) expected[QString::fromUtf8(lines[i].split('\t').last().trimmed())] += 1;
        QCOMPARE(expected.size(), size_t{2});

        Workspace workspace;
        QVERIFY(workspace.openStore(path, nullptr));
        QVERIFY(workspace.modelDir().isEmpty());
        DataPage page(workspace);
        QSignalSpy ready(page.datasetView(), &DatasetView::statisticsReady);
        QVERIFY(page.selectDataset(QStringLiteral("sst2")));
        QVERIFY(ready.wait(kImportTimeoutMs));
        const data::DatasetStatistics* stats = page.datasetView()->statistics();
        QVERIFY(stats && !stats->tokenized);
        const auto* chart = page.datasetView()->findChild<LabelDistributionPlot*>();
        QCOMPARE(chart->labels(), (QStringList{QStringLiteral("0"), QStringLiteral("1")}));
        QStringList texts;
        for (int i = 0; i < chart->plot()->itemCount(); ++i)
            if (auto* item = qobject_cast<QCPItemText*>(chart->plot()->item(i))) texts << item->text();
        QCOMPARE(texts.size(), 2);
        QVERIFY2(texts[0].startsWith(QString::number(expected[QStringLiteral("0")]) + QStringLiteral(" (")), qPrintable(texts[0]));
        QVERIFY2(texts[1].startsWith(QString::number(expected[QStringLiteral("1")]) + QStringLiteral(" (")), qPrintable(texts[1]));
        QVERIFY(!child<QLabel>(page.datasetView(), "duplicatesLabel")->text().isEmpty());
        QVERIFY(child<QLabel>(page.datasetView(), "truncationLabel")->text().isEmpty());
        QVERIFY2(child<QLabel>(page.datasetView(), "statisticsStatus")->text().startsWith(QStringLiteral("Choose a model")),
                 qPrintable(child<QLabel>(page.datasetView(), "statisticsStatus")->text()));
        // The exported figures say nothing of lengths no tokenizer measured.
        QString error;
        const QString json_path = dir_.filePath(QStringLiteral("no-model-stats.json"));
        QVERIFY2(page.datasetView()->exportStatisticsTo(json_path, &error), qPrintable(error));
        QFile json_file(json_path);
        QVERIFY(json_file.open(QIODevice::ReadOnly));
        const nlohmann::json json = nlohmann::json::parse(json_file.readAll().toStdString());
        QVERIFY(!json.contains("length") && !json.contains("truncation_rate") && !json.contains("model"));
        QCOMPARE(json.at("label_counts").size(), size_t{2});

        // A model chosen: the same counts, and the lengths now.
        workspace.setModelDir(kModelDir);
        QVERIFY(ready.wait(kImportTimeoutMs));
        QVERIFY(page.datasetView()->statistics()->tokenized);
        QVERIFY(!child<QLabel>(page.datasetView(), "truncationLabel")->text().isEmpty());
    }

    void labelCountsFitAndDoNotOverlap() {
        const std::vector<std::pair<std::string, uint64_t>> tags = {
            {"O", 169578},    {"B-ORG", 6321}, {"B-MISC", 3438}, {"B-PER", 6600}, {"I-PER", 4528},
            {"B-LOC", 7140}, {"I-ORG", 3704}, {"I-MISC", 1155}, {"I-LOC", 1157}};
        LabelDistributionPlot chart;
        chart.resize(420, 260);
        chart.setCounts(tags, true);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        QCustomPlot* plot = chart.plot();
        plot->replot();
        const QRectF area = plot->axisRect()->rect();
        QList<QRectF> drawn;
        for (int i = 0; i < plot->itemCount(); ++i)
            if (auto* text = qobject_cast<QCPItemText*>(plot->item(i))) {
                const QRectF box = drawnRect(text);
                const QString what = QStringLiteral("%1 at (%2, %3) %4x%5 in (%6, %7) %8x%9")
                                         .arg(text->text()).arg(box.x()).arg(box.y()).arg(box.width()).arg(box.height())
                                         .arg(area.x()).arg(area.y()).arg(area.width()).arg(area.height());
                QVERIFY2(area.contains(box), qPrintable(what));
                for (const QRectF& other : drawn) QVERIFY2(!box.intersects(other), qPrintable(what));
                drawn << box;
            }
        QCOMPARE(drawn.size(), static_cast<qsizetype>(tags.size()));

        // In a locale that groups digits, the axis writes its counts as the bars' ends do: "169,578 (…)"
        // beside "100,000", not beside "100000".
        {
            const QLocale previous;
            QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
            LabelDistributionPlot grouped;
            grouped.resize(420, 260);
            grouped.setCounts(tags, true);
            grouped.show();
            QVERIFY(QTest::qWaitForWindowExposed(&grouped));
            grouped.plot()->replot();
            grouped.plot()->replot();
            QLocale::setDefault(previous);
            QStringList values;
            for (int i = 0; i < grouped.plot()->itemCount(); ++i)
                if (auto* text = qobject_cast<QCPItemText*>(grouped.plot()->item(i))) values << text->text();
            QVERIFY2(values.first().startsWith(QStringLiteral("169,578 (")), qPrintable(values.first()));
            const QVector<QString> axis = grouped.plot()->xAxis->tickVectorLabels();
            const auto big = std::find_if(axis.begin(), axis.end(), [](const QString& l) { return l.size() > 4; });
            QVERIFY2(big != axis.end() && big->contains(QLatin1Char(',')), qPrintable(QStringList(axis.begin(), axis.end()).join(' ')));
        }

        // The count axis's labels keep apart, also in the narrow pane where they once read "010000200003000040000".
        for (const int width : {420, 280}) {
            chart.resize(width, 260);
            QTest::qWait(20);
            plot->replot();
            plot->replot();  // the ticks of the range the first one fitted
            const QVector<double> ticks = plot->xAxis->tickVector();
            const QVector<QString> labels = plot->xAxis->tickVectorLabels();
            QVERIFY(ticks.size() >= 2);
            const QFontMetrics metrics(plot->xAxis->tickLabelFont());
            for (int i = 1; i < ticks.size(); ++i) {
                const double gap = plot->xAxis->coordToPixel(ticks[i]) - plot->xAxis->coordToPixel(ticks[i - 1]);
                const double needed = (metrics.horizontalAdvance(labels[i]) + metrics.horizontalAdvance(labels[i - 1])) / 2.0 + 4;
                QVERIFY2(gap >= needed, qPrintable(QStringLiteral("width %1: %2 and %3 are %4 px apart")
                                                       .arg(width).arg(labels[i - 1], labels[i]).arg(gap)));
            }
        }
    }

    // The length axis follows the data, not the max_length line far past it nor a handful of outliers.
    void histogramRangeFollowsTheData() {
        LengthHistogram histogram;
        QCustomPlot* plot = histogram.plot();
        histogram.setMaxLength(128);
        std::vector<uint64_t> short_rows(64, 0);  // SST-2: the longest row has 63 tokens
        for (size_t length = 5; length < short_rows.size(); ++length) short_rows[length] = 10;
        histogram.setLengths(short_rows);
        QVERIFY2(plot->xAxis->range().upper >= 63.5 && plot->xAxis->range().upper < 70,
                 qPrintable(QString::number(plot->xAxis->range().upper)));
        QCOMPARE(barTotal(*plot), 590.0);

        std::vector<uint64_t> reviews(3128, 0);  // IMDB: most reviews within 600 tokens, one of 3,127
        for (size_t length = 50; length <= 600; ++length) reviews[length] = 20;
        reviews[1500] = 3;
        reviews[3127] = 1;
        histogram.setLengths(reviews);
        QVERIFY2(plot->xAxis->range().upper > 128 && plot->xAxis->range().upper < 700,
                 qPrintable(QString::number(plot->xAxis->range().upper)));
        QCOMPARE(barTotal(*plot), 551 * 20.0 + 4);  // the tail is in the overflow bar, not lost
    }

    // IMDB's 1,300 lengths are drawn in bars of 20 tokens, not 1,300 bars a pixel wide; the bar the
    // max_length line crosses stacks its truncated rows on its kept ones; nothing is lost.
    void histogramBinsLongLengths() {
        LengthHistogram histogram;
        QCustomPlot* plot = histogram.plot();
        histogram.setMaxLength(128);
        std::vector<uint64_t> reviews(1301, 0);
        for (size_t length = 21; length <= 1300; ++length) reviews[length] = 3;
        histogram.setLengths(reviews);
        QCOMPARE(histogram.binWidth(), 20);
        QCOMPARE(plot->yAxis->label(), QStringLiteral("rows per 20 tokens"));
        QCPBars* kept = nullptr;
        QCPBars* truncated = nullptr;
        for (int i = 0; i < plot->plottableCount(); ++i)
            if (auto* bars = qobject_cast<QCPBars*>(plot->plottable(i))) {
                if (bars->name() == QStringLiteral("kept whole")) kept = bars;
                if (bars->name() == QStringLiteral("truncated")) truncated = bars;
            }
        QVERIFY(kept && truncated);
        QVERIFY(kept->data()->size() + truncated->data()->size() <= 121);
        QCOMPARE(kept->width(), 20.0);
        // Lengths 120..139 are one bar centred on 129.5: 120..128 kept (9 x 3 rows), 129..139 cut (11 x 3).
        QCOMPARE(kept->data()->findBegin(129.4, false)->key, 129.5);
        QCOMPARE(kept->data()->findBegin(129.4, false)->value, 27.0);
        QCOMPARE(truncated->data()->findBegin(129.4, false)->key, 129.5);
        QCOMPARE(truncated->data()->findBegin(129.4, false)->value, 33.0);
        QCOMPARE(truncated->barBelow(), kept);
        QCOMPARE(barTotal(*plot), 1280 * 3.0);
        // SST-2's 64 lengths keep a bar each.
        histogram.setLengths(std::vector<uint64_t>(64, 5));
        QCOMPARE(histogram.binWidth(), 1);
        QCOMPARE(plot->yAxis->label(), QStringLiteral("rows"));
    }

    // IMDB in a narrow pane: the legend's three entries ("1384 to 2166 tokens" the longest) take
    // as many rows as they need, and the overflow bar's label stays inside the plot.
    void histogramLegendAndTailFitANarrowPane() {
        std::vector<uint64_t> reviews(2167, 0);
        for (size_t length = 21; length <= 1300; ++length) reviews[length] = 3;
        for (size_t length = 1385; length <= 2166; length += 60) reviews[length] = 1;
        for (const int width : {900, 380, 230}) {
            LengthHistogram histogram;
            histogram.resize(width, 280);
            histogram.show();
            histogram.setLengths(reviews);
            QTest::qWait(20);
            QCustomPlot* plot = histogram.plot();
            plot->replot();
            const QRect inside(0, 0, plot->width(), plot->height());
            int items = 0;
            std::set<int> rows;
            for (int i = 0; i < plot->legend->itemCount(); ++i) {
                QCPAbstractLegendItem* entry = plot->legend->item(i);
                if (!entry) continue;  // an empty cell of a wrapped legend
                ++items;
                const QRect item = entry->outerRect();
                rows.insert(item.top());
                QVERIFY2(inside.contains(item), qPrintable(QStringLiteral("width %1, legend item %2 at %3..%4")
                                                               .arg(width).arg(i).arg(item.left()).arg(item.right())));
            }
            QCOMPARE(items, 3);
            if (width == 900) QCOMPARE(rows.size(), size_t{1});  // one row when it fits
            const QCPItemText* tail = nullptr;
            for (int i = 0; i < plot->itemCount(); ++i)
                if (auto* text = qobject_cast<QCPItemText*>(plot->item(i)); text && text->text().startsWith(QStringLiteral("> ")))
                    tail = text;
            QVERIFY(tail && tail->visible());
            QVERIFY2(QRectF(inside).contains(drawnRect(tail)),
                     qPrintable(QStringLiteral("width %1: the tail's label ends at %2 of %3")
                                    .arg(width).arg(drawnRect(tail).right()).arg(inside.right())));
        }
    }

    // The max_length label stays within the axes wherever the line is and however narrow the pane
    // (it once hung off the right edge of a narrow pane with the line at two thirds of the axis).
    void maxLengthLabelStaysWithinTheAxes() {
        std::vector<uint64_t> lengths(101, 0);
        for (size_t length = 3; length <= 100; ++length) lengths[length] = 7;
        for (const int width : {900, 380, 230}) {
            LengthHistogram histogram;
            histogram.resize(width, 280);
            histogram.show();
            histogram.setLengths(lengths);
            QCustomPlot* plot = histogram.plot();
            const QCPItemText* label = nullptr;
            for (int i = 0; i < plot->itemCount(); ++i)
                if (auto* text = qobject_cast<QCPItemText*>(plot->item(i)); text && text->text().startsWith(QStringLiteral("max_length")))
                    label = text;
            QVERIFY(label);
            for (const int max_length : {5, 40, 60, 66, 75, 95, 300}) {
                histogram.setMaxLength(max_length);
                plot->replot();
                const QRectF axes = plot->axisRect()->rect();
                const QRectF drawn = drawnRect(label);
                QVERIFY2(drawn.left() >= axes.left() - 0.5 && drawn.right() <= axes.right() + 0.5,
                         qPrintable(QStringLiteral("width %1, max_length %2: the label spans %3..%4, the axes %5..%6")
                                        .arg(width).arg(max_length).arg(drawn.left()).arg(drawn.right())
                                        .arg(axes.left()).arg(axes.right())));
            }
        }
    }

    // Pictures of the page for a human to look at: BW_SCREENSHOT_DIR=/tmp/shots-data.
    void screenshots() {
        const QString out = qEnvironmentVariable("BW_SCREENSHOT_DIR");
        if (out.isEmpty()) QSKIP("set BW_SCREENSHOT_DIR to write screenshots");
        QDir().mkpath(out);
        Workspace workspace;
        QVERIFY(workspace.openStore(storePath(), nullptr));
        importThroughDialog(workspace, kConll, QStringLiteral("conll2003"), true);
        workspace.setModelDir(kModelDir);
        DataPage page(workspace);
        page.resize(1400, 900);
        page.show();
        QSignalSpy ready(page.datasetView(), &DatasetView::statisticsReady);
        QVERIFY(page.selectDataset(QStringLiteral("sst2")));
        QVERIFY(ready.wait(kImportTimeoutMs));
        page.datasetView()->setMaxLength(24);
        QTest::qWait(200);
        QVERIFY(page.grab().save(out + QStringLiteral("/data-page-sst2.png")));
        QVERIFY(page.selectDataset(QStringLiteral("conll2003")));
        QVERIFY(ready.wait(kImportTimeoutMs));
        QTest::qWait(200);
        QVERIFY(page.grab().save(out + QStringLiteral("/data-page-conll.png")));

        ImportDialog* dialog = page.openImportDialog(kSst2Train);
        QTest::qWait(200);
        QVERIFY(dialog->grab().save(out + QStringLiteral("/import-dialog-sst2.png")));
        dialog->setFile(kConll);
        QTest::qWait(100);
        QVERIFY(dialog->grab().save(out + QStringLiteral("/import-dialog-conll.png")));
        const QString broken = dir_.filePath(QStringLiteral("ragged.csv"));
        dialog->setFile(broken);
        child<QLineEdit>(dialog, "datasetNameEdit")->setText(QStringLiteral("ragged"));
        dialog->startImport();
        QVERIFY(QTest::qWaitFor([&] { return !dialog->isImporting(); }, kImportTimeoutMs));
        QTest::qWait(100);
        QVERIFY(dialog->grab().save(out + QStringLiteral("/import-dialog-error.png")));
        dialog->close();
    }
};

QTEST_MAIN(TestDataPage)
#include "test_data_page.moc"
