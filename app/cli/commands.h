#pragma once
// Each bertwork-cli subcommand registers itself (options + callback) on the app.
#include <CLI/CLI.hpp>

namespace bw::cli {

void registerTokenizeCommand(CLI::App& app);
void registerPredictCommand(CLI::App& app);
void registerFillMaskCommand(CLI::App& app);
void registerInspectCommand(CLI::App& app);

}  // namespace bw::cli
