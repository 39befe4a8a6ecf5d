#pragma once
// Whether training gives cores back to other programs while they are busy (the CLI's --threads auto,
// core/runtime/adaptive_threads.h). Chosen under File, kept in QSettings, applied at start and at
// once when changed: the next training run adapts its thread count, or keeps one per core. Off
// unless chosen, since a run whose thread count changes is not bit-identical to a rerun.

namespace bw::gui {

bool adaptiveThreadsSetting();
// Stores the choice and applies it to this process.
void setAdaptiveThreadsSetting(bool on);
// Applies the stored choice (at start).
void applyAdaptiveThreadsSetting();

}  // namespace bw::gui
