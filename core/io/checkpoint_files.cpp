#include "core/io/checkpoint_files.h"

#include "core/io/pytorch_bin.h"
#include "core/io/safetensors.h"
#include "core/runtime/error.h"
#include "core/runtime/json_error_text.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <map>

namespace bw::io {
namespace fs = std::filesystem;

TensorMap readWeightsFile(const fs::path& file) {
    if (file.extension() == ".safetensors") return readSafetensors(file).tensors;
    if (file.extension() == ".bin" || file.extension() == ".pt" || file.extension() == ".pth") return readPytorchBin(file);
    throw Error(file.string() + ": unknown weights format (expected .safetensors or .bin)");
}

namespace {

// {"metadata": {...}, "weight_map": {"tensor name": "shard file name"}}
CheckpointTensors readSharded(const fs::path& index_path) {
    const fs::path dir = index_path.parent_path();
    std::ifstream in(index_path);
    nlohmann::json index;
    try {
        index = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw Error(index_path.string() + ": not valid JSON: " + jsonErrorText(e));
    }
    if (!index.is_object() || !index.contains("weight_map") || !index["weight_map"].is_object())
        throw Error(index_path.string() + ": missing the \"weight_map\" object");

    std::map<std::string, std::vector<std::string>> names_by_shard;
    for (const auto& [name, shard] : index["weight_map"].items()) {
        if (!shard.is_string()) throw Error(index_path.string() + ": weight_map[\"" + name + "\"] is not a file name");
        const std::string file = shard.get<std::string>();
        // A shard must be a plain file name inside the model directory, never a path elsewhere.
        if (file.empty() || fs::path(file).filename() != fs::path(file) || file == "." || file == "..")
            throw Error(index_path.string() + ": shard name '" + file + "' is not a file name in the model directory");
        names_by_shard[file].push_back(name);
    }

    CheckpointTensors result;
    for (const auto& [file, names] : names_by_shard) {
        TensorMap shard = readWeightsFile(dir / file);
        for (const std::string& name : names) {
            auto it = shard.find(name);
            if (it == shard.end())
                throw Error((dir / file).string() + ": tensor '" + name + "' listed in " +
                            index_path.filename().string() + " is not in this shard");
            result.tensors[name] = it->second;
        }
        result.files.push_back(file);
    }
    return result;
}

}  // namespace

CheckpointTensors readCheckpointDirectory(const fs::path& dir) {
    static const char* const single_files[] = {"model.safetensors", "pytorch_model.bin"};
    static const char* const index_files[] = {"model.safetensors.index.json", "pytorch_model.bin.index.json"};
    for (int i = 0; i < 2; ++i) {
        if (fs::exists(dir / single_files[i])) return {readWeightsFile(dir / single_files[i]), {single_files[i]}};
        if (fs::exists(dir / index_files[i])) return readSharded(dir / index_files[i]);
    }
    throw Error(dir.string() + ": no weights found (expected model.safetensors, pytorch_model.bin or a sharded "
                               "*.index.json)");
}

}  // namespace bw::io
