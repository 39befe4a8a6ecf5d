// Sequence packing must change nothing but the padding: a packed row (several sequences end to end,
// attention kept inside each, positions restarting) computes for each sequence what the sequence
// computes alone in its own row. Checked against the unpacked forward of the same weights, which the
// parity tests hold to Hugging Face's outputs: hidden states, attention, the masked-LM loss and every
// parameter's gradient; on both attention paths where LibTorch has two.
#include "core/model/bert_task_model.h"
#include "core/train/batching.h"
#include "core/train/sequence_packing.h"
#include "tests/core/small_bert_config.h"

#include <QtTest>

using namespace bw;
using namespace bw::train;

namespace {

constexpr int64_t kVocab = 97;
constexpr int32_t kCls = 2, kSep = 3, kPad = 0;

// "[CLS] x ... [SEP]" of `length` tokens with ids drawn from the seed.
Feature sequenceOf(size_t length, uint64_t seed) {
    Feature f;
    f.input_ids.push_back(kCls);
    for (size_t i = 1; i + 1 < length; ++i) f.input_ids.push_back(static_cast<int32_t>(5 + (seed * 31 + i * 17) % (kVocab - 5)));
    f.input_ids.push_back(kSep);
    f.token_type_ids.assign(length, 0);
    return f;
}

std::vector<Feature> someSequences() {
    std::vector<Feature> sequences;
    const size_t lengths[] = {7, 12, 3, 9, 5, 16, 4, 11};
    for (size_t i = 0; i < std::size(lengths); ++i) sequences.push_back(sequenceOf(lengths[i], i));
    return sequences;
}

std::vector<size_t> allOf(const std::vector<Feature>& features) {
    std::vector<size_t> all(features.size());
    for (size_t i = 0; i < all.size(); ++i) all[i] = i;
    return all;
}

// Where each sequence of `sequences` lies in the packed rows: (row, offset), found by its tokens.
std::vector<std::pair<int64_t, int64_t>> placesOf(const std::vector<Feature>& sequences, const std::vector<Feature>& rows) {
    std::vector<std::pair<int64_t, int64_t>> places(sequences.size(), {-1, -1});
    std::vector<bool> taken(sequences.size(), false);
    for (size_t r = 0; r < rows.size(); ++r) {
        size_t offset = 0;
        for (int32_t length : rows[r].packed_lengths) {
            const std::vector<int32_t> piece(rows[r].input_ids.begin() + offset, rows[r].input_ids.begin() + offset + length);
            for (size_t i = 0; i < sequences.size(); ++i)
                if (!taken[i] && sequences[i].input_ids == piece) {
                    places[i] = {static_cast<int64_t>(r), static_cast<int64_t>(offset)};
                    taken[i] = true;
                    break;
                }
            offset += static_cast<size_t>(length);
        }
    }
    return places;
}

model::EncoderRequest requestOf(const Batch& batch) {
    model::EncoderRequest request;
    request.input_ids = batch.input_ids;
    request.token_type_ids = batch.token_type_ids;
    request.attention_mask = batch.attention_mask;
    request.document_ids = batch.document_ids;
    request.position_ids = batch.position_ids;
    return request;
}

// Masked-LM labels at every third real token but [CLS]/[SEP], for unpacked rows (one sequence per
// row) and the same tokens in their packed places.
std::pair<torch::Tensor, torch::Tensor> maskedLabels(const std::vector<Feature>& sequences, const Batch& alone,
                                                     const Batch& packed,
                                                     const std::vector<std::pair<int64_t, int64_t>>& places) {
    torch::Tensor a = torch::full(alone.input_ids.sizes(), model::kIgnoreIndex, torch::kInt64);
    torch::Tensor p = torch::full(packed.input_ids.sizes(), model::kIgnoreIndex, torch::kInt64);
    for (size_t i = 0; i < sequences.size(); ++i)
        for (size_t s = 1; s + 1 < sequences[i].size(); s += 3) {
            const int64_t target = (sequences[i].input_ids[s] * 7 + 1) % kVocab;
            a[static_cast<int64_t>(i)][static_cast<int64_t>(s)] = target;
            p[places[i].first][places[i].second + static_cast<int64_t>(s)] = target;
        }
    return {a, p};
}

std::map<std::string, torch::Tensor> gradientsOf(model::BertTaskModel& m) {
    std::map<std::string, torch::Tensor> grads;
    for (const auto& item : m->named_parameters())
        if (item.value().grad().defined()) grads[item.key()] = item.value().grad().clone();
    return grads;
}

double maxDiff(const torch::Tensor& a, const torch::Tensor& b) { return (a - b).abs().max().item<double>(); }

}  // namespace

class TestSequencePacking : public QObject {
    Q_OBJECT
private slots:
    void everySequenceLandsWholeInExactlyOneRow() {
        const std::vector<Feature> sequences = someSequences();
        const std::vector<Feature> rows = packSequences(sequences, 20);
        // 67 tokens in rows of 20: best-fit decreasing needs 4 (16+4, 12+7, 11+9, 5+3), unpacked 8.
        QCOMPARE(rows.size(), size_t(4));
        size_t tokens = 0;
        for (const Feature& row : rows) {
            QVERIFY(row.size() <= 20);
            int32_t sum = 0;
            for (int32_t length : row.packed_lengths) sum += length;
            QCOMPARE(static_cast<size_t>(sum), row.size());
            QCOMPARE(row.token_type_ids.size(), row.size());
            tokens += row.size();
        }
        QCOMPARE(tokens, size_t(67));
        for (const auto& [row, offset] : placesOf(sequences, rows)) QVERIFY(row >= 0);
        // Deterministic: the same input packs the same way.
        const std::vector<Feature> again = packSequences(sequences, 20);
        for (size_t r = 0; r < rows.size(); ++r) {
            QCOMPARE(again[r].input_ids, rows[r].input_ids);
            QCOMPARE(again[r].packed_lengths, rows[r].packed_lengths);
        }
    }

    void aBatchTellsDocumentsAndRestartsPositions() {
        std::vector<Feature> features(2);
        features[0] = sequenceOf(3, 1);
        const Feature second = sequenceOf(2, 2);
        features[0].input_ids.insert(features[0].input_ids.end(), second.input_ids.begin(), second.input_ids.end());
        features[0].token_type_ids.resize(5, 0);
        features[0].packed_lengths = {3, 2};
        features[1] = sequenceOf(6, 3);  // a row of one sequence, in a batch with a packed one
        const Batch batch = collate(features, {0, 1}, kPad, LabelLayout::None);
        QVERIFY(torch::equal(batch.document_ids[0], torch::tensor({1, 1, 1, 2, 2, 0}, torch::kInt64)));
        QVERIFY(torch::equal(batch.position_ids[0], torch::tensor({0, 1, 2, 0, 1, 0}, torch::kInt64)));
        QVERIFY(torch::equal(batch.document_ids[1], torch::tensor({1, 1, 1, 1, 1, 1}, torch::kInt64)));
        QVERIFY(torch::equal(batch.position_ids[1], torch::tensor({0, 1, 2, 3, 4, 5}, torch::kInt64)));
        // Unpacked batches carry neither.
        const Batch plain = collate(features, {1}, kPad, LabelLayout::None);
        QVERIFY(!plain.document_ids.defined() && !plain.position_ids.defined());
    }

    void packedRowsComputeWhatEachSequenceComputesAlone_data() {
        QTest::addColumn<bool>("fused");
        QTest::newRow("matmul attention") << false;
#if BERTWORK_HAS_SDPA
        QTest::newRow("scaled_dot_product_attention") << true;
#endif
    }
    void packedRowsComputeWhatEachSequenceComputesAlone() {
        QFETCH(bool, fused);
        torch::manual_seed(5);
        model::BertModel bert(test::smallExactConfig(kVocab, 2), /*add_pooling_layer=*/false);
        model::initBertWeights(*bert, bert->config);
        bert->eval();
        bert->setFusedAttention(fused);
        const std::vector<Feature> sequences = someSequences();
        const std::vector<Feature> rows = packSequences(sequences, 20);
        const Batch alone = collate(sequences, allOf(sequences), kPad, LabelLayout::None);
        const Batch packed = collate(rows, allOf(rows), kPad, LabelLayout::None);
        torch::NoGradGuard no_grad;
        const torch::Tensor expected = bert(requestOf(alone)).last_hidden_state;  // [8, 16, H]
        const torch::Tensor got = bert(requestOf(packed)).last_hidden_state;      // [4, 20, H]
        const auto places = placesOf(sequences, rows);
        for (size_t i = 0; i < sequences.size(); ++i) {
            const auto n = static_cast<int64_t>(sequences[i].size());
            const double diff = maxDiff(got[places[i].first].narrow(0, places[i].second, n),
                                        expected[static_cast<int64_t>(i)].narrow(0, 0, n));
            QVERIFY2(diff < 1e-5, qPrintable(QString("sequence %1 differs by %2").arg(i).arg(diff)));
        }
    }

    void attentionNeverCrossesADocument() {
        torch::manual_seed(6);
        model::BertModel bert(test::smallExactConfig(kVocab, 2), false);
        model::initBertWeights(*bert, bert->config);
        bert->eval();
        const std::vector<Feature> rows = packSequences(someSequences(), 20);
        const Batch packed = collate(rows, allOf(rows), kPad, LabelLayout::None);
        model::EncoderRequest request = requestOf(packed);
        request.output_attentions = true;
        torch::NoGradGuard no_grad;
        const model::EncoderOutputs out = bert(request);
        // [B, 1, S, 1] vs [B, 1, 1, S]: true where query and key lie in different documents.
        const torch::Tensor across =
            packed.document_ids.unsqueeze(1).unsqueeze(-1) != packed.document_ids.unsqueeze(1).unsqueeze(2);
        for (const torch::Tensor& probs : out.attentions) {
            QCOMPARE(probs.masked_select(across.expand_as(probs)).abs().max().item<double>(), 0.0);
            // Each real query's attention still sums to 1 within its own document.
            const torch::Tensor real_rows = packed.document_ids.ne(0).unsqueeze(1).expand({-1, probs.size(1), -1});
            QVERIFY(maxDiff(probs.sum(-1).masked_select(real_rows), torch::ones({1})) < 1e-5);
        }
    }

    void maskedLmLossAndGradientsMatchTheUnpackedBatch() {
        torch::manual_seed(7);
        const model::BertConfig config = test::smallExactConfig(kVocab, 2);
        model::BertTaskModel unpacked_model = model::makeBertTaskModel(config, model::BertTask::MaskedLM);
        model::BertTaskModel packed_model = model::makeBertTaskModel(config, model::BertTask::MaskedLM);
        {
            torch::NoGradGuard no_grad;
            auto from = unpacked_model->named_parameters();
            for (auto& item : packed_model->named_parameters()) item.value().copy_(from[item.key()]);
        }
        const std::vector<Feature> sequences = someSequences();
        const std::vector<Feature> rows = packSequences(sequences, 20);
        const Batch alone = collate(sequences, allOf(sequences), kPad, LabelLayout::None);
        const Batch packed = collate(rows, allOf(rows), kPad, LabelLayout::None);
        const auto [alone_labels, packed_labels] = maskedLabels(sequences, alone, packed, placesOf(sequences, rows));

        model::TaskTargets alone_targets, packed_targets;
        alone_targets.mlm_labels = alone_labels;
        packed_targets.mlm_labels = packed_labels;
        // heads_only as the trainer runs it: the last layer's queries at the masked positions alone.
        const model::BertOutputs expected = unpacked_model->forward(requestOf(alone), alone_targets, true);
        const model::BertOutputs got = packed_model->forward(requestOf(packed), packed_targets, true);
        QVERIFY2(std::abs(got.loss.item<double>() - expected.loss.item<double>()) < 1e-5,
                 qPrintable(QString("%1 vs %2").arg(got.loss.item<double>()).arg(expected.loss.item<double>())));
        expected.loss.backward();
        got.loss.backward();
        const auto want = gradientsOf(unpacked_model), have = gradientsOf(packed_model);
        QCOMPARE(have.size(), want.size());
        for (const auto& [name, grad] : want) {
            const double diff = maxDiff(have.at(name), grad);
            QVERIFY2(diff < 1e-5, qPrintable(QString::fromStdString(name) + " differs by " + QString::number(diff)));
        }
    }

    void aSequenceLongerThanTheRowIsRefused() {
        QVERIFY_THROWS_EXCEPTION(std::exception, packSequences({sequenceOf(30, 1)}, 20));
    }
};

QTEST_APPLESS_MAIN(TestSequencePacking)
#include "test_sequence_packing.moc"
