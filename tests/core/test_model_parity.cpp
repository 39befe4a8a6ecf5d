// The model against Hugging Face's original BERT code: the golden outputs of a sequence
// classification model and a pre-training model, loaded from each weight format.
#include "core/analysis/bert_pipeline.h"
#include "core/runtime/error.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using bw::analysis::BertPipeline;
using bw::analysis::FloatArray;
using nlohmann::json;

namespace {

constexpr double kTolerance = 1e-4;

void flatten(const json& value, std::vector<double>& out) {
    if (value.is_array())
        for (const json& v : value) flatten(v, out);
    else
        out.push_back(value.get<double>());
}

// Compares a nested JSON array with our flat array of the same shape; returns the largest error.
double maxAbsDiff(const json& expected, const FloatArray& actual, const char* what) {
    std::vector<double> flat;
    flatten(expected, flat);
    if (flat.size() != actual.values.size()) {
        QTest::qFail(qPrintable(QString("%1: %2 values expected, got %3").arg(what).arg(flat.size()).arg(actual.values.size())),
                     __FILE__, __LINE__);
        return INFINITY;
    }
    double worst = 0;
    for (size_t i = 0; i < flat.size(); ++i) worst = std::max(worst, std::abs(flat[i] - actual.values[i]));
    return worst;
}

std::vector<bw::text::TextInput> inputsOf(const json& cases) {
    std::vector<bw::text::TextInput> inputs;
    for (const json& c : cases)
        inputs.push_back({c["text"].get<std::string>(),
                          c["text_pair"].is_null() ? std::nullopt : std::optional<std::string>(c["text_pair"].get<std::string>())});
    return inputs;
}

}  // namespace

class TestModelParity : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;

    std::unique_ptr<BertPipeline> open(const char* golden, const char* weights) {
        auto dir = bw::test::copyWithOnlyWeights(bw::test::fixture(std::string("golden/") + golden), weights,
                                                 std::filesystem::path(tmp_.path().toStdString()) / golden / weights);
        return BertPipeline::open(dir);
    }

private slots:
    void sequenceClassification_data() {
        QTest::addColumn<QString>("weights");
        QTest::newRow("safetensors") << "model.safetensors";
        QTest::newRow("pytorch_model.bin") << "pytorch_model.bin";
    }

    void sequenceClassification() {
        QFETCH(QString, weights);
        auto pipeline = open("seqcls", weights.toUtf8().constData());
        QVERIFY(pipeline->summary().report.clean());
        QCOMPARE(pipeline->summary().task, std::string("sequence-classification"));

        const json golden = bw::test::readJson(bw::test::fixture("golden/seqcls/expected_outputs.json"));
        bw::analysis::PredictOptions options;
        options.output_hidden_states = true;
        options.output_attentions = true;
        options.batch_size = 4;  // mixes lengths in one batch, so padding must not change results
        const auto predictions = pipeline->predict(inputsOf(golden["cases"]), options);
        QCOMPARE(predictions.size(), golden["cases"].size());
        for (size_t i = 0; i < predictions.size(); ++i) {
            const json& c = golden["cases"][i];
            const auto& p = predictions[i];
            QCOMPARE(p.encoding.tokens, c["tokens"].get<std::vector<std::string>>());
            QCOMPARE(p.encoding.ids, c["input_ids"].get<std::vector<int32_t>>());
            QCOMPARE(p.encoding.type_ids, c["token_type_ids"].get<std::vector<int32_t>>());
            QVERIFY2(maxAbsDiff(c["logits"], p.logits, "logits") < kTolerance, c["text"].get<std::string>().c_str());
            QVERIFY(maxAbsDiff(c["last_hidden_state"], p.last_hidden_state, "hidden") < kTolerance);
            QVERIFY(maxAbsDiff(c["pooler_output"], p.pooler_output, "pooler") < kTolerance);
            QVERIFY(maxAbsDiff(c["attentions"], p.attentions, "attentions") < kTolerance);
            QCOMPARE(p.labels.size(), size_t(1));
        }
    }

    void preTraining_data() { sequenceClassification_data(); }

    void preTraining() {
        QFETCH(QString, weights);
        auto pipeline = open("pretraining", weights.toUtf8().constData());
        QVERIFY(pipeline->summary().report.clean());
        QCOMPARE(pipeline->summary().task, std::string("pretraining"));

        const json golden = bw::test::readJson(bw::test::fixture("golden/pretraining/expected_outputs.json"));
        bw::analysis::PredictOptions options;
        options.output_hidden_states = true;
        options.top_k = 5;
        const auto predictions = pipeline->predict(inputsOf(golden["cases"]), options);
        QCOMPARE(predictions.size(), golden["cases"].size());  // every case checked, none skipped
        QCOMPARE(predictions.size(), size_t{11});
        for (size_t i = 0; i < predictions.size(); ++i) {
            const json& c = golden["cases"][i];
            const auto& p = predictions[i];
            QCOMPARE(p.encoding.ids, c["input_ids"].get<std::vector<int32_t>>());
            QVERIFY(maxAbsDiff(c["last_hidden_state"], p.last_hidden_state, "hidden") < kTolerance);
            QVERIFY(maxAbsDiff(c["pooler_output"], p.pooler_output, "pooler") < kTolerance);
            QVERIFY(maxAbsDiff(c["nsp_logits"], p.nsp_logits, "nsp") < kTolerance);
            const auto top_ids = c["mlm_top5_ids"].get<std::vector<std::vector<int32_t>>>();
            QCOMPARE(p.mlm_top_ids, top_ids);
            const auto top_logits = c["mlm_top5_logits"].get<std::vector<std::vector<double>>>();
            QCOMPARE(p.mlm_top_logits.size(), top_logits.size());  // one row of five per position
            for (size_t s = 0; s < top_logits.size(); ++s)
                for (size_t k = 0; k < 5; ++k) QVERIFY(std::abs(top_logits[s][k] - p.mlm_top_logits[s][k]) < kTolerance);
        }
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
