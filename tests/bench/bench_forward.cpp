// Inference speed of the BERT encoder + classifier, measured like ../shared/peer/bench_bert.py:
// random ids (first [CLS]=101, last [SEP]=102), full length, eval mode, InferenceMode; the median of
// the repeats. Prints one JSON line.
//   bench_forward CONFIG infer|latency [--batch B] [--seq S] [--warmup W] [--steps N] [--repeats R] [--threads T]
//                 [--all-positions]   (the last layer everywhere, as Hugging Face does; default: only at [CLS])
//                 [--idle]   (no model: LibTorch loaded, threads started; compare.sh subtracts its peak memory)
//                 [--int8]   (the encoder's Linears dynamically quantized, as `predict --int8`; names end in -int8)
//   CONFIG: tiny | mini | small | medium | base (Google's compact BERT sizes, vocabulary 30522)
#include "core/model/bert_task_model.h"
#include "core/model/gemm_choice.h"
#include "core/runtime/compute_setup.h"
#include "tests/bench/bench_setup.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <iostream>

int main(int argc, char** argv) {
    bw::bench::ModelBenchOptions o;
    CLI::App app{"BERT forward benchmark"};
    o.add(app, {"infer", "latency"});
    bool int8 = false;
    app.add_flag("--int8", int8, "Dynamic int8 quantization of the encoder's Linears (oneDNN)");
    CLI11_PARSE(app, argc, argv);
    const std::string& config_name = o.config_name;
    const std::string& mode = o.mode;
    int batch = o.batch;
    const int seq = o.seq, warmup = o.warmup, steps = o.steps, repeats = o.repeats, threads = o.threads;
    if (mode == "latency") batch = 1;

    const bw::ComputeSetup compute = bw::configureCompute(threads);
    const std::string name = mode + "-bert-" + config_name + (int8 ? "-int8" : "");
    if (o.idle) return bw::bench::runIdle(name, compute.intra_op_threads);
    torch::manual_seed(0);
    bw::model::BertConfig config = bw::model::BertConfig::preset(config_name);
    auto model = bw::model::makeBertTaskModel(config, bw::model::BertTask::SequenceClassification);

    const bw::model::EncoderRequest request = bw::bench::fullLengthRequest(config, batch, seq);
    // As BertPipeline does for predict, the Playground and Attention: the GEMMs oneDNN does faster
    // with prepacked weights, timed here (BERTWORK_GEMM=blas|onednn forces one path); all of them,
    // quantized, with --int8.
    model->eval();
    nlohmann::json gemm = nlohmann::json::array();
    const auto precision = int8 ? bw::model::GemmPrecision::Int8 : bw::model::GemmPrecision::Float32;
    for (const auto& c : model->bert->packForInference(precision))
        gemm.push_back(std::to_string(c.in_features) + "x" + std::to_string(c.out_features) + " " +
                       bw::model::epilogueName(c.epilogue) + ": " + bw::model::gemmPathName(c));

    torch::InferenceMode inference;
    for (int i = 0; i < warmup; ++i) model->forward(request, {}, !o.all_positions);
    std::vector<double> seconds_per_step;
    for (int r = 0; r < repeats; ++r) {
        const auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < steps; ++i) model->forward(request, {}, !o.all_positions);
        seconds_per_step.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / steps);
    }
    std::sort(seconds_per_step.begin(), seconds_per_step.end());
    const double median = seconds_per_step[seconds_per_step.size() / 2];

    nlohmann::json result = {{"name", name},
                             {"batch", batch},
                             {"seq", seq},
                             {"threads", compute.intra_op_threads},
                             {"blas", compute.blas},
                             {"heads_only", !o.all_positions},
                             {"gemm", gemm},
                             {"seq_per_s", batch / median},
                             {"ms_per_step", median * 1000},
                             {"min_ms", seconds_per_step.front() * 1000},
                             {"max_ms", seconds_per_step.back() * 1000}};
    std::cout << result.dump() << std::endl;
    return 0;
}
