// pytorch_model.bin as the app reads it (core/io/pytorch_bin: the zip directory check, LibTorch's zip
// reader, the whitelist unpickler): any bytes give tensors or a bw::Error. Every element of every
// tensor it returns is read, so a view past its storage shows up under AddressSanitizer.
#include "core/io/pytorch_bin.h"
#include "core/runtime/error.h"
#include "fuzz_scratch.h"
#include "tensor_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto path = bw::fuzz::writeScratchFile("pytorch_model.bin", data, size);
    bw::io::TensorMap tensors;
    try {
        tensors = bw::io::readPytorchBin(path);
    } catch (const bw::Error& e) {
        bw::fuzz::noteRefused(e);
        return 0;
    }
    bw::fuzz::checkStateDict(tensors);
    bw::fuzz::noteAccepted();
    return 0;
}
