#pragma once
// Internal to core. The README.md written next to an exported model: what it is, what it was
// trained on and how, how well it does, and how to load and reproduce it.
#include "core/io/model_directory.h"
#include "core/store/store_records.h"

#include <optional>
#include <string>
#include <vector>

namespace bw::train {

std::string modelCard(const store::RunRecord& run, const store::CheckpointRecord& checkpoint,
                      const std::vector<store::EvaluationRecord>& evaluations,
                      const std::optional<store::DatasetRecord>& dataset, const io::LoadedModel& model);

}  // namespace bw::train
