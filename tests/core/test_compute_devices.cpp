// Devices and mixed precision where CI runs them, on the CPU: how a device is spelled and resolved
// (a GPU that is not there is a clear error), the settings that go with it, autocast's scope, the
// fp16 loss scaler's rule (GradScaler's), bf16 training steps near float32's, and LibTorch 2.x's
// fused attention against the matmul path. tests/device/device_check runs the GPU side.
#include "core/model/bert_task_model.h"
#include "core/runtime/compute_device_name.h"
#include "core/runtime/torch_device.h"
#include "core/train/lr_schedule.h"
#include "core/train/mixed_precision.h"
#include "core/train/optimization_step.h"
#include "core/train/training_args.h"
#include "tests/core/small_bert_config.h"
#include "test_support.h"

#include <QtTest>

#include <limits>

using namespace bw;

namespace {

model::EncoderRequest paddedBatch(int64_t vocab) {
    torch::manual_seed(5);
    model::EncoderRequest r;
    r.input_ids = torch::randint(5, vocab, {4, 20}, torch::kInt64);
    r.attention_mask = torch::ones({4, 20}, torch::kInt64);
    r.attention_mask.index_put_({2, torch::indexing::Slice(9, torch::indexing::None)}, 0);
    r.token_type_ids = torch::zeros({4, 20}, torch::kInt64);
    return r;
}

}  // namespace

class TestComputeDevices : public QObject {
    Q_OBJECT
private slots:
    void deviceSpellings() {
        for (const char* good : {"auto", "cpu", "cuda", "cuda:0", "cuda:12"}) QCOMPARE(deviceSpellingProblem(good), std::string());
        for (const char* bad : {"gpu", "CUDA", "cuda:", "cuda:x", "cuda:-1", "cuda:0:1", ""})
            QVERIFY2(deviceSpellingProblem(bad).find("device must be auto, cpu, cuda or cuda:N") == 0, bad);
    }

    void resolvingWithoutAGpu() {
        if (cudaAvailable()) QSKIP("this machine has a GPU");
        QCOMPARE(resolveComputeDevice("auto"), std::string("cpu"));
        QCOMPARE(resolveComputeDevice("cpu"), std::string("cpu"));
        QCOMPARE(resolveComputeDevice("cuda", /*use_cpu=*/true), std::string("cpu"));
        const std::string error = test::errorOf([] { resolveComputeDevice("cuda:1"); });
        QVERIFY2(error.find("device cuda:1 asked for") == 0 && error.find("--device cpu or auto") != std::string::npos,
                 error.c_str());
        const auto devices = availableComputeDevices();
        QCOMPARE(devices.size(), size_t{1});
        QCOMPARE(devices[0].id, std::string("cpu"));
        QVERIFY(devices[0].describe().rfind("cpu: CPU (", 0) == 0);
    }

    void settingsThatGoTogether() {
        train::TrainingArguments args;
        args.bf16 = args.fp16 = true;
        QVERIFY(test::errorOf([&] { args.validate(); }).find("bf16 and fp16") != std::string::npos);
        args = {};
        args.use_cpu = true;
        args.device = "cuda";
        QVERIFY(test::errorOf([&] { args.validate(); }).find("use_cpu asks for the CPU") != std::string::npos);
        args = {};
        args.device = "gpu";
        QVERIFY(test::errorOf([&] { args.validate(); }).find("device must be") != std::string::npos);
        args = {};
        args.ddp_backend = "mpi";
        QVERIFY(test::errorOf([&] { args.validate(); }).find("ddp_backend must be gloo or nccl") != std::string::npos);
        // transformers 4's no_cuda is use_cpu; HF's fp16/bf16 keys are ours now, not ignored.
        const auto read = train::TrainingArguments::fromJson({{"no_cuda", true}, {"bf16", true}}, "test");
        QVERIFY(read.use_cpu);
        QVERIFY(read.bf16);
        QVERIFY(!read.toHuggingFaceJson().contains("ddp_backend"));  // "": Hugging Face picks its own
        QCOMPARE(read.toHuggingFaceJson()["bf16"], nlohmann::json(true));
    }

    void fp16IsRefusedOnTheCpu() {
        auto m = model::makeBertTaskModel(test::smallExactConfig(50, 1), model::BertTask::SequenceClassification);
        train::TrainingArguments args;
        args.fp16 = true;
        const std::string error = test::errorOf([&] { train::OptimizationStep step(*m, args); });
        QVERIFY2(error.find("fp16 mixed precision needs a CUDA GPU") == 0, error.c_str());
    }

    void autocastScopeNestsAndRestores() {
        const torch::Device cpu(torch::kCPU);
        const torch::Tensor a = torch::ones({4, 4});
        {
            train::AutocastScope outer(cpu, train::Precision::BFloat16);
            QCOMPARE(torch::matmul(a, a).scalar_type(), torch::kBFloat16);
            {
                train::AutocastScope inner(cpu, train::Precision::BFloat16);
                QCOMPARE(torch::matmul(a, a).scalar_type(), torch::kBFloat16);
            }
            QCOMPARE(torch::matmul(a, a).scalar_type(), torch::kBFloat16);  // the inner one left it on
            train::AutocastScope none(cpu, train::Precision::Float32);   // float32 changes nothing
            QCOMPARE(torch::matmul(a, a).scalar_type(), torch::kBFloat16);
        }
        QCOMPARE(torch::matmul(a, a).scalar_type(), torch::kFloat32);
    }

    // torch.cuda.amp.GradScaler's rule: unscale divides; an inf or NaN skips the step and halves the
    // scale; growth_interval clean steps double it.
    void lossScalerRule() {
        train::LossScaler scaler(torch::Device(torch::kCPU), 1024.0, /*growth_interval=*/3);
        QCOMPARE(scaler.scale(torch::tensor(2.0)).item<double>(), 2048.0);
        std::vector<torch::Tensor> grads = {torch::full({3}, 512.0), torch::full({2, 2}, -1024.0)};
        QVERIFY(!scaler.update(scaler.unscale(grads)));
        QVERIFY(grads[0].equal(torch::full({3}, 0.5)));
        QVERIFY(grads[1].equal(torch::full({2, 2}, -1.0)));
        std::vector<torch::Tensor> overflow = {torch::tensor({1.0f, std::numeric_limits<float>::infinity()})};
        QVERIFY(scaler.update(scaler.unscale(overflow)));
        QCOMPARE(scaler.currentScale(), 512.0);
        std::vector<torch::Tensor> nan = {torch::tensor({std::numeric_limits<float>::quiet_NaN()})};
        QVERIFY(scaler.update(scaler.unscale(nan)));
        QCOMPARE(scaler.currentScale(), 256.0);
        for (int clean = 0; clean < 3; ++clean) {
            std::vector<torch::Tensor> fine = {torch::ones({2})};
            QVERIFY(!scaler.update(scaler.unscale(fine)));
        }
        QCOMPARE(scaler.currentScale(), 512.0);
    }

    // bf16 autocast on the CPU, with each task's head (the masked-LM head's LayerNorm once refused
    // bf16 input): the same first loss as float32 to bf16's precision, and steps that learn a fixed
    // batch as float32's do.
    void bf16StepsTrackFloat32_data() {
        QTest::addColumn<int>("task");
        QTest::newRow("sequence classification") << static_cast<int>(model::BertTask::SequenceClassification);
        QTest::newRow("token classification") << static_cast<int>(model::BertTask::TokenClassification);
        QTest::newRow("masked lm") << static_cast<int>(model::BertTask::MaskedLM);
        QTest::newRow("pretraining (masked lm + nsp)") << static_cast<int>(model::BertTask::PreTraining);
    }
    void bf16StepsTrackFloat32() {
        QFETCH(int, task);
        auto train = [task](train::Precision precision) {
            torch::manual_seed(1);
            auto m = model::makeBertTaskModel(test::smallExactConfig(60, 2), static_cast<model::BertTask>(task));
            m->train();
            train::TrainingArguments args;
            args.learning_rate = 3e-3;
            args.bf16 = precision == train::Precision::BFloat16;
            train::OptimizationStep step(*m, args);
            const model::EncoderRequest r = paddedBatch(60);
            model::TaskTargets targets;
            switch (static_cast<model::BertTask>(task)) {
                case model::BertTask::TokenClassification:
                    targets.labels = torch::randint(0, 2, {4, 20}, torch::kInt64);
                    break;
                case model::BertTask::MaskedLM:
                case model::BertTask::PreTraining: {
                    // every third position masked, the rest ignored
                    const torch::Tensor masked = torch::arange(20).remainder(3).eq(0).expand({4, 20});
                    targets.mlm_labels = torch::where(masked, r.input_ids, torch::full_like(r.input_ids, model::kIgnoreIndex));
                    if (static_cast<model::BertTask>(task) == model::BertTask::PreTraining)
                        targets.labels = torch::tensor({0, 1, 1, 0}, torch::kInt64);
                    break;
                }
                default: targets.labels = torch::tensor({0, 1, 1, 0}, torch::kInt64);
            }
            std::vector<double> losses;
            for (int i = 0; i < 12; ++i) {
                torch::Tensor loss;
                {
                    train::AutocastScope autocast(torch::Device(torch::kCPU), precision);
                    loss = m->forward(r, targets, true).loss;
                }
                losses.push_back(step.backward(loss, i + 1).item<double>());
                step.apply(train::LearningRateSchedule(args, 12).at(i, 0.0));
            }
            return losses;
        };
        const auto full = train(train::Precision::Float32), mixed = train(train::Precision::BFloat16);
        QVERIFY2(std::abs(full[0] - mixed[0]) < 0.02, qPrintable(QString("%1 vs %2").arg(full[0]).arg(mixed[0])));
        const QString trajectories = QString("fp32 %1 -> %2, bf16 %3 -> %4").arg(full.front()).arg(full.back()).arg(mixed.front()).arg(mixed.back());
        QVERIFY2(mixed.back() < mixed.front() - 0.1, qPrintable(trajectories));
        QVERIFY2(std::abs(full.back() - mixed.back()) < 0.05, qPrintable(trajectories));
    }

    // LibTorch 2.x's scaled_dot_product_attention and the 1.13 matmul path: the same outputs.
    void fusedAttentionEqualsMatmul() {
#if BERTWORK_HAS_SDPA
        auto m = model::makeBertTaskModel(test::smallExactConfig(60, 2), model::BertTask::SequenceClassification);
        torch::NoGradGuard no_grad;
        const model::EncoderRequest r = paddedBatch(60);
        m->bert->setFusedAttention(true);
        const torch::Tensor fused = m->forward(r).logits;
        m->bert->setFusedAttention(false);
        const torch::Tensor matmul = m->forward(r).logits;
        QVERIFY((fused - matmul).abs().max().item<double>() < 1e-5);
#else
        QSKIP("LibTorch 1.13 has no scaled_dot_product_attention: the matmul path is the only one");
#endif
    }
};

QTEST_GUILESS_MAIN(TestComputeDevices)
#include "test_compute_devices.moc"
