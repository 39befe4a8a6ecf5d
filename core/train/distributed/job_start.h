#pragma once
// Internal to core (LibTorch). How the ranks of a data-parallel training job start together: each
// joins the job the environment describes; rank 0 alone uses the experiment store (creates or
// checks the run) and then tells the others, through the rendezvous store, to start (and from
// which checkpoint) or why it could not.
#include "core/train/distributed/process_group.h"
#include "core/train/training_args.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace bw::train::distributed {

// The job of this process's environment; null for a single process (no environment, or WORLD_SIZE 1).
std::shared_ptr<ProcessGroup> joinJobFromEnvironment(const TrainingArguments& args);

// Rank 0: the run starts (from `checkpoint` when resuming), or it cannot (`message`). No-ops without a job.
void announceStart(ProcessGroup* group, const std::optional<std::filesystem::path>& checkpoint);
void announceFailure(ProcessGroup* group, const std::string& message);
// The other ranks: waits for rank 0's word; the checkpoint to resume from, or throws bw::Error.
std::optional<std::filesystem::path> awaitStart(ProcessGroup& group);

// What a run's stored config records of its job ({"world_size": N, "backend": "gloo"}).
nlohmann::json describeJob(const ProcessGroup& group);
// Refuses to resume a run on another number of ranks than it was trained on: the batches would differ.
void requireSameWorldSize(const nlohmann::json& run_config, const ProcessGroup* group, int64_t run_id);

}  // namespace bw::train::distributed
