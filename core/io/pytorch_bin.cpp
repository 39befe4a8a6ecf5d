#include "core/io/pytorch_bin.h"

#include "core/io/zip_directory.h"

#include "core/io/torch_pickle.h"
#include "core/runtime/error.h"

#include <caffe2/serialize/inline_container.h>
#include <caffe2/serialize/versions.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <system_error>

namespace bw::io {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const fs::path& path, const std::string& what) {
    throw bw::Error(path.string() + ": " + what);
}

// Looks at the first bytes so that a file which is not a zip archive gets a message saying what it
// is, rather than the zip reader's "failed finding central directory".
void checkIsZipArchive(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) fail(path, std::string("cannot open file: ") + std::strerror(errno));
    std::error_code ec;
    const auto bytes = fs::file_size(path, ec);
    if (ec) fail(path, "cannot read the file size: " + ec.message());
    if (bytes == 0) fail(path, "the file is empty");

    unsigned char magic[3] = {};
    in.read(reinterpret_cast<char*>(magic), sizeof magic);
    if (in.gcount() >= 2 && magic[0] == 'P' && magic[1] == 'K') return;
    // Before PyTorch 1.6, torch.save wrote a bare pickle stream: PROTO 2, then a LONG1 magic number.
    if (in.gcount() == 3 && magic[0] == 0x80 && magic[1] == 0x02 && magic[2] == 0x8a)
        fail(path,
             "this is the legacy (non-zip) torch.save format of PyTorch < 1.6, which is not supported; "
             "convert it with PyTorch >= 1.6: torch.save(torch.load(f), f2), or save it as "
             "model.safetensors");
    fail(path, "not a PyTorch checkpoint: the file is not a zip archive");
}

// Zip readers look records up without regard to ASCII case (miniz does).
std::string foldedName(std::string name) {
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    return name;
}

// LibTorch 1.13's PyTorchStreamReader leaks its zip state when its constructor throws, so what the
// constructor checks is checked here first: the records sit in one folder, no name is listed twice
// (a lookup would pick either), and a version record holds a format version the reader supports.
void checkTorchSaveLayout(const fs::path& path, const std::vector<ZipRecord>& records) {
    if (records.empty()) fail(path, "the zip archive holds no records; it was not written by torch.save");
    std::set<std::string> names;
    for (const ZipRecord& r : records) {
        if (r.name.find('\0') != std::string::npos) fail(path, "a record name holds a NUL byte");
        if (!names.insert(foldedName(r.name)).second) fail(path, "the zip archive lists record '" + r.name + "' twice");
    }
    const std::string& first = records.front().name;
    if (first.find('/') == std::string::npos)
        fail(path, "record '" + first + "' is not in a folder, as torch.save writes every record");
    const std::string folder = foldedName(first.substr(0, first.find('/') + 1));
    auto find = [&](const std::string& name) -> const ZipRecord* {
        for (const ZipRecord& r : records)
            if (foldedName(r.name) == folder + name) return &r;
        return nullptr;
    };
    const ZipRecord* version = find(".data/version");
    if (!version) version = find("version");
    if (!version) fail(path, "the archive has no version record; it was not written by torch.save");
    const std::string text = readStoredRecord(path, *version);
    uint64_t number = 0;
    try {
        number = std::stoull(text);  // as LibTorch reads it
    } catch (const std::exception&) {
        fail(path, "the archive's version record does not hold a format version");
    }
    if (number < caffe2::serialize::kMinSupportedFileFormatVersion ||
        number > caffe2::serialize::kMaxSupportedFileFormatVersion)
        fail(path, "format version " + std::to_string(number) + " is not one this LibTorch reads (" +
                       std::to_string(caffe2::serialize::kMinSupportedFileFormatVersion) + " to " +
                       std::to_string(caffe2::serialize::kMaxSupportedFileFormatVersion) + ")");
}

// Storage `key` lives in the record data/<key>: raw little-endian elements.
torch::Tensor loadStorage(const fs::path& path, caffe2::serialize::PyTorchStreamReader& reader,
                          const std::string& key, torch::ScalarType type, int64_t numel) {
    const std::string record = "data/" + key;
    if (!reader.hasRecord(record)) fail(path, "storage record '" + record + "' is missing from the archive");
    auto [bytes, size] = reader.getRecord(record);
    const size_t itemSize = c10::elementSize(type);
    if (static_cast<uint64_t>(numel) > size / itemSize)
        fail(path, "storage record '" + record + "' holds " + std::to_string(size) + " bytes, too few for " +
                       std::to_string(numel) + " elements of " + c10::toString(type));
    // The tensor takes over the record's buffer: no copy.
    c10::Storage storage(c10::Storage::use_byte_size_t(), size, std::move(bytes), nullptr, false);
    torch::Tensor t = torch::empty({0}, torch::TensorOptions().dtype(type)).set_(storage, 0, {numel}, {1});
    // A bool byte other than 0/1 is undefined behaviour once torch computes with it.
    if (type == torch::kBool && t.view(torch::kUInt8).gt(1).any().item<bool>())
        fail(path, "storage record '" + record + "' of bools holds bytes other than 0 and 1");
    return t;
}

}  // namespace

TensorMap readPytorchBin(const fs::path& path) {
    checkIsZipArchive(path);
    // LibTorch's reader allocates what a record declares, and leaks when its constructor throws.
    checkTorchSaveLayout(path, checkZipDeclaredSizes(path));
    try {
        caffe2::serialize::PyTorchStreamReader reader(path.string());
        if (reader.hasRecord("byteorder")) {
            auto [order, size] = reader.getRecord("byteorder");
            if (std::string(static_cast<const char*>(order.get()), size) != "little")
                fail(path, "the tensors are stored big-endian, which is not supported");
        }
        if (!reader.hasRecord("data.pkl"))
            fail(path, "the archive has no data.pkl record; it was not written by torch.save");
        auto [pickle, pickleBytes] = reader.getRecord("data.pkl");
        const StorageLoader loader = [&](const std::string& key, torch::ScalarType type, int64_t numel) {
            return loadStorage(path, reader, key, type, numel);
        };
        return unpickleStateDict(path.string(), static_cast<const uint8_t*>(pickle.get()), pickleBytes,
                                 loader);
    } catch (const bw::Error&) {
        throw;
    } catch (const c10::Error& e) {
        fail(path, std::string("cannot read the checkpoint archive: ") + e.what_without_backtrace());
    } catch (const std::exception& e) {
        fail(path, std::string("cannot read the checkpoint archive: ") + e.what());
    }
}

}  // namespace bw::io
