// The data.pkl of a pytorch_model.bin (core/io/torch_pickle), fed straight to the unpickler that
// readPytorchBin uses: inside the zip, LibTorch's CRC check stops a mutated pickle long before it
// gets there. The storages stand in for the zip records: zeros of the size the pickle asks, and a
// refusal (as a record too small) above 64 Ki elements.
#include "core/io/torch_pickle.h"
#include "core/runtime/error.h"
#include "tensor_checks.h"

namespace {

torch::Tensor zeroStorage(const std::string& key, torch::ScalarType type, int64_t numel) {
    if (numel > (int64_t{1} << 16)) throw bw::Error("storage record 'data/" + key + "' is too small");
    return torch::zeros({numel}, torch::TensorOptions().dtype(type));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    bw::io::TensorMap tensors;
    try {
        tensors = bw::io::unpickleStateDict("data.pkl", data, size, zeroStorage);
    } catch (const bw::Error& e) {
        bw::fuzz::noteRefused(e);
        return 0;
    }
    bw::fuzz::checkStateDict(tensors);
    bw::fuzz::noteAccepted();
    return 0;
}
