// The experiment store under load (issue 17 §4): generates a store of 10,000 runs and 10 million
// metric rows (or reuses the one at PATH), then times what the CLI and the Runs page ask of it:
//   bench_store_load PATH --cli build/app/cli/bertwork-cli [--runs N] [--rows N] [--repeats R] [--growth-points N]
// stdout: one JSON line per measurement (store_load_timing.h) and one for the file's growth; progress: stderr.
// The Runs page itself (a real widget) is timed by bench_runs_page on the same file.
#include "core/store/experiment_store.h"
#include "core/store/metric_writer.h"
#include "core/store/sqlite_database.h"
#include "core/train/hparams_table.h"
#include "core/train/run_comparison.h"
#include "core/train/run_summary.h"
#include "tests/bench/store_load_generator.h"
#include "tests/bench/store_load_timing.h"

#include <CLI/CLI.hpp>

#include <fcntl.h>
#include <set>
#include <tuple>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace fs = std::filesystem;
using namespace bw;
using nlohmann::json;

namespace {

int64_t scalar(const fs::path& path, const std::string& sql) {
    store::Database db = store::Database::open(path, 5000, false);
    auto q = db.prepare(sql);
    return q.step() ? q.int64At(0) : 0;
}

// The runs the benchmark reads: the newest (what the page shows first), the largest and a median
// one by points, and 20 spread over the store for the overlay.
struct Picks {
    int64_t newest = 0, largest = 0, median = 0;
    int64_t largest_points = 0, median_points = 0;
    std::vector<int64_t> overlay;
};

Picks pickRuns(const fs::path& path) {
    store::Database db = store::Database::open(path, 5000, false);
    std::vector<std::pair<int64_t, int64_t>> sizes;  // points, run
    auto q = db.prepare("SELECT run, COUNT(*) FROM metrics GROUP BY run");
    while (q.step()) sizes.push_back({q.int64At(1), q.int64At(0)});
    std::sort(sizes.begin(), sizes.end());
    Picks p;
    if (sizes.empty()) return p;
    p.largest = sizes.back().second;
    p.largest_points = sizes.back().first;
    p.median = sizes[sizes.size() / 2].second;
    p.median_points = sizes[sizes.size() / 2].first;
    std::vector<int64_t> ids;
    for (const auto& s : sizes) ids.push_back(s.second);
    std::sort(ids.begin(), ids.end());
    p.newest = ids.back();
    for (size_t k = 0; k < 20 && k < ids.size(); ++k) p.overlay.push_back(ids[k * ids.size() / 20]);
    return p;
}

// What RunCurvesPanel::setRuns asks of the store for the runs selected: the metrics they logged
// (the metric menu), then the curve of one metric of each.
size_t loadCurves(store::ExperimentStore& store, const std::vector<int64_t>& runs, const std::string& metric) {
    std::set<std::string> names;
    for (int64_t run : runs)
        for (const std::string& name : store.metricNames(run)) names.insert(name);
    size_t points = names.size();
    for (int64_t run : runs) points += store.metrics(run, metric).size();
    return points;
}

// Runs `argv` with stdout to /dev/null; throws when it fails.
void runQuietly(const std::vector<std::string>& argv) {
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start " + argv[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error(argv[0] + " failed");
}

// Bytes the database uses (pages not on the free list) and the file's size, the WAL checkpointed
// into it first.
std::pair<int64_t, int64_t> storeBytes(const fs::path& path) {
    store::Database db = store::Database::open(path, 5000, false);
    auto checkpoint = db.prepare("PRAGMA wal_checkpoint(TRUNCATE)");
    while (checkpoint.step()) {
    }
    auto pages = db.prepare("SELECT page_count - freelist_count, page_size FROM pragma_page_count, pragma_freelist_count, pragma_page_size");
    pages.step();
    return {pages.int64At(0) * pages.int64At(1), static_cast<int64_t>(fs::file_size(path))};
}

// Appends `points` train points (4 names a logging step, as a fine-tune logs them) to a new run
// through MetricWriter, measures the growth, then deletes the run again so the store stays as generated.
void measureGrowth(const fs::path& path, int64_t points) {
    const auto before = storeBytes(path);
    int64_t run = 0;
    {
        auto store = store::ExperimentStore::open(path, store::StoreOptions::existingOnly());
        store::RunRecord spec;
        spec.name = "growth probe";
        spec.task = "sequence-classification";
        run = store.createRun(spec).id;
        store.markRunning(run);
        store::MetricWriter writer(store, run);
        const int64_t steps = points / 4;
        for (int64_t k = 1; k <= steps; ++k)
            for (const auto& [name, value] : bench::trainLogValues(spec.task, k * 10, steps * 10, 5e-5, static_cast<uint32_t>(k)))
                if (name != "mlm_loss") writer.add("train/" + name, value, k * 10, static_cast<double>(k) / static_cast<double>(steps));
        writer.flush();
        store.finishRun(run, store::RunStatus::Completed);
    }
    const auto after = storeBytes(path);
    const int64_t written = scalar(path, "SELECT COUNT(*) FROM metrics WHERE run = " + std::to_string(run));
    {
        auto store = store::ExperimentStore::open(path, store::StoreOptions::existingOnly());
        store.deleteRun(run);
    }
    storeBytes(path);  // checkpointed again: the next reader starts from a short WAL
    const double thousands = static_cast<double>(written) / 1000.0;
    std::cout << json{{"name", "growth-per-1000-points"},
                      {"points", written},
                      {"used_bytes_per_1000", static_cast<double>(after.first - before.first) / thousands},
                      {"file_bytes_per_1000", static_cast<double>(after.second - before.second) / thousands},
                      {"file_bytes", after.second}}
                     .dump()
              << std::endl;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Experiment store load benchmark"};
    std::string path_text, cli;
    bench::StoreLoadSpec spec;
    int repeats = 5;
    int64_t growth_points = 40000;
    app.add_option("path", path_text, "The store: generated when missing, reused when there")->required();
    app.add_option("--cli", cli, "bertwork-cli, to time `runs list` as a user runs it");
    app.add_option("--runs", spec.runs);
    app.add_option("--rows", spec.metric_rows, "Metric rows in all");
    app.add_option("--repeats", repeats);
    app.add_option("--growth-points", growth_points, "Points appended to measure the file's growth (0: skip)");
    CLI11_PARSE(app, argc, argv);
    const fs::path path = path_text;

    try {
        if (!fs::exists(path)) {
            std::cerr << "generating " << spec.runs << " runs, " << spec.metric_rows << " metric rows into " << path << "\n";
            const auto start = std::chrono::steady_clock::now();
            bench::generateStore(path, spec, [&](int64_t runs, int64_t rows) {
                if (runs % 500 == 0) std::cerr << "  " << runs << " runs, " << rows << " rows\n";
            });
            const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            std::cout << json{{"name", "generate"}, {"seconds", seconds}, {"runs", spec.runs}, {"rows", spec.metric_rows}}.dump()
                      << std::endl;
        }
        // Opening migrates a store generated by an older schema, so the timings below see this version's.
        store::ExperimentStore::open(path, store::StoreOptions::existingOnly());
        const int64_t runs = scalar(path, "SELECT COUNT(*) FROM runs");
        const int64_t rows = scalar(path, "SELECT MAX(id) FROM metrics");  // rows ever written: no scan
        std::cerr << "store " << path << ": " << runs << " runs, " << rows << " metric rows, "
                  << fs::file_size(path) / (1 << 20) << " MiB\n";
        const Picks picks = pickRuns(path);
        std::cerr << "newest run " << picks.newest << ", largest " << picks.largest << " (" << picks.largest_points
                  << " points), median " << picks.median << " (" << picks.median_points << " points)\n";

        bench::Timings ms;
        if (!cli.empty()) {
            ms = bench::timeMs(repeats, [&] { runQuietly({cli, "runs", "--db", path.string(), "list"}); });
            bench::printTiming("cli-runs-list", ms, 1000);
            ms = bench::timeMs(repeats, [&] { runQuietly({cli, "runs", "--db", path.string(), "--format", "csv", "list"}); });
            bench::printTiming("cli-runs-list-csv", ms, 1000);
            ms = bench::timeMs(repeats, [&] { runQuietly({cli, "runs", "--db", path.string(), "hparams"}); });
            bench::printTiming("cli-runs-hparams", ms, 0);
        }
        auto store = store::ExperimentStore::open(path, store::StoreOptions::existingOnly());
        ms = bench::timeMs(repeats, [&] { store::ExperimentStore::open(path, store::StoreOptions::existingOnly()); });
        bench::printTiming("store-open", ms, 0);
        size_t listed = 0;
        ms = bench::timeMs(repeats, [&] { listed = store.listRuns().size(); });
        bench::printTiming("list-run-records", ms, 0, {{"runs", listed}});
        ms = bench::timeMs(repeats, [&] { listed = train::summarizeRuns(store).size(); });
        bench::printTiming("summarize-runs", ms, 1000, {{"runs", listed}});

        // (name, runs, target ms): the curve panel's reads for one run and for an overlay of 20.
        const std::vector<std::tuple<std::string, std::vector<int64_t>, double>> curve_cases = {
            {"curves-newest-run", {picks.newest}, 200},
            {"curves-median-run", {picks.median}, 200},
            {"curves-largest-run", {picks.largest}, 200},
            {"overlay-20-runs", picks.overlay, 1000}};
        for (const auto& [name, ids, target] : curve_cases) {
            size_t points = 0;
            ms = bench::timeMs(repeats, [&, &ids = ids] { points = loadCurves(store, ids, "train/loss"); });
            bench::printTiming(name, ms, target, {{"runs", ids}, {"points", points}});
        }
        size_t points = 0;
        ms = bench::timeMs(repeats, [&] { points = store.metrics(picks.largest).size(); });
        bench::printTiming("all-metrics-largest-run", ms, 0, {{"run", picks.largest}, {"points", points}});
        std::vector<store::RunRecord> compared;
        for (int64_t id : picks.overlay) compared.push_back(*store.getRun(id));
        ms = bench::timeMs(repeats, [&] { train::compareRuns(store, compared); });
        bench::printTiming("compare-20-runs", ms, 0);
        // The HParams table of every run (`runs hparams`), and of the 20 the Runs page compares.
        const std::vector<store::RunRecord> every_run = store.listRuns();
        ms = bench::timeMs(repeats, [&] { train::hparamsTable(store, every_run, train::MetricsAt{}); });
        bench::printTiming("hparams-all-runs", ms, 0, {{"runs", every_run.size()}});
        ms = bench::timeMs(repeats, [&] { train::hparamsTable(store, compared, train::MetricsAt{}); });
        bench::printTiming("hparams-20-runs", ms, 1000);

        if (growth_points > 0) measureGrowth(path, growth_points);
    } catch (const std::exception& e) {
        std::cerr << "bench_store_load: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
