// FusedAdamW must be torch::optim::AdamW in one pass: the same parameters and moments after
// several steps with weight decay, the same optimizer.pt both ways (checkpoints written before it
// existed resume with it), and Hugging Face's no-decay group for biases and LayerNorm weights.
#include "core/model/bert_task_model.h"
#include "core/train/fused_adamw.h"
#include "tests/core/small_bert_config.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace bw;

namespace {

// Two parameters big enough to be split across threads, one small, one never given a gradient.
std::vector<torch::Tensor> makeParameters() {
    torch::manual_seed(7);
    return {torch::randn({300, 257}), torch::randn({513}), torch::randn({3}), torch::randn({5})};
}

std::vector<torch::Tensor> cloned(const std::vector<torch::Tensor>& ps) {
    std::vector<torch::Tensor> out;
    for (const auto& p : ps) out.push_back(p.detach().clone().requires_grad_(true));
    return out;
}

std::vector<torch::optim::OptimizerParamGroup> groupsOf(const std::vector<torch::Tensor>& ps,
                                                        const torch::optim::AdamWOptions& options) {
    std::vector<torch::optim::OptimizerParamGroup> groups;
    groups.emplace_back(std::vector<torch::Tensor>{ps[0], ps[1], ps[3]}, std::make_unique<torch::optim::AdamWOptions>(options));
    auto no_decay = std::make_unique<torch::optim::AdamWOptions>(options);
    no_decay->weight_decay(0.0);
    groups.emplace_back(std::vector<torch::Tensor>{ps[2]}, std::move(no_decay));
    return groups;
}

// The same gradients for both copies, every step; the last parameter gets none.
void setGradients(const std::vector<torch::Tensor>& ps, int step) {
    torch::manual_seed(100 + step);
    for (size_t i = 0; i + 1 < ps.size(); ++i) ps[i].mutable_grad() = torch::randn_like(ps[i]) * (i + 1.0);
}

// Parameters are ~N(0, 1) and each step moves them by ~1e-3: float rounding alone is ~1e-7.
// The same gradients for both, then a step of each, for steps [from, to).
void stepTogether(torch::optim::Optimizer& first, const std::vector<torch::Tensor>& first_params,
                  torch::optim::Optimizer& second, const std::vector<torch::Tensor>& second_params, int from, int to) {
    for (int step = from; step < to; ++step) {
        setGradients(first_params, step);
        setGradients(second_params, step);
        first.step();
        second.step();
    }
}

double maxAbsDiff(const std::vector<torch::Tensor>& a, const std::vector<torch::Tensor>& b) {
    double worst = 0;
    for (size_t i = 0; i < a.size(); ++i) worst = std::max(worst, (a[i] - b[i]).abs().max().item<double>());
    return worst;
}

const torch::optim::AdamWOptions kOptions = torch::optim::AdamWOptions(3e-3).betas({0.9, 0.98}).eps(1e-6).weight_decay(0.1);

}  // namespace

class TestFusedAdamW : public QObject {
    Q_OBJECT
private slots:
    void stepsLikeLibTorchAdamW() {
        const auto initial = makeParameters();
        auto ours = cloned(initial), reference = cloned(initial);
        train::FusedAdamW fused(groupsOf(ours, kOptions), kOptions);
        torch::optim::AdamW libtorch(groupsOf(reference, kOptions), kOptions);
        stepTogether(fused, ours, libtorch, reference, 0, 6);
        QVERIFY2(maxAbsDiff(ours, reference) < 1e-6, std::to_string(maxAbsDiff(ours, reference)).c_str());
        QVERIFY(!ours[0].equal(initial[0]));           // it did move
        QVERIFY(ours[3].equal(initial[3]));            // no gradient, no update (not even decay)
        QVERIFY(!ours[2].equal(initial[2]));
    }

    // The path a GPU takes (the same tensor operations over lists of tensors), run on the CPU: the
    // same figures as LibTorch's AdamW, no NaN, and a parameter without a gradient left alone.
    void multiTensorPathStepsLikeLibTorchAdamW() {
        const auto initial = makeParameters();
        auto ours = cloned(initial), reference = cloned(initial);
        train::FusedAdamW fused(groupsOf(ours, kOptions), kOptions);
        fused.setMultiTensor(true);
        torch::optim::AdamW libtorch(groupsOf(reference, kOptions), kOptions);
        stepTogether(fused, ours, libtorch, reference, 0, 6);
        for (const auto& p : ours) QVERIFY(torch::isfinite(p).all().item<bool>());
        QVERIFY2(maxAbsDiff(ours, reference) < 1e-6, std::to_string(maxAbsDiff(ours, reference)).c_str());
        QVERIFY(!ours[0].equal(initial[0]));
        QVERIFY(ours[3].equal(initial[3]));
        const auto& state = static_cast<torch::optim::AdamWParamState&>(*fused.state().at(train::FusedAdamW::stateKey(ours[0])));
        QCOMPARE(state.step(), int64_t{6});
    }

    void optimizerFilesLoadEitherWay() {
        QTemporaryDir dir;
        const std::string ours_file = dir.filePath("fused.pt").toStdString();
        const std::string theirs_file = dir.filePath("libtorch.pt").toStdString();
        const auto initial = makeParameters();
        auto a = cloned(initial), b = cloned(initial);
        {
            train::FusedAdamW fused(groupsOf(a, kOptions), kOptions);
            torch::optim::AdamW libtorch(groupsOf(b, kOptions), kOptions);
            stepTogether(fused, a, libtorch, b, 0, 3);
            torch::save(fused, ours_file);
            torch::save(libtorch, theirs_file);
        }
        // Each resumes from the other's file and takes two more steps: still the same.
        torch::optim::AdamW libtorch(groupsOf(a, kOptions), kOptions);
        torch::load(libtorch, ours_file);
        train::FusedAdamW fused(groupsOf(b, kOptions), kOptions);
        torch::load(fused, theirs_file);
        stepTogether(libtorch, a, fused, b, 3, 5);
        QVERIFY(maxAbsDiff(b, a) < 1e-6);
        const auto& state = static_cast<torch::optim::AdamWParamState&>(
            *fused.state().at(train::FusedAdamW::stateKey(b[0])));
        QCOMPARE(state.step(), int64_t{5});
    }

    void clearGradientsDropsThem() {
        auto ps = cloned(makeParameters());
        train::FusedAdamW fused(groupsOf(ps, kOptions), kOptions);
        setGradients(ps, 0);
        fused.clearGradients();
        for (const auto& p : ps) QVERIFY(!p.grad().defined());
        // The next backward writes fresh gradients.
        (ps[1] * 2).sum().backward();
        QVERIFY(ps[1].grad().equal(torch::full({513}, 2.0)));
    }

    void huggingFaceDecayGroups() {
        const model::BertConfig c = test::smallExactConfig(50, 1);
        auto m = model::makeBertTaskModel(c, model::BertTask::SequenceClassification);
        auto optimizer = train::makeAdamW(*m, kOptions);
        QCOMPARE(optimizer->param_groups().size(), size_t{2});
        auto& no_decay = optimizer->param_groups()[1];
        QCOMPARE(static_cast<torch::optim::AdamWOptions&>(no_decay.options()).weight_decay(), 0.0);
        QCOMPARE(static_cast<torch::optim::AdamWOptions&>(optimizer->param_groups()[0].options()).weight_decay(), 0.1);
        int64_t grouped = 0;
        for (const auto& group : optimizer->param_groups()) grouped += static_cast<int64_t>(group.params().size());
        QCOMPARE(grouped, static_cast<int64_t>(m->parameters().size()));
        // bert.embeddings.LayerNorm.weight and every bias are in the no-decay group.
        auto inGroup = [](const torch::optim::OptimizerParamGroup& group, const torch::Tensor& t) {
            for (const auto& p : group.params())
                if (p.is_same(t)) return true;
            return false;
        };
        for (const auto& item : m->named_parameters()) {
            const bool exempt = item.key().find("bias") != std::string::npos ||
                                item.key().find("LayerNorm.weight") != std::string::npos;
            QVERIFY2(inGroup(no_decay, item.value()) == exempt, item.key().c_str());
        }
    }
};

QTEST_APPLESS_MAIN(TestFusedAdamW)
#include "test_fused_adamw.moc"
