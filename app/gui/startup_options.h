#pragma once
// The command line of `bertwork` and the defaults that fill in what it leaves out.
#include <QString>

class QCoreApplication;

namespace bw::gui {

struct StartupOptions {
    QString store;        // workspace file to open
    QString model;        // model directory, empty when none was found
    QString page;         // page to show first, empty: the last one
    QString screenshots;  // when set: save every page as <dir>/<page>.png and quit
};

// Parses the arguments and resolves defaults: the store is --store, else the last one used, else
// workspace.sqlite in the application data folder (created); the model is --model, else the last
// one used, else the bundled model. Prints help/version and exits on --help/--version.
StartupOptions parseStartupOptions(const QCoreApplication& app);

}  // namespace bw::gui
