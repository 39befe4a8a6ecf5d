#pragma once
// A model folder as people name it in a title or a label.
#include <QString>

namespace bw::gui {

// The folder's name ("bertwork-tiny-en"); for a training checkpoint, whose folder names only the
// step, the run's folder too ("wizard-run/checkpoint-40").
QString modelName(const QString& dir);

}  // namespace bw::gui
