#pragma once
// Internal to core. Reads `pytorch_model.bin` as written by torch.save (zip format): the records are
// read with caffe2's PyTorchStreamReader, the pickle by a whitelist unpickler that can only rebuild
// tensors and (ordered) dicts. Any other global (os.system, builtins.eval, ...) is refused, so a
// checkpoint can never run code.
#include "core/io/tensor_map.h"

#include <filesystem>

namespace bw::io {

// Throws bw::Error "<file>: <what is wrong>" for a missing/empty/non-zip file, a forbidden global,
// an unsupported opcode, a storage record that is missing or too small for the view asked of it.
TensorMap readPytorchBin(const std::filesystem::path& path);

}  // namespace bw::io
