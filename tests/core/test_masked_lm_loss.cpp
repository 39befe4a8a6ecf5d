// The masked-LM loss the trainer uses (logits only at masked positions, made in row chunks, with a
// hand-written cross-entropy backward) must equal Hugging Face's formulation: cross-entropy over
// the full [B, S, V] logits with ignore_index -100, in value and in every parameter's gradient.
#include "core/model/bert_task_model.h"
#include "tests/core/small_bert_config.h"

#include <QtTest>

using namespace bw;

namespace {

model::BertConfig smallConfig() {
    return test::smallExactConfig(997, 2);  // a vocabulary that is not a multiple of the chunk rows
}

std::map<std::string, torch::Tensor> gradients(model::BertTaskModel& m) {
    std::map<std::string, torch::Tensor> grads;
    for (const auto& item : m->named_parameters())
        if (item.value().grad().defined()) grads[item.key()] = item.value().grad().clone();
    return grads;
}

}  // namespace

class TestMaskedLmLoss : public QObject {
    Q_OBJECT
private slots:
    void chunkedLossEqualsFullCrossEntropy() {
        torch::manual_seed(3);
        auto m = model::makeBertTaskModel(smallConfig(), model::BertTask::PreTraining);
        const int64_t B = 3, S = 20;
        model::EncoderRequest request;
        request.input_ids = torch::randint(5, 997, {B, S}, torch::kInt64);
        request.attention_mask = torch::ones({B, S}, torch::kInt64);
        request.attention_mask[2].narrow(0, 14, 6).fill_(0);  // padding in the last row
        torch::Tensor labels = torch::full({B, S}, -100, torch::kInt64);
        auto chosen = torch::rand({B, S}) < 0.3;
        chosen.narrow(1, 14, 6)[2].fill_(false);
        labels = torch::where(chosen, torch::randint(0, 997, {B, S}, torch::kInt64), labels);
        const auto flat = labels.reshape({-1});
        const auto positions = (flat != -100).nonzero().reshape({-1});
        QVERIFY(positions.size(0) > 10);

        // Reference: Hugging Face's loss over every position.
        m->zero_grad();
        auto full = m->forward(request);
        auto reference = torch::nn::functional::cross_entropy(
            full.prediction_logits.reshape({-1, 997}), flat, torch::nn::functional::CrossEntropyFuncOptions().ignore_index(-100));
        reference.backward();
        const auto reference_grads = gradients(m);
        const int64_t reference_correct =
            ((full.prediction_logits.reshape({-1, 997}).argmax(-1) == flat) & (flat != -100)).sum().item<int64_t>();

        // Ours: hidden states at the masked positions, logits in chunks of 7 rows.
        m->zero_grad();
        model::TaskTargets targets;
        targets.mlm_labels = labels;
        auto out = m->forward(request, targets);
        QVERIFY(!out.prediction_logits.defined());
        QCOMPARE(out.masked_hidden_states.size(0), positions.size(0));
        auto ours = m->predictions->chunkedLoss(out.masked_hidden_states, flat.index_select(0, positions), 7 * 997);
        // The head's own loss (default chunks) is the same cross-entropy.
        QVERIFY(std::abs(out.loss.item<double>() - reference.item<double>()) < 1e-5);
        QCOMPARE(out.mlm.correct, reference_correct);
        ours.loss.backward();
        const auto our_grads = gradients(m);

        QVERIFY2(std::abs(ours.loss.item<double>() - reference.item<double>()) < 1e-5,
                 qPrintable(QString("%1 vs %2").arg(ours.loss.item<double>()).arg(reference.item<double>())));
        QCOMPARE(ours.total, positions.size(0));
        QCOMPARE(ours.correct, reference_correct);
        QCOMPARE(our_grads.size(), reference_grads.size());
        for (const auto& [name, grad] : reference_grads) {
            const double diff = (our_grads.at(name) - grad).abs().max().item<double>();
            QVERIFY2(diff < 1e-5, qPrintable(QString::fromStdString(name) + QString(" differs by %1").arg(diff)));
        }
    }

    // Inference that reads only next-sentence prediction (predict without top-k): no vocabulary
    // logits, the encoder run for [CLS] alone, the same NSP logits as the full forward.
    void vocabularyLogitsOnlyWhenWanted() {
        torch::manual_seed(5);
        auto m = model::makeBertTaskModel(smallConfig(), model::BertTask::PreTraining);
        m->eval();
        torch::NoGradGuard no_grad;
        const int64_t B = 3, S = 12;
        model::EncoderRequest request;
        request.input_ids = torch::randint(5, 997, {B, S}, torch::kInt64);
        request.attention_mask = torch::ones({B, S}, torch::kInt64);
        request.attention_mask[1].narrow(0, 8, 4).fill_(0);
        const auto full = m->forward(request, {}, /*heads_only=*/true);
        QVERIFY(full.prediction_logits.defined());
        QCOMPARE(full.prediction_logits.sizes().vec(), (std::vector<int64_t>{B, S, 997}));
        const auto nsp_only = m->forward(request, {}, /*heads_only=*/true, /*masked_lm_logits=*/false);
        QVERIFY(!nsp_only.prediction_logits.defined());
        QCOMPARE(nsp_only.last_hidden_state.size(1), int64_t{1});  // [CLS] only
        QVERIFY(torch::allclose(nsp_only.seq_relationship_logits, full.seq_relationship_logits, 1e-5, 1e-6));
    }

    void nothingMaskedGivesZeroLossAndAGraph() {
        auto m = model::makeBertTaskModel(smallConfig(), model::BertTask::MaskedLM);
        auto hidden = torch::randn({0, 32}, torch::requires_grad());
        auto result = m->predictions->chunkedLoss(hidden, torch::zeros({0}, torch::kInt64));
        QCOMPARE(result.total, int64_t{0});
        QCOMPARE(result.loss.item<double>(), 0.0);
        result.loss.backward();  // must not throw: a batch without masks still steps
    }
};

QTEST_GUILESS_MAIN(TestMaskedLmLoss)
#include "test_masked_lm_loss.moc"
