// The checks that need the device a model runs on, with no Qt: on a GPU machine (where the Qt test
// suite is not built) they prove the CUDA paths; in CI they run on the CPU so that the program
// itself is known to work. Each check prints PASS or FAIL with its figures; the last line is
// "N passed, N failed"; the exit status is non-zero when any failed.
//   device_check --device cuda --fixtures tests/fixtures
// Checks: the golden outputs of Hugging Face's BERT (float32, 1e-4); scaled_dot_product_attention
// against the matmul path (LibTorch 2.x); the masked-LM loss's hand-written backward, AdamW,
// packed rows (document ids, restarted positions), dropout, the loss scaler and a whole training step
// against the CPU; bf16 autocast.
#include "core/model/bert_task_model.h"
#include "core/model/fast_dropout.h"
#include "core/runtime/compute_setup.h"
#include "core/runtime/torch_device.h"
#include "core/train/fused_adamw.h"
#include "core/train/mixed_precision.h"
#include "tests/core/small_bert_config.h"
#include "tests/support/golden_parity.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <functional>
#include <limits>
#include <string>
#include <vector>

using namespace bw;

namespace {

struct Outcome {
    bool passed;
    std::string figures;
};

// The largest |a - b|; infinite when either holds a NaN or an infinity (a NaN would otherwise
// vanish in std::max, which is how a NaN-making optimizer once passed these checks).
double maxAbsDiff(const torch::Tensor& a, const torch::Tensor& b) {
    const torch::Tensor x = a.detach().to(torch::kCPU, torch::kFloat32), y = b.detach().to(torch::kCPU, torch::kFloat32);
    if (!torch::isfinite(x).all().item<bool>() || !torch::isfinite(y).all().item<bool>())
        return std::numeric_limits<double>::infinity();
    return (x - y).abs().max().item<double>();
}

std::string figure(const char* name, double value) {
    char text[96];
    std::snprintf(text, sizeof text, "%s %.3g", name, value);
    return text;
}

Outcome golden(const std::string& name, const std::filesystem::path& fixtures, const std::string& device) {
    const test::GoldenParity parity = test::compareWithGolden(name, fixtures / "golden" / name,
                                                              fixtures / "golden" / name / "expected_outputs.json", device);
    std::string figures = std::to_string(parity.cases) + " cases;";
    for (const auto& [output, error] : parity.max_error) figures += " " + figure(output.c_str(), error);
    if (!parity.mismatch.empty()) figures += "; " + parity.mismatch;
    return {parity.mismatch.empty() && parity.cases > 0 && parity.worst() < 1e-4, figures};
}

model::EncoderRequest paddedBatch(int64_t vocab) {
    torch::manual_seed(3);
    model::EncoderRequest r;
    r.input_ids = torch::randint(5, vocab, {4, 24}, torch::kInt64);
    r.attention_mask = torch::ones({4, 24}, torch::kInt64);
    r.attention_mask.index_put_({1, torch::indexing::Slice(10, torch::indexing::None)}, 0);
    r.attention_mask.index_put_({3, torch::indexing::Slice(17, torch::indexing::None)}, 0);
    r.token_type_ids = torch::zeros({4, 24}, torch::kInt64);
    return r;
}

// Both attention paths on the device, eval mode, a padded batch.
Outcome fusedAttention(const torch::Device& device) {
#if BERTWORK_HAS_SDPA
    auto m = model::makeBertTaskModel(test::smallExactConfig(97, 3), model::BertTask::SequenceClassification);
    m->to(device);
    torch::NoGradGuard no_grad;
    const model::EncoderRequest r = paddedBatch(97);
    m->bert->setFusedAttention(true);
    const model::BertOutputs fused = m->forward(r);
    m->bert->setFusedAttention(false);
    const model::BertOutputs matmul = m->forward(r);
    const double error = std::max(maxAbsDiff(fused.logits, matmul.logits), maxAbsDiff(fused.last_hidden_state, matmul.last_hidden_state));
    return {error < 1e-5, figure("max |fused - matmul|", error)};
#else
    (void)device;
    return {true, "skipped: LibTorch 1.13 has no scaled_dot_product_attention (the matmul path is the only one)"};
#endif
}

// The masked-LM head's loss and every gradient for one batch, on the device against the CPU, from
// the same initial weights.
Outcome maskedLmAgainstCpu(const torch::Device& device, const model::EncoderRequest& r, const torch::Tensor& mlm_labels) {
    auto cpu = model::makeBertTaskModel(test::smallExactConfig(211, 2), model::BertTask::MaskedLM);
    auto dev = model::makeBertTaskModel(test::smallExactConfig(211, 2), model::BertTask::MaskedLM);
    {
        torch::NoGradGuard copying;
        for (size_t i = 0; i < cpu->parameters().size(); ++i) dev->parameters()[i].copy_(cpu->parameters()[i]);
    }
    dev->to(device);
    model::TaskTargets targets;
    targets.mlm_labels = mlm_labels;
    torch::AutoGradMode grads(true);
    const model::BertOutputs a = cpu->forward(r, targets, true), b = dev->forward(r, targets, true);
    a.loss.backward();
    b.loss.backward();
    double grad_error = 0;
    for (size_t i = 0; i < cpu->parameters().size(); ++i)
        grad_error = std::max(grad_error, maxAbsDiff(cpu->parameters()[i].grad(), dev->parameters()[i].grad()));
    const double loss_error = maxAbsDiff(a.loss, b.loss);
    return {loss_error < 1e-5 && grad_error < 1e-5 && a.mlm.correct == b.mlm.correct,
            figure("loss", loss_error) + ", " + figure("gradients", grad_error)};
}

// The masked-LM head's chunked loss (hand-written backward) on a padded batch.
Outcome maskedLmLoss(const torch::Device& device) {
    const model::EncoderRequest r = paddedBatch(211);
    torch::Tensor labels = torch::full({4, 24}, -100, torch::kInt64);
    labels.index_put_({torch::indexing::Slice(), torch::indexing::Slice(1, 9)}, r.input_ids.narrow(1, 1, 8));
    return maskedLmAgainstCpu(device, r, labels);
}

// Packed rows as sequence packing makes them for pretraining: two documents a row (attention
// blocked between them, positions restarting at each) and padding, the loss read at the masked
// positions only.
Outcome packedMaskedLm(const torch::Device& device) {
    using torch::indexing::Slice;
    model::EncoderRequest r = paddedBatch(211);
    r.attention_mask = torch::ones({4, 24}, torch::kInt64);
    r.attention_mask.index_put_({Slice(), Slice(20, torch::indexing::None)}, 0);
    r.document_ids = torch::zeros({4, 24}, torch::kInt64);
    r.document_ids.index_put_({Slice(), Slice(0, 10)}, 1);
    r.document_ids.index_put_({Slice(), Slice(10, 20)}, 2);
    r.position_ids = torch::cat({torch::arange(10), torch::arange(10), torch::arange(4)}).unsqueeze(0).repeat({4, 1});
    torch::Tensor labels = torch::full({4, 24}, -100, torch::kInt64);
    for (const int64_t position : {2, 5, 13, 18}) labels.index_put_({Slice(), position}, r.input_ids.select(1, position));
    return maskedLmAgainstCpu(device, r, labels);
}

// AdamW on the device (the multi-tensor operations) against our CPU loop, five steps.
Outcome adamw(const torch::Device& device) {
    torch::manual_seed(11);
    std::vector<torch::Tensor> on_cpu = {torch::randn({300, 257}), torch::randn({513}), torch::randn({3})};
    std::vector<torch::Tensor> on_device;
    for (auto& p : on_cpu) {
        p.requires_grad_(true);
        on_device.push_back(p.detach().to(device).requires_grad_(true));
    }
    const auto options = torch::optim::AdamWOptions(1e-3).weight_decay(0.01);
    train::FusedAdamW first({torch::optim::OptimizerParamGroup(on_cpu)}, options);
    train::FusedAdamW second({torch::optim::OptimizerParamGroup(on_device)}, options);
    for (int step = 0; step < 5; ++step) {
        for (size_t i = 0; i < on_cpu.size(); ++i) {
            const torch::Tensor g = torch::randn_like(on_cpu[i]);
            on_cpu[i].mutable_grad() = g;
            on_device[i].mutable_grad() = g.to(device);
        }
        first.step();
        second.step();
    }
    double error = 0;
    for (size_t i = 0; i < on_cpu.size(); ++i) error = std::max(error, maxAbsDiff(on_cpu[i], on_device[i]));
    return {error < 1e-6, figure("max |device - cpu| after 5 steps", error)};
}

// Dropout on the device (ATen's there): the kept share, the scale, and a backward through the same mask.
Outcome dropout(const torch::Device& device) {
    const torch::Tensor x = torch::ones({1000, 1000}, torch::TensorOptions().device(device)).requires_grad_(true);
    const torch::Tensor y = model::fastDropout(x, 0.1, true);
    y.sum().backward();
    const double kept = (y != 0).to(torch::kFloat64).mean().item<double>();
    const double scale_error = (y.masked_select(y != 0) - 1.0 / 0.9).abs().max().item<double>();
    const bool same_mask = x.grad().eq(y.detach()).all().item<bool>();
    return {std::abs(kept - 0.9) < 0.005 && scale_error < 1e-6 && same_mask,
            figure("kept", kept) + ", " + figure("scale error", scale_error) + (same_mask ? ", backward uses the mask" : ", backward differs")};
}

// fp16's loss scaler on the device (GradScaler's fused kernels on CUDA) against the CPU arithmetic.
Outcome lossScaler(const torch::Device& device) {
    train::LossScaler on_cpu(torch::Device(torch::kCPU), 1024.0, 2), on_device(device, 1024.0, 2);
    bool agree = true;
    double error = 0;
    for (int step = 0; step < 4; ++step) {
        std::vector<torch::Tensor> a = {torch::randn({64}) * 1024.0, torch::randn({7, 5}) * 1024.0};
        if (step == 1) a[1][2][3] = std::numeric_limits<float>::infinity();
        std::vector<torch::Tensor> b = {a[0].to(device), a[1].to(device)};
        const bool skip_a = on_cpu.update(on_cpu.unscale(a)), skip_b = on_device.update(on_device.unscale(b));
        agree = agree && skip_a == skip_b && skip_a == (step == 1) && on_cpu.currentScale() == on_device.currentScale();
        if (step != 1) error = std::max({error, maxAbsDiff(a[0], b[0]), maxAbsDiff(a[1], b[1])});
    }
    return {agree && error < 1e-6, figure("unscaled |device - cpu|", error) + ", final scale " +
                                       std::to_string(on_device.currentScale()) + (agree ? "" : ", decisions differ")};
}

// Three training steps of a classifier on the device and on the CPU, dropout off: same weights.
Outcome trainingSteps(const torch::Device& device) {
    auto cpu = model::makeBertTaskModel(test::smallExactConfig(97, 2), model::BertTask::SequenceClassification);
    auto dev = model::makeBertTaskModel(test::smallExactConfig(97, 2), model::BertTask::SequenceClassification);
    {
        torch::NoGradGuard copying;
        for (size_t i = 0; i < cpu->parameters().size(); ++i) dev->parameters()[i].copy_(cpu->parameters()[i]);
    }
    dev->to(device);
    cpu->train();
    dev->train();
    const auto options = torch::optim::AdamWOptions(1e-3).weight_decay(0.01);
    auto first = train::makeAdamW(*cpu, options), second = train::makeAdamW(*dev, options);
    const model::EncoderRequest r = paddedBatch(97);
    model::TaskTargets targets;
    targets.labels = torch::tensor({0, 1, 1, 0}, torch::kInt64);
    double loss_error = 0;
    for (int step = 0; step < 3; ++step) {
        const torch::Tensor a = cpu->forward(r, targets, true).loss, b = dev->forward(r, targets, true).loss;
        loss_error = std::max(loss_error, maxAbsDiff(a, b));
        a.backward();
        b.backward();
        first->step();
        second->step();
        first->clearGradients();
        second->clearGradients();
    }
    double weight_error = 0;
    for (size_t i = 0; i < cpu->parameters().size(); ++i)
        weight_error = std::max(weight_error, maxAbsDiff(cpu->parameters()[i], dev->parameters()[i]));
    return {loss_error < 1e-5 && weight_error < 1e-5, figure("loss", loss_error) + ", " + figure("weights", weight_error)};
}

// bf16 autocast: the logits near float32's, and the matrix products really in bfloat16.
Outcome bf16Autocast(const torch::Device& device) {
    auto m = model::makeBertTaskModel(test::smallExactConfig(97, 2), model::BertTask::SequenceClassification);
    m->to(device);
    torch::NoGradGuard no_grad;
    const model::EncoderRequest r = paddedBatch(97);
    const torch::Tensor full = m->forward(r).logits;
    torch::Tensor mixed, product;
    {
        train::AutocastScope autocast(device, train::Precision::BFloat16);
        mixed = m->forward(r).logits;
        product = torch::matmul(torch::ones({4, 4}, torch::TensorOptions().device(device)), torch::ones({4, 4}, torch::TensorOptions().device(device)));
    }
    const torch::Tensor after = torch::matmul(torch::ones({2, 2}, torch::TensorOptions().device(device)), torch::ones({2, 2}, torch::TensorOptions().device(device)));
    const double error = maxAbsDiff(full, mixed);
    const bool dtypes = product.scalar_type() == torch::kBFloat16 && after.scalar_type() == torch::kFloat32;
    return {error < 5e-2 && dtypes, figure("max |bf16 - fp32| logits", error) + (dtypes ? "" : ", autocast dtypes wrong")};
}

}  // namespace

int main(int argc, char** argv) {
    std::string requested = "auto", fixtures = "tests/fixtures";
    CLI::App app{"Checks of the device a model runs on"};
    app.add_option("--device", requested, "auto | cpu | cuda | cuda:N");
    app.add_option("--fixtures", fixtures, "the tests/fixtures folder")->check(CLI::ExistingDirectory);
    CLI11_PARSE(app, argc, argv);
    configureCompute();
    const std::string resolved = resolveComputeDevice(requested);
    const torch::Device device = torchDevice(resolved);
    std::printf("device %s\n", computeDeviceInfo(resolved).describe().c_str());

    const std::vector<std::pair<std::string, std::function<Outcome()>>> checks = {
        {"golden sequence classification", [&] { return golden("seqcls", fixtures, resolved); }},
        {"golden pretraining", [&] { return golden("pretraining", fixtures, resolved); }},
        {"fused attention equals matmul attention", [&] { return fusedAttention(device); }},
        {"masked-LM loss and gradients equal the CPU's", [&] { return maskedLmLoss(device); }},
        {"packed rows' masked-LM loss and gradients equal the CPU's", [&] { return packedMaskedLm(device); }},
        {"AdamW equals the CPU's", [&] { return adamw(device); }},
        {"dropout keeps 1 - p, scales, and backpropagates its mask", [&] { return dropout(device); }},
        {"loss scaler equals the CPU's", [&] { return lossScaler(device); }},
        {"three training steps equal the CPU's", [&] { return trainingSteps(device); }},
        {"bf16 autocast", [&] { return bf16Autocast(device); }},
    };
    int passed = 0, failed = 0;
    for (const auto& [name, check] : checks) {
        Outcome outcome{false, ""};
        try {
            outcome = check();
        } catch (const std::exception& e) {
            outcome.figures = std::string("threw: ") + e.what();
        }
        (outcome.passed ? passed : failed)++;
        std::printf("%s  %s: %s\n", outcome.passed ? "PASS" : "FAIL", name.c_str(), outcome.figures.c_str());
        std::fflush(stdout);
    }
    std::printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
