// The playground shows the pipeline's own probabilities and fill-mask candidates, and says why
// when there is no model to try.
#include "core/analysis/bert_pipeline.h"
#include "gui_test_support.h"
#include "widgets/playground/playground_page.h"
#include "widgets/shared/probability_chart.h"
#include "widgets/workbench/workspace.h"

#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QtTest>

using namespace bw::gui;

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
        QVERIFY(page.summaryText().contains(QStringLiteral("BertForSequenceClassification")));
        QVERIFY(page.summaryText().contains(QStringLiteral("label_2")));
    }

    void fillMaskListsThePipelinesCandidates() {
        Workspace workspace;
        workspace.setModelDir(bw::test::goldenModel("pretraining"));
        PlaygroundPage page(workspace);
        bw::test::showAndWaitForModel(page, workspace);
        QVERIFY(page.canFillMask());
        QVERIFY(!page.canClassify());

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
            }
        }
        page.fillMask(QStringLiteral("no mask here"), 3);
        QCOMPARE(results->rowCount(), 0);
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
