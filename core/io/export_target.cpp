#include "core/io/export_target.h"

#include "core/runtime/error.h"

#include <algorithm>
#include <set>
#include <vector>

namespace bw::io {
namespace fs = std::filesystem;

namespace {

bool endsWith(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}
bool startsWith(const std::string& s, const std::string& head) { return s.rfind(head, 0) == 0; }

}  // namespace

bool isModelFolderFile(const std::string& name) {
    static const std::set<std::string> names = {
        // configuration and model card
        "config.json", "generation_config.json", "README.md", ".gitattributes",
        // tokenizers (WordPiece, BPE, SentencePiece)
        "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json", "vocab.txt",
        "vocab.json", "merges.txt", "spiece.model", "tokenizer.model", "sentencepiece.bpe.model",
        // other frameworks' weights
        "tf_model.h5", "flax_model.msgpack", "model.onnx",
        // a Trainer checkpoint or output folder (ours and Hugging Face's)
        "training_args.json", "training_args.bin", "trainer_state.json", "optimizer.pt", "scheduler.pt", "scaler.pt",
        "all_results.json", "train_results.json", "eval_results.json"};
    if (names.count(name)) return true;
    if (endsWith(name, ".safetensors") || endsWith(name, ".safetensors.index.json")) return true;
    if (startsWith(name, "pytorch_model") && (endsWith(name, ".bin") || endsWith(name, ".bin.index.json"))) return true;
    return (startsWith(name, "rng_state") || startsWith(name, "cuda_rng_state")) && (endsWith(name, ".pt") || endsWith(name, ".pth"));
}

ExportTargetCheck checkExportTarget(const fs::path& target, const fs::path& source) {
    std::error_code ec;
    const fs::file_status status = fs::symlink_status(target, ec);
    if (!fs::exists(status)) return {};
    if (!source.empty() && fs::equivalent(target, source, ec)) return {ExportTargetState::Source, {}};
    if (!fs::is_directory(fs::status(target, ec))) return {ExportTargetState::File, {}};

    std::vector<std::string> foreign;
    bool has_config = false, empty = true;
    for (fs::directory_iterator it(target, ec), end; !ec && it != end; it.increment(ec)) {
        empty = false;
        const std::string name = it->path().filename().string();
        // A folder inside is never an export's (they are flat): a checkpoint, a workspace, ...
        const bool is_file = it->is_regular_file(ec) && !it->is_symlink(ec);
        if (name == "config.json" && is_file) has_config = true;
        if (!is_file || !isModelFolderFile(name)) foreign.push_back(name);
    }
    if (ec) throw Error(target.string() + ": cannot list the folder: " + ec.message());
    if (empty) return {};
    if (!foreign.empty()) return {ExportTargetState::Foreign, *std::min_element(foreign.begin(), foreign.end())};
    if (!has_config) return {ExportTargetState::Foreign, "config.json"};
    return {ExportTargetState::EarlierModel, {}};
}

void requireExportTarget(const fs::path& target, const fs::path& source) {
    const ExportTargetCheck check = checkExportTarget(target, source);
    switch (check.state) {
    case ExportTargetState::Source:
        throw Error(target.string() + " is the model being exported: choose another folder");
    case ExportTargetState::File:
        throw Error(target.string() + " is a file, not a folder: choose a new or empty folder to export to");
    case ExportTargetState::Foreign:
        if (check.foreign_entry == "config.json")
            throw Error(target.string() + " is not empty and holds no model (no config.json): an export replaces its "
                        "target whole, so choose an empty or new folder");
        throw Error(target.string() + " holds '" + check.foreign_entry + "', which is not part of a model: an export "
                    "replaces its target whole, so choose an empty or new folder");
    case ExportTargetState::Free:
    case ExportTargetState::EarlierModel: return;
    }
}

}  // namespace bw::io
