// Training speed, measured like ../shared/peer/bench_bert.py CONFIG train: random ids (first
// [CLS]=101, last [SEP]=102), full length, train mode (dropout on), forward + backward + AdamW step
// (weight decay 0.01 except biases and LayerNorm weights), the median of the repeats.
//   bench_train CONFIG classify|pretrain [--batch B] [--seq S] [--warmup W] [--steps N] [--repeats R] [--threads T]
//               [--profile TRACE.json]   (one extra step under the autograd profiler, a chrome://tracing file)
//               [--all-positions]   (the last layer at every position, as Hugging Face computes it)
//               [--libtorch-adamw]  (torch::optim::AdamW and zero-filled gradients instead of FusedAdamW)
//               [--device cpu|cuda|cuda:N] [--bf16 | --fp16]   (the trainer's autocast and loss scaling;
//               on a GPU the inputs are made there once, as tests/bench/gpu_peer.py does, and each
//               repeat waits for the GPU before its clock stops)
//               [--idle]   (no model: LibTorch loaded, threads started; compare.sh subtracts its peak memory)
//               [--adaptive-threads]   (what --threads auto does in the trainer: between steps the thread
//               count follows the cores other processes leave free, --threads at most)
// classify: sequence classification (what the peer runs). pretrain: masked LM (15% of positions,
// logits only there, as our trainer does) + next sentence prediction.
// Prints one JSON line with sequences/s and the forward/backward/optimizer split in ms.
#include "core/model/bert_task_model.h"
#include "core/runtime/adaptive_threads.h"
#include "core/runtime/compute_setup.h"
#include "core/runtime/torch_device.h"
#include "core/train/fused_adamw.h"
#include "core/train/mixed_precision.h"
#include "tests/bench/bench_setup.h"

#include <torch/csrc/autograd/profiler.h>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <iostream>
#include <optional>

namespace {

using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); }

}  // namespace

int main(int argc, char** argv) {
    bw::bench::ModelBenchOptions o;
    std::string profile;
    CLI::App app{"BERT training-step benchmark"};
    o.add(app, {"classify", "pretrain"});
    bool libtorch_adamw = false, bf16 = false, fp16 = false, adaptive_threads = false;
    std::string device_name = "cpu";
    app.add_option("--profile", profile);
    app.add_flag("--libtorch-adamw", libtorch_adamw, "LibTorch's AdamW and zero_grad instead of ours");
    app.add_option("--device", device_name, "cpu | cuda | cuda:N");
    app.add_flag("--bf16", bf16, "autocast to bfloat16");
    app.add_flag("--fp16", fp16, "autocast to float16 with loss scaling");
    app.add_flag("--adaptive-threads", adaptive_threads, "the trainer's --threads auto, with --threads as the ceiling");
    CLI11_PARSE(app, argc, argv);
    const torch::Device device = bw::torchDevice(bw::resolveComputeDevice(device_name));
    const bw::train::Precision precision = bf16   ? bw::train::Precision::BFloat16
                                           : fp16 ? bw::train::Precision::Float16
                                                  : bw::train::Precision::Float32;
    bw::train::checkPrecisionSupported(precision, device);
    const std::string& config_name = o.config_name;
    const std::string& mode = o.mode;
    int batch = o.batch;
    const int seq = o.seq, warmup = o.warmup, steps = o.steps, repeats = o.repeats, threads = o.threads;

    namespace F = torch::nn::functional;
    using bw::model::BertTask;
    const bw::ComputeSetup compute = bw::configureCompute(threads);
    if (o.idle) return bw::bench::runIdle("train-bert-" + config_name, compute.intra_op_threads);
    torch::manual_seed(0);
    const bw::model::BertConfig config = bw::model::BertConfig::preset(config_name);
    const BertTask task = mode == "classify" ? BertTask::SequenceClassification : BertTask::PreTraining;
    auto model = bw::model::makeBertTaskModel(config, task);
    model->to(device);
    model->train();
    std::unique_ptr<bw::train::LossScaler> scaler;
    if (precision == bw::train::Precision::Float16) scaler = std::make_unique<bw::train::LossScaler>(device);

    // Ours, or LibTorch's own AdamW with zero-filled gradients (what the peer's PyTorch 1.13 does).
    const auto options = torch::optim::AdamWOptions(2e-5).weight_decay(0.01);
    std::unique_ptr<bw::train::FusedAdamW> fused = bw::train::makeAdamW(*model, options);
    std::unique_ptr<torch::optim::AdamW> libtorch;
    if (libtorch_adamw) libtorch = std::make_unique<torch::optim::AdamW>(fused->param_groups(), options);

    const bw::model::EncoderRequest request = bw::model::onDevice(bw::bench::fullLengthRequest(config, batch, seq), device);
    const torch::Tensor labels = torch::randint(0, 2, {batch}, torch::kInt64).to(device);
    // 15% of the positions, as the masker picks them; the logits are computed there only.
    const torch::Tensor mlm_positions = std::get<0>(torch::randperm(batch * seq).narrow(0, 0, batch * seq * 15 / 100).sort());
    bw::model::TaskTargets pretraining_targets;
    pretraining_targets.labels = labels;
    pretraining_targets.mlm_labels = torch::full({batch * seq}, -100, torch::kInt64)
                                         .index_put_({mlm_positions}, torch::randint(1000, config.vocab_size, {mlm_positions.size(0)}, torch::kInt64))
                                         .reshape({batch, seq});

    std::optional<bw::AdaptiveThreads> adaptive;
    if (adaptive_threads) adaptive.emplace();
    auto step = [&](std::array<double, 3>* split) {
        if (adaptive) adaptive->atStepBoundary();  // where the trainer calls it: before a step
        auto t0 = Clock::now();
        torch::Tensor loss;
        {
            bw::train::AutocastScope autocast(device, precision);
            if (task == BertTask::SequenceClassification) {
                loss = F::cross_entropy(model->forward(request, {}, !o.all_positions).logits, labels);
            } else {
                loss = model->forward(request, pretraining_targets, !o.all_positions).loss;  // masked LM + NSP
            }
        }
        const double forward_ms = msSince(t0);
        auto t1 = Clock::now();
        (scaler ? scaler->scale(loss) : loss).backward();
        const double backward_ms = msSince(t1);
        auto t2 = Clock::now();
        std::vector<torch::Tensor> grads;
        if (scaler)
            for (const auto& p : model->parameters())
                if (p.grad().defined()) grads.push_back(p.grad());
        const bool skipped = scaler && scaler->update(scaler->unscale(grads));
        if (libtorch) {
            if (!skipped) libtorch->step();
            libtorch->zero_grad();
        } else {
            if (!skipped) fused->step();
            fused->clearGradients();
        }
        if (split) *split = {forward_ms, backward_ms, msSince(t2)};
    };

    for (int i = 0; i < warmup; ++i) step(nullptr);
    bw::waitForDevice(device);
    std::vector<double> seconds_per_step;
    std::array<double, 3> split_sum{0, 0, 0};
    for (int r = 0; r < repeats; ++r) {
        const auto start = Clock::now();
        for (int i = 0; i < steps; ++i) {
            std::array<double, 3> split;
            step(&split);
            for (int k = 0; k < 3; ++k) split_sum[k] += split[k];
        }
        bw::waitForDevice(device);  // the GPU's queue drained before the clock stops
        seconds_per_step.push_back(msSince(start) / 1000.0 / steps);
    }
    if (!profile.empty()) {
        torch::autograd::profiler::RecordProfile guard(profile);
        step(nullptr);
    }
    std::sort(seconds_per_step.begin(), seconds_per_step.end());
    const double median = seconds_per_step[seconds_per_step.size() / 2];
    const double n = static_cast<double>(repeats * steps);

    nlohmann::json result = {{"name", "train-bert-" + config_name + (mode == "pretrain" ? "-pretrain" : "")},
                             {"batch", batch},
                             {"seq", seq},
                             {"threads", compute.intra_op_threads},
                             {"heads_only", !o.all_positions},
                             {"optimizer", libtorch ? "libtorch-adamw" : "fused-adamw"},
                             {"device", bw::computeDeviceInfo(bw::resolveComputeDevice(device_name)).describe()},
                             {"precision", bw::train::precisionName(precision)},
                             {"seq_per_s", batch / median},
                             {"ms_per_step", median * 1000},
                             {"fwd_bwd_opt_ms", {split_sum[0] / n, split_sum[1] / n, split_sum[2] / n}},
                             {"parameters", model->parameterCount()}};
    if (adaptive) {
        result["adaptive_threads"] = {{"threads_at_end", adaptive->threads()}, {"changes", adaptive->changes()}};
        if (const auto& load = adaptive->lastLoad()) result["adaptive_threads"]["others_busy_cores"] = load->others_busy_cores;
    }
    std::cout << result.dump() << std::endl;
    return 0;
}
