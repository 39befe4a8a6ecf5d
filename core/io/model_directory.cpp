#include "core/io/model_directory.h"

#include "core/io/checkpoint_files.h"
#include "core/io/safetensors.h"
#include "core/runtime/error.h"

#include <random>

namespace bw::io {
namespace fs = std::filesystem;

namespace {

model::BertTask taskFromConfig(const model::BertConfig& config) {
    if (config.architectures.empty()) return model::BertTask::Base;
    return model::taskFromArchitecture(config.architectures.front());
}

fs::path siblingTemporary(const fs::path& dir, const char* tag) {
    std::random_device rd;
    fs::path tmp = dir;
    tmp += std::string(".") + tag + "-" + std::to_string(rd());
    return tmp;
}

}  // namespace

LoadedModel loadModelDirectory(const fs::path& dir, const ModelLoadOptions& options) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw Error(dir.string() + ": model directory does not exist");
    LoadedModel loaded;
    loaded.directory = dir;
    loaded.config = model::BertConfig::fromFile(dir / "config.json");
    if (options.configure) {
        options.configure(loaded.config);
        loaded.config.validate((dir / "config.json").string());
    }
    const model::BertTask task = options.task ? *options.task : taskFromConfig(loaded.config);
    loaded.tokenizer = options.tokenizer ? options.tokenizer
                                         : std::make_shared<text::BertTokenizer>(text::BertTokenizer::fromDirectory(dir));
    if (static_cast<int64_t>(loaded.tokenizer->vocab().size()) > loaded.config.vocab_size)
        throw Error((dir / "config.json").string() + ": field 'vocab_size' (" + std::to_string(loaded.config.vocab_size) +
                    ") is smaller than the tokenizer's vocabulary (" +
                    std::to_string(loaded.tokenizer->vocab().size()) + " tokens)");

    loaded.model = model::makeBertTaskModel(loaded.config, task);
    if (options.load_weights) loaded.report = loadWeightsFromDirectory(*loaded.model, dir, options.init_new_heads);
    loaded.model->eval();
    return loaded;
}

LoadReport loadWeightsFromDirectory(model::BertTaskModelImpl& model, const fs::path& dir, bool init_new_heads) {
    CheckpointTensors checkpoint = readCheckpointDirectory(dir);
    LoadReport report = loadWeightsInto(model, std::move(checkpoint.tensors), {init_new_heads}, dir.string());
    report.weight_files = checkpoint.files;
    return report;
}

void saveModelDirectory(const fs::path& dir, const model::BertTaskModelImpl& model, const text::BertTokenizer& tokenizer,
                        StorageDtype dtype, const std::function<void(const fs::path& staging)>& write_extra,
                        TransformersGeneration generation) {
    const fs::path staging = siblingTemporary(dir, "writing");
    try {
        fs::create_directories(staging);
        model::BertConfig config = model.config;
        config.architectures = {model::architectureName(model.task)};
        // One spelling only, whichever the model was read with.
        config.extra.erase("torch_dtype");
        config.extra.erase("dtype");
        config.extra[generation == TransformersGeneration::V5 ? "dtype" : "torch_dtype"] =
            dtype == StorageDtype::Float32 ? "float32" : dtype == StorageDtype::Float16 ? "float16" : "bfloat16";
        config.save(staging / "config.json");

        TensorMap tensors = stateDictForSaving(model);
        const auto scalar = dtype == StorageDtype::Float32 ? torch::kFloat32
                            : dtype == StorageDtype::Float16 ? torch::kFloat16 : torch::kBFloat16;
        for (auto& item : tensors) item.second = item.second.to(torch::kCPU, scalar).contiguous();  // from any device
        writeSafetensors(staging / "model.safetensors", tensors);
        tokenizer.saveToDirectory(staging);
        if (write_extra) write_extra(staging);

        // Swap the finished directory into place; the old content survives until the very end.
        fs::path previous;
        if (fs::exists(dir)) {
            previous = siblingTemporary(dir, "previous");
            fs::rename(dir, previous);
        }
        fs::rename(staging, dir);
        if (!previous.empty()) fs::remove_all(previous);
    } catch (const fs::filesystem_error& e) {
        std::error_code ignored;
        fs::remove_all(staging, ignored);
        throw Error(dir.string() + ": cannot save the model: " + e.code().message());
    } catch (...) {
        std::error_code ignored;
        fs::remove_all(staging, ignored);
        throw;
    }
}

}  // namespace bw::io
