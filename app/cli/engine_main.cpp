// bertwork-engine: every command of bertwork-cli, with LibTorch. bertwork-cli hands it every command
// line it does not answer itself (see main.cpp); it is not meant to be called by name. JSON on stdout,
// one-line errors on stderr, exit status 0 only on success.
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"

#include "core/runtime/compute_setup.h"
#include "core/runtime/error.h"

#include <iostream>
#include <string>

int main(int argc, char** argv) {
    CLI::App app{"Bertwork: build, fine-tune and inspect BERT models", "bertwork-cli"};
    app.require_subcommand(1);
    std::string threads = "0";
    bw::cli::addThreadsOption(app, threads);
    app.parse_complete_callback([&threads] { bw::configureCompute(bw::parseThreadSetting(threads)); });
    bw::cli::registerTokenizeCommand(app);
    bw::cli::registerTrainTokenizerCommand(app);
    bw::cli::registerPredictCommand(app);
    bw::cli::registerFillMaskCommand(app);
    bw::cli::registerInspectCommand(app);
    bw::cli::registerTrainingCommands(app);
    bw::cli::registerStoreCommands(app);
    bw::cli::registerModelCommands(app);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    } catch (const std::exception& e) {
        std::cerr << "bertwork-cli: error: " << bw::cli::errorLine(e) << std::endl;
        return 1;
    }
    return 0;
}
