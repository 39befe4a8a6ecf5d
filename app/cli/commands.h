#pragma once
// Each bertwork-cli subcommand registers itself (options + callback) on the app.
#include <CLI/CLI.hpp>

namespace bw::cli {

void registerTokenizeCommand(CLI::App& app);
void registerTrainTokenizerCommand(CLI::App& app);  // train-tokenizer
void registerPredictCommand(CLI::App& app);
void registerFillMaskCommand(CLI::App& app);
void registerInspectCommand(CLI::App& app);
void registerTrainingCommands(CLI::App& app);  // train, resume, quickstart
void registerRunCommands(CLI::App& app);       // runs, evaluate, export
// import, datasets, dataset-stats
void registerDatasetCommands(CLI::App& app);

}  // namespace bw::cli
