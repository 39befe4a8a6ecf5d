#pragma once
// Where an export may go. An export replaces its target folder whole (so that no shard or tokenizer
// file of an earlier model lingers beside the new one), so it may only replace what a model folder
// holds: a folder with anything else in it (a workspace with its store, someone's documents, a
// run's output folder with its checkpoints) is refused, never emptied. One rule for bertwork-cli
// export and the Export page.
#include <filesystem>
#include <string>

namespace bw::io {

enum class ExportTargetState {
    Free,          // absent, or an empty folder
    EarlierModel,  // a folder with config.json and only the files a model folder holds
    Foreign,       // a folder holding `foreign_entry`, or without config.json
    File,          // not a folder
    Source,        // the model being exported
};

struct ExportTargetCheck {
    ExportTargetState state = ExportTargetState::Free;
    std::string foreign_entry;  // Foreign: the first entry (by name) that is not part of a model, or "config.json" when it is missing
};

// `source` is the folder being exported (compared by identity, so another spelling of it counts).
// Reads names and file types only: no file in the target is opened.
ExportTargetCheck checkExportTarget(const std::filesystem::path& target, const std::filesystem::path& source);

// Throws bw::Error naming the target for Foreign, File and Source (and for a target that cannot be listed).
void requireExportTarget(const std::filesystem::path& target, const std::filesystem::path& source);

// Whether a file with this name belongs in a Hugging Face model folder (weights, configs, tokenizer
// files, model card, a Trainer checkpoint's state).
bool isModelFolderFile(const std::string& name);

}  // namespace bw::io
