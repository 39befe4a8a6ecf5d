#pragma once
// A model folder as people name it in a title or a label.
#include "core/train/model_choices.h"

#include <QString>

#include <optional>

namespace bw::gui {

// The folder's name ("bertwork-tiny-en"); for a training checkpoint, whose folder names only the
// step, the run's folder too ("wizard-run/checkpoint-40").
QString modelName(const QString& dir);

// "best, last", "best", "last" or "": how a checkpoint stands in its run, in the window's language.
QString checkpointMarks(bool best, bool last);
QString checkpointMarks(const train::CheckpointChoice& checkpoint);

// What the status bar calls the model: a run's checkpoint by its run and step ("run 12 “sst2” ·
// step 40 (best)"), any other folder by modelName.
QString modelTitle(const QString& dir, const std::optional<train::CheckpointOfModel>& checkpoint);

}  // namespace bw::gui
