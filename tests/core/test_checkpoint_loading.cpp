// Loading checkpoints into task models the way from_pretrained does, the load report, saving a
// whole Hugging Face directory, and the errors bad model directories must give.
#include "core/io/checkpoint_files.h"
#include "core/io/model_directory.h"
#include "core/io/safetensors.h"
#include "core/runtime/error.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

namespace fs = std::filesystem;
using namespace bw;

namespace {

torch::Tensor logitsOf(io::LoadedModel& loaded, const std::string& text) {
    const text::Encoding e = loaded.tokenizer->encode(text);
    model::EncoderRequest request;
    request.input_ids = torch::tensor(std::vector<int64_t>(e.ids.begin(), e.ids.end())).unsqueeze(0);
    torch::NoGradGuard no_grad;
    auto out = loaded.model->forward(request);
    return out.logits.defined() ? out.logits : out.last_hidden_state;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

void writeText(const fs::path& path, const std::string& content) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
}

// Expects loadModelDirectory to fail with a message containing every fragment.
void expectLoadError(const fs::path& dir, std::initializer_list<const char*> fragments,
                     const io::ModelLoadOptions& options = {}) {
    try {
        io::loadModelDirectory(dir, options);
    } catch (const Error& e) {
        const std::string message = e.what();
        for (const char* fragment : fragments)
            QVERIFY2(message.find(fragment) != std::string::npos, (message + "  [missing: " + fragment + "]").c_str());
        return;
    }
    QFAIL("expected bw::Error");
}

}  // namespace

class TestCheckpointLoading : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    int counter_ = 0;

    fs::path golden(const char* name, const char* weights = "model.safetensors") {
        return test::copyWithOnlyWeights(test::fixture(std::string("golden/") + name), weights, scratch());
    }
    fs::path scratch() { return fs::path(tmp_.path().toStdString()) / ("d" + std::to_string(counter_++)); }

private slots:
    void goldenLoadsClean() {
        auto loaded = io::loadModelDirectory(golden("seqcls"));
        QVERIFY(loaded.report.clean());
        QCOMPARE(loaded.report.weight_files, std::vector<std::string>{"model.safetensors"});
        QCOMPARE(loaded.report.stored_dtype, std::string("F32"));
    }

    void binIgnoresTheTiedDecoderWeight() {
        auto loaded = io::loadModelDirectory(golden("pretraining", "pytorch_model.bin"));
        QVERIFY(loaded.report.clean());
        QVERIFY(contains(loaded.report.ignored, "cls.predictions.decoder.weight"));
    }

    void missingHeadIsAnErrorUnlessAsked() {
        const fs::path dir = golden("pretraining");
        io::ModelLoadOptions as_classifier;
        as_classifier.task = model::BertTask::SequenceClassification;
        expectLoadError(dir, {"classifier.weight", "--init-new-heads"}, as_classifier);

        as_classifier.init_new_heads = true;
        auto loaded = io::loadModelDirectory(dir, as_classifier);
        QVERIFY(contains(loaded.report.newly_initialized, "classifier.weight"));
        QVERIFY(contains(loaded.report.missing, "classifier.bias"));
        QVERIFY(contains(loaded.report.unexpected, "cls.seq_relationship.weight"));
        // The encoder came from the checkpoint: its hidden states equal the pretraining model's.
        auto reference = io::loadModelDirectory(dir, io::ModelLoadOptions::forTask(model::BertTask::Base, false));
        model::EncoderRequest request;
        request.input_ids = torch::tensor({{11, 18, 155, 13}});
        torch::NoGradGuard no_grad;
        QVERIFY(torch::allclose(loaded.model->forward(request).last_hidden_state,
                                reference.model->forward(request).last_hidden_state));
    }

    void baseCheckpointLoadsIntoATaskModel() {
        // A BertModel checkpoint: no "bert." prefix, no heads.
        const fs::path dir = golden("seqcls");
        io::TensorMap base;
        for (auto& [name, tensor] : io::readSafetensors(dir / "model.safetensors").tensors)
            if (name.rfind("bert.", 0) == 0) base[name.substr(5)] = tensor;
        io::writeSafetensors(dir / "model.safetensors", base);
        expectLoadError(dir, {"classifier.weight"});
        auto loaded = io::loadModelDirectory(dir, io::ModelLoadOptions::forTask(std::nullopt, true));
        QCOMPARE(loaded.report.renamed.size(), size_t(1));
        QVERIFY(loaded.report.unexpected.empty());
        QCOMPARE(loaded.report.newly_initialized, (std::vector<std::string>{"classifier.weight", "classifier.bias"}));
    }

    void legacyGammaBetaNamesAreAccepted() {
        const fs::path dir = golden("seqcls");
        auto reference = io::loadModelDirectory(dir);
        const auto expected = logitsOf(reference, "a charming journey");
        io::TensorMap legacy;
        for (auto& [name, tensor] : io::readSafetensors(dir / "model.safetensors").tensors) {
            std::string renamed = name;
            if (name.find("LayerNorm.weight") != std::string::npos) renamed.replace(renamed.size() - 6, 6, "gamma");
            if (name.find("LayerNorm.bias") != std::string::npos) renamed.replace(renamed.size() - 4, 4, "beta");
            legacy[renamed] = tensor;
        }
        io::writeSafetensors(dir / "model.safetensors", legacy);
        auto loaded = io::loadModelDirectory(dir);
        QVERIFY(loaded.report.clean());
        QVERIFY(loaded.report.renamed.size() > 4);
        QVERIFY(torch::equal(logitsOf(loaded, "a charming journey"), expected));
    }

    void shardedCheckpointLoads() {
        const fs::path dir = golden("seqcls");
        auto expected = io::loadModelDirectory(dir);
        io::TensorMap all = io::readSafetensors(dir / "model.safetensors").tensors, first, second;
        nlohmann::json weight_map;
        for (auto& [name, tensor] : all) {
            const bool in_first = name.find("layer.1") == std::string::npos && name.rfind("classifier", 0) != 0;
            (in_first ? first : second)[name] = tensor;
            weight_map[name] = in_first ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors";
        }
        fs::remove(dir / "model.safetensors");
        io::writeSafetensors(dir / "model-00001-of-00002.safetensors", first);
        io::writeSafetensors(dir / "model-00002-of-00002.safetensors", second);
        writeText(dir / "model.safetensors.index.json",
                  nlohmann::json{{"metadata", {{"total_size", 0}}}, {"weight_map", weight_map}}.dump());
        auto loaded = io::loadModelDirectory(dir);
        QVERIFY(loaded.report.clean());
        QCOMPARE(loaded.report.weight_files.size(), size_t(2));
        QVERIFY(torch::equal(logitsOf(loaded, "pie business"), logitsOf(expected, "pie business")));

        // An index that points outside the directory is refused.
        weight_map["classifier.bias"] = "../evil.safetensors";
        writeText(dir / "model.safetensors.index.json", nlohmann::json{{"weight_map", weight_map}}.dump());
        expectLoadError(dir, {"not a file name"});
    }

    void saveThenLoadGivesIdenticalOutputs_data() {
        QTest::addColumn<QString>("golden");
        QTest::newRow("seqcls") << "seqcls";
        QTest::newRow("pretraining") << "pretraining";
    }

    void saveThenLoadGivesIdenticalOutputs() {
        QFETCH(QString, golden);
        auto original = io::loadModelDirectory(this->golden(golden.toUtf8().constData(), "pytorch_model.bin"));
        const fs::path out = scratch();
        io::saveModelDirectory(out, *original.model, *original.tokenizer);
        for (const char* file : {"config.json", "model.safetensors", "vocab.txt", "tokenizer_config.json",
                                 "special_tokens_map.json", "tokenizer.json"})
            QVERIFY2(fs::exists(out / file), file);
        auto reloaded = io::loadModelDirectory(out);
        QVERIFY(reloaded.report.missing.empty());
        QVERIFY(reloaded.report.clean());
        QVERIFY(torch::equal(logitsOf(reloaded, "long-term growth"), logitsOf(original, "long-term growth")));

        const auto config = test::readJson(out / "config.json");
        QCOMPARE(config["model_type"].get<std::string>(), std::string("bert"));
        QVERIFY(config["id2label"].contains("0"));
        QCOMPARE(config["architectures"][0].get<std::string>(), model::architectureName(original.model->task));
        const auto file = io::readSafetensors(out / "model.safetensors");
        QCOMPARE(file.metadata.at("format"), std::string("pt"));
        QVERIFY(!file.tensors.count("cls.predictions.decoder.weight"));  // tied: written once
    }

    void halfPrecisionSaveLoadsAsFloat32() {
        auto original = io::loadModelDirectory(golden("seqcls"));
        const fs::path out = scratch();
        io::saveModelDirectory(out, *original.model, *original.tokenizer, io::StorageDtype::Float16);
        auto reloaded = io::loadModelDirectory(out);
        QCOMPARE(reloaded.report.stored_dtype, std::string("F16"));
        QCOMPARE(reloaded.model->classifier->weight.scalar_type(), torch::kFloat32);
        QVERIFY(torch::allclose(logitsOf(reloaded, "journey"), logitsOf(original, "journey"), 0, 0.05));
    }

    void failedSaveLeavesNothingBehind() {
        auto original = io::loadModelDirectory(golden("seqcls"));
        // The parent is a file, so the staging directory cannot be created.
        const fs::path blocker = scratch();
        writeText(blocker, "x");
        QVERIFY_THROWS_EXCEPTION(Error, io::saveModelDirectory(blocker / "model", *original.model, *original.tokenizer));
        QVERIFY(fs::is_regular_file(blocker));
    }

    void saveReplacesAnExistingDirectoryWhole() {
        auto original = io::loadModelDirectory(golden("seqcls"));
        const fs::path out = scratch();
        fs::create_directories(out);
        writeText(out / "stale.txt", "old");
        io::saveModelDirectory(out, *original.model, *original.tokenizer);
        QVERIFY(!fs::exists(out / "stale.txt"));
        QVERIFY(io::loadModelDirectory(out).report.clean());
        for (const auto& entry : fs::directory_iterator(out.parent_path()))
            QVERIFY2(entry.path().filename().string().find(".writing-") == std::string::npos, "staging left behind");
    }

    void badDirectoriesGiveClearErrors() {
        expectLoadError(scratch(), {"does not exist"});

        fs::path dir = golden("seqcls");
        writeText(dir / "config.json", "{\"hidden_size\": 30, \"num_attention_heads\": 4}");
        expectLoadError(dir, {"config.json", "num_attention_heads", "does not divide"});

        writeText(dir / "config.json", "{\"hidden_size\": \"wide\"}");
        expectLoadError(dir, {"config.json", "hidden_size"});

        writeText(dir / "config.json", "{not json");
        expectLoadError(dir, {"config.json", "not valid JSON"});

        fs::remove(dir / "config.json");
        expectLoadError(dir, {"config.json"});

        dir = golden("seqcls");
        auto config = test::readJson(dir / "config.json");
        config["hidden_size"] = 64;
        writeText(dir / "config.json", config.dump());
        expectLoadError(dir, {"do not match", "bert.embeddings.word_embeddings.weight"});

        dir = golden("seqcls");
        fs::remove(dir / "model.safetensors");
        expectLoadError(dir, {"no weights found"});

        dir = golden("seqcls");
        writeText(dir / "model.safetensors", "");
        expectLoadError(dir, {"model.safetensors"});

        dir = golden("seqcls");
        std::string vocab;
        {
            std::ifstream in(dir / "vocab.txt");
            for (std::string line; std::getline(in, line);) vocab += (line == "[UNK]" ? "unk" : line) + "\n";
        }
        writeText(dir / "vocab.txt", vocab);
        expectLoadError(dir, {"[UNK]"});
    }
};

QTEST_GUILESS_MAIN(TestCheckpointLoading)
#include "test_checkpoint_loading.moc"
