// An arbitrary file opened as the experiment store (core/store) and read as `runs list`, `runs show`,
// `datasets`, `dataset-rows` (the Data page's row browser and the vocabulary trainer), the labels a
// dataset's rows hold (the Errors page's analysis dialog) and `analyses`
// do: it must give a bw::Error (not a store, damaged, newer schema, ...) or what it holds, never a
// crash. The first byte picks the open options and the row filter; the rest is the file.
#include "core/runtime/error.h"
#include "core/store/dataset_row_query.h"
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
            const auto analyses = store.analyses(summaries[i].run.id);
            for (size_t a = 0; a < std::min<size_t>(analyses.size(), 2); ++a) (void)store.analysisRows(analyses[a].id);
        }
        const auto datasets = store.listDatasets();
        for (size_t d = 0; d < std::min<size_t>(datasets.size(), 3); ++d) {
            const auto& dataset = datasets[d];
            (void)store.sources(dataset.id);
            (void)store.labelsInRows(dataset.id);  // the Errors page's check of a dataset without a label set
            bw::store::DatasetRowFilter filter;
            if (data[0] & 4) filter.contains = "e_%";  // LIKE's wildcards, taken literally
            if (data[0] & 8) filter.label = dataset.label_set.empty() ? "B-PER" : dataset.label_set.front();
            for (const auto& [split, rows] : dataset.row_counts) {
                const auto page = store.findRows(dataset.id, split, filter, {}, 3);  // two pages, as the browser
                if (!page.at_end) (void)store.findRows(dataset.id, split, filter, page.next, 3);
                (void)store.countRows(dataset.id, split, filter);
            }
        }
        bw::fuzz::noteAccepted();
    } catch (const bw::Error& e) {
        bw::fuzz::noteRefused(e);
    }
    return 0;
}
