// core/io/pytorch_bin + core/io/torch_pickle: the golden checkpoints load to exactly the tensors of
// their safetensors twins; hostile and broken files are refused with bw::Error, never a crash.
#include "core/io/pytorch_bin.h"
#include "core/io/safetensors.h"
#include "core/io/torch_pickle.h"
#include "core/runtime/error.h"
#include "test_support.h"

#include <caffe2/serialize/inline_container.h>

#include <QTemporaryDir>

#include <QtTest>

#include <fstream>
#include <iterator>
#include <random>

namespace fs = std::filesystem;
using bw::io::readPytorchBin;
using bw::io::TensorMap;

namespace {

const fs::path kGolden = fs::path(BW_FIXTURES_DIR) / "golden";

// The bw::Error message f throws, or a text that matches no expectation.
std::string le(uint64_t v, int bytes) {
    std::string out;
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
    return out;
}

// Builds a pickle opcode by opcode, so that each hand-made case reads as what it does.
struct Pickle {
    std::string bytes;

    Pickle& op(uint8_t code) {
        bytes.push_back(static_cast<char>(code));
        return *this;
    }
    Pickle& proto(int version = 2) { return op(0x80).op(static_cast<uint8_t>(version)); }
    Pickle& global(const std::string& module, const std::string& name) {
        op('c');
        bytes += module + "\n" + name + "\n";
        return *this;
    }
    Pickle& str(const std::string& s) {
        op('X');
        bytes += le(s.size(), 4) + s;
        return *this;
    }
    Pickle& shortStr(const std::string& s) {
        op(0x8c).op(static_cast<uint8_t>(s.size()));
        bytes += s;
        return *this;
    }
    Pickle& int4(int32_t v) {
        op('J');
        bytes += le(static_cast<uint32_t>(v), 4);
        return *this;
    }
    Pickle& mark() { return op('('); }
    Pickle& tuple() { return op('t'); }
    Pickle& emptyTuple() { return op(')'); }
    Pickle& reduce() { return op('R'); }
    Pickle& stop() { return op('.'); }
    Pickle& intTuple(const std::vector<int32_t>& values) {
        mark();
        for (int32_t v : values) int4(v);
        return tuple();
    }
    Pickle& orderedDict() { return global("collections", "OrderedDict").emptyTuple().reduce(); }

    // _rebuild_tensor_v2(<storage key of numel elements>, offset, size, stride, False, OrderedDict())
    Pickle& tensor(const std::string& key, int32_t numel, int32_t offset, const std::vector<int32_t>& size,
                   const std::vector<int32_t>& stride, const std::string& storageType = "FloatStorage") {
        global("torch._utils", "_rebuild_tensor_v2").mark();
        mark().str("storage").global("torch", storageType).str(key).str("cpu").int4(numel).tuple().op('Q');
        int4(offset).intTuple(size).intTuple(stride).op(0x89).orderedDict();
        return tuple().reduce();
    }
    // {name: tensor} as torch.save writes a state dict.
    static Pickle stateDict(const std::string& name, const std::string& key, int32_t numel, int32_t offset,
                            const std::vector<int32_t>& size, const std::vector<int32_t>& stride) {
        Pickle p;
        p.proto().orderedDict().mark().str(name).tensor(key, numel, offset, size, stride).op('u').stop();
        return p;
    }
};

// A zip checkpoint written by LibTorch's own writer, holding data.pkl and the data/<key> records.
void writeCheckpoint(const fs::path& path, const std::string& pickle,
                     const std::map<std::string, std::string>& storages = {}) {
    caffe2::serialize::PyTorchStreamWriter writer(path.string());
    writer.writeRecord("data.pkl", pickle.data(), pickle.size());
    for (const auto& [key, bytes] : storages) writer.writeRecord("data/" + key, bytes.data(), bytes.size());
    writer.writeEndOfFile();
}

// A zip of stored records written byte by byte, for layouts LibTorch's writer never makes.
struct ZipRecordSpec {
    std::string name, data;
    uint16_t flags = 0;
    uint32_t external_attributes = 0;
};
uint32_t crc32(const std::string& bytes) {
    uint32_t crc = 0xFFFFFFFFu;
    for (unsigned char b : bytes) {
        crc ^= b;
        for (int k = 0; k < 8; ++k) crc = crc & 1 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
    }
    return crc ^ 0xFFFFFFFFu;
}
std::string storedZip(const std::vector<ZipRecordSpec>& records) {
    std::string out, directory;
    for (const ZipRecordSpec& r : records) {
        const std::string common = le(r.flags, 2) + le(0, 2) + le(0, 4) + le(crc32(r.data), 4) + le(r.data.size(), 4) +
                                   le(r.data.size(), 4) + le(r.name.size(), 2) + le(0, 2);
        directory += "PK\x01\x02" + le(20, 2) + le(20, 2) + common + le(0, 2) + le(0, 2) + le(0, 2) +
                     le(r.external_attributes, 4) + le(out.size(), 4) + r.name;
        out += "PK\x03\x04" + le(20, 2) + common + r.name + r.data;
    }
    return out + directory + "PK\x05\x06" + le(0, 4) + le(records.size(), 2) + le(records.size(), 2) +
           le(directory.size(), 4) + le(out.size(), 4) + le(0, 2);
}

std::string floatBytes(const std::vector<float>& values) {
    return std::string(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(float));
}

std::string readBytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

std::string goldenPickle() {
    caffe2::serialize::PyTorchStreamReader reader((kGolden / "seqcls/pytorch_model.bin").string());
    auto [data, size] = reader.getRecord("data.pkl");
    return std::string(static_cast<const char*>(data.get()), size);
}

// Stands in for the zip records: zeros of the asked size, refusing sizes no test pickle needs.
torch::Tensor zeroStorage(const std::string& key, torch::ScalarType type, int64_t numel) {
    if (numel > (1 << 20)) throw bw::Error("test: storage '" + key + "' is implausibly large");
    return torch::zeros({numel}, torch::TensorOptions().dtype(type));
}

}  // namespace

class TestPytorchBin : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    fs::path tmp(const char* name) const { return fs::path(dir_.path().toStdString()) / name; }

private slots:
    void goldenMatchesSafetensors_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("tensorsInSafetensors");
        QTest::newRow("seqcls") << "seqcls" << 41;
        QTest::newRow("pretraining") << "pretraining" << 46;
    }

    void goldenMatchesSafetensors() {
        QFETCH(QString, model);
        QFETCH(int, tensorsInSafetensors);
        const fs::path dir = kGolden / model.toStdString();
        const TensorMap bin = readPytorchBin(dir / "pytorch_model.bin");
        const TensorMap st = bw::io::readSafetensors(dir / "model.safetensors").tensors;
        QCOMPARE(static_cast<int>(st.size()), tensorsInSafetensors);

        for (const auto& [name, expected] : st) {
            QVERIFY2(bin.count(name), name.c_str());
            const torch::Tensor& got = bin.at(name);
            QVERIFY2(got.scalar_type() == expected.scalar_type(), name.c_str());
            QVERIFY2(got.sizes() == expected.sizes(), name.c_str());
            QVERIFY2(torch::equal(got, expected), name.c_str());
        }
        // The only extra entry is the tied decoder weight, which safetensors leaves out.
        const std::string decoder = "cls.predictions.decoder.weight";
        for (const auto& [name, t] : bin) QVERIFY2(st.count(name) || name == decoder, name.c_str());
        if (bin.count(decoder)) {
            QCOMPARE(bin.size(), st.size() + 1);
            const torch::Tensor& words = bin.at("bert.embeddings.word_embeddings.weight");
            QVERIFY(torch::equal(bin.at(decoder), words));
            QVERIFY(bin.at(decoder).is_alias_of(words));  // one storage, as torch.save wrote it
        } else {
            QCOMPARE(bin.size(), st.size());
        }
    }

    void readsHandMadeView() {
        // A positive control for the hostile cases below: offset 1, size (2, 2), stride (1, 2).
        const fs::path path = tmp("view.bin");
        writeCheckpoint(path, Pickle::stateDict("w", "0", 6, 1, {2, 2}, {1, 2}).bytes,
                        {{"0", floatBytes({0, 1, 2, 3, 4, 5})}});
        const TensorMap t = readPytorchBin(path);
        QCOMPARE(t.size(), size_t{1});
        QVERIFY(torch::equal(t.at("w"), torch::tensor({{1.f, 3.f}, {2.f, 4.f}})));

        // Stride 0 on a dimension of size 1, as an expanded position_ids buffer is saved.
        const fs::path expanded = tmp("expanded.bin");
        writeCheckpoint(expanded, Pickle::stateDict("p", "0", 4, 0, {1, 4}, {0, 1}).bytes,
                        {{"0", floatBytes({0, 1, 2, 3})}});
        QVERIFY(torch::equal(readPytorchBin(expanded).at("p"), torch::tensor({{0.f, 1.f, 2.f, 3.f}})));
    }

    // What torch.save writes for a transposed or a stepped slice: views that share no stored value.
    void readsTransposedAndSlicedViews() {
        const fs::path path = tmp("views.bin");
        Pickle p;
        p.proto().orderedDict().mark();
        p.str("transposed").tensor("0", 6, 0, {3, 2}, {1, 3});
        p.str("every_other").tensor("0", 6, 1, {2, 1}, {3, 2});
        p.op('u').stop();
        writeCheckpoint(path, p.bytes, {{"0", floatBytes({0, 1, 2, 3, 4, 5})}});
        const TensorMap t = readPytorchBin(path);
        QVERIFY(torch::equal(t.at("transposed"), torch::tensor({{0.f, 3.f}, {1.f, 4.f}, {2.f, 5.f}})));
        QVERIFY(torch::equal(t.at("every_other"), torch::tensor({{1.f}, {4.f}})));
    }

    // A refused view is named: the user learns which tensor of a large checkpoint is wrong, and why.
    void refusedViewNamesItsTensor() {
        const fs::path path = tmp("one-for-all.bin");
        Pickle p;
        p.proto().orderedDict().mark();
        p.str("bert.pooler.dense.bias").tensor("0", 4, 0, {4}, {1});
        p.str("bert.embeddings.word_embeddings.weight").tensor("0", 4, 3, {30522, 768}, {0, 0});
        p.op('u').stop();
        writeCheckpoint(path, p.bytes, {{"0", floatBytes({1, 2, 3, 4})}});
        QCOMPARE(bw::test::errorOf([&] { readPytorchBin(path); }),
                 path.string() + ": tensor 'bert.embeddings.word_embeddings.weight': its view (offset 3, size "
                                 "[30522, 768], stride [0, 0]) repeats stored elements (a stride-0 or overlapping "
                                 "view), which torch.save never writes for a parameter");

        Pickle past;
        past.proto().orderedDict().mark().str("classifier.weight").tensor("0", 4, 2, {2, 2}, {2, 1});
        past.op('u').stop();
        writeCheckpoint(path, past.bytes, {{"0", floatBytes({1, 2, 3, 4})}});
        QCOMPARE(bw::test::errorOf([&] { readPytorchBin(path); }),
                 path.string() + ": tensor 'classifier.weight': its view (offset 2, size [2, 2], stride [2, 1]) "
                                 "reaches beyond its storage '0' of 4 elements");
    }

    void acceptsMetadataProtocol4AndParameters() {
        // module.state_dict() carries `_metadata` ({"": {"version": 1}}), set on the OrderedDict by BUILD.
        Pickle withMetadata;
        withMetadata.proto().orderedDict().op('}').str("_metadata").orderedDict();
        withMetadata.str("").op('}').str("version").int4(1).op('s').op('s').op('s').op('b');
        withMetadata.mark().str("w").tensor("0", 4, 0, {4}, {1}).op('u').stop();

        // Protocol 4 framing: FRAME, SHORT_BINUNICODE, BINUNICODE8, STACK_GLOBAL, MEMOIZE.
        Pickle body;
        body.shortStr("collections").op(0x94).shortStr("OrderedDict").op(0x94).op(0x93).op(0x94);
        body.emptyTuple().reduce().op(0x94).mark().op(0x8d);
        body.bytes += le(1, 8) + "w";
        body.op(0x94).tensor("0", 4, 0, {4}, {1}).op('u').stop();
        Pickle framed;
        framed.proto(4).op(0x95);
        framed.bytes += le(body.bytes.size(), 8) + body.bytes;

        // torch.save of an nn.Parameter wraps the tensor in _rebuild_parameter(data, requires_grad, hooks).
        Pickle parameter;
        parameter.proto().op('}').str("w").global("torch._utils", "_rebuild_parameter").mark();
        parameter.tensor("0", 4, 0, {4}, {1}).op(0x88).orderedDict().tuple().reduce().op('s').stop();

        for (const Pickle* p : {&withMetadata, &framed, &parameter}) {
            const fs::path path = tmp("accepted.bin");
            writeCheckpoint(path, p->bytes, {{"0", floatBytes({1, 2, 3, 4})}});
            const TensorMap t = readPytorchBin(path);
            QCOMPARE(t.size(), size_t{1});
            QVERIFY(torch::equal(t.at("w"), torch::tensor({1.f, 2.f, 3.f, 4.f})));
        }
    }

    void refusesHostileOrBrokenPickle_data() {
        QTest::addColumn<QByteArray>("pickle");
        QTest::addColumn<QString>("problem");
        auto row = [](const char* name, const Pickle& p, const char* problem) {
            QTest::newRow(name) << QByteArray::fromStdString(p.bytes) << problem;
        };
        auto call = [](const std::string& module, const std::string& name) {
            Pickle p;
            p.proto().global(module, name).str("touch /tmp/bertwork-pwned").op(0x85).reduce().stop();
            return p;
        };
        row("posix.system", call("posix", "system"),
            "refusing to load: the pickle asks for global 'posix.system'");
        row("os.system", call("os", "system"), "global 'os.system'");
        row("builtins.eval", call("builtins", "eval"), "global 'builtins.eval'");
        row("torch.load", call("torch", "load"), "global 'torch.load'");
        Pickle nested;  // a valid entry first, then a value that would run a command
        nested.proto().orderedDict().mark().str("w").tensor("0", 4, 0, {4}, {1});
        nested.str("x").global("posix", "system").str("id").op(0x85).reduce().op('u').stop();
        row("after a valid entry", nested, "global 'posix.system'");
        Pickle stackGlobal;
        stackGlobal.proto(4).shortStr("os").op(0x94).shortStr("system").op(0x94).op(0x93).stop();
        row("STACK_GLOBAL os.system", stackGlobal, "global 'os.system'");
        Pickle storageCall;
        storageCall.proto().global("torch", "FloatStorage").emptyTuple().reduce().stop();
        row("calling a storage type", storageCall, "storages may only appear in persistent ids");

        Pickle unknownMemo;
        unknownMemo.proto().op('h').op(5).stop();
        row("BINGET of unknown memo", unknownMemo, "memo entry 5 was never stored");
        Pickle inst;
        inst.proto().op('i').stop();
        row("unknown opcode", inst, "unsupported pickle opcode 0x69 at byte 2");
        Pickle underflow;
        underflow.proto().reduce().stop();
        row("stack underflow", underflow, "stack underflow");
        Pickle underMark;
        underMark.proto().op('}').mark().op('s').stop();
        row("popping below a MARK", underMark, "stack underflow");
        Pickle longString;
        longString.proto().op('X');
        longString.bytes += le(1000, 4) + "abc";
        row("string past the end", longString, "truncated");
        Pickle hugeString;
        hugeString.proto().op(0x8d);
        hugeString.bytes += le(~uint64_t{0}, 8);
        row("absurd string length", hugeString, "truncated");
        Pickle noStop;
        noStop.proto().op('}');
        row("no STOP", noStop, "ends without a STOP opcode");
        Pickle wideLong;
        wideLong.proto().op(0x8a).op(9);
        wideLong.bytes += std::string(9, '\x7f');
        row("LONG1 beyond 64 bits", wideLong, "does not fit 64 bits");
        Pickle protocol;
        protocol.proto(9).op('}').stop();
        row("unknown protocol", protocol, "unsupported pickle protocol 9");

        Pickle list;
        list.proto().op(']').stop();
        row("not a dict", list, "data.pkl holds a list, not a state dict");
        Pickle notTensor;
        notTensor.proto().op('}').str("a").int4(1).op('s').stop();
        row("value not a tensor", notTensor, "state dict entry 'a' is a int, not a tensor");
        row("storage record missing", Pickle::stateDict("w", "7", 4, 0, {4}, {1}),
            "storage record 'data/7' is missing from the archive");
        row("view beyond storage", Pickle::stateDict("w", "0", 4, 0, {10}, {1}),
            "tensor 'w': its view (offset 0, size [10], stride [1]) reaches beyond its storage '0' of 4 elements");
        row("offset beyond storage", Pickle::stateDict("w", "0", 4, 4, {1}, {1}),
            "reaches beyond its storage");
        row("stride beyond storage", Pickle::stateDict("w", "0", 4, 0, {2, 2}, {3, 1}),
            "reaches beyond its storage");
        row("negative size", Pickle::stateDict("w", "0", 4, 0, {-1}, {1}), "has a negative element");
        row("stride-0 view", Pickle::stateDict("w", "0", 4, 0, {4, 4}, {0, 1}),
            "tensor 'w': its view (offset 0, size [4, 4], stride [0, 1]) repeats stored elements (a stride-0 or "
            "overlapping view), which torch.save never writes for a parameter");
        row("one value as a million", Pickle::stateDict("w", "0", 4, 0, {1000, 1000}, {0, 0}),
            "repeats stored elements");
        row("overlapping view", Pickle::stateDict("w", "0", 4, 0, {3, 2}, {1, 1}), "repeats stored elements");
        row("overflowing view", Pickle::stateDict("w", "0", 4, 0, {2, 2}, {0x7fffffff, 0x7fffffff}),
            "reaches beyond its storage");
        row("record smaller than storage", Pickle::stateDict("w", "0", 100, 0, {4}, {1}),
            "storage record 'data/0' holds 16 bytes, too few for 100 elements");
    }

    void refusesHostileOrBrokenPickle() {
        QFETCH(QByteArray, pickle);
        QFETCH(QString, problem);
        const fs::path path = tmp("hostile.bin");
        writeCheckpoint(path, pickle.toStdString(), {{"0", floatBytes({1, 2, 3, 4})}});
        const std::string message = bw::test::errorOf([&] { readPytorchBin(path); });
        QVERIFY2(message.find(path.string() + ": ") == 0, message.c_str());
        QVERIFY2(message.find(problem.toStdString()) != std::string::npos, message.c_str());
        QVERIFY(!fs::exists("/tmp/bertwork-pwned"));
    }

    void refusesBadFile_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("problem");
        const std::string golden = readBytes(kGolden / "seqcls/pytorch_model.bin");
        QTest::newRow("empty") << QByteArray() << "the file is empty";
        QTest::newRow("text") << QByteArray("hello, world\n") << "not a zip archive";
        QTest::newRow("legacy torch.save")
            << QByteArray("\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19.", 15)
            << "legacy (non-zip)";
        QTest::newRow("truncated zip") << QByteArray::fromStdString(golden.substr(0, golden.size() / 2))
                                       << "no end of central directory";
        // The central directory's claims, checked before LibTorch's reader allocates what they say.
        const size_t entry = golden.find(std::string("PK\x01\x02", 4));
        const size_t end = golden.rfind(std::string("PK\x05\x06", 4));
        QVERIFY(entry != std::string::npos && end != std::string::npos);
        auto patched = [&](size_t at, uint32_t value, size_t width = 4) {
            std::string bytes = golden;
            for (size_t i = 0; i < width; ++i) bytes[at + i] = static_cast<char>((value >> (8 * i)) & 0xFF);
            return QByteArray::fromStdString(bytes);
        };
        QByteArray huge = patched(entry + 20, 0x7FFFFFF0);  // compressed and uncompressed size: 2 GiB
        huge.replace(int(entry + 24), 4, huge.mid(int(entry + 20), 4));
        QTest::newRow("record larger than the file") << huge << "declares 2147483632 bytes";
        QTest::newRow("record past the end") << patched(entry + 42, uint32_t(golden.size() - 10)) << "cannot hold";
        QTest::newRow("compressed record") << patched(entry + 10, 8, 2) << "is compressed (method 8)";
        QTest::newRow("directory outside the file") << patched(end + 16, 0x7FFFFFF0) << "lies outside the file";
        QTest::newRow("more records than room") << patched(end + 10, 0xFFF0, 2) << "more records than it has room for";
    }

    void refusesBadFile() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, problem);
        const fs::path path = tmp("bad.bin");
        std::ofstream(path, std::ios::binary).write(bytes.constData(), bytes.size());
        const std::string message = bw::test::errorOf([&] { readPytorchBin(path); });
        QVERIFY2(message.find(path.string() + ": ") == 0, message.c_str());
        QVERIFY2(message.find(problem.toStdString()) != std::string::npos, message.c_str());
    }

    // What LibTorch's reader checks when it opens the archive is checked before it does: its 1.13
    // constructor leaks the zip state whenever it throws (found by fuzz_pytorch_bin under LeakSanitizer).
    void refusesLayoutsTorchSaveNeverWrites_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("problem");
        const std::string pickle = Pickle::stateDict("w", "0", 4, 0, {4}, {1}).bytes;
        const std::string storage = floatBytes({1, 2, 3, 4});
        auto zip = [&](const std::string& version, std::vector<ZipRecordSpec> extra = {}) {
            std::vector<ZipRecordSpec> records = {{"archive/data.pkl", pickle}, {"archive/data/0", storage}};
            if (!version.empty()) records.push_back({"archive/version", version});
            records.insert(records.end(), extra.begin(), extra.end());
            return QByteArray::fromStdString(storedZip(records));
        };
        QTest::newRow("no version record") << zip("") << "the archive has no version record";
        QTest::newRow("unknown version") << zip("99\n") << "format version 99 is not one this LibTorch reads (1 to 10)";
        QTest::newRow("version zero") << zip("0") << "format version 0 is not one";
        QTest::newRow("version beyond 64 bits") << zip("99999999999999999999999") << "does not hold a format version";
        QTest::newRow("version not a number") << zip("three") << "does not hold a format version";
        QTest::newRow("record listed twice") << zip("3\n", {{"ARCHIVE/Data.pkl", pickle}})
                                             << "lists record 'ARCHIVE/Data.pkl' twice";
        QTest::newRow("encrypted record") << zip("3\n", {{"archive/byteorder", "little", 1}})
                                          << "record 'archive/byteorder' is encrypted";
        // LibTorch's reader does not read a folder's bytes: the storage would be uninitialised memory.
        QTest::newRow("storage marked as a folder")
            << QByteArray::fromStdString(storedZip({{"archive/data.pkl", pickle},
                                                    {"archive/data/0", storage, 0, 0x10},
                                                    {"archive/version", "3\n"}}))
            << "record 'archive/data/0' is marked as a folder";
        QTest::newRow("record named as a folder") << zip("3\n", {{"archive/data/", storage}})
                                                  << "record 'archive/data/' is marked as a folder";
        QTest::newRow("no folder") << QByteArray::fromStdString(storedZip({{"data.pkl", pickle}, {"version", "3"}}))
                                   << "record 'data.pkl' is not in a folder";
        QTest::newRow("no records") << QByteArray::fromStdString(storedZip({})) << "holds no records";
        std::string nul = "archive/data.pkl";
        nul[7] = '\0';
        QTest::newRow("NUL in a name") << zip("3", {{nul, pickle}}) << "a record name holds a NUL byte";
    }

    void refusesLayoutsTorchSaveNeverWrites() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, problem);
        const fs::path path = tmp("layout.bin");
        std::ofstream(path, std::ios::binary).write(bytes.constData(), bytes.size());
        const std::string message = bw::test::errorOf([&] { readPytorchBin(path); });
        QVERIFY2(message.find(path.string() + ": ") == 0, message.c_str());
        QVERIFY2(message.find(problem.toStdString()) != std::string::npos, message.c_str());
    }

    // The positive control of the rows above: the same hand-made zip with a version record loads.
    void readsHandMadeZip() {
        const fs::path path = tmp("hand-made.bin");
        const std::string zip = storedZip({{"model/data.pkl", Pickle::stateDict("w", "0", 4, 0, {4}, {1}).bytes},
                                           {"model/data/0", floatBytes({1, 2, 3, 4})},
                                           {"model/.data/version", "3\n"}});
        std::ofstream(path, std::ios::binary).write(zip.data(), static_cast<std::streamsize>(zip.size()));
        QVERIFY(torch::equal(readPytorchBin(path).at("w"), torch::tensor({1.f, 2.f, 3.f, 4.f})));
    }

    void refusesMissingFileAndForeignZip() {
        std::string message = bw::test::errorOf([&] { readPytorchBin(tmp("absent.bin")); });
        QVERIFY2(message.find("absent.bin: cannot open file") != std::string::npos, message.c_str());

        const fs::path path = tmp("foreign.bin");
        {
            caffe2::serialize::PyTorchStreamWriter writer(path.string());
            writer.writeRecord("constants.pkl", "x", 1);
        }
        message = bw::test::errorOf([&] { readPytorchBin(path); });
        QVERIFY2(message.find("has no data.pkl record") != std::string::npos, message.c_str());
    }

    void everyTruncationOfGoldenPickleFails() {
        const std::string pickle = goldenPickle();
        const auto* bytes = reinterpret_cast<const uint8_t*>(pickle.data());
        QCOMPARE(bw::io::unpickleStateDict("golden", bytes, pickle.size(), zeroStorage).size(), size_t{41});
        for (size_t n = 0; n < pickle.size(); ++n) {
            const std::string message =
                bw::test::errorOf([&] { bw::io::unpickleStateDict("golden", bytes, n, zeroStorage); });
            QVERIFY2(message.rfind("golden: data.pkl", 0) == 0, (std::to_string(n) + ": " + message).c_str());
        }
    }

    void corruptedGoldenPickleNeverCrashes() {
        const std::string golden = goldenPickle();
        std::mt19937 rng(1234);
        int refused = 0;
        for (int round = 0; round < 3000; ++round) {
            std::string pickle = golden;
            const int flips = 1 + round % 3;
            for (int i = 0; i < flips; ++i) pickle[rng() % pickle.size()] = static_cast<char>(rng() & 0xff);
            const std::string message = bw::test::errorOf([&] {
                bw::io::unpickleStateDict("fuzz", reinterpret_cast<const uint8_t*>(pickle.data()),
                                          pickle.size(), zeroStorage);
            });
            QVERIFY2(
                message == "<no error>" || message.rfind("fuzz: ", 0) == 0 || message.rfind("test: ", 0) == 0,
                message.c_str());
            refused += message != "<no error>";
        }
        QVERIFY(refused > 0);
    }

    void deepAndCyclicStructuresAreFreedSafely() {
        // 200k nested lists: freeing them recursively would overflow the stack.
        Pickle deep;
        deep.proto();
        const int depth = 200000;
        for (int i = 0; i < depth; ++i) deep.op(']');
        for (int i = 1; i < depth; ++i) deep.op('a');
        deep.stop();
        std::string message = bw::test::errorOf([&] {
            bw::io::unpickleStateDict("deep", reinterpret_cast<const uint8_t*>(deep.bytes.data()),
                                      deep.bytes.size(), zeroStorage);
        });
        QVERIFY2(message.find("holds a list") != std::string::npos, message.c_str());

        Pickle cycle;  // a dict that holds itself
        cycle.proto().op('}').op('q').op(0).str("self").op('h').op(0).op('s').stop();
        message = bw::test::errorOf([&] {
            bw::io::unpickleStateDict("cycle", reinterpret_cast<const uint8_t*>(cycle.bytes.data()),
                                      cycle.bytes.size(), zeroStorage);
        });
        QVERIFY2(message.find("entry 'self' is a dict, not a tensor") != std::string::npos, message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestPytorchBin)
#include "test_pytorch_bin.moc"
