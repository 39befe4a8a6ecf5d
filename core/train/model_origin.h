#pragma once
// Which run of a store made a model folder, and so what the model was trained for: config.json
// names the head (sequence classification) but not what it reads, one text or a pair of texts.
#include "core/store/store_records.h"
#include "core/train/task_catalogue.h"

#include <filesystem>
#include <optional>
#include <string>

namespace bw::store {
class ExperimentStore;
}

namespace bw::train {

// A model folder by name rather than by path: its own name, or "run/checkpoint-30" for a run's
// checkpoint, whose name alone says nothing. The window, the model card and the status bar use it.
std::string modelFolderName(const std::filesystem::path& model_dir);

// The run whose checkpoint ("<output_dir>/checkpoint-N") or export (its "exported-model" artifact)
// the folder is, the newest such run; unset when no run of the store made it.
std::optional<store::RunRecord> runThatMadeModel(store::ExperimentStore& store, const std::filesystem::path& model_dir);

// The catalogue's task a run trained ("sentence-pairs" for a classifier of pairs, ...): its head,
// problem type and whether its dataset has a second text. The model card and the playground say it.
const TaskDefinition& taskOfRun(const store::RunRecord& run, const std::optional<store::DatasetRecord>& dataset);
const TaskDefinition& taskOfRun(store::ExperimentStore& store, const store::RunRecord& run);

}  // namespace bw::train
