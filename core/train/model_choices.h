#pragma once
// "Which model" the window's Tokenizer, Attention and Playground pages look at: the bundled model,
// any kept checkpoint of the store's runs, or a folder. The picker lists the checkpoints; the status
// bar asks what a folder is, to say "run 12 “sst2” · step 40 (best)" rather than "checkpoint-40".
#include "core/store/store_records.h"

#include <filesystem>
#include <optional>
#include <vector>

namespace bw::store {
class ExperimentStore;
}

namespace bw::train {

struct CheckpointChoice {
    store::CheckpointRecord checkpoint;
    bool is_best = false;  // what runCheckpoint(..., "best") picks
    bool is_last = false;  // the run's latest
    bool on_disk = true;   // its folder is still there (a deleted one is listed, not chosen)
};

struct RunModelChoices {
    store::RunRecord run;
    std::vector<CheckpointChoice> checkpoints;  // by step
};

// The runs that kept checkpoints, newest first, each with its checkpoints: two queries, whatever
// the number of runs.
std::vector<RunModelChoices> runModelChoices(store::ExperimentStore& store);

struct CheckpointOfModel {
    store::RunRecord run;
    CheckpointChoice checkpoint;
};
// The run checkpoint a model folder is (paths compared as the file system resolves them), if the
// store kept it.
std::optional<CheckpointOfModel> checkpointOfModel(store::ExperimentStore& store, const std::filesystem::path& dir);

}  // namespace bw::train
