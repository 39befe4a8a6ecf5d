// bertwork-cli: every job of the workbench, headless. JSON on stdout, one-line errors on stderr,
// exit status 0 only on success.
//
// This binary is torch-free: it answers the store's commands (datasets, runs) itself, and hands every
// other command line (training, models, --help) to bertwork-engine beside it, by exec: the same
// process, so signals, exit status and pid are the command's. Loading LibTorch takes about half a
// second, which `runs list` on 10,000 runs no longer pays.
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"

#include "core/runtime/error.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <unistd.h>

namespace {

// bertwork-engine in this executable's folder.
std::string enginePath() {
    std::error_code error;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
    return ((error ? std::filesystem::path(".") : self.parent_path()) / "bertwork-engine").string();
}

int handToEngine(char** argv) {
    const std::string engine = enginePath();
    ::execv(engine.c_str(), argv);
    std::cerr << "bertwork-cli: error: cannot start " << engine << ": " << std::strerror(errno) << std::endl;
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Bertwork: build, fine-tune and inspect BERT models", "bertwork-cli"};
    app.require_subcommand(1);
    std::string threads = "0";  // for the engine's commands; the store's compute nothing
    bw::cli::addThreadsOption(app, threads);
    bw::cli::registerStoreCommands(app);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError&) {
        // Another command, --help, or a store command written wrong: the engine knows every command
        // and gives the help or the usage error as one binary would.
        return handToEngine(argv);
    } catch (const std::exception& e) {
        std::cerr << "bertwork-cli: error: " << bw::cli::errorLine(e) << std::endl;
        return 1;
    }
    return 0;
}
