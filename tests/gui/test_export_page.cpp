// The Export page on a real run: a small BERT fine-tuned for a few steps through the engine, its
// checkpoints listed with the best one chosen, written as float16 by the page on its worker
// thread, the files listed, the model loadable with zero missing keys and giving the checkpoint's
// predictions; a folder that holds something else is refused and left untouched.
#include "core/analysis/bert_pipeline.h"
#include "core/store/dataset_import.h"
#include "core/store/experiment_store.h"
#include "core/train/quickstart.h"
#include "core/train/training_job.h"
#include "gui_test_support.h"
#include "widgets/export/export_page.h"
#include "widgets/shared/model_picker_dialog.h"
#include "widgets/workbench/workspace.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <cmath>
#include <fstream>

using namespace bw;
using namespace bw::gui;

class TestExportPage : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QString db_;
    train::TrainingResult run_;

private slots:
    void initTestCase() {
        bw::test::isolateSettings("test_export_page");
        db_ = tmp_.filePath("runs.sqlite");
        bw::test::importSst2(db_, "sst2_train_head300.tsv");
        const std::string config = tmp_.filePath("small.json").toStdString();
        std::ofstream(config) << R"({"hidden_size": 32, "num_hidden_layers": 1, "num_attention_heads": 2,
                                     "intermediate_size": 64, "max_position_embeddings": 64})";
        train::TrainingRequest request;
        request.db = db_.toStdString();
        request.init_config = config;
        request.vocab = BW_FIXTURES_DIR "/vocab/bert-base-uncased/vocab.txt";
        request.task = "sequence-classification";
        request.dataset = "sst2";
        request.output_dir = tmp_.filePath("run").toStdString();
        request.run_name = "sst2 small";
        request.args.max_steps = 6;
        request.args.max_seq_length = 32;
        request.args.per_device_train_batch_size = 32;
        request.args.evaluation_strategy = "steps";
        request.args.eval_steps = 3;
        request.args.save_strategy = "steps";
        request.args.save_steps = 3;
        request.args.logging_steps = 3;
        run_ = train::runTraining(request);
        QCOMPARE(run_.status, std::string("completed"));
    }

    void listsRunsAndCheckpointsWithTheBestChosen() {
        Workspace workspace;
        QString error;
        QVERIFY2(workspace.openStore(db_, &error), qPrintable(error));
        ExportPage page(workspace);
        auto* runs = page.findChild<QComboBox*>("exportRunCombo");
        auto* checkpoints = page.findChild<QComboBox*>("exportCheckpointCombo");
        QCOMPARE(runs->count(), 1);
        QVERIFY(runs->currentText().contains("sst2 small"));
        QCOMPARE(checkpoints->count(), 2);  // steps 3 and 6
        const QString best_step = QString::fromStdString(run_.best_checkpoint).section("checkpoint-", 1);
        QCOMPARE(checkpoints->currentData().toString(), best_step);
        QVERIFY(checkpoints->currentText().contains("best"));
        // The latest is marked too, as the model picker marks it (it once said only "best").
        QVERIFY2(checkpoints->itemText(1).endsWith(best_step == "6" ? "★ best, last" : "· last"), qPrintable(checkpoints->itemText(1)));
        QVERIFY(page.targetDirectory().endsWith("exports/sst2-small-step" + best_step));
    }

    void writesALoadableModelAndListsItsFiles() {
        Workspace workspace;
        QString error;
        QVERIFY(workspace.openStore(db_, &error));
        ExportPage page(workspace);
        page.findChild<QComboBox*>("exportDtypeCombo")->setCurrentIndex(1);  // float16
        QSignalSpy finished(&page, &ExportPage::exportFinished);
        QVERIFY(page.startExport());
        QVERIFY(page.isExporting() || finished.count() == 1);
        QVERIFY(finished.count() == 1 || finished.wait(60000));
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(page.message()));

        const QString target = page.targetDirectory();
        for (const char* file : {"README.md", "config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
                                 "special_tokens_map.json", "training_args.json", "vocab.txt"})
            QVERIFY2(page.writtenFiles().contains(file), file);
        auto* table = page.findChild<QTableWidget*>("exportedFilesTable");
        QCOMPARE(table->rowCount(), page.writtenFiles().size());

        // Loads with nothing missing, in float32, and predicts what the checkpoint predicts (up to float16 rounding).
        const auto exported = analysis::BertPipeline::open(target.toStdString());
        QVERIFY(exported->summary().report.missing.empty());
        const auto checkpoint = analysis::BertPipeline::open(run_.best_checkpoint);
        const std::vector<text::TextInput> input = {{"a gorgeous , witty , seductive movie .", std::nullopt}};
        const auto a = exported->predict(input).at(0).probabilities.values;
        const auto b = checkpoint->predict(input).at(0).probabilities.values;
        QCOMPARE(a.size(), size_t{2});
        QCOMPARE(a.size(), b.size());
        for (size_t i = 0; i < a.size(); ++i) QVERIFY(std::abs(a[i] - b[i]) < 1e-2);

        // The store remembers the export as an artifact of the run.
        store::ExperimentStore store = store::ExperimentStore::open(db_.toStdString());
        QCOMPARE(store.artifacts(run_.run_id).back().kind, std::string("exported-model"));
    }

    // A folder the user typed stays in the box after the export, whose report names it (the page's
    // refresh once put its suggestion back); another run's checkpoint is refused without first asking
    // "Replace it?"; a failure leaves no button pointing at an earlier export.
    void theTargetStaysAndACheckpointIsRefusedFirst() {
        Workspace workspace;
        QVERIFY(workspace.openStore(db_, nullptr));
        ExportPage page(workspace);
        const QString chosen = tmp_.filePath("my-exports/typed-here");
        page.findChild<QLineEdit*>("exportTargetEdit")->setText(chosen);
        QSignalSpy finished(&page, &ExportPage::exportFinished);
        QVERIFY(page.startExport());
        QVERIFY(finished.count() == 1 || finished.wait(60000));
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(page.message()));
        QCOMPARE(page.targetDirectory(), chosen);
        QVERIFY2(page.message().contains(chosen), qPrintable(page.message()));

        store::ExperimentStore store = store::ExperimentStore::open(db_.toStdString());
        QString other;  // a checkpoint of the run that is not the one being exported
        for (const auto& c : store.checkpoints(run_.run_id))
            if (QString::fromStdString(c.path) != page.sourceDirectory()) other = QString::fromStdString(c.path);
        QVERIFY(!other.isEmpty());
        bool asked = false;
        QTimer guard;  // a question would block the test: note it and say no
        connect(&guard, &QTimer::timeout, this, [&] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                asked = true;
                box->reject();
            }
        });
        guard.start(50);
        page.findChild<QLineEdit*>("exportTargetEdit")->setText(other);
        QVERIFY(!page.startExport());
        QVERIFY(!asked);
        QVERIFY2(page.message().contains("is checkpoint"), qPrintable(page.message()));
        QVERIFY(QFile::exists(other + "/optimizer.pt"));
    }

    // The files listed, "Open folder" and "Use this model" are of the last export; the walkthrough saw
    // them stay beside another chosen checkpoint and beside a refusal of the next export.
    void theReportIsOfTheExportShown() {
        Workspace workspace;
        QVERIFY(workspace.openStore(db_, nullptr));
        ExportPage page(workspace);
        auto* table = page.findChild<QTableWidget*>("exportedFilesTable");
        auto* use = page.findChild<QPushButton*>("useModelButton");
        auto* target = page.findChild<QLineEdit*>("exportTargetEdit");
        const auto exportOnce = [&](const QString& folder) {
            target->setText(folder);
            QSignalSpy finished(&page, &ExportPage::exportFinished);
            QVERIFY(page.startExport());
            QVERIFY(finished.count() == 1 || finished.wait(60000));
            QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(page.message()));
            QVERIFY(table->rowCount() > 0 && use->isEnabled());
        };
        const auto reportGone = [&] {
            QVERIFY(page.writtenFiles().isEmpty());
            QCOMPARE(table->rowCount(), 0);
            QVERIFY(!use->isEnabled());
        };
        exportOnce(tmp_.filePath("report/one"));
        // The store's change after the export (its artifact) keeps the report: same model, same folder.
        workspace.notifyStoreContentsChanged();
        QVERIFY(table->rowCount() > 0 && use->isEnabled());
        auto* checkpoints = page.findChild<QComboBox*>("exportCheckpointCombo");
        QVERIFY(checkpoints && checkpoints->count() > 1);
        checkpoints->setCurrentIndex((checkpoints->currentIndex() + 1) % checkpoints->count());
        reportGone();
        QVERIFY(!page.message().startsWith(QStringLiteral("Wrote")));

        const int chosen = checkpoints->currentIndex();  // not the best: it stays after the export's refresh
        exportOnce(tmp_.filePath("report/two"));
        QCOMPARE(checkpoints->currentIndex(), chosen);
        QCOMPARE(page.targetDirectory(), tmp_.filePath("report/two"));
        const QString foreign = tmp_.filePath("report/notes");
        QDir().mkpath(foreign);
        QFile note(foreign + "/notes.txt");
        QVERIFY(note.open(QIODevice::WriteOnly));
        note.close();
        target->setText(foreign);
        reportGone();  // another folder typed
        QVERIFY(!page.startExport());
        QVERIFY2(page.message().contains(QStringLiteral("holds notes.txt")), qPrintable(page.message()));
        reportGone();
    }

    // A language switch makes the page again: the new one has the same checkpoint, precision and
    // target, and the report of the export, while its folder is there.
    void aNewPageKeepsTheChoicesAndTheReport() {
        Workspace workspace;
        QVERIFY(workspace.openStore(db_, nullptr));
        ExportPage page(workspace);
        auto* checkpoints = page.findChild<QComboBox*>("exportCheckpointCombo");
        QVERIFY(checkpoints && checkpoints->count() > 1);
        checkpoints->setCurrentIndex((checkpoints->currentIndex() + 1) % checkpoints->count());  // not the best
        page.findChild<QComboBox*>("exportDtypeCombo")->setCurrentIndex(2);  // bfloat16
        const QString folder = tmp_.filePath("kept/one");
        page.findChild<QLineEdit*>("exportTargetEdit")->setText(folder);
        QSignalSpy finished(&page, &ExportPage::exportFinished);
        QVERIFY(page.startExport());
        QVERIFY(finished.count() == 1 || finished.wait(60000));
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(page.message()));

        ExportPage remade(workspace);
        QVERIFY(remade.sourceDirectory() != page.sourceDirectory());  // a new page offers the best checkpoint
        remade.restoreViewState(page.viewState());
        QCOMPARE(remade.sourceDirectory(), page.sourceDirectory());
        QCOMPARE(remade.findChild<QComboBox*>("exportDtypeCombo")->currentData(), QVariant(QStringLiteral("bfloat16")));
        QCOMPARE(remade.targetDirectory(), folder);
        QCOMPARE(remade.writtenFiles(), page.writtenFiles());
        QCOMPARE(remade.findChild<QTableWidget*>("exportedFilesTable")->rowCount(), page.writtenFiles().size());
        QVERIFY(remade.findChild<QPushButton*>("useModelButton")->isEnabled());
        QCOMPARE(remade.message(), page.message());

        QVERIFY(QDir(folder).removeRecursively());  // gone meanwhile: no report of it
        ExportPage third(workspace);
        third.restoreViewState(page.viewState());
        QCOMPARE(third.targetDirectory(), folder);
        QVERIFY(third.writtenFiles().isEmpty());
        QVERIFY(!third.findChild<QPushButton*>("useModelButton")->isEnabled());
    }

    void refusesAFolderThatHoldsSomethingElse() {
        Workspace workspace;
        QString error;
        QVERIFY(workspace.openStore(db_, &error));
        ExportPage page(workspace);
        const QString foreign = tmp_.filePath("my-documents");
        QDir().mkpath(foreign);
        QFile note(foreign + "/thesis.txt");
        QVERIFY(note.open(QIODevice::WriteOnly));
        note.write("keep me");
        note.close();
        page.findChild<QLineEdit*>("exportTargetEdit")->setText(foreign);
        QVERIFY(!page.startExport());
        QVERIFY2(page.message().contains("holds thesis.txt, which is not part of a model"), qPrintable(page.message()));
        QCOMPARE(QDir(foreign).entryList(QDir::Files), QStringList{"thesis.txt"});
        // The workspace's own folder (the store, its log, ...), also when a model's config.json lies there.
        const QString workspace_dir = QFileInfo(db_).absolutePath();
        QVERIFY(QFile::copy(QString::fromStdString(run_.best_checkpoint) + "/config.json", workspace_dir + "/config.json"));
        page.findChild<QLineEdit*>("exportTargetEdit")->setText(workspace_dir);
        QVERIFY(!page.startExport());
        QVERIFY2(page.message().contains("which is not part of a model"), qPrintable(page.message()));
        QVERIFY(QFileInfo::exists(db_));
        QFile::remove(workspace_dir + "/config.json");
    }

    // The model the window's picker chose is preselected when it is a run's checkpoint, whether
    // the page exists already or is made afterwards.
    void preselectsTheRunCheckpointTheWorkspaceChose() {
        Workspace workspace;
        QVERIFY(workspace.openStore(db_, nullptr));
        ExportPage page(workspace);
        auto* checkpoints = page.findChild<QComboBox*>("exportCheckpointCombo");
        store::ExperimentStore store = store::ExperimentStore::open(db_.toStdString());
        const std::string oldest = store.checkpoints(run_.run_id).front().path;
        QVERIFY(oldest != run_.best_checkpoint);
        workspace.setModelDir(QString::fromStdString(oldest));
        QCOMPARE(checkpoints->currentData().toString(), QString("3"));
        QCOMPARE(page.sourceDirectory(), QString::fromStdString(oldest));
        QVERIFY(page.targetDirectory().endsWith("exports/sst2-small-step3"));
        ExportPage later(workspace);
        QCOMPARE(later.findChild<QComboBox*>("exportCheckpointCombo")->currentData().toString(), QString("3"));
        // A folder that is no run's checkpoint changes nothing here.
        workspace.setModelDir(QString::fromStdString(train::findBundledModel().string()));
        QCOMPARE(checkpoints->currentData().toString(), QString("3"));
        QVERIFY(!page.exportsAFolder());
    }

    // Choose… opens the window's model picker: the bundled model chosen there is written as a
    // model folder (no run behind it: no checkpoint row, no training arguments, its own model
    // card), predicting what the bundled model predicts; a run's checkpoint chosen there selects
    // the run and the step again.
    void exportsTheBundledModelChosenWithThePicker() {
        Workspace workspace;
        QVERIFY(workspace.openStore(db_, nullptr));
        ExportPage page(workspace);
        page.show();
        const QString bundled = QString::fromStdString(train::findBundledModel().string());
        const auto pick = [&](const QString& dir) {
            QTest::mouseClick(page.findChild<QPushButton*>("exportChooseModelButton"), Qt::LeftButton);
            auto* picker = page.findChild<ModelPickerDialog*>();
            QVERIFY(picker && picker->isVisible());
            QCOMPARE(picker->findChild<QPushButton*>("modelChooseButton")->text(), QString("Export this model"));
            QVERIFY(picker->selectDir(dir));
            QTest::mouseClick(picker->findChild<QPushButton*>("modelChooseButton"), Qt::LeftButton);
            QTRY_VERIFY(!page.findChild<ModelPickerDialog*>());  // deleted on close
        };
        pick(bundled);
        QVERIFY(page.exportsAFolder());
        auto* runs = page.findChild<QComboBox*>("exportRunCombo");
        QCOMPARE(runs->currentText(), QString("Folder: bertwork-tiny-en"));
        QCOMPARE(runs->count(), 2);  // the folder and the run
        QVERIFY(!page.findChild<QComboBox*>("exportCheckpointCombo")->isVisible());
        QVERIFY2(page.targetDirectory().endsWith("exports/bertwork-tiny-en"), qPrintable(page.targetDirectory()));

        // The source itself is never the target.
        auto* target = page.findChild<QLineEdit*>("exportTargetEdit");
        target->setText(bundled);
        QVERIFY(!page.startExport());
        QVERIFY2(page.message().contains("is the model being exported"), qPrintable(page.message()));
        target->setText(tmp_.filePath("bundled-copy"));

        const size_t artifacts = store::ExperimentStore::open(db_.toStdString()).artifacts(run_.run_id).size();
        QSignalSpy finished(&page, &ExportPage::exportFinished);
        QVERIFY(page.startExport());
        QVERIFY(finished.count() == 1 || finished.wait(60000));
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(page.message()));
        QCOMPARE(page.writtenFiles(), QStringList({"README.md", "config.json", "model.safetensors", "special_tokens_map.json",
                                                   "tokenizer.json", "tokenizer_config.json", "vocab.txt"}));
        QFile card(tmp_.filePath("bundled-copy/README.md")), source_card(bundled + "/README.md");
        QVERIFY(card.open(QIODevice::ReadOnly) && source_card.open(QIODevice::ReadOnly));
        QCOMPARE(card.readAll(), source_card.readAll());
        const auto exported = analysis::BertPipeline::open(tmp_.filePath("bundled-copy").toStdString());
        QVERIFY(exported->summary().report.missing.empty());
        const auto original = analysis::BertPipeline::open(bundled.toStdString());
        const std::vector<text::TextInput> input = {{"an utterly charming and hilarious film .", std::nullopt}};
        const auto a = exported->predict(input).at(0).probabilities.values;
        const auto b = original->predict(input).at(0).probabilities.values;
        QCOMPARE(a.size(), b.size());
        for (size_t i = 0; i < a.size(); ++i) QVERIFY(std::abs(a[i] - b[i]) < 1e-6);
        QCOMPARE(store::ExperimentStore::open(db_.toStdString()).artifacts(run_.run_id).size(), artifacts);
        if (const QString shots = qEnvironmentVariable("BW_SCREENSHOT_DIR"); !shots.isEmpty()) {
            page.resize(960, 640);
            page.grab().save(shots + "/export_a_folder.png");
        }

        // Back to a run: the picker's checkpoint selects its run and step.
        pick(QString::fromStdString(run_.best_checkpoint));
        QVERIFY(!page.exportsAFolder());
        QVERIFY(runs->currentText().contains("sst2 small"));
        QCOMPARE(page.sourceDirectory(), QString::fromStdString(run_.best_checkpoint));
        QVERIFY(page.findChild<QComboBox*>("exportCheckpointCombo")->isVisible());
    }

    // Another workspace: the page offers its runs only, and nothing of the last export stays.
    void anotherWorkspaceForgetsThePreviousOne() {
        Workspace workspace;
        QVERIFY(workspace.openStore(db_, nullptr));
        ExportPage page(workspace);
        page.findChild<QLineEdit*>("exportTargetEdit")->setText(tmp_.filePath("forget-me"));
        QSignalSpy finished(&page, &ExportPage::exportFinished);
        QVERIFY(page.startExport());
        QVERIFY(finished.count() == 1 || finished.wait(60000));
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(page.message()));
        auto* use_model = page.findChild<QPushButton*>("useModelButton");
        QVERIFY(use_model->isEnabled());

        QVERIFY(workspace.openStore(tmp_.filePath("other.sqlite"), nullptr));
        QCOMPARE(page.findChild<QComboBox*>("exportRunCombo")->count(), 0);
        QCOMPARE(page.findChild<QComboBox*>("exportCheckpointCombo")->count(), 0);
        QVERIFY2(page.targetDirectory().isEmpty(), qPrintable(page.targetDirectory()));
        QCOMPARE(page.findChild<QTableWidget*>("exportedFilesTable")->rowCount(), 0);
        QVERIFY(page.writtenFiles().isEmpty());
        QVERIFY(!use_model->isEnabled());
        QVERIFY(!page.findChild<QPushButton*>("exportButton")->isEnabled());
        QVERIFY2(page.message().contains("No run of this workspace"), qPrintable(page.message()));
        QVERIFY(!page.startExport());
    }
};

QTEST_MAIN(TestExportPage)
#include "test_export_page.moc"
