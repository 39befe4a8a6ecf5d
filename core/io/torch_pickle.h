#pragma once
// Internal to core. A whitelist unpickler for the `data.pkl` that torch.save writes for a state dict.
// It understands only the opcodes torch.save emits (protocol 2, plus the protocol 3-4 framing ones)
// and only the globals that rebuild tensors and ordered dicts; any other global is refused before it
// could be called, so a checkpoint can never run code. Everything is bounds-checked: a malformed
// pickle gives bw::Error, never a crash.
#include "core/io/tensor_map.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace bw::io {

// Returns storage `key` (the zip record data/<key>) as a 1-D CPU tensor of `numel` elements of
// `dtype`; throws bw::Error when the record is missing or too small.
using StorageLoader =
    std::function<torch::Tensor(const std::string& key, torch::ScalarType dtype, int64_t numel)>;

// Unpickles a state dict: a dict (or OrderedDict) of name -> tensor. Tensors are views of the
// storages the loader returns (tied weights keep sharing one storage). `source` names the file in
// error messages: "<source>: <what is wrong>".
TensorMap unpickleStateDict(const std::string& source, const uint8_t* data, size_t size,
                            const StorageLoader& loadStorage);

}  // namespace bw::io
