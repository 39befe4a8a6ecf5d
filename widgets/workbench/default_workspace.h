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

}  // namespace bw::gui
