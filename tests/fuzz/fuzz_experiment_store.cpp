// An arbitrary file opened as the experiment store (core/store) and listed as `runs list`, `runs show`
// and `datasets` do: it must give a bw::Error (not a store, damaged, newer schema, ...) or the runs,
// never a crash. The first byte picks the open options; the rest is the file.
#include "core/runtime/error.h"
#include "core/store/experiment_store.h"
#include "core/train/run_summary.h"
#include "fuzz_scratch.h"

#include <algorithm>

namespace {

// As the CLI prints it: text the store holds that is not UTF-8 is replaced, not a reason to fail.
std::string dump(const nlohmann::json& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    bw::fuzz::clearScratch();  // the -wal and -shm files of the last input go too
    const auto path = bw::fuzz::writeScratchFile("runs.sqlite", data + 1, size - 1);
    bw::store::StoreOptions options = bw::store::StoreOptions::existingOnly();
    options.busy_timeout = std::chrono::milliseconds(0);  // nothing else holds this file
    options.verify_integrity = data[0] & 1;
    options.recover_interrupted_runs = data[0] & 2;
    try {
        auto store = bw::store::ExperimentStore::open(path, options);
        const auto summaries = bw::train::summarizeRuns(store);
        for (size_t i = 0; i < std::min<size_t>(summaries.size(), 4); ++i) {
            (void)dump(summaries[i].toJson());
            (void)dump(bw::train::runDetailsJson(store, summaries[i].run));
            (void)bw::train::runLabelNames(store, summaries[i].run);
            (void)store.metrics(summaries[i].run.id);
        }
        for (const auto& dataset : store.listDatasets()) (void)store.sources(dataset.id);
        bw::fuzz::noteAccepted();
    } catch (const bw::Error& e) {
        bw::fuzz::noteRefused(e);
    }
    return 0;
}
