#pragma once
// Where the workbench keeps its workspace when the user has not chosen one.
#include <QString>

namespace bw::gui {

// The application's data folder: Bertwork under the platform's data location (~/.local/share/Bertwork
// on Linux). Not QStandardPaths::AppDataLocation, which adds both the organisation and the
// application name, and both are "Bertwork": ~/.local/share/Bertwork/Bertwork.
QString applicationDataFolder();

// workspace.sqlite in that folder (created), or the one earlier versions left in the doubled
// folder when there is no new one yet: a user's runs are never left behind.
QString defaultWorkspacePath();

// A workspace without datasets gets the bundled SST-2 slice (core/train/quickstart's dataset), so
// that a first start has data to look at and train on. Returns what the status bar then says (the
// user did not ask for it), or "" when the workspace had datasets or the slice is not installed
// (stderr says why).
QString seedBundledDataset(const QString& store_path);

}  // namespace bw::gui
