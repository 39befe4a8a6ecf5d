// A big import beside a training run (issue 17 §4): `bertwork-cli import` reads CORPUS into STORE
// while this process writes a metric point every --interval-ms to the same store, as a training run
// does, through the store's normal connection (5 s busy timeout).
//   bench_import_load CORPUS STORE --cli build/app/cli/bertwork-cli [--interval-ms 20] [--validation-fraction F]
// STORE is created afresh. stdout: one JSON line: the import's wall time and peak memory, and how
// long the metric writes waited (median, p99, max) and how many failed with "locked". The same writes
// go to a second store beside it that no import touches (control_*): what they wait for is the disk,
// not the import's lock.
#include "core/runtime/error.h"
#include "core/store/experiment_store.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <fcntl.h>
#include <filesystem>
#include <iostream>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <vector>

extern char** environ;

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double millisSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double quantile(std::vector<double> values, double q) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    return values[static_cast<size_t>(q * static_cast<double>(values.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app("Times a big import beside a training run's metric writes");
    std::string corpus, store_path, cli, fraction;
    int interval_ms = 20;
    app.add_option("corpus", corpus, "File to import")->required();
    app.add_option("store", store_path, "Store to create (deleted first)")->required();
    app.add_option("--cli", cli, "bertwork-cli")->required();
    app.add_option("--interval-ms", interval_ms, "Between two metric writes");
    app.add_option("--validation-fraction", fraction, "Passed on to the import");
    CLI11_PARSE(app, argc, argv);

    const std::string control_path = store_path + ".control";
    for (const std::string& file : {store_path, control_path})
        for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(file + suffix);
    auto store = bw::store::ExperimentStore::open(store_path);
    auto control = bw::store::ExperimentStore::open(control_path);
    bw::store::RunRecord spec;
    spec.name = "training beside the import";
    const int64_t run = store.createRun(spec).id;
    const int64_t control_run = control.createRun(spec).id;

    std::vector<std::string> args = {cli, "import", "--db", store_path, "--name", "corpus", "--input", corpus};
    if (!fraction.empty()) args.insert(args.end(), {"--validation-fraction", fraction});
    std::vector<char*> argv_child;
    for (std::string& arg : args) argv_child.push_back(arg.data());
    argv_child.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t child = 0;
    const auto started = Clock::now();
    if (posix_spawn(&child, cli.c_str(), &actions, nullptr, argv_child.data(), environ) != 0) {
        std::cerr << "cannot start " << cli << "\n";
        return 1;
    }

    std::vector<double> waits, control_waits;
    int locked = 0, status = 0;
    struct rusage usage {};
    int64_t step = 0;
    for (;;) {
        const pid_t done = wait4(child, &status, WNOHANG, &usage);
        if (done == child) break;
        const auto before = Clock::now();
        try {
            store.addMetrics({{run, ++step, 0.0, "train/loss", 1.0 / static_cast<double>(step), 0}});
        } catch (const bw::Error& e) {
            ++locked;
            std::cerr << e.what() << "\n";
        }
        waits.push_back(millisSince(before));
        const auto control_before = Clock::now();
        control.addMetrics({{control_run, step, 0.0, "train/loss", 1.0 / static_cast<double>(step), 0}});
        control_waits.push_back(millisSince(control_before));
        std::this_thread::sleep_for(std::chrono::milliseconds(interval_ms));
    }
    const double import_s = millisSince(started) / 1000.0;
    const auto dataset = store.findDataset("corpus");
    int64_t rows = 0;
    if (dataset)
        for (const auto& [split, count] : dataset->row_counts) rows += count;
    const nlohmann::json line = {
        {"name", "import-beside-training"},
        {"corpus_bytes", fs::file_size(corpus)},
        {"validation_fraction", fraction.empty() ? nlohmann::json() : nlohmann::json(std::stod(fraction))},
        {"import_ok", WIFEXITED(status) && WEXITSTATUS(status) == 0},
        {"rows", rows},
        {"import_s", import_s},
        {"import_peak_rss_mb", static_cast<double>(usage.ru_maxrss) / 1024.0},
        {"metric_writes", waits.size()},
        {"locked_errors", locked},
        {"write_wait_median_ms", quantile(waits, 0.5)},
        {"write_wait_p99_ms", quantile(waits, 0.99)},
        {"write_wait_max_ms", quantile(waits, 1.0)},
        {"control_wait_median_ms", quantile(control_waits, 0.5)},
        {"control_wait_p99_ms", quantile(control_waits, 0.99)},
        {"control_wait_max_ms", quantile(control_waits, 1.0)},
        {"store_bytes", fs::file_size(store_path)},
    };
    std::cout << line.dump() << std::endl;
    return 0;
}
