#pragma once
// Each bertwork-cli subcommand registers itself (options + callback) on the app. The torch-free ones
// (registerStoreCommands) are all bertwork-cli runs itself; bertwork-engine registers every command.
#include <CLI/CLI.hpp>

namespace bw::cli {

void registerTokenizeCommand(CLI::App& app);
void registerTrainTokenizerCommand(CLI::App& app);  // train-tokenizer
void registerPredictCommand(CLI::App& app);
void registerFillMaskCommand(CLI::App& app);
void registerInspectCommand(CLI::App& app);
void registerTrainingCommands(CLI::App& app);  // train, resume, quickstart
void registerRunQueryCommands(CLI::App& app);  // runs (list, show, metrics, compare, hparams, update, training-args, delete)
void registerModelCommands(CLI::App& app);     // evaluate, analyse, export
void registerAnalysisCommands(CLI::App& app);  // analyses (list, rows, curves, delete)
// import, datasets, dataset-stats, dataset-rows, hold-out, delete-split, rename-labels
void registerDatasetCommands(CLI::App& app);

// The commands that need no LibTorch: datasets, runs and analyses in the store.
inline void registerStoreCommands(CLI::App& app) {
    registerDatasetCommands(app);
    registerRunQueryCommands(app);
    registerAnalysisCommands(app);
}

}  // namespace bw::cli
