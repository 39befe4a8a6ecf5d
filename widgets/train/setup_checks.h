#pragma once
// The combinations the engine would refuse (or that would fail hours into a run), explained in the
// user's words before anything starts. One check per wizard page; each returns "" when the setup
// is fine for that page, or the sentence the page shows while it keeps Next disabled.
#include "widgets/train/model_inspection.h"
#include "widgets/train/training_setup.h"

#include <QString>

#include <optional>

namespace bw::gui {

// The base model: a directory or a vocabulary chosen, and loadable.
QString modelProblem(const TrainingSetup& setup, const ModelFacts& model);
// The task against its data: a tagging task needs tagged words, a pair task needs pairs, ...
// `dataset` is the chosen stored dataset (nullopt: none of that name).
QString dataProblem(const TrainingSetup& setup, const ModelFacts& model,
                    const std::optional<store::DatasetRecord>& dataset);
// A one-text classification task on a dataset of pairs. The engine reads a dataset's second text
// whenever it has one, so such a run trains on pairs under the wrong name: refused by dataProblem,
// and the wizard moves to the pair task when such a dataset is chosen.
bool readsPairsAsOneText(const train::TaskDefinition& task, const store::DatasetRecord& dataset);
// max_seq_length against the model's position embeddings.
QString lengthProblem(const TrainingSetup& setup, const ModelFacts& model);
// The training arguments (TrainingArguments::validateNewRun), evaluation without a validation split, a
// best metric the task does not compute, and the output directory.
QString settingsProblem(const TrainingSetup& setup, const std::optional<store::DatasetRecord>& dataset);

}  // namespace bw::gui
