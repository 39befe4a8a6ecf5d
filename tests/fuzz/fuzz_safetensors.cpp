// model.safetensors as the app reads it (core/io/safetensors): any bytes give tensors or a bw::Error.
// What it accepts must cover the buffer it read and survive a write and a second read unchanged.
#include "core/io/safetensors.h"
#include "core/runtime/error.h"
#include "fuzz_scratch.h"

namespace {

// Equal dtype, shape and bytes (NaN payloads included, which torch::equal would call unequal).
bool sameTensor(const torch::Tensor& a, const torch::Tensor& b) {
    if (a.scalar_type() != b.scalar_type() || a.sizes() != b.sizes()) return false;
    const torch::Tensor ab = a.contiguous().flatten().view(torch::kUInt8);
    const torch::Tensor bb = b.contiguous().flatten().view(torch::kUInt8);
    return torch::equal(ab, bb);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto path = bw::fuzz::writeScratchFile("model.safetensors", data, size);
    bw::io::SafetensorsFile file;
    try {
        file = bw::io::readSafetensors(path);
    } catch (const bw::Error& e) {
        bw::fuzz::noteRefused(e);  // a clean refusal
        return 0;
    }
    size_t bytes = 0;
    for (const auto& [name, tensor] : file.tensors) bytes += tensor.nbytes();
    if (bytes > size) bw::fuzz::invariantBroken("tensors hold more bytes than the file");

    const auto copy = bw::fuzz::scratchDirectory() / "copy.safetensors";
    bw::io::writeSafetensors(copy, file.tensors, file.metadata);
    const bw::io::SafetensorsFile again = bw::io::readSafetensors(copy);
    if (again.tensors.size() != file.tensors.size()) bw::fuzz::invariantBroken("a tensor was lost on the round trip");
    for (const auto& [name, tensor] : file.tensors)
        if (!again.tensors.count(name) || !sameTensor(tensor, again.tensors.at(name)))
            bw::fuzz::invariantBroken("tensor '" + name + "' changed on the round trip");
    for (const auto& [key, value] : file.metadata)
        if (!again.metadata.count(key) || again.metadata.at(key) != value)
            bw::fuzz::invariantBroken("metadata '" + key + "' changed on the round trip");
    bw::fuzz::noteAccepted();
    return 0;
}
