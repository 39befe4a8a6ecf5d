// The model against Hugging Face's original BERT code: the golden outputs of a sequence
// classification model and a pre-training model, loaded from each weight format.
#include "core/analysis/bert_pipeline.h"
#include "core/runtime/error.h"
#include "test_support.h"
#include "tests/support/golden_parity.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using bw::analysis::BertPipeline;
using bw::analysis::FloatArray;
using nlohmann::json;

namespace {

constexpr double kTolerance = 1e-4;

// Forces the pipeline's GEMM path (BERTWORK_GEMM) while it lives; skips the oneDNN rows of a build
// without oneDNN.
struct GemmPath {
    std::string name;
    explicit GemmPath(const QString& gemm) : name(gemm.toStdString()) { qputenv("BERTWORK_GEMM", QByteArray::fromStdString(name)); }
    ~GemmPath() { qunsetenv("BERTWORK_GEMM"); }
    // Every encoder GEMM of the pipeline took this path.
    void verifyTakenBy(const BertPipeline& pipeline) const {
        const json& gemm = pipeline.summary().gemm;
        if (name == "onednn" && gemm.empty()) QSKIP("this build has no oneDNN");
        QCOMPARE(gemm.size(), size_t{6});  // query+key+value, then the last layer's query and key+value apart
        for (const json& shape : gemm) QCOMPARE(shape.at("path").get<std::string>(), name);
    }
};

}  // namespace

class TestModelParity : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;

    std::filesystem::path copyOf(const std::string& golden, const std::string& weights) {
        return bw::test::copyWithOnlyWeights(bw::test::fixture("golden/" + golden), weights,
                                             std::filesystem::path(tmp_.path().toStdString()) / golden / weights);
    }

    std::unique_ptr<BertPipeline> open(const char* golden, const char* weights) {
        return BertPipeline::open(copyOf(golden, weights));
    }

    // Every golden case, every output named, within kTolerance on the CPU (tests/device/device_check
    // runs the same comparison on a GPU).
    void expectGoldenOutputs(const std::string& golden, const std::string& weights, const std::vector<std::string>& outputs) {
        const bw::test::GoldenParity parity = bw::test::compareWithGolden(
            golden, copyOf(golden, weights), bw::test::fixture("golden/" + golden + "/expected_outputs.json"), "cpu");
        QVERIFY2(parity.mismatch.empty(), parity.mismatch.c_str());
        QCOMPARE(parity.cases, size_t{11});  // every golden case, none skipped
        for (const std::string& output : outputs) {
            QVERIFY2(parity.max_error.count(output), output.c_str());
            QVERIFY2(parity.max_error.at(output) < kTolerance,
                     qPrintable(QString("%1: %2").arg(output.c_str()).arg(parity.max_error.at(output))));
        }
    }

private slots:
    // Each weight format, and each GEMM path the pipeline can take on the CPU: LibTorch's Linear
    // (BLAS) and oneDNN with prepacked weights and fused epilogues (core/model/packed_linear.h),
    // forced with BERTWORK_GEMM so that both are checked whichever this machine's timing picks.
    void sequenceClassification_data() {
        QTest::addColumn<QString>("weights");
        QTest::addColumn<QString>("gemm");
        for (const char* gemm : {"blas", "onednn"}) {
            QTest::newRow(qPrintable(QString("safetensors, %1").arg(gemm))) << "model.safetensors" << gemm;
            QTest::newRow(qPrintable(QString("pytorch_model.bin, %1").arg(gemm))) << "pytorch_model.bin" << gemm;
        }
    }

    void sequenceClassification() {
        QFETCH(QString, weights);
        QFETCH(QString, gemm);
        const GemmPath path(gemm);
        auto pipeline = open("seqcls", weights.toUtf8().constData());
        QVERIFY(pipeline->summary().report.clean());
        QCOMPARE(pipeline->summary().task, std::string("sequence-classification"));
        path.verifyTakenBy(*pipeline);
        expectGoldenOutputs("seqcls", weights.toStdString(), {"logits", "hidden", "pooler", "attentions"});
    }

    void preTraining_data() { sequenceClassification_data(); }

    void preTraining() {
        QFETCH(QString, weights);
        QFETCH(QString, gemm);
        const GemmPath path(gemm);
        auto pipeline = open("pretraining", weights.toUtf8().constData());
        QVERIFY(pipeline->summary().report.clean());
        QCOMPARE(pipeline->summary().task, std::string("pretraining"));
        path.verifyTakenBy(*pipeline);
        expectGoldenOutputs("pretraining", weights.toStdString(), {"hidden", "pooler", "nsp", "mlm_top5_logits"});
    }

    void fillMaskRanksTheMaskedPosition() {
        auto pipeline = open("pretraining", "model.safetensors");
        const auto fills = pipeline->fillMask("it 's a [MASK] journey .", 3);
        QCOMPARE(fills.size(), size_t(1));
        QCOMPARE(fills[0].position, int64_t(5));  // [CLS] it ' s a [MASK]
        QCOMPARE(fills[0].candidates.size(), size_t(3));
        QVERIFY(fills[0].candidates[0].score >= fills[0].candidates[1].score);
        // The same top ids as the raw masked-LM logits at that position.
        bw::analysis::PredictOptions options;
        options.top_k = 3;
        const auto p = pipeline->predict({{"it 's a [MASK] journey .", std::nullopt}}, options);
        for (int k = 0; k < 3; ++k) QCOMPARE(fills[0].candidates[k].id, p[0].mlm_top_ids[5][k]);
        // Each candidate's sequence, written out by tokenizers' WordPiece decoder rule: tokens joined
        // by spaces, a "##" piece glued to the one before, " ." closed up.
        for (const auto& candidate : fills[0].candidates) {
            const std::string& t = candidate.token;
            const std::string expected = t.rfind("##", 0) == 0 ? "it ' s a" + t.substr(2) + " journey." : "it ' s a " + t + " journey.";
            QCOMPARE(candidate.sequence, expected);
        }
        // With two masks, the other one stays a [MASK].
        const auto two = pipeline->fillMask("[MASK] was a [MASK] journey .", 1);
        QCOMPARE(two.size(), size_t(2));
        QCOMPARE(two[0].candidates[0].sequence, two[0].candidates[0].token + " was a [MASK] journey.");
        QVERIFY(two[0].candidates[0].token.rfind("##", 0) != 0);
    }

    // Without top-k, a pretraining model skips its vocabulary logits (and, with nothing else to
    // read, every position but [CLS]); the NSP logits stay Hugging Face's.
    void nextSentenceLogitsWithoutTheVocabulary() {
        auto pipeline = open("pretraining", "model.safetensors");
        const json expected = bw::test::readJson(bw::test::fixture("golden/pretraining/expected_outputs.json"));
        std::vector<bw::text::TextInput> inputs;
        for (const json& c : expected["cases"])
            inputs.push_back({c["text"].get<std::string>(), c["text_pair"].is_null()
                                                                ? std::nullopt
                                                                : std::optional<std::string>(c["text_pair"].get<std::string>())});
        bw::analysis::PredictOptions options;
        options.batch_size = 4;
        const auto predictions = pipeline->predict(inputs, options);
        QCOMPARE(predictions.size(), expected["cases"].size());
        for (size_t i = 0; i < predictions.size(); ++i) {
            QVERIFY(predictions[i].mlm_top_ids.empty());
            const auto golden = expected["cases"][i]["nsp_logits"].get<std::vector<float>>();
            QCOMPARE(predictions[i].nsp_logits.values.size(), golden.size());
            for (size_t k = 0; k < golden.size(); ++k)
                QVERIFY2(std::abs(predictions[i].nsp_logits.values[k] - golden[k]) < kTolerance,
                         qPrintable(QString("case %1: %2 against %3").arg(i).arg(predictions[i].nsp_logits.values[k]).arg(golden[k])));
        }
    }

    void fillMaskNeedsAMaskedLmHead() {
        auto pipeline = open("seqcls", "model.safetensors");
        QVERIFY_THROWS_EXCEPTION(bw::Error, pipeline->fillMask("a [MASK] b", 5));
    }

    void longInputsAreTruncatedToThePositions() {
        auto pipeline = open("seqcls", "model.safetensors");
        std::string text;
        for (int i = 0; i < 300; ++i) text += "journey ";
        const auto p = pipeline->predict({{text, std::nullopt}});
        QCOMPARE(p[0].encoding.size(), size_t(128));  // max_position_embeddings of the golden config
        QVERIFY(p[0].encoding.truncated);
    }
};

QTEST_GUILESS_MAIN(TestModelParity)
#include "test_model_parity.moc"
