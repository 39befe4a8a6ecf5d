// core/io/safetensors: reading the golden file, write/read round trips, the on-disk layout, every
// kind of malformed file, and the atomic write.
#include "core/io/safetensors.h"
#include "core/runtime/error.h"

#include "test_support.h"

#include <QTemporaryDir>

#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>

namespace fs = std::filesystem;
using bw::io::readSafetensors;
using bw::io::SafetensorsFile;
using bw::io::TensorMap;
using bw::io::writeSafetensors;

namespace {

std::string le64(uint64_t v) {
    std::string out(8, '\0');
    for (int i = 0; i < 8; ++i) out[i] = static_cast<char>((v >> (8 * i)) & 0xff);
    return out;
}

// A safetensors file: header length, header, buffer.
QByteArray file(const std::string& header, const std::string& buffer = {}) {
    const std::string bytes = le64(header.size()) + header + buffer;
    return QByteArray(bytes.data(), static_cast<int>(bytes.size()));
}

void writeBytes(const fs::path& path, const QByteArray& bytes) {
    std::ofstream(path, std::ios::binary).write(bytes.constData(), bytes.size());
}

using bw::test::readBytes;

// Same dtype, shape and bytes. An empty tensor may have no storage at all (memcmp must not see null).
bool sameBits(const torch::Tensor& a, const torch::Tensor& b) {
    return a.scalar_type() == b.scalar_type() && a.sizes() == b.sizes() &&
           (a.nbytes() == 0 || std::memcmp(a.contiguous().data_ptr(), b.contiguous().data_ptr(), a.nbytes()) == 0);
}

}  // namespace

class TestSafetensors : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    fs::path tmp(const char* name) const { return fs::path(dir_.path().toStdString()) / name; }

private slots:
    void readsGoldenFile() {
        const SafetensorsFile f =
            readSafetensors(fs::path(BW_FIXTURES_DIR) / "golden/seqcls/model.safetensors");
        QCOMPARE(f.tensors.size(), size_t{41});
        QCOMPARE(f.metadata.at("format"), std::string("pt"));
        const torch::Tensor& words = f.tensors.at("bert.embeddings.word_embeddings.weight");
        QCOMPARE(words.sizes().vec(), (std::vector<int64_t>{196, 32}));
        QCOMPARE(words.scalar_type(), torch::kFloat);
        QCOMPARE(f.tensors.at("classifier.weight").sizes().vec(), (std::vector<int64_t>{3, 32}));
        QCOMPARE(f.tensors.at("classifier.bias").sizes().vec(), (std::vector<int64_t>{3}));
        QCOMPARE(f.tensors.at("bert.encoder.layer.1.intermediate.dense.weight").sizes().vec(),
                 (std::vector<int64_t>{64, 32}));
        QVERIFY(f.tensors.count("cls.predictions.decoder.weight") == 0);
        QVERIFY(words.abs().sum().item<double>() > 0);  // real data, not an empty buffer
    }

    void roundTripIsBitIdentical() {
        torch::manual_seed(7);
        torch::Tensor f32 = torch::randn({4, 5});
        f32[0][0] = std::numeric_limits<float>::quiet_NaN();  // bit identity, not just ==
        f32[0][1] = -0.0f;
        const TensorMap tensors{
            {"f32", f32},
            {"f16", torch::randn({3, 2}).to(torch::kHalf)},
            {"bf16", torch::randn({7}).to(torch::kBFloat16)},
            {"f64", torch::randn({2, 2}, torch::kDouble)},
            {"i64", torch::arange(-5, 5, torch::kLong)},
            {"i32", torch::arange(0, 6, torch::kInt).reshape({2, 3})},
            {"i16", torch::tensor({-3, 0, 3}, torch::kShort)},
            {"i8", torch::tensor({-128, 127}, torch::kChar)},
            {"u8", torch::tensor({0, 255}, torch::kByte)},
            {"bool", torch::tensor({true, false, true})},
            {"scalar", torch::tensor(3.5)},
            {"empty", torch::zeros({0, 3})},
            {"transposed", torch::arange(6, torch::kFloat).reshape({2, 3}).t()},  // written contiguous
        };
        const fs::path path = tmp("roundtrip.safetensors");
        writeSafetensors(path, tensors, {{"source", "bertwork"}});
        const SafetensorsFile back = readSafetensors(path);

        QCOMPARE(back.tensors.size(), tensors.size());
        for (const auto& [name, t] : tensors) {
            QVERIFY2(back.tensors.count(name), name.c_str());
            QVERIFY2(sameBits(back.tensors.at(name), t), name.c_str());
        }
        QCOMPARE(back.tensors.at("f16").scalar_type(), torch::kHalf);
        QVERIFY(torch::equal(back.tensors.at("f16"), tensors.at("f16")));
        QCOMPARE(back.tensors.at("bf16").scalar_type(), torch::kBFloat16);
        QCOMPARE(back.metadata,
                 (std::map<std::string, std::string>{{"format", "pt"}, {"source", "bertwork"}}));
        QVERIFY(!fs::exists(path.string() + ".tmp"));
    }

    void goldenSurvivesRewrite() {
        const SafetensorsFile golden =
            readSafetensors(fs::path(BW_FIXTURES_DIR) / "golden/pretraining/model.safetensors");
        const fs::path path = tmp("rewritten.safetensors");
        writeSafetensors(path, golden.tensors);
        const SafetensorsFile back = readSafetensors(path);
        QCOMPARE(back.tensors.size(), golden.tensors.size());
        for (const auto& [name, t] : golden.tensors)
            QVERIFY2(sameBits(back.tensors.at(name), t), name.c_str());
    }

    void headerIsPaddedJsonInNameOrder() {
        const fs::path path = tmp("layout.safetensors");
        writeSafetensors(
            path, {{"b", torch::ones({3})}, {"a", torch::ones({1}, torch::kHalf)}, {"Z", torch::ones({2})}});
        const std::string bytes = readBytes(path);
        uint64_t n = 0;
        for (int i = 7; i >= 0; --i) n = (n << 8) | static_cast<uint8_t>(bytes[i]);
        QCOMPARE(n % 8, uint64_t{0});
        const std::string header = bytes.substr(8, n);
        const size_t close = header.rfind('}');
        QVERIFY(header.find_first_not_of(' ', close + 1) == std::string::npos);  // only spaces pad it
        QVERIFY(close + 8 > header.size());                                      // and fewer than 8
        QVERIFY(header.rfind("{\"__metadata__\":{\"format\":\"pt\"}", 0) == 0);

        const auto json = nlohmann::ordered_json::parse(header);
        std::vector<std::string> keys;
        for (const auto& item : json.items()) keys.push_back(item.key());
        QCOMPARE(keys, (std::vector<std::string>{"__metadata__", "Z", "a", "b"}));
        QCOMPARE(json["Z"]["data_offsets"], nlohmann::ordered_json({0, 8}));
        QCOMPARE(json["a"]["data_offsets"], nlohmann::ordered_json({8, 10}));
        QCOMPARE(json["a"]["dtype"], "F16");
        QCOMPARE(json["b"]["data_offsets"], nlohmann::ordered_json({10, 22}));
        QCOMPARE(bytes.size(), 8 + n + 22);
    }

    void rejectsMalformedFile_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("problem");
        const std::string f32x1 = R"({"t":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})";
        const std::string four(4, '\0');

        QTest::newRow("empty") << QByteArray() << "the file is empty";
        QTest::newRow("shorter than 8 bytes") << QByteArray("\x02\0\0", 3) << "too short";
        QTest::newRow("header beyond file")
            << file("{}").replace(0, 1, "\x40") << "runs past the end of the file";
        QTest::newRow("absurd header length")
            << QByteArray::fromStdString(le64(uint64_t{1} << 60) + "{}") << "is absurd";
        QTest::newRow("not JSON") << file("{\"t\": [1, ") << "not valid JSON";
        QTest::newRow("invalid UTF-8") << file("{\"\xff\":{}}") << "not valid JSON";
        QTest::newRow("not an object") << file("[1, 2]") << "not a JSON object";
        QTest::newRow("entry not an object") << file(R"({"t":5})") << "tensor 't': its header entry is not";
        QTest::newRow("missing dtype") << file(R"({"t":{"shape":[1],"data_offsets":[0,4]}})", four)
                                       << "tensor 't': header entry has no \"dtype\"";
        QTest::newRow("missing shape") << file(R"({"t":{"dtype":"F32","data_offsets":[0,4]}})", four)
                                       << "tensor 't': header entry has no \"shape\"";
        QTest::newRow("missing data_offsets") << file(R"({"t":{"dtype":"F32","shape":[1]}})", four)
                                              << "tensor 't': header entry has no \"data_offsets\"";
        QTest::newRow("unknown dtype")
            << file(R"({"t":{"dtype":"F8_E4M3","shape":[4],"data_offsets":[0,4]}})", four)
            << "unknown dtype 'F8_E4M3'";
        QTest::newRow("negative dimension")
            << file(R"({"t":{"dtype":"U8","shape":[-4],"data_offsets":[0,4]}})", four)
            << "tensor 't': dimension is negative";
        QTest::newRow("fractional dimension")
            << file(R"({"t":{"dtype":"U8","shape":[1.5],"data_offsets":[0,4]}})", four) << "not an integer";
        QTest::newRow("shape overflows")
            << file(R"({"t":{"dtype":"F32","shape":[4294967296,4294967296,16],"data_offsets":[0,4]}})", four)
            << "is too large";
        QTest::newRow("shape disagrees with bytes")
            << file(R"({"t":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}})", four)
            << "tensor 't': shape [2] of dtype F32 needs 8 bytes but data_offsets span 4";
        QTest::newRow("begin after end")
            << file(R"({"t":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}})", four)
            << "begin 4 is after end 0";
        QTest::newRow("offsets not a pair")
            << file(R"({"t":{"dtype":"F32","shape":[1],"data_offsets":[0]}})", four)
            << "\"data_offsets\" is not an array";
        QTest::newRow("offsets beyond buffer")
            << file(R"({"t":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})", four)
            << "tensor 't': data_offsets [0, 8] run past the end of the data buffer (4 bytes)";
        QTest::newRow("overlapping tensors")
            << file(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                    R"("b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})",
                    std::string(12, '\0'))
            << "tensors 'a' and 'b' overlap";
        QTest::newRow("gap between tensors")
            << file(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},)"
                    R"("b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}})",
                    std::string(12, '\0'))
            << "bytes [4, 8) of the data buffer are not covered by any tensor (before 'b')";
        QTest::newRow("bytes after last tensor")
            << file(f32x1, std::string(8, '\0')) << "bytes [4, 8) at the end";
        QTest::newRow("header only, buffer missing")
            << file(f32x1) << "run past the end of the data buffer (0 bytes)";
        QTest::newRow("metadata not strings")
            << file(R"({"__metadata__":{"format":1}})") << "\"__metadata__\" value for 'format'";
        QTest::newRow("metadata not an object")
            << file(R"({"__metadata__":[]})") << "\"__metadata__\" is not a JSON object";
        QTest::newRow("bool bytes not 0/1")
            << file(R"({"t":{"dtype":"BOOL","shape":[2],"data_offsets":[0,2]}})", std::string("\x01\x07", 2))
            << "tensor 't': BOOL data holds bytes other than 0 and 1";
    }

    void rejectsMalformedFile() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, problem);
        const fs::path path = tmp("bad.safetensors");
        writeBytes(path, bytes);
        const std::string message = bw::test::errorOf([&] { readSafetensors(path); });
        QVERIFY2(message.find(path.string() + ": ") == 0, message.c_str());
        QVERIFY2(message.find(problem.toStdString()) != std::string::npos, message.c_str());
    }

    void rejectsMissingFile() {
        const std::string message = bw::test::errorOf([&] { readSafetensors(tmp("nothing-here.safetensors")); });
        QVERIFY2(message.find("nothing-here.safetensors: cannot open file") != std::string::npos,
                 message.c_str());
    }

    void acceptsEmptyTensorSet() {
        const fs::path path = tmp("no-tensors.safetensors");
        writeBytes(path, file("{}      "));
        QVERIFY(readSafetensors(path).tensors.empty());
    }

    void failedWriteLeavesNoFile() {
        const fs::path missingDir = tmp("no-such-dir") / "model.safetensors";
        std::string message = bw::test::errorOf([&] { writeSafetensors(missingDir, {{"t", torch::ones({2})}}); });
        QVERIFY2(message.find(missingDir.string() + ": cannot write") == 0, message.c_str());
        QVERIFY(!fs::exists(missingDir.parent_path()));

        // The rename itself fails (the target is a non-empty directory): the temp file must go.
        const fs::path blocked = tmp("blocked.safetensors");
        fs::create_directories(blocked / "inside");
        message = bw::test::errorOf([&] { writeSafetensors(blocked, {{"t", torch::ones({2})}}); });
        QVERIFY2(message.find(blocked.string() + ": cannot") == 0, message.c_str());
        QVERIFY(!fs::exists(blocked.string() + ".tmp"));
    }

    void failedWriteKeepsOldFile() {
        const fs::path path = tmp("kept.safetensors");
        writeSafetensors(path, {{"t", torch::ones({2})}});
        const std::string before = readBytes(path);
        const std::string message = bw::test::errorOf([&] {
            writeSafetensors(path, {{"c", torch::ones({2}, torch::kComplexFloat)}});
        });
        QVERIFY2(message.find("tensor 'c' has dtype ComplexFloat") != std::string::npos, message.c_str());
        QCOMPARE(readBytes(path), before);
        QVERIFY(!fs::exists(path.string() + ".tmp"));
    }
};

QTEST_GUILESS_MAIN(TestSafetensors)
#include "test_safetensors.moc"
