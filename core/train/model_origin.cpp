#include "core/train/model_origin.h"

#include "core/store/experiment_store.h"
#include "core/train/resolved_path.h"

#include <algorithm>
#include <cctype>

namespace bw::train {
namespace {

namespace fs = std::filesystem;

bool isCheckpointFolder(const fs::path& dir) { return dir.filename().string().rfind("checkpoint-", 0) == 0; }

// "checkpoint-" and digits only, as the trainer names them.
bool isStepFolderName(const std::string& name) {
    const std::string prefix = "checkpoint-";
    return name.size() > prefix.size() && name.compare(0, prefix.size(), prefix) == 0 &&
           std::all_of(name.begin() + static_cast<std::ptrdiff_t>(prefix.size()), name.end(),
                       [](unsigned char c) { return std::isdigit(c) != 0; });
}

}  // namespace

std::string modelFolderName(const fs::path& model_dir) {
    fs::path folder = model_dir.lexically_normal();
    if (folder.filename().empty()) folder = folder.parent_path();  // "…/checkpoint-30/"
    const std::string name = folder.filename().string();
    if (!isStepFolderName(name)) return name;
    const std::string run = folder.parent_path().filename().string();
    return run.empty() ? name : run + "/" + name;
}

std::optional<store::RunRecord> runThatMadeModel(store::ExperimentStore& store, const fs::path& model_dir) {
    const fs::path dir = resolvedPath(model_dir);
    const std::vector<store::RunRecord> runs = store.listRuns();  // newest first
    // A checkpoint names its run by its folder: no query per run.
    if (isCheckpointFolder(dir))
        for (const store::RunRecord& run : runs)
            if (!run.output_dir.empty() && resolvedPath(run.output_dir) == dir.parent_path()) return run;
    for (const store::RunRecord& run : runs)
        for (const store::ArtifactRecord& artifact : store.artifacts(run.id))
            if (artifact.kind == "exported-model" && resolvedPath(artifact.path) == dir) return run;
    return std::nullopt;
}

const TaskDefinition& taskOfRun(const store::RunRecord& run, const std::optional<store::DatasetRecord>& dataset) {
    return taskForRun(run.task, run.config.value("problem_type", ""), dataset && hasTextPairs(*dataset));
}

const TaskDefinition& taskOfRun(store::ExperimentStore& store, const store::RunRecord& run) {
    return taskOfRun(run, run.dataset_id ? store.getDataset(*run.dataset_id) : std::nullopt);
}

}  // namespace bw::train
