#pragma once
// A large experiment store for the load benchmarks (issue 17 §4): many runs with the records the
// trainer writes (a TrainingRequest's config, train/* points every logging_steps, eval/* points,
// evaluations with confusion matrices, checkpoints with the best marked, sessions), written through
// ExperimentStore as training_job.cpp writes them. Run sizes are skewed (a few long pretraining
// runs, many short fine-tunes) and add up to exactly `metric_rows` points. Deterministic per seed.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace bw::bench {

struct StoreLoadSpec {
    int64_t runs = 10000;
    int64_t metric_rows = 10'000'000;
    uint32_t seed = 17;
};

// Writes the runs into the store at `path` (created or appended to). `progress` is called after
// each run with the runs and metric rows written so far.
void generateStore(const std::filesystem::path& path, const StoreLoadSpec& spec,
                   const std::function<void(int64_t runs, int64_t rows)>& progress = {});

// Points of a run's train/* names at one logging step, as the trainer logs them (for appending
// more history to a run in the growth measurement).
std::vector<std::pair<std::string, double>> trainLogValues(const std::string& task, int64_t step, int64_t total_steps,
                                                            double learning_rate, uint32_t noise_seed);

}  // namespace bw::bench
