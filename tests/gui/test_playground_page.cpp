// The playground shows the pipeline's own probabilities and fill-mask candidates, says why when
// there is no model to try, and asks for the second sentence of a model trained on pairs.
#include "core/analysis/bert_pipeline.h"
#include "core/store/dataset_import.h"
#include "core/store/experiment_store.h"
#include "core/train/quickstart.h"
#include "core/train/training_job.h"
#include "gui_test_support.h"
#include "widgets/playground/playground_page.h"
#include "widgets/shared/probability_chart.h"
#include "widgets/workbench/workspace.h"

#include <QDir>
#include <QFile>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

using namespace bw::gui;
namespace fs = std::filesystem;

class TestPlaygroundPage : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { bw::test::isolateSettings("test_playground_page"); }

    void probabilitiesAreThePipelines() {
        Workspace workspace;
        workspace.setModelDir(bw::test::goldenModel("seqcls"));
        PlaygroundPage page(workspace);
        bw::test::showAndWaitForModel(page, workspace);
        QVERIFY2(page.message().isEmpty(), qPrintable(page.message()));
        QVERIFY(page.canClassify());
        QVERIFY(!page.canFillMask());

        const auto pipeline = bw::analysis::BertPipeline::open(bw::test::goldenModel("seqcls").toStdString());
        for (const auto& [text, pair] : std::vector<std::pair<std::string, std::string>>{
                 {"it 's a charming and often affecting journey .", ""}, {"the cat sat on the mat", "a dog sat on it"}}) {
            page.classify(QString::fromStdString(text), QString::fromStdString(pair));
            bw::text::TextInput input{text, std::nullopt};
            if (!pair.empty()) input.text_pair = pair;
            const bw::analysis::Prediction expected = pipeline->predict({input}).at(0);
            const std::vector<double> shown = page.probabilityChart()->barValues();
            QCOMPARE(shown.size(), expected.probabilities.values.size());
            for (size_t i = 0; i < shown.size(); ++i)
                QCOMPARE(static_cast<float>(shown[i]), expected.probabilities.values[i]);
            QCOMPARE(page.probabilityChart()->labels(),
                     (QStringList{QStringLiteral("label_0"), QStringLiteral("label_1"), QStringLiteral("label_2")}));
            QVERIFY2(page.predictionText().contains(QString::fromStdString(expected.labels.at(0))), qPrintable(page.predictionText()));
        }
        QVERIFY(page.truncationNote().isEmpty());

        // A text longer than the model reads: the prediction is of its first tokens, and the page says so.
        std::string long_text;
        for (int i = 0; i < 700; ++i) long_text += "word" + std::to_string(i % 7) + " ";
        page.classify(QString::fromStdString(long_text), {});
        const bw::analysis::Prediction cut = pipeline->predict({{long_text, std::nullopt}}).at(0);
        QVERIFY(cut.encoding.truncated);
        QVERIFY2(page.truncationNote().contains(QStringLiteral("first %1 token").arg(cut.encoding.size())),
                 qPrintable(page.truncationNote()));
        page.classify(QStringLiteral("short again"), {});
        QVERIFY(page.truncationNote().isEmpty());
        // An empty text is not classified (it gave a prediction for [CLS] [SEP] without a word).
        page.classify(QStringLiteral("  "), {});
        QVERIFY2(page.predictionText().startsWith(QStringLiteral("Type a text first")), qPrintable(page.predictionText()));
        QVERIFY(page.probabilityChart()->barValues().empty());
        QVERIFY(page.summaryText().contains(QStringLiteral("BertForSequenceClassification")));
        QVERIFY(page.summaryText().contains(QStringLiteral("label_2")));
    }

    // With the workspace's int8 switch on, the page shows the int8 pipeline's probabilities (which
    // differ from float32's in the last digits).
    void int8ShowsTheQuantizedPipelines() {
        Workspace workspace;
        workspace.setModelDir(bw::test::goldenModel("seqcls"));
        workspace.setInt8Inference(true);
        PlaygroundPage page(workspace);
        bw::test::showAndWaitForModel(page, workspace);
        QVERIFY2(page.message().isEmpty(), qPrintable(page.message()));
        const std::string model = bw::test::goldenModel("seqcls").toStdString();
        bw::analysis::PipelineOptions options;
        options.int8 = true;
        const auto int8 = bw::analysis::BertPipeline::open(model, options);
        const auto float32 = bw::analysis::BertPipeline::open(model);
        const std::string text = "it 's a charming and often affecting journey .";
        page.classify(QString::fromStdString(text), QString());
        const bw::text::TextInput input{text, std::nullopt};
        const std::vector<float> expected = int8->predict({input}).at(0).probabilities.values;
        const std::vector<float> exact = float32->predict({input}).at(0).probabilities.values;
        const std::vector<double> shown = page.probabilityChart()->barValues();
        QCOMPARE(shown.size(), expected.size());
        bool differs = false;
        for (size_t i = 0; i < shown.size(); ++i) {
            QCOMPARE(static_cast<float>(shown[i]), expected[i]);
            differs = differs || expected[i] != exact[i];
        }
        QVERIFY(differs);
        QVERIFY2(page.summaryText().contains(QStringLiteral("int8 (dynamic quantization)")), qPrintable(page.summaryText()));
        // A picture for a human to look at: BW_SCREENSHOT_DIR=/tmp/shots-playground.
        if (const QString out = qEnvironmentVariable("BW_SCREENSHOT_DIR"); !out.isEmpty() && QDir().mkpath(out)) {
            page.resize(1000, 600);
            QTest::qWait(50);
            QVERIFY(page.grab().save(out + QStringLiteral("/playground-int8.png")));
        }
    }

    // A tagger (two steps of token classification from the bundled model on a CoNLL slice): a row
    // per token of the text with the pipeline's label, [CLS] and [SEP] left out as pipeline("ner")
    // leaves them (they were listed, labelled O).
    void taggingListsTheTextsTokens() {
        QTemporaryDir dir;
        const std::string db = dir.filePath(QStringLiteral("tagger.sqlite")).toStdString();
        {
            auto store = bw::store::ExperimentStore::open(db);
            bw::store::ImportRequest conll;
            conll.input = BW_FIXTURES_DIR "/data/conll2003_train_head40.txt";
            conll.name = "conll";
            conll.format = bw::data::DataFormat::Conll;
            bw::store::importDataset(store, conll);
        }
        bw::train::TrainingRequest request;
        request.db = db;
        request.model_dir = bw::train::findBundledModel();
        request.task = "token-classification";
        request.dataset = "conll";
        request.output_dir = dir.filePath(QStringLiteral("out")).toStdString();
        request.args.max_steps = 2;
        request.args.evaluation_strategy = "no";
        request.args.save_strategy = "steps";
        request.args.save_steps = 2;
        const std::string checkpoint = bw::train::runTraining(request).last_checkpoint;
        QVERIFY(!checkpoint.empty());

        Workspace workspace;
        workspace.setModelDir(QString::fromStdString(checkpoint));
        PlaygroundPage page(workspace);
        bw::test::showAndWaitForModel(page, workspace);
        const std::string text = "Angela Merkel visited Washington .";
        page.classify(QString::fromStdString(text), {});
        const bw::analysis::Prediction expected =
            bw::analysis::BertPipeline::open(checkpoint)->predict({bw::text::TextInput{text, std::nullopt}}).at(0);
        QStringList tokens, labels;
        for (size_t i = 0; i < expected.encoding.size(); ++i) {
            if (expected.encoding.special_tokens_mask[i]) continue;
            tokens << QString::fromStdString(expected.encoding.tokens[i]);
            labels << QString::fromStdString(expected.labels[i]);
        }
        QVERIFY(tokens.size() >= 5 && !tokens.contains(QStringLiteral("[CLS]")));
        const QStandardItemModel* shown = page.tokenLabels();
        QCOMPARE(shown->rowCount(), tokens.size());
        for (int r = 0; r < shown->rowCount(); ++r) {
            QCOMPARE(shown->item(r, 0)->text(), tokens[r]);
            QCOMPARE(shown->item(r, 1)->text(), labels[r]);
        }
    }

    void fillMaskListsThePipelinesCandidates() {
        Workspace workspace;
        workspace.setModelDir(bw::test::goldenModel("pretraining"));
        PlaygroundPage page(workspace);
        bw::test::showAndWaitForModel(page, workspace);
        QVERIFY(page.canFillMask());
        QVERIFY(!page.canClassify());
        // No classification head: config.json's LABEL_0/LABEL_1 are Hugging Face's defaults, not classes.
        QVERIFY2(page.summaryText().contains(QStringLiteral("none: no classification head")), qPrintable(page.summaryText()));
        QVERIFY(!page.summaryText().contains(QStringLiteral("LABEL_0")));

        const std::string text = "the cat sat on the [MASK] . the [MASK] was brown";
        page.fillMask(QString::fromStdString(text), 4);
        const auto pipeline = bw::analysis::BertPipeline::open(bw::test::goldenModel("pretraining").toStdString());
        const std::vector<bw::analysis::MaskFill> expected = pipeline->fillMask(text, 4);
        QStandardItemModel* results = page.maskResults();
        QCOMPARE(results->rowCount(), 2);
        for (int m = 0; m < 2; ++m) {
            QStandardItem* mask = results->item(m, 0);
            QCOMPARE(mask->rowCount(), 4);
            for (int k = 0; k < 4; ++k) {
                const auto& candidate = expected[static_cast<size_t>(m)].candidates[static_cast<size_t>(k)];
                QCOMPARE(mask->child(k, 0)->text(), QString::fromStdString(candidate.token));
                QCOMPARE(mask->child(k, 1)->text().toInt(), candidate.id);
                QCOMPARE(mask->child(k, 2)->data(Qt::UserRole).toFloat(), candidate.score);
                QCOMPARE(mask->child(k, 3)->text(), QString::fromStdString(candidate.sequence));
            }
            // Counted from 1 as a reader counts masks; the model's token index in the tooltip.
            QCOMPARE(mask->text(), QStringLiteral("[MASK] %1 of 2").arg(m + 1));
            QVERIFY2(mask->toolTip().startsWith(QStringLiteral("Token %1 of").arg(expected[static_cast<size_t>(m)].position)),
                     qPrintable(mask->toolTip()));
        }
        QCOMPARE(results->headerData(3, Qt::Horizontal).toString(), QStringLiteral("Text with it"));
        page.fillMask(QStringLiteral("no mask here"), 3);
        QCOMPARE(results->rowCount(), 0);
        QVERIFY2(page.maskNote().startsWith(QStringLiteral("the text has no [MASK] to fill")), qPrintable(page.maskNote()));

        // Past the model's limit: a [MASK] cut off is said to be (it once read "the text has no
        // [MASK]"), and one within it is filled with a note that the text was cut.
        QString long_text;
        for (int i = 0; i < 600; ++i) long_text += QStringLiteral("word ");
        page.fillMask(long_text + QStringLiteral("the [MASK] ."), 3);
        QCOMPARE(results->rowCount(), 0);
        QVERIFY2(page.maskNote().contains(QStringLiteral("lies past the first")), qPrintable(page.maskNote()));
        page.fillMask(QStringLiteral("the [MASK] . ") + long_text, 3);
        QCOMPARE(results->rowCount(), 1);
        QCOMPARE(results->item(0, 0)->text(), QStringLiteral("[MASK]"));  // the only one
        QVERIFY2(page.maskNote().startsWith(QStringLiteral("The text is longer than the model reads")), qPrintable(page.maskNote()));
        page.fillMask(QString::fromStdString(text), 4);
        QVERIFY(page.maskNote().isEmpty());
    }

    // A classifier that a run of the workspace trained on sentence pairs (a checkpoint of the run, or
    // its export) asks for the second sentence while it is empty; config.json alone cannot tell.
    void aSentencePairModelAsksForTheSecondSentence() {
        QTemporaryDir dir;
        const QString store_path = dir.filePath(QStringLiteral("workspace.sqlite"));
        const fs::path runs = fs::path(dir.path().toStdString()) / "runs";
        const fs::path checkpoint = runs / "pairs-run" / "checkpoint-8";
        const fs::path exported = fs::path(dir.path().toStdString()) / "exported" / "pairs-model";
        for (const fs::path& copy : {checkpoint, exported}) {
            fs::create_directories(copy);
            fs::copy(bw::test::goldenModel("seqcls").toStdString(), copy, fs::copy_options::recursive);
        }
        {
            auto store = bw::store::ExperimentStore::open(store_path.toStdString());
            QFile tsv(dir.filePath(QStringLiteral("pairs.tsv")));
            QVERIFY(tsv.open(QIODevice::WriteOnly));
            tsv.write("sentence1\tsentence2\tlabel\nA man plays a guitar.\tSomeone plays music.\t1\n"
                      "A cat sleeps.\tThe market fell.\t0\n");
            tsv.close();
            bw::store::ImportRequest request;
            request.input = tsv.fileName().toStdString();
            request.name = "pairs";
            const bw::store::ImportSummary imported = bw::store::importDataset(store, request);
            bw::store::RunRecord spec;
            spec.name = "pairs-run";
            spec.task = "sequence-classification";
            spec.output_dir = (runs / "pairs-run").string();
            spec.dataset_id = imported.dataset.id;
            const int64_t run = store.createRun(spec).id;
            store.addArtifact(run, "exported-model", exported.string());
        }
        Workspace workspace;
        QVERIFY(workspace.openStore(store_path, nullptr));
        workspace.setModelDir(QString::fromStdString(checkpoint.string()));
        PlaygroundPage page(workspace);
        bw::test::showAndWaitForModel(page, workspace);
        QVERIFY(page.readsPairs());
        page.classify(QStringLiteral("A man plays a guitar."));
        QVERIFY2(page.pairWarning().contains(QStringLiteral("trained this model on sentence pairs")), qPrintable(page.pairWarning()));
        QVERIFY2(page.pairWarning().contains(QStringLiteral("“pairs-run”")), qPrintable(page.pairWarning()));
        page.classify(QStringLiteral("A man plays a guitar."), QStringLiteral("Someone plays music."));
        QVERIFY(page.pairWarning().isEmpty());

        // Its export too; a classifier no run of the workspace made reads what it is given.
        workspace.setModelDir(QString::fromStdString(exported.string()));
        QVERIFY(bw::test::waitForModel(workspace));
        QTRY_VERIFY(page.readsPairs());
        page.classify(QStringLiteral("A cat sleeps."));
        QVERIFY(!page.pairWarning().isEmpty());
        workspace.setModelDir(bw::test::goldenModel("seqcls"));
        QVERIFY(bw::test::waitForModel(workspace));
        QTRY_VERIFY(!page.readsPairs());
        page.classify(QStringLiteral("A cat sleeps."));
        QVERIFY(page.pairWarning().isEmpty());
    }

    void explainsWhyThereIsNothingToTry() {
        Workspace workspace;
        PlaygroundPage page(workspace);
        bw::test::showAndWaitForModel(page, workspace);
        QVERIFY(page.message().contains(QStringLiteral("No model")));

        // A folder whose config is broken: the load error is shown, with the file it is about.
        QTemporaryDir dir;
        QFile config(dir.filePath(QStringLiteral("config.json")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("{\"model_type\": \"bert\", \"hidden_size\": ");
        config.close();
        workspace.setModelDir(dir.path());
        QVERIFY(bw::test::waitForModel(workspace));
        QVERIFY2(page.message().contains(QStringLiteral("could not be loaded")), qPrintable(page.message()));
        QVERIFY2(page.message().contains(dir.path()), qPrintable(page.message()));
        QVERIFY(!page.canClassify());
    }
};

QTEST_MAIN(TestPlaygroundPage)
#include "test_playground_page.moc"
