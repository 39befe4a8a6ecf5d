// config.json parsing: Hugging Face defaults, validation with field names, round trip.
#include "core/model/bert_config.h"
#include "core/runtime/error.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QtTest>

using bw::model::BertConfig;
using nlohmann::json;

class TestBertConfig : public QObject {
    Q_OBJECT
private slots:
    void goldenConfig() {
        const auto c = BertConfig::fromFile(bw::test::fixture("golden/seqcls/config.json"));
        QCOMPARE(c.hidden_size, int64_t(32));
        QCOMPARE(c.num_hidden_layers, int64_t(2));
        QCOMPARE(c.num_attention_heads, int64_t(4));
        QCOMPARE(c.headDim(), int64_t(8));
        QCOMPARE(c.numLabels(), int64_t(3));
        QCOMPARE(c.labelName(2), std::string("label_2"));
        QCOMPARE(c.layer_norm_eps, 1e-12);
        QCOMPARE(c.architectures.front(), std::string("BertForSequenceClassification"));
    }

    void defaultsAreHuggingFaces() {
        const auto c = BertConfig::fromJson(json::object(), "config.json");
        QCOMPARE(c.vocab_size, int64_t(30522));
        QCOMPARE(c.hidden_size, int64_t(768));
        QCOMPARE(c.intermediate_size, int64_t(3072));
        QCOMPARE(c.max_position_embeddings, int64_t(512));
        QCOMPARE(c.hidden_act, std::string("gelu"));
        QCOMPARE(c.numLabels(), int64_t(2));
        QCOMPARE(c.labelName(1), std::string("LABEL_1"));
    }

    void numLabelsWithoutNames() {
        const auto c = BertConfig::fromJson({{"num_labels", 4}}, "config.json");
        QCOMPARE(c.numLabels(), int64_t(4));
        QCOMPARE(c.labelName(3), std::string("LABEL_3"));
    }

    void roundTripKeepsUnknownKeysAndWritesStringIds() {
        json in = bw::test::readJson(bw::test::fixture("golden/seqcls/config.json"));
        in["my_custom_field"] = "kept";
        in["problem_type"] = "multi_label_classification";
        const json out = BertConfig::fromJson(in, "config.json").toJson();
        QCOMPARE(out["my_custom_field"].get<std::string>(), std::string("kept"));
        QCOMPARE(out["id2label"]["1"].get<std::string>(), std::string("label_1"));
        QCOMPARE(out["label2id"]["label_1"].get<int>(), 1);
        QCOMPARE(out["problem_type"].get<std::string>(), std::string("multi_label_classification"));
        QCOMPARE(out["model_type"].get<std::string>(), std::string("bert"));
        QCOMPARE(BertConfig::fromJson(out, "x").toJson(), out);
    }

    void invalidFieldsAreNamed_data() {
        QTest::addColumn<QString>("config");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("heads") << R"({"hidden_size": 30, "num_attention_heads": 4})" << "does not divide hidden_size";
        QTest::newRow("type") << R"({"hidden_size": "big"})" << "'hidden_size' must be an integer";
        QTest::newRow("negative") << R"({"num_hidden_layers": -1})" << "'num_hidden_layers' must be a positive";
        QTest::newRow("activation") << R"({"hidden_act": "tanhh"})" << "'hidden_act'";
        QTest::newRow("dropout") << R"({"hidden_dropout_prob": 1.5})" << "'hidden_dropout_prob'";
        QTest::newRow("model_type") << R"({"model_type": "gpt2"})" << "only \"bert\"";
        QTest::newRow("id2label") << R"({"id2label": {"0": "a", "2": "b"}})" << "'id2label'";
        QTest::newRow("problem") << R"({"problem_type": "ranking"})" << "'problem_type'";
        QTest::newRow("position") << R"({"position_embedding_type": "relative_key"})" << "'position_embedding_type'";
        QTest::newRow("pad") << R"({"vocab_size": 10, "pad_token_id": 12})" << "'pad_token_id'";
        // Sizes no BERT has: refused before anything is allocated (fuzzing found 2e9 asking for 32 TB).
        QTest::newRow("vocabulary beyond") << R"({"vocab_size": 2000000000})" << "'vocab_size' is 2000000000; at most 4000000";
        QTest::newRow("layers beyond") << R"({"num_hidden_layers": 5000})" << "'num_hidden_layers' is 5000; at most 1024";
        // Each size within bounds, the whole not: 52,783,759 million parameters (by hand, as
        // BertModel counts them: 109,482,240 for bert-base), 211,135 GB.
        QTest::newRow("parameters beyond")
            << R"({"hidden_size": 65536, "num_attention_heads": 64, "num_hidden_layers": 1024, "intermediate_size": 262144})"
            << "would have 52783759 million parameters (211135 GB in float32); at most 50 billion";
        // Whole floats are integers, but no cast happens outside int64's range (found by fuzz_model_files).
        QTest::newRow("float beyond int64") << R"({"vocab_size": 1e300})" << "'vocab_size' must be an integer";
        QTest::newRow("fraction") << R"({"hidden_size": 2.5})" << "'hidden_size' must be an integer";
    }

    // A number beyond a double is a JSON error named with the file, not an escaping exception.
    void numberBeyondDoubleIsNamed() {
        QTemporaryDir dir;
        const auto path = bw::test::writeBytes(dir.path().toStdString(), "config.json", R"({"hidden_size": 1e400})");
        const std::string message = bw::test::errorOf([&] { BertConfig::fromFile(path); });
        QVERIFY2(message.rfind(path.string() + ": not valid JSON: ", 0) == 0, message.c_str());
        QVERIFY2(message.find("number overflow") != std::string::npos, message.c_str());
        // In people's words: the library's "[json.exception.out_of_range.406]" tag is left out, as
        // for a file cut short (where and what is kept).
        QVERIFY2(message.find("[json.exception") == std::string::npos, message.c_str());
        const auto cut = bw::test::writeBytes(dir.path().toStdString(), "cut.json", "{\"hidden_size\": 64,\n");
        const std::string cut_message = bw::test::errorOf([&] { BertConfig::fromFile(cut); });
        QVERIFY2(cut_message.rfind(cut.string() + ": not valid JSON: parse error at line 2, column 1", 0) == 0,
                 cut_message.c_str());
    }

    void invalidFieldsAreNamed() {
        QFETCH(QString, config);
        QFETCH(QString, fragment);
        const std::string message =
            bw::test::errorOf([&] { BertConfig::fromJson(json::parse(config.toStdString()), "config.json"); });
        QVERIFY2(message.find(fragment.toStdString()) != std::string::npos, message.c_str());
        QVERIFY(message.rfind("config.json:", 0) == 0);
    }

    void wholeFloatsAreIntegers() {
        QCOMPARE(BertConfig::fromJson(json::parse(R"({"vocab_size": 3.0e2})"), "config.json").vocab_size, int64_t{300});
    }

    void presets() {
        QCOMPARE(BertConfig::preset("tiny").hidden_size, int64_t(128));
        QCOMPARE(BertConfig::preset("mini").num_hidden_layers, int64_t(4));
        QCOMPARE(BertConfig::preset("base").intermediate_size, int64_t(3072));
        QVERIFY_THROWS_EXCEPTION(bw::Error, BertConfig::preset("huge"));
    }
};

QTEST_APPLESS_MAIN(TestBertConfig)
#include "test_bert_config.moc"
