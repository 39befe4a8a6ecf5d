// "Train a vocabulary…" on the Tokenizer page: the dialog drives a real (small) training on a worker
// thread with progress and Cancel, refuses what cannot work, and the page then shows the new
// vocabulary, with or without a model. With BW_SCREENSHOT_DIR set, it saves the dialog and the page.
#include "gui_test_support.h"
#include "core/store/dataset_import.h"
#include "core/store/experiment_store.h"
#include "widgets/tokenizer/token_chip.h"
#include "widgets/tokenizer/token_chip_view.h"
#include "widgets/tokenizer/tokenizer_page.h"
#include "widgets/tokenizer/train_vocabulary_dialog.h"
#include "widgets/tokenizer/vocabulary_panel.h"
#include "widgets/workbench/workspace.h"

#include <QAction>
#include <QComboBox>
#include <QLineEdit>
#include <QRadioButton>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QApplication>
#include <QTimer>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QRegularExpression>
#include <QLocale>
#include <QPointer>
#include <QtTest>

using namespace bw::gui;

namespace {

const QString kEnglish = QStringLiteral(BW_FIXTURES_DIR "/data/sst2_train_head2000.tsv");

QPushButton* trainButton(TrainVocabularyDialog* dialog) { return dialog->findChild<QPushButton*>("trainButton"); }

void saveScreenshot(QWidget* widget, const char* name) {
    const QString dir = qEnvironmentVariable("BW_SCREENSHOT_DIR");
    if (dir.isEmpty()) return;
    QDir().mkpath(dir);
    QTest::qWait(200);  // let layouts settle
    QVERIFY(widget->grab().save(QDir(dir).filePath(QString::fromLatin1(name))));
}

}  // namespace

class TestTrainVocabularyDialog : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;

    QString writeFile(const QString& name, const QByteArray& bytes) {
        const QString path = tmp_.filePath(name);
        QFile f(path);
        if (f.open(QIODevice::WriteOnly)) f.write(bytes);
        return path;
    }

private slots:
    void initTestCase() {
        bw::test::isolateSettings("test_train_vocabulary_dialog");
        QVERIFY(tmp_.isValid());
    }

    void init() { QSettings().clear(); }  // each test starts from the defaults, not the last one's choices

    void trainsAndCloses() {
        TrainVocabularyDialog dialog;
        dialog.show();
        QVERIFY(!trainButton(&dialog)->isEnabled());
        QVERIFY(dialog.message().contains("Add the text files"));
        dialog.addCorpusFiles({kEnglish, kEnglish});  // the same file once
        QCOMPARE(dialog.corpusFiles(), QStringList{kEnglish});
        QVERIFY(!trainButton(&dialog)->isEnabled());
        const QString out = tmp_.filePath("english");
        dialog.setOutputDir(out);
        dialog.setVocabSize(800);
        QVERIFY(trainButton(&dialog)->isEnabled());
        QVERIFY(dialog.message().isEmpty());

        const bw::text::WordPieceTrainerOptions options = dialog.trainerOptions();
        QCOMPARE(options.vocab_size, size_t{800});
        QCOMPARE(options.min_frequency, uint64_t{2});
        QCOMPARE(options.limit_alphabet, size_t{1000});
        QVERIFY(options.lowercase);
        QVERIFY(!options.strip_accents.has_value());  // follows lower-casing, as BERT's
        QCOMPARE(options.special_tokens, (std::vector<std::string>{"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"}));

        QSignalSpy trained(&dialog, &TrainVocabularyDialog::trained);
        QTest::mouseClick(trainButton(&dialog), Qt::LeftButton);
        QVERIFY(dialog.isTraining());
        QVERIFY(dialog.findChild<QProgressBar*>("progressBar")->isVisible());
        QVERIFY(!trainButton(&dialog)->isEnabled());
        QVERIFY(trained.wait(60000));
        QCOMPARE(trained.at(0).at(0).toString(), out);
        QVERIFY(!dialog.isTraining());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(!dialog.isVisible());
        QVERIFY2(dialog.message().startsWith("Learnt 800 tokens"), qPrintable(dialog.message()));
        for (const char* name : {"vocab.txt", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"})
            QVERIFY2(QFile::exists(QDir(out).filePath(name)), name);
    }

    // A CSV or JSON Lines file chosen as text: learnt from line by line, delimiters and labels too,
    // so the dialog says where its texts are read alone (a walk's vocabulary gained "{" and "label").
    void aTableChosenAsTextIsExplained() {
        TrainVocabularyDialog dialog;
        dialog.addCorpusFiles({writeFile("reviews.jsonl", "{\"text\": \"a film\", \"label\": \"pos\"}\n")});
        const auto* note = dialog.findChild<QLabel*>(QStringLiteral("corpusTablesNote"));
        QVERIFY2(note->text().startsWith(QStringLiteral("reviews.jsonl: each line is read whole")), qPrintable(note->text()));
        QVERIFY(!note->isHidden());
        TrainVocabularyDialog plain;
        plain.addCorpusFiles({writeFile("plain.txt", "a line of text\n")});
        QVERIFY(plain.findChild<QLabel*>(QStringLiteral("corpusTablesNote"))->isHidden());
    }

    void casingAndSpecialTokensReachTheTrainer() {
        TrainVocabularyDialog dialog;
        dialog.setLowerCase(false);
        QVERIFY(!dialog.trainerOptions().lowercase);
        // Accents follow lower-casing, as the CLI's --no-lower-case keeps them (unticking Lower-case
        // once left Strip accents ticked: a "cased" vocabulary without its accents).
        QVERIFY(!dialog.trainerOptions().strip_accents.has_value());
        dialog.setStripAccents(true);
        QCOMPARE(dialog.trainerOptions().strip_accents, std::optional<bool>(true));  // differs from lower-casing
        dialog.setStripAccents(false);
        QVERIFY(!dialog.trainerOptions().strip_accents.has_value());
        dialog.setLowerCase(true);
        QVERIFY(dialog.trainerOptions().lowercase);
        QVERIFY(!dialog.trainerOptions().strip_accents.has_value());  // ticked again with it
        dialog.setLimitAlphabet(0);
        QCOMPARE(dialog.trainerOptions().limit_alphabet, size_t{0});
    }

    void refusesAModelFolder() {
        QDir(tmp_.path()).mkpath("model");
        writeFile("model/config.json", "{\"model_type\": \"bert\"}");
        TrainVocabularyDialog dialog;
        dialog.addCorpusFiles({kEnglish});
        dialog.setOutputDir(tmp_.filePath("model"));
        QVERIFY(!trainButton(&dialog)->isEnabled());
        QVERIFY2(dialog.message().contains("holds a model"), qPrintable(dialog.message()));
    }

    // A folder that holds a vocabulary already: asked first; No keeps it, Yes replaces it.
    void asksBeforeReplacingAVocabulary() {
        const QString out = tmp_.filePath("earlier");
        QDir().mkpath(out);
        const QString earlier = writeFile("earlier/vocab.txt", "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nhallo\n");
        TrainVocabularyDialog dialog;
        dialog.show();
        dialog.addCorpusFiles({kEnglish});
        dialog.setOutputDir(out);
        dialog.setVocabSize(300);
        QMessageBox::StandardButton answer = QMessageBox::No;
        QString question;
        QTimer answering;
        connect(&answering, &QTimer::timeout, this, [&] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                question = box->text();
                box->button(answer)->click();
            }
        });
        answering.start(20);
        dialog.startTraining();
        QVERIFY2(question.contains(QStringLiteral("already holds a tokenizer (vocab.txt)")), qPrintable(question));
        QVERIFY(!dialog.isTraining());
        QFile kept(earlier);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QVERIFY(kept.readAll().endsWith("hallo\n"));
        kept.close();

        question.clear();
        answer = QMessageBox::Yes;
        QSignalSpy trained(&dialog, &TrainVocabularyDialog::trained);
        dialog.startTraining();
        QVERIFY(!question.isEmpty());
        QVERIFY(trained.count() == 1 || trained.wait(60000));
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QVERIFY(!kept.readAll().contains("hallo"));
    }

    void showsTheEnginesError() {
        const QString latin1 = writeFile("latin1.txt", "fine\nna\xefve\n");
        TrainVocabularyDialog dialog;
        dialog.show();
        dialog.addCorpusFiles({latin1});
        const QString out = tmp_.filePath("never");
        dialog.setOutputDir(out);
        dialog.startTraining();
        QVERIFY(QTest::qWaitFor([&] { return !dialog.isTraining(); }, 30000));
        QVERIFY2(dialog.message().contains("nothing was written"), qPrintable(dialog.message()));
        QVERIFY2(dialog.message().contains("latin1.txt:2: invalid UTF-8"), qPrintable(dialog.message()));
        QVERIFY(dialog.isVisible());
        QVERIFY(trainButton(&dialog)->isEnabled());  // fix the file and try again
        QVERIFY(!QFileInfo::exists(out));
    }

    void cancelStopsAndWritesNothing() {
        QFile english(kEnglish);
        QVERIFY(english.open(QIODevice::ReadOnly));
        const QByteArray text = english.readAll();
        QByteArray big;
        while (big.size() < 40 * 1000 * 1000) big += text;  // long enough to be cancelled while it reads
        const QString corpus = writeFile("big.txt", big);
        TrainVocabularyDialog dialog;
        dialog.show();
        dialog.addCorpusFiles({corpus});
        const QString out = tmp_.filePath("cancelled");
        dialog.setOutputDir(out);
        dialog.startTraining();
        QVERIFY(dialog.isTraining());
        if (!qEnvironmentVariableIsEmpty("BW_SCREENSHOT_DIR")) {  // a picture of the progress first
            QVERIFY(QTest::qWaitFor([&] { return dialog.findChild<QProgressBar*>("progressBar")->value() > 0; }, 10000));
            saveScreenshot(&dialog, "train-vocabulary-progress.png");
        }
        dialog.reject();  // Cancel while training: stops the work, keeps the dialog open
        QVERIFY(dialog.isVisible());
        QVERIFY(QTest::qWaitFor([&] { return !dialog.isTraining(); }, 30000));
        QVERIFY2(dialog.message().contains("cancelled"), qPrintable(dialog.message()));
        QVERIFY(dialog.isVisible());
        QVERIFY(!QFileInfo::exists(out));
        dialog.reject();  // now it closes
        QVERIFY(!dialog.isVisible());
    }

    void pageShowsTheTrainedVocabularyWithoutAModel() {
        Workspace workspace;
        TokenizerPage page(workspace);
        page.resize(1400, 860);
        page.show();
        QVERIFY(!page.message().isEmpty());  // no model: the message, with the action under it
        QPushButton* under_message = nullptr;
        for (QPushButton* b : page.findChildren<QPushButton*>())
            if (b->text() == page.trainVocabularyAction()->text() && b->isVisible()) under_message = b;
        QVERIFY(under_message);
        saveScreenshot(&page, "tokenizer-no-model.png");

        QTest::mouseClick(under_message, Qt::LeftButton);
        auto* dialog = page.findChild<TrainVocabularyDialog*>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        dialog->addCorpusFiles({kEnglish});
        const QString out = tmp_.filePath("for-the-page");
        dialog->setOutputDir(out);
        dialog->setVocabSize(1000);
        saveScreenshot(dialog, "train-vocabulary-dialog.png");
        QPointer<TrainVocabularyDialog> watched(dialog);
        dialog->startTraining();
        QVERIFY(QTest::qWaitFor([&] { return watched.isNull(); }, 60000));  // closed, deleted on close

        QVERIFY2(page.message().isEmpty(), qPrintable(page.message()));
        QVERIFY(page.tokenizer());
        QCOMPARE(page.tokenizer()->vocab().size(), size_t{1000});
        QVERIFY2(page.tokenizerSource().contains(out), qPrintable(page.tokenizerSource()));
        QVERIFY2(page.tokenizerSource().contains("1,000 tokens"), qPrintable(page.tokenizerSource()));
        QVERIFY2(page.vocabulary()->answer().contains("1000") || page.vocabulary()->answer().contains("1,000"),
                 qPrintable(page.vocabulary()->answer()));
        page.vocabulary()->search("##");
        QVERIFY(page.vocabulary()->matchCount() > 10);

        page.setTexts("A charming and funny film, though a little too long.");
        const QList<TokenChip*>& chips = page.chipView()->chips();
        QVERIFY(chips.size() > 12);
        QCOMPARE(chips.first()->token().text, QString("[CLS]"));
        QCOMPARE(chips.first()->token().id, 2);  // the trained vocabulary's [CLS]
        for (TokenChip* chip : chips) QVERIFY(chip->token().kind != ChipToken::Kind::Unknown);
        QVERIFY2(page.trainingNote().isEmpty(), qPrintable(page.trainingNote()));  // all it asked, every character
        saveScreenshot(&page, "tokenizer-trained.png");
    }

    // Chinese reviews at the default alphabet limit and a size the text cannot fill: the page says
    // how many tokens it got of those asked, and how many characters the limit turned into [UNK].
    void pageSaysWhatTheTextDidNotAllow() {
        Workspace workspace;
        TokenizerPage page(workspace);
        page.show();
        TrainVocabularyDialog* dialog = page.openTrainVocabularyDialog();
        dialog->addCorpusFiles({QStringLiteral(BW_FIXTURES_DIR "/data/chnsenticorp_train_text_head300.txt")});
        dialog->setOutputDir(tmp_.filePath("chinese-limited"));
        dialog->setVocabSize(8000);
        QCOMPARE(dialog->trainerOptions().limit_alphabet, size_t{1000});
        QPointer<TrainVocabularyDialog> watched(dialog);
        dialog->startTraining();
        QVERIFY(QTest::qWaitFor([&] { return watched.isNull(); }, 60000));

        const QString note = page.trainingNote();
        const qint64 size = static_cast<qint64>(page.tokenizer()->vocab().size());
        QVERIFY(size < 8000);
        QVERIFY2(note.startsWith(QLocale().toString(size) + QStringLiteral(" of the 8,000 tokens asked for: no other pair of "
                                                                           "pieces occurs 2 times or more")),
                 qPrintable(note));
        const QRegularExpressionMatch m =
            QRegularExpression(QStringLiteral("The alphabet limit of 1,000 left out ([0-9,]+) of the text's ([0-9,]+) characters, "
                                              "([0-9.]+)% of the characters it holds"))
                .match(note);
        QVERIFY2(m.hasMatch(), qPrintable(note));
        const auto number = [](QString text) { return text.remove(QLatin1Char(',')).toLongLong(); };
        QCOMPARE(number(m.captured(2)) - number(m.captured(1)), qint64{1000});  // the limit kept 1,000
        QVERIFY(m.captured(3).toDouble() > 0 && m.captured(3).toDouble() < 50);
        page.showModelTokenizer();
        QVERIFY(page.trainingNote().isEmpty());
    }

    // The text of a dataset already in the workspace, here Chinese reviews: every CJK character is
    // a word of its own, as BERT's normalizer isolates them, so each becomes a piece.
    void learnsFromAWorkspaceDataset() {
        const QString store_path = tmp_.filePath("workspace/runs.sqlite");
        QDir().mkpath(tmp_.filePath("workspace"));
        {
            auto store = bw::store::ExperimentStore::open(store_path.toStdString());
            bw::store::ImportRequest request;
            request.input = (QStringLiteral(BW_FIXTURES_DIR) + "/data/chnsenticorp_train_930_960.tsv").toStdString();
            request.name = "chnsenticorp";
            QCOMPARE(bw::store::importDataset(store, request).dataset.row_counts.at("train"), int64_t{31});
        }
        Workspace workspace;
        QVERIFY(workspace.openStore(store_path, nullptr));
        TokenizerPage page(workspace);
        page.resize(1400, 860);
        page.show();
        page.trainVocabularyAction()->trigger();
        auto* dialog = page.findChild<TrainVocabularyDialog*>();
        QVERIFY(dialog && dialog->isVisible());
        QVERIFY(!dialog->learnsFromDataset());  // files stay the page's default
        auto* dataset_radio = dialog->findChild<QRadioButton*>("datasetRadio");
        QVERIFY(dataset_radio->isVisible());
        QTest::mouseClick(dataset_radio, Qt::LeftButton);
        QVERIFY(dialog->learnsFromDataset());
        QVERIFY(dialog->findChild<QComboBox*>("splitCombo")->currentText().startsWith(QStringLiteral("train (31 row")));
        const QString out = tmp_.filePath("workspace/tokenizers/chnsenticorp");
        QCOMPARE(dialog->findChild<QLineEdit*>("outputDir")->text(), out);  // named after the dataset, beside the store
        dialog->setLimitAlphabet(0);
        dialog->setVocabSize(5000);
        QVERIFY(trainButton(dialog)->isEnabled());
        saveScreenshot(dialog, "train-vocabulary-from-dataset.png");
        QPointer<TrainVocabularyDialog> watched(dialog);
        QTest::mouseClick(trainButton(dialog), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return watched.isNull(); }, 60000));

        QVERIFY2(page.message().isEmpty(), qPrintable(page.message()));
        QVERIFY(page.tokenizer());
        QVERIFY2(page.tokenizerSource().contains(out), qPrintable(page.tokenizerSource()));
        for (const char* character : {"的", "酒", "店", "性", "价", "比"})
            QVERIFY2(page.tokenizer()->vocab().contains(character), character);
        page.setTexts(QStringLiteral("性价比还凑合"));
        const QList<TokenChip*>& chips = page.chipView()->chips();
        QCOMPARE(chips.size(), 8);  // [CLS], six characters, [SEP]
        for (TokenChip* chip : chips) QVERIFY(chip->token().kind != ChipToken::Kind::Unknown);

        // Opened again: the same dataset and settings, a new folder (the first is not written over).
        page.trainVocabularyAction()->trigger();
        auto* again = page.findChild<TrainVocabularyDialog*>();
        QVERIFY(again && again->learnsFromDataset());
        QCOMPARE(again->findChild<QComboBox*>("datasetCombo")->currentText(), QStringLiteral("chnsenticorp"));
        QCOMPARE(again->trainerOptions().vocab_size, size_t{5000});
        QCOMPARE(again->trainerOptions().limit_alphabet, size_t{0});
        QCOMPARE(again->findChild<QLineEdit*>("outputDir")->text(), out + "-2");
        again->reject();
    }

    // Closed and opened again, the dialog has the files and settings of last time (the walkthrough's
    // "it forgets everything"), less a file that has gone meanwhile.
    void remembersItsChoices() {
        const QString gone = writeFile("gone.txt", "a line of text\n");
        {
            TrainVocabularyDialog dialog;
            dialog.addCorpusFiles({kEnglish, gone});
            dialog.setVocabSize(1234);
            dialog.setMinFrequency(5);
            dialog.setLimitAlphabet(0);
            dialog.setLowerCase(false);
            dialog.setStripAccents(true);
            dialog.reject();
        }
        QVERIFY(QFile::remove(gone));
        TrainVocabularyDialog dialog;
        QCOMPARE(dialog.corpusFiles(), QStringList{kEnglish});
        const bw::text::WordPieceTrainerOptions options = dialog.trainerOptions();
        QCOMPARE(options.vocab_size, size_t{1234});
        QCOMPARE(options.min_frequency, uint64_t{5});
        QCOMPARE(options.limit_alphabet, size_t{0});
        QVERIFY(!options.lowercase);
        QCOMPARE(options.strip_accents, std::optional<bool>(true));
        QCOMPARE(options.special_tokens, (std::vector<std::string>{"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"}));

        // A dataset's split, remembered: the second of two, with its own split counts (not the first's).
        std::vector<bw::store::DatasetRecord> datasets(2);
        datasets[0].name = "first";
        datasets[0].row_counts = {{"train", 10}};
        datasets[1].name = "second";
        datasets[1].row_counts = {{"train", 20}, {"validation", 5}};
        {
            TrainVocabularyDialog chooser;
            chooser.setDatasets(QString(), datasets);
            QVERIFY(chooser.selectDataset(QStringLiteral("second"), QStringLiteral("validation")));
            chooser.reject();
        }
        TrainVocabularyDialog again;
        again.setDatasets(QString(), datasets);
        QVERIFY(again.learnsFromDataset());
        QCOMPARE(again.findChild<QComboBox*>("datasetCombo")->currentText(), QStringLiteral("second"));
        auto* splits = again.findChild<QComboBox*>("splitCombo");
        QCOMPARE(splits->count(), 2);
        QCOMPARE(splits->currentData().toString(), QStringLiteral("validation"));
        QVERIFY2(splits->currentText().startsWith(QStringLiteral("validation (5 row")), qPrintable(splits->currentText()));
    }

    // A checkpoint's folder names only its step ("checkpoint-40", which every run has): the page
    // names its run's folder too.
    void aCheckpointIsNamedWithItsRun() {
        const QString checkpoint = tmp_.filePath("runA/checkpoint-40");
        QVERIFY(QDir().mkpath(checkpoint));
        const QDir golden(bw::test::goldenModel("seqcls"));
        for (const QString& file : golden.entryList(QDir::Files)) QVERIFY(QFile::copy(golden.filePath(file), QDir(checkpoint).filePath(file)));
        Workspace workspace;
        workspace.setModelDir(checkpoint);
        TokenizerPage page(workspace);
        bw::test::showAndWaitForModel(page, workspace);
        QVERIFY2(page.tokenizerSource().startsWith(QStringLiteral("The model's tokenizer (runA/checkpoint-40)")),
                 qPrintable(page.tokenizerSource()));
    }

    void backToTheModelsTokenizer() {
        Workspace workspace;
        workspace.setModelDir(bw::test::goldenModel("seqcls"));
        TokenizerPage page(workspace);
        page.resize(1100, 700);
        bw::test::showAndWaitForModel(page, workspace);
        QVERIFY2(page.message().isEmpty(), qPrintable(page.message()));
        QCOMPARE(page.tokenizer()->vocab().size(), size_t{196});  // the golden model's
        QVERIFY(page.tokenizerSource().contains("model"));

        QVERIFY(page.showTokenizerDirectory(tmp_.filePath("english")));  // trained by trainsAndCloses
        QCOMPARE(page.tokenizer()->vocab().size(), size_t{800});
        QPushButton* use_model = nullptr;
        for (QPushButton* b : page.findChildren<QPushButton*>())
            if (b->text().contains("model's tokenizer")) use_model = b;
        QVERIFY(use_model && use_model->isVisible());
        QTest::mouseClick(use_model, Qt::LeftButton);
        QCOMPARE(page.tokenizer()->vocab().size(), size_t{196});
        QVERIFY(!use_model->isVisible());

        // Open a vocabulary…: a folder trained earlier, chosen in the file dialog.
        QTimer choosing;
        connect(&choosing, &QTimer::timeout, this, [&] {
            if (auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget())) {
                dialog->setDirectory(tmp_.filePath("english"));
                QMetaObject::invokeMethod(dialog, "accept");  // as its Choose button does
            }
        });
        choosing.start(20);
        page.openVocabularyAction()->trigger();
        choosing.stop();
        QCOMPARE(page.tokenizer()->vocab().size(), size_t{800});
        QVERIFY2(page.tokenizerSource().contains(tmp_.filePath("english")), qPrintable(page.tokenizerSource()));
        QTest::mouseClick(use_model, Qt::LeftButton);
        QCOMPARE(page.tokenizer()->vocab().size(), size_t{196});

        QVERIFY(!page.showTokenizerDirectory(tmp_.filePath("missing")));
        QVERIFY2(page.tokenizerSource().contains("Could not load"), qPrintable(page.tokenizerSource()));
        QCOMPARE(page.tokenizer()->vocab().size(), size_t{196});  // still the model's
    }
};

QTEST_MAIN(TestTrainVocabularyDialog)
#include "test_train_vocabulary_dialog.moc"
