#include "core/train/model_choices.h"

#include "core/store/experiment_store.h"
#include "core/train/run_results.h"

#include <map>
#include <system_error>

namespace bw::train {
namespace {

namespace fs = std::filesystem;

std::vector<CheckpointChoice> choicesOf(const std::vector<store::CheckpointRecord>& by_step) {
    const BestAndLastCheckpoints marked = bestAndLastCheckpoints(by_step);
    std::vector<CheckpointChoice> choices;
    for (size_t i = 0; i < by_step.size(); ++i) {
        std::error_code ignored;
        choices.push_back({by_step[i], static_cast<int>(i) == marked.best, static_cast<int>(i) == marked.last,
                           fs::is_directory(by_step[i].path, ignored)});
    }
    return choices;
}

}  // namespace

std::vector<RunModelChoices> runModelChoices(store::ExperimentStore& store) {
    std::map<int64_t, std::vector<store::CheckpointRecord>> by_run;
    for (store::CheckpointRecord& checkpoint : store.allCheckpoints()) by_run[checkpoint.run_id].push_back(std::move(checkpoint));
    std::vector<RunModelChoices> out;
    if (by_run.empty()) return out;
    for (store::RunRecord& run : store.listRuns()) {  // newest first
        const auto it = by_run.find(run.id);
        if (it == by_run.end()) continue;
        out.push_back({std::move(run), choicesOf(it->second)});
    }
    return out;
}

std::optional<CheckpointOfModel> checkpointOfModel(store::ExperimentStore& store, const fs::path& dir) {
    std::error_code ignored;
    const fs::path canonical = fs::weakly_canonical(dir, ignored);
    // Stored paths are absolute; the folder may have been named another way (a link, "./").
    std::optional<store::CheckpointRecord> found = store.checkpointAtPath(dir.string());
    if (!found && !canonical.empty()) found = store.checkpointAtPath(canonical.string());
    if (!found) found = store.checkpointAtPath(fs::absolute(dir, ignored).lexically_normal().string());
    if (!found) return std::nullopt;
    std::optional<store::RunRecord> run = store.getRun(found->run_id);
    if (!run) return std::nullopt;
    for (CheckpointChoice& choice : choicesOf(store.checkpoints(run->id)))
        if (choice.checkpoint.id == found->id) return CheckpointOfModel{std::move(*run), std::move(choice)};
    return std::nullopt;
}

}  // namespace bw::train
