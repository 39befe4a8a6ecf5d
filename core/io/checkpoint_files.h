#pragma once
// Internal to core. Finds and reads the weights of a Hugging Face model directory, in the order
// from_pretrained prefers them: model.safetensors, model.safetensors.index.json (shards),
// pytorch_model.bin, pytorch_model.bin.index.json.
#include "core/io/tensor_map.h"

#include <filesystem>
#include <string>
#include <vector>

namespace bw::io {

struct CheckpointTensors {
    TensorMap tensors;
    std::vector<std::string> files;  // file names read, relative to the directory
};

// Throws bw::Error when the directory has no weights file, an index names a file outside the
// directory or a tensor its shard lacks, or a file is malformed.
CheckpointTensors readCheckpointDirectory(const std::filesystem::path& dir);

// One weights file, by its extension (.safetensors or .bin).
TensorMap readWeightsFile(const std::filesystem::path& file);

}  // namespace bw::io
