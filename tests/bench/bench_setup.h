#pragma once
// What the model benchmarks share, matching ../shared/peer/bench_bert.py: the common options and
// the input, random ids (first [CLS]=101, last [SEP]=102) at full length, no padding.
#include "core/model/bert_encoder.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <string>

namespace bw::bench {

struct ModelBenchOptions {
    std::string config_name, mode;
    int batch = 32, seq = 128, warmup = 3, steps = 10, repeats = 3, threads = 2;
    bool all_positions = false;  // the last layer at every position, as Hugging Face computes it
    bool idle = false;           // set up the threads, make no model, print one line and exit

    // CONFIG (tiny | mini | small | medium | base) and MODE (one of `modes`) plus the shared flags.
    void add(CLI::App& app, const std::vector<std::string>& modes) {
        app.add_option("config", config_name)->required()->check(CLI::IsMember({"tiny", "mini", "small", "medium", "base"}));
        app.add_option("mode", mode)->required()->check(CLI::IsMember(modes));
        app.add_option("--batch", batch);
        app.add_option("--seq", seq);
        app.add_option("--warmup", warmup);
        app.add_option("--steps", steps);
        app.add_option("--repeats", repeats);
        app.add_option("--threads", threads);
        app.add_flag("--all-positions", all_positions,
                     "Compute the last layer at every position, not only where the heads read it");
        app.add_flag("--idle", idle,
                     "Measure nothing: the process with LibTorch loaded and its threads started, but no model "
                     "(compare.sh subtracts this idle process's peak memory)");
    }
};

// The --idle process: LibTorch's thread pool started by one small parallel matmul, as the peer's idle
// Python process (idle_torch.py) does, then one JSON line. Returns the exit status.
inline int runIdle(const std::string& name, int threads) {
    const torch::Tensor a = torch::ones({256, 256});
    const double sum = torch::mm(a, a).sum().item<double>();
    std::cout << "{\"name\": \"" << name << "-idle\", \"idle\": true, \"threads\": " << threads
              << ", \"check\": " << sum << "}" << std::endl;
    return 0;
}

inline model::EncoderRequest fullLengthRequest(const model::BertConfig& config, int64_t batch, int64_t seq) {
    model::EncoderRequest request;
    request.input_ids = torch::randint(1000, config.vocab_size, {batch, seq}, torch::kInt64);
    request.input_ids.select(1, 0).fill_(101);
    request.input_ids.select(1, seq - 1).fill_(102);
    request.attention_mask = torch::ones({batch, seq}, torch::kInt64);
    request.token_type_ids = torch::zeros({batch, seq}, torch::kInt64);
    return request;
}

}  // namespace bw::bench
