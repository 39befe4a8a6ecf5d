#include "core/io/safetensors.h"

#include "core/runtime/atomic_file.h"
#include "core/runtime/error.h"
#include "core/runtime/json_error_text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <limits>
#include <system_error>
#include <vector>

// The format stores little-endian bytes and tensors are read straight into torch buffers.
#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "safetensors I/O assumes a little-endian host"
#endif

namespace bw::io {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

// The reference implementation refuses headers above 100 MB; so do we, before allocating.
constexpr uint64_t kMaxHeaderBytes = 100'000'000;
constexpr const char* kMetadataKey = "__metadata__";

struct DtypeName {
    const char* name;
    torch::ScalarType type;
};

constexpr std::array<DtypeName, 10> kDtypes{{
    {"F32", torch::kFloat},
    {"F16", torch::kHalf},
    {"BF16", torch::kBFloat16},
    {"F64", torch::kDouble},
    {"I64", torch::kLong},
    {"I32", torch::kInt},
    {"I16", torch::kShort},
    {"I8", torch::kChar},
    {"U8", torch::kByte},
    {"BOOL", torch::kBool},
}};

[[noreturn]] void fail(const fs::path& path, const std::string& what) {
    throw bw::Error(path.string() + ": " + what);
}

// One tensor as the header describes it, checked against the buffer.
struct Entry {
    std::string name;
    torch::ScalarType type;
    std::vector<int64_t> shape;
    uint64_t begin = 0;
    uint64_t end = 0;
};

std::string shapeText(const std::vector<int64_t>& shape) {
    std::string text = "[";
    for (size_t i = 0; i < shape.size(); ++i) text += (i ? "," : "") + std::to_string(shape[i]);
    return text + "]";
}

// A JSON number that must be a non-negative integer fitting int64 (sizes and offsets).
int64_t nonNegativeInt(const fs::path& path, const std::string& where, const Json& value) {
    if (value.is_number_unsigned()) {
        const auto v = value.get<uint64_t>();
        if (v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
            fail(path, where + " " + std::to_string(v) + " is too large");
        return static_cast<int64_t>(v);
    }
    if (value.is_number_integer()) fail(path, where + " is negative (" + value.dump() + ")");
    fail(path, where + " is not an integer (" + value.dump() + ")");
}

Entry parseEntry(const fs::path& path, const std::string& name, const Json& desc, uint64_t bufferBytes) {
    const std::string what = "tensor '" + name + "'";
    if (!desc.is_object()) fail(path, what + ": its header entry is not a JSON object");
    for (const char* field : {"dtype", "shape", "data_offsets"})
        if (!desc.contains(field)) fail(path, what + ": header entry has no \"" + field + "\"");

    Entry e;
    e.name = name;
    const Json& dtype = desc["dtype"];
    if (!dtype.is_string()) fail(path, what + ": \"dtype\" is not a string");
    const auto& dtypeName = dtype.get_ref<const std::string&>();
    const auto known =
        std::find_if(kDtypes.begin(), kDtypes.end(), [&](const DtypeName& d) { return dtypeName == d.name; });
    if (known == kDtypes.end()) fail(path, what + ": unknown dtype '" + dtypeName + "'");
    e.type = known->type;

    const Json& shape = desc["shape"];
    if (!shape.is_array()) fail(path, what + ": \"shape\" is not an array");
    uint64_t bytes = torch::elementSize(e.type);
    bool overflow = false;
    for (const Json& dim : shape) {
        e.shape.push_back(nonNegativeInt(path, what + ": dimension", dim));
        overflow = overflow || __builtin_mul_overflow(bytes, static_cast<uint64_t>(e.shape.back()), &bytes);
    }
    if (overflow) fail(path, what + ": shape " + shapeText(e.shape) + " is too large");

    const Json& offsets = desc["data_offsets"];
    if (!offsets.is_array() || offsets.size() != 2)
        fail(path, what + ": \"data_offsets\" is not an array [begin, end]");
    e.begin = static_cast<uint64_t>(nonNegativeInt(path, what + ": data_offsets begin", offsets[0]));
    e.end = static_cast<uint64_t>(nonNegativeInt(path, what + ": data_offsets end", offsets[1]));
    if (e.begin > e.end)
        fail(path, what + ": data_offsets begin " + std::to_string(e.begin) + " is after end " +
                       std::to_string(e.end));
    if (e.end > bufferBytes)
        fail(path, what + ": data_offsets [" + std::to_string(e.begin) + ", " + std::to_string(e.end) +
                       "] run past the end of the data buffer (" + std::to_string(bufferBytes) + " bytes)");
    if (e.end - e.begin != bytes)
        fail(path, what + ": shape " + shapeText(e.shape) + " of dtype " + dtypeName + " needs " +
                       std::to_string(bytes) + " bytes but data_offsets span " +
                       std::to_string(e.end - e.begin));
    return e;
}

std::map<std::string, std::string> parseMetadata(const fs::path& path, const Json& meta) {
    if (!meta.is_object()) fail(path, "\"__metadata__\" is not a JSON object");
    std::map<std::string, std::string> out;
    for (const auto& [key, value] : meta.items()) {
        if (!value.is_string()) fail(path, "\"__metadata__\" value for '" + key + "' is not a string");
        out[key] = value.get<std::string>();
    }
    return out;
}

// The tensors must tile the buffer exactly: no overlap (one tensor's bytes read as another's) and
// no gap (bytes nobody accounts for hide data or mean a broken writer).
void checkTiling(const fs::path& path, std::vector<Entry>& entries, uint64_t bufferBytes) {
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    });
    uint64_t covered = 0;
    const Entry* previous = nullptr;
    for (const Entry& e : entries) {
        if (e.begin < covered)
            fail(path, "tensors '" + previous->name + "' and '" + e.name + "' overlap in the data buffer");
        if (e.begin > covered)
            fail(path, "bytes [" + std::to_string(covered) + ", " + std::to_string(e.begin) +
                           ") of the data buffer are not covered by any tensor (before '" + e.name + "')");
        covered = e.end;
        previous = &e;
    }
    if (covered != bufferBytes)
        fail(path, "bytes [" + std::to_string(covered) + ", " + std::to_string(bufferBytes) +
                       ") at the end of the data buffer are not covered by any tensor");
}

void readExactly(const fs::path& path, std::ifstream& in, char* into, uint64_t bytes,
                 const std::string& what) {
    in.read(into, static_cast<std::streamsize>(bytes));
    if (static_cast<uint64_t>(in.gcount()) != bytes) fail(path, "read failed while reading " + what);
}

const char* safetensorsDtype(const fs::path& path, const std::string& tensorName, torch::ScalarType type) {
    for (const DtypeName& d : kDtypes)
        if (d.type == type) return d.name;
    fail(path, "tensor '" + tensorName + "' has dtype " + std::string(c10::toString(type)) +
                   ", which safetensors cannot store");
}

}  // namespace

SafetensorsFile readSafetensors(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) fail(path, std::string("cannot open file: ") + std::strerror(errno));
    std::error_code ec;
    const uint64_t fileBytes = fs::file_size(path, ec);
    if (ec) fail(path, "cannot read the file size: " + ec.message());
    if (fileBytes == 0) fail(path, "the file is empty");
    if (fileBytes < 8)
        fail(path, "the file is " + std::to_string(fileBytes) +
                       " bytes long, too short for the 8-byte header length");

    unsigned char lengthBytes[8];
    readExactly(path, in, reinterpret_cast<char*>(lengthBytes), 8, "the header length");
    uint64_t headerBytes = 0;
    for (int i = 7; i >= 0; --i) headerBytes = (headerBytes << 8) | lengthBytes[i];
    if (headerBytes > kMaxHeaderBytes)
        fail(path, "header length " + std::to_string(headerBytes) + " is absurd (the limit is " +
                       std::to_string(kMaxHeaderBytes) + " bytes)");
    if (headerBytes > fileBytes - 8)
        fail(path, "header length " + std::to_string(headerBytes) + " runs past the end of the file (" +
                       std::to_string(fileBytes) + " bytes)");

    std::string headerText(headerBytes, '\0');
    readExactly(path, in, headerText.data(), headerBytes, "the header");
    Json header;
    try {
        header = Json::parse(headerText);
    } catch (const Json::exception& e) {
        fail(path, "the header is not valid JSON: " + jsonErrorText(e));
    }
    if (!header.is_object()) fail(path, "the header is not a JSON object");

    const uint64_t bufferBytes = fileBytes - 8 - headerBytes;
    SafetensorsFile file;
    std::vector<Entry> entries;
    for (const auto& [name, desc] : header.items()) {
        if (name == kMetadataKey)
            file.metadata = parseMetadata(path, desc);
        else
            entries.push_back(parseEntry(path, name, desc, bufferBytes));
    }
    checkTiling(path, entries, bufferBytes);

    // Entries are now in buffer order, so the file is read front to back.
    for (const Entry& e : entries) {
        torch::Tensor t = torch::empty(e.shape, torch::TensorOptions().dtype(e.type));
        readExactly(path, in, static_cast<char*>(t.data_ptr()), e.end - e.begin, "tensor '" + e.name + "'");
        // A bool byte other than 0/1 is undefined behaviour once torch computes with it.
        if (e.type == torch::kBool && t.view(torch::kUInt8).gt(1).any().item<bool>())
            fail(path, "tensor '" + e.name + "': BOOL data holds bytes other than 0 and 1");
        file.tensors.emplace(e.name, std::move(t));
    }
    return file;
}

void writeSafetensors(const fs::path& path, const TensorMap& tensors,
                      const std::map<std::string, std::string>& metadata) {
    // ordered_json keeps "__metadata__" first and the tensors in name order, as written here.
    nlohmann::ordered_json header;
    std::map<std::string, std::string> meta{{"format", "pt"}};
    for (const auto& [key, value] : metadata) meta[key] = value;  // the caller's values win
    header[kMetadataKey] = meta;

    std::vector<torch::Tensor> blobs;
    uint64_t offset = 0;
    for (const auto& [name, tensor] : tensors) {
        if (name == kMetadataKey) fail(path, "a tensor cannot be named \"__metadata__\"");
        if (!tensor.defined()) fail(path, "tensor '" + name + "' is undefined");
        if (tensor.layout() != torch::kStrided) fail(path, "tensor '" + name + "' is not a dense tensor");
        const char* dtype = safetensorsDtype(path, name, tensor.scalar_type());
        torch::Tensor blob = tensor.detach().to(torch::kCPU).contiguous();
        const uint64_t bytes = blob.nbytes();
        header[name] = {
            {"dtype", dtype}, {"shape", blob.sizes().vec()}, {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
        blobs.push_back(std::move(blob));
    }

    std::string text;
    try {
        text = header.dump();
    } catch (const nlohmann::ordered_json::exception& e) {
        fail(path, std::string("cannot encode the header (are the names valid UTF-8?): ") + e.what());
    }
    text.append((8 - text.size() % 8) % 8, ' ');  // the reference writer aligns the data to 8 bytes

    // One buffer, so that writeFileAtomically can put it in place whole (temp file, fsync, rename).
    std::string bytes;
    bytes.reserve(8 + text.size() + offset);
    for (int i = 0; i < 8; ++i) bytes.push_back(static_cast<char>((text.size() >> (8 * i)) & 0xff));
    bytes += text;
    for (const torch::Tensor& blob : blobs)
        bytes.append(static_cast<const char*>(blob.data_ptr()), blob.nbytes());
    writeFileAtomically(path, bytes);
}

}  // namespace bw::io
