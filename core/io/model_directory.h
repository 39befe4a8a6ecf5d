#pragma once
// Internal to core. A Hugging Face model directory, read and written whole: config.json, the
// weights (model.safetensors / pytorch_model.bin / shards), and the tokenizer files.
#include "core/io/load_report.h"
#include "core/io/weights_loader.h"
#include "core/model/bert_task_model.h"
#include "core/text/bert_tokenizer.h"

#include "core/runtime/transformers_generation.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>

namespace bw::io {

struct ModelLoadOptions {
    std::optional<model::BertTask> task;  // unset: from config.json's "architectures"
    bool init_new_heads = false;
    // Changes to config.json's settings before the model is built, as from_pretrained's keyword
    // arguments (the label names and problem type of a new head, ...). Validated afterwards.
    std::function<void(model::BertConfig&)> configure;
    bool load_weights = true;  // false: freshly initialised weights (a resume loads its checkpoint next)
    // The directory's tokenizer when the caller has read it already (training reads its data first).
    std::shared_ptr<const text::BertTokenizer> tokenizer;

    // The common case in one expression: a task (unset: config.json's) and whether new heads may be
    // initialised.
    static ModelLoadOptions forTask(std::optional<model::BertTask> task, bool init_new_heads) {
        ModelLoadOptions options;
        options.task = task;
        options.init_new_heads = init_new_heads;
        return options;
    }
};

struct LoadedModel {
    std::filesystem::path directory;
    model::BertConfig config;
    model::BertTaskModel model{nullptr};  // in eval mode
    std::shared_ptr<const text::BertTokenizer> tokenizer;
    LoadReport report;
};

// Throws bw::Error naming the directory/file and the problem (directory missing, config invalid,
// vocabulary size larger than the embedding matrix, weights malformed or missing).
LoadedModel loadModelDirectory(const std::filesystem::path& dir, const ModelLoadOptions& options = {});

// The weights of a model directory (or training checkpoint) loaded into an existing model.
LoadReport loadWeightsFromDirectory(model::BertTaskModelImpl& model, const std::filesystem::path& dir,
                                    bool init_new_heads = false);

enum class StorageDtype { Float32, Float16, BFloat16 };

// Writes config.json, model.safetensors (format "pt", tied weights once) and every tokenizer file.
// Everything goes into a temporary sibling directory that is renamed into place at the end, so a
// failure (full disk, ...) leaves any previous content of `dir` untouched and nothing half-written.
// `write_extra` may add files (a trainer's state) to the staging directory before it is renamed.
// config.json names the storage type "dtype" for transformers 5 and "torch_dtype" for 4.x.
void saveModelDirectory(const std::filesystem::path& dir, const model::BertTaskModelImpl& model,
                        const text::BertTokenizer& tokenizer, StorageDtype dtype = StorageDtype::Float32,
                        const std::function<void(const std::filesystem::path& staging)>& write_extra = {},
                        TransformersGeneration generation = TransformersGeneration::V5);

}  // namespace bw::io
