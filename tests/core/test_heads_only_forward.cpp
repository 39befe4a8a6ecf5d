// heads_only computes the last layer only where the heads read it ([CLS], and the masked positions
// for masked LM). It must change nothing the trainer or the pipeline sees: the same logits, losses
// and gradients of every parameter as the full forward, with padding, segments and ragged masks.
#include "core/model/bert_task_model.h"
#include "core/runtime/error.h"
#include "tests/core/small_bert_config.h"

#include <QtTest>

using namespace bw;

namespace {

model::BertConfig smallConfig(int layers) {
    model::BertConfig c = test::smallExactConfig(211, layers);
    c.id2label = {"a", "b", "c"};
    return c;
}

// Three rows of 17 tokens: the second is padded after 9 tokens, the third has two segments.
model::EncoderRequest paddedRequest() {
    const int64_t B = 3, S = 17;
    model::EncoderRequest request;
    request.input_ids = torch::randint(5, 211, {B, S}, torch::kInt64);
    request.attention_mask = torch::ones({B, S}, torch::kInt64);
    request.attention_mask[1].narrow(0, 9, S - 9).fill_(0);
    request.token_type_ids = torch::zeros({B, S}, torch::kInt64);
    request.token_type_ids[2].narrow(0, 8, S - 8).fill_(1);
    return request;
}

std::map<std::string, torch::Tensor> gradients(model::BertTaskModel& m) {
    std::map<std::string, torch::Tensor> grads;
    for (const auto& item : m->named_parameters())
        if (item.value().grad().defined()) grads[item.key()] = item.value().grad().clone();
    return grads;
}

void verifySameGradients(const std::map<std::string, torch::Tensor>& full,
                         const std::map<std::string, torch::Tensor>& pruned) {
    QCOMPARE(pruned.size(), full.size());
    for (const auto& [name, grad] : full) {
        QVERIFY2(pruned.count(name), name.c_str());
        const double diff = (pruned.at(name) - grad).abs().max().item<double>();
        QVERIFY2(diff < 1e-5, (name + ": gradient differs by " + std::to_string(diff)).c_str());
    }
}

double maxDiff(const torch::Tensor& a, const torch::Tensor& b) { return (a - b).abs().max().item<double>(); }

}  // namespace

class TestHeadsOnlyForward : public QObject {
    Q_OBJECT
private slots:
    void sequenceClassificationMatchesTheFullForward_data() {
        QTest::addColumn<int>("layers");
        QTest::newRow("two layers") << 2;
        QTest::newRow("one layer") << 1;
        QTest::newRow("no layers") << 0;
    }

    void sequenceClassificationMatchesTheFullForward() {
        QFETCH(int, layers);
        torch::manual_seed(11);
        auto m = model::makeBertTaskModel(smallConfig(layers), model::BertTask::SequenceClassification);
        m->train();
        const model::EncoderRequest request = paddedRequest();
        const torch::Tensor labels = torch::tensor({0, 2, 1}, torch::kInt64);

        m->zero_grad();
        const auto full = m->forward(request);
        torch::nn::functional::cross_entropy(full.logits, labels).backward();
        const auto full_grads = gradients(m);

        m->zero_grad();
        const auto pruned = m->forward(request, {}, /*heads_only=*/true);
        QCOMPARE(pruned.last_hidden_state.size(1), int64_t{1});  // only [CLS] was computed
        QVERIFY(maxDiff(pruned.logits, full.logits) < 1e-6);
        QVERIFY(maxDiff(pruned.last_hidden_state.select(1, 0), full.last_hidden_state.select(1, 0)) < 1e-6);
        torch::nn::functional::cross_entropy(pruned.logits, labels).backward();
        verifySameGradients(full_grads, gradients(m));
    }

    void pretrainingMatchesTheFullForward() {
        torch::manual_seed(5);
        auto m = model::makeBertTaskModel(smallConfig(2), model::BertTask::PreTraining);
        m->train();
        const model::EncoderRequest request = paddedRequest();
        // Ragged: 4, 1 and 0 masked positions in the three rows.
        const torch::Tensor positions = torch::tensor({2, 5, 6, 16, 17 + 3}, torch::kInt64);
        const torch::Tensor mlm_labels = torch::tensor({7, 8, 9, 10, 11}, torch::kInt64);
        const torch::Tensor nsp_labels = torch::tensor({0, 1, 1}, torch::kInt64);
        auto lossOf = [&](const model::BertOutputs& out) {
            return m->predictions->chunkedLoss(out.masked_hidden_states, mlm_labels).loss +
                   torch::nn::functional::cross_entropy(out.seq_relationship_logits, nsp_labels);
        };

        // The same positions as Hugging Face's mlm labels: [B, S], -100 where nothing is masked.
        model::TaskTargets targets;
        targets.mlm_labels = torch::full({request.input_ids.numel()}, -100, torch::kInt64)
                                 .index_put_({positions}, mlm_labels)
                                 .reshape(request.input_ids.sizes());
        targets.labels = nsp_labels;

        m->zero_grad();
        const auto full = m->forward(request, targets);
        const torch::Tensor full_loss = lossOf(full);
        full_loss.backward();
        const auto full_grads = gradients(m);

        m->zero_grad();
        const auto pruned = m->forward(request, targets, /*heads_only=*/true);
        QCOMPARE(pruned.last_hidden_state.size(1), int64_t{5});  // [CLS] + the 4 of the first row
        QVERIFY(maxDiff(pruned.masked_hidden_states, full.masked_hidden_states) < 1e-6);
        QVERIFY(maxDiff(pruned.seq_relationship_logits, full.seq_relationship_logits) < 1e-6);
        const torch::Tensor pruned_loss = lossOf(pruned);
        QVERIFY(std::abs(pruned_loss.item<double>() - full_loss.item<double>()) < 1e-6);
        // The head's own loss is the same masked-LM + next-sentence sum.
        QVERIFY(std::abs(pruned.loss.item<double>() - full_loss.item<double>()) < 1e-6);
        pruned_loss.backward();
        verifySameGradients(full_grads, gradients(m));
    }

    void everyPositionWhereTheHeadsNeedIt() {
        torch::manual_seed(2);
        const model::EncoderRequest request = paddedRequest();
        // Token classification reads every position, so heads_only computes them all.
        auto tagger = model::makeBertTaskModel(smallConfig(2), model::BertTask::TokenClassification);
        const auto tags = tagger->forward(request, {}, /*heads_only=*/true);
        QCOMPARE(tags.logits.sizes(), (torch::IntArrayRef{3, 17, 3}));
        QVERIFY(maxDiff(tags.logits, tagger->forward(request).logits) < 1e-6);
        // Attentions asked for: every layer keeps its [B, N, S, S] probabilities.
        auto classifier = model::makeBertTaskModel(smallConfig(2), model::BertTask::SequenceClassification);
        model::EncoderRequest with_attentions = request;
        with_attentions.output_attentions = true;
        const auto out = classifier->forward(with_attentions, {}, /*heads_only=*/true);
        QCOMPARE(out.attentions.back().sizes(), (torch::IntArrayRef{3, 4, 17, 17}));
        QCOMPARE(out.last_hidden_state.size(1), int64_t{17});
    }

    void explicitPositionsWithAttentionsAreRefused() {
        auto m = model::makeBertTaskModel(smallConfig(2), model::BertTask::SequenceClassification);
        model::EncoderRequest request = paddedRequest();
        request.output_positions = torch::zeros({3, 1}, torch::kInt64);
        request.output_attentions = true;
        QVERIFY_THROWS_EXCEPTION(Error, m->forward(request));
        request.output_attentions = false;
        request.output_positions = torch::zeros({2, 1}, torch::kInt64);  // not one row per sequence
        QVERIFY_THROWS_EXCEPTION(Error, m->forward(request));
    }
};

QTEST_APPLESS_MAIN(TestHeadsOnlyForward)
#include "test_heads_only_forward.moc"
