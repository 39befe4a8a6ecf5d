// oneDNN GEMMs with prepacked weights (core/model/packed_linear.h) against LibTorch's own Linear
// and activations, computed in float64 as the reference: every epilogue, row counts from 0 to a
// few hundred, several parts side by side with their scales, and the rules that keep a packed copy
// from ever computing with stale weights. Then the whole encoder packed against unpacked, with
// padding, segments and the heads-only last layer. (The golden outputs of Hugging Face's models
// through both paths: test_model_parity.)
#include "core/model/attention_products.h"
#include "core/model/bert_task_model.h"
#include "core/model/gemm_choice.h"
#include "core/model/onednn_linear.h"
#include "core/runtime/error.h"
#include "tests/core/gemm_reference.h"
#include "tests/core/small_bert_config.h"

#include <QTemporaryDir>
#include <QtTest>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <limits>

using namespace bw;
using model::GemmEpilogue;
using model::PackedLinear;
using test::maxError;

namespace {

torch::Tensor reference(const torch::Tensor& x, const std::vector<model::LinearPart>& parts, GemmEpilogue epilogue,
                        const torch::Tensor& residual) {
    std::vector<torch::Tensor> outputs;
    const torch::Tensor x64 = x.to(torch::kFloat64);
    for (const auto& part : parts)
        outputs.push_back(torch::nn::functional::linear(x64, part.linear->weight.to(torch::kFloat64),
                                                        part.linear->bias.to(torch::kFloat64)) * part.scale);
    return test::withEpilogue(torch::cat(outputs, -1), epilogue, residual);
}

// Sets BERTWORK_GEMM for one scope.
struct GemmSetting {
    explicit GemmSetting(const char* value) { qputenv("BERTWORK_GEMM", value); }
    ~GemmSetting() { qunsetenv("BERTWORK_GEMM"); }
};

}  // namespace

class TestPackedLinear : public QObject {
    Q_OBJECT
    QTemporaryDir cache_dir_;  // the choices timed here never reach the user's cache
    QByteArray cache_ = cache_dir_.filePath("gemm-choices.json").toUtf8();

private slots:
    void initTestCase() {
        if (!PackedLinear::available()) QSKIP("this build has no oneDNN (libdnnl-dev): nothing is packed");
        qputenv("BERTWORK_GEMM_CACHE", cache_);
        torch::manual_seed(7);
    }

    void matchesLinearAndItsEpilogue_data() { test::addEpilogueAndRowCountRows(); }

    void matchesLinearAndItsEpilogue() {
        QFETCH(int, epilogue);
        QFETCH(qint64, rows);
        const auto e = static_cast<GemmEpilogue>(epilogue);
        torch::nn::Linear linear(96, 80);
        PackedLinear packed({{linear, 1.0}}, e);
        QCOMPARE(packed.inFeatures(), int64_t{96});
        QCOMPARE(packed.outFeatures(), int64_t{80});
        torch::NoGradGuard no_grad;
        const torch::Tensor x = torch::randn({rows, 96}) * 3;
        const torch::Tensor residual = torch::randn({rows, 80});
        const torch::Tensor y = packed.forward(x, residual);
        QCOMPARE(y.sizes().vec(), (std::vector<int64_t>{rows, 80}));
        const double error = maxError(y, reference(x, {{linear, 1.0}}, e, residual));
        QVERIFY2(error < 2e-5, qPrintable(QString("max error %1").arg(error)));
    }

    // Key and value in one GEMM, the query with attention's scale folded in; [B, S, K] in, [B, S, N] out.
    void partsSideBySideWithTheirScales() {
        torch::nn::Linear key(64, 64), value(64, 64), third(64, 16);
        const std::vector<model::LinearPart> parts{{key, 1.0}, {value, 0.125}, {third, 3.0}};
        PackedLinear packed(parts, GemmEpilogue::None);
        torch::InferenceMode inference;
        const torch::Tensor x = torch::randn({3, 17, 64});
        const torch::Tensor y = packed.forward(x);
        QCOMPARE(y.sizes().vec(), (std::vector<int64_t>{3, 17, 144}));
        QVERIFY(maxError(y, reference(x, parts, GemmEpilogue::None, {})) < 2e-5);
        // A non-contiguous input (a transposed view) gives the same rows.
        const torch::Tensor transposed = x.transpose(0, 1).contiguous().transpose(0, 1);
        QVERIFY(!transposed.is_contiguous());
        QVERIFY(maxError(packed.forward(transposed), y) == 0);
        // No rows: an empty output of the right shape.
        QCOMPARE(packed.forward(torch::randn({0, 64})).sizes().vec(), (std::vector<int64_t>{0, 144}));
    }

    // Attention's products through oneDNN (core/model/attention_products.h) on the encoder's strided
    // head views, against float64 matmul: Q K^T, P V written into a strided [B, S, H] view, 3-D.
    void attentionProductsOnStridedViews() {
        QVERIFY(model::batchedProductsAvailable());
        torch::InferenceMode inference;
        const int64_t B = 3, S = 19, N = 4, D = 8, H = N * D;
        const torch::Tensor projected = torch::randn({B, S, 3 * H});  // as one GEMM's Q, K and V side by side
        auto heads = [&](const torch::Tensor& t) { return t.view({B, S, N, D}).transpose(1, 2); };
        auto q = heads(projected.narrow(-1, 0, H).contiguous());
        auto k = projected.narrow(-1, H, H).unflatten(-1, {N, D}).transpose(1, 2);  // a view: storage offset, strides
        auto v = projected.narrow(-1, 2 * H, H).unflatten(-1, {N, D}).transpose(1, 2);
        QVERIFY(!k.is_contiguous());
        const torch::Tensor scores = model::batchedProduct(q, k.transpose(-1, -2));
        QCOMPARE(scores.sizes().vec(), (std::vector<int64_t>{B, N, S, S}));
        QVERIFY(maxError(scores, torch::matmul(q.to(torch::kFloat64), k.transpose(-1, -2).to(torch::kFloat64))) < 1e-5);
        const torch::Tensor probs = torch::softmax(scores, -1);
        torch::Tensor context = torch::full({B, S, H}, std::numeric_limits<float>::quiet_NaN());
        model::batchedProduct(probs, v, heads(context));  // every element written
        const torch::Tensor expected = torch::matmul(probs.to(torch::kFloat64), v.to(torch::kFloat64)).transpose(1, 2).reshape({B, S, H});
        QVERIFY(maxError(context, expected) < 1e-5);
        // 3-D, and a float64 input oneDNN is not asked for: torch::matmul computes it.
        const torch::Tensor a = torch::randn({5, 6, 7}), b = torch::randn({5, 7, 2});
        QVERIFY(maxError(model::batchedProduct(a, b), torch::matmul(a, b)) < 1e-5);
        QVERIFY(maxError(model::batchedProduct(a.to(torch::kFloat64), b.to(torch::kFloat64)), torch::matmul(a, b)) < 1e-5);
        QVERIFY_THROWS_EXCEPTION(Error, model::batchedProduct(a, a));
    }

    void neverComputesWithStaleWeightsOrForAutograd() {
        torch::nn::Linear linear(32, 32);
        PackedLinear packed({{linear, 1.0}}, GemmEpilogue::None);
        const torch::Tensor x = torch::randn({5, 32});
        QVERIFY(!packed.usableFor(x));  // autograd wants the graph: LibTorch's Linear
        torch::NoGradGuard no_grad;
        QVERIFY(packed.usableFor(x));
        QVERIFY(!packed.usableFor(x.to(torch::kFloat64)));
        QVERIFY(!packed.usableFor(torch::randn({5, 31})));
        linear->bias.add_(1.0);  // any in-place change, as loading a state dict or a training step makes
        QVERIFY(!packed.usableFor(x));
    }

    void forcedChoicesAndAnUnknownSetting() {
        {
            GemmSetting setting("blas");
            const auto choice = model::chooseGemm(64, 64, GemmEpilogue::None);
            QVERIFY(!choice.packed);
            QCOMPARE(choice.reason, std::string("forced by BERTWORK_GEMM"));
        }
        {
            GemmSetting setting("onednn");
            QVERIFY(model::chooseGemm(64, 64, GemmEpilogue::Gelu).packed);
        }
        {
            GemmSetting setting("fastest");
            QVERIFY_THROWS_EXCEPTION(std::exception, model::chooseGemm(64, 64, GemmEpilogue::None));
        }
        // Timed: both paths ran, and the choice is the faster one.
        const auto timed = model::chooseGemm(128, 256, GemmEpilogue::AddResidual);
        QCOMPARE(timed.reason, std::string("timed"));
        QVERIFY(timed.blas_ms > 0 && timed.onednn_ms > 0);
        QCOMPARE(timed.packed, timed.onednn_ms < timed.blas_ms);
    }

    // Training's Linear through oneDNN: the output and the gradients of x, W and b against
    // LibTorch's Linear in float64, with the attention scale, without a bias, on 3-D input.
    void oneDnnLinearMatchesLinearAndItsGradients_data() {
        QTest::addColumn<double>("scale");
        QTest::addColumn<bool>("bias");
        QTest::addColumn<qint64>("rows");
        QTest::newRow("bias") << 1.0 << true << qint64{37};
        QTest::newRow("scaled") << 0.125 << true << qint64{37};
        QTest::newRow("no bias") << 1.0 << false << qint64{300};
        QTest::newRow("one row") << 0.5 << true << qint64{1};
    }

    void oneDnnLinearMatchesLinearAndItsGradients() {
        QFETCH(double, scale);
        QFETCH(bool, bias);
        QFETCH(qint64, rows);
        const torch::Tensor w = torch::randn({48, 80}).requires_grad_(true);
        const torch::Tensor b = bias ? torch::randn({48}).requires_grad_(true) : torch::Tensor();
        const torch::Tensor x = torch::randn({rows, 2, 80}).requires_grad_(true);
        const torch::Tensor g = torch::randn({rows, 2, 48});
        const torch::Tensor y = model::oneDnnLinear(x, w, b, scale);
        QCOMPARE(y.sizes().vec(), (std::vector<int64_t>{rows, 2, 48}));
        y.backward(g);

        const torch::Tensor w64 = w.detach().to(torch::kFloat64).requires_grad_(true);
        const torch::Tensor b64 = bias ? b.detach().to(torch::kFloat64).requires_grad_(true) : torch::Tensor();
        const torch::Tensor x64 = x.detach().to(torch::kFloat64).requires_grad_(true);
        const torch::Tensor y64 = torch::nn::functional::linear(x64, w64, b64) * scale;
        y64.backward(g.to(torch::kFloat64));
        QVERIFY2(maxError(y, y64) < 2e-5, qPrintable(QString::number(maxError(y, y64))));
        QVERIFY2(maxError(x.grad(), x64.grad()) < 2e-5, qPrintable(QString::number(maxError(x.grad(), x64.grad()))));
        // dW and db sum over every row: relative to their size
        const double w_error = maxError(w.grad(), w64.grad()) / w64.grad().abs().max().item<double>();
        QVERIFY2(w_error < 1e-5, qPrintable(QString::number(w_error)));
        if (bias) QVERIFY(maxError(b.grad(), b64.grad()) / b64.grad().abs().max().item<double>() < 1e-5);
    }

    // Only the gradients asked for are computed; a frozen weight gets none.
    void oneDnnLinearSkipsGradientsNobodyWants() {
        const torch::Tensor w = torch::randn({16, 8});  // frozen
        const torch::Tensor b = torch::randn({16}).requires_grad_(true);
        const torch::Tensor x = torch::randn({5, 8}).requires_grad_(true);
        model::oneDnnLinear(x, w, b).sum().backward();
        QVERIFY(!w.grad().defined());
        QVERIFY(x.grad().defined() && b.grad().defined());
        QVERIFY(maxError(b.grad(), torch::full({16}, 5.0)) < 1e-6);
    }

    // The choices are kept on disk per machine: a second process (here: this one, having forgotten
    // its own) takes what the file says, even against its own timing; a damaged file is timed again
    // and rewritten.
    void choicesAreKeptForEveryProcessOfTheMachine() {
        QTemporaryDir dir;
        const QString cache = dir.filePath("gemm-choices.json");
        qputenv("BERTWORK_GEMM_CACHE", cache.toUtf8());
        model::forgetGemmChoicesOfThisProcess();
        const auto first = model::chooseTrainingGemm(40, 24);
        QCOMPARE(first.reason, std::string("timed"));
        QFile file(cache);
        QVERIFY(file.open(QIODevice::ReadOnly));
        nlohmann::json stored = nlohmann::json::parse(file.readAll().toStdString());
        file.close();
        QCOMPARE(stored.size(), size_t{1});  // one machine
        auto& entries = stored.begin().value();
        QVERIFY(entries.contains("training 40x24 bias"));
        QCOMPARE(entries["training 40x24 bias"]["onednn"].get<bool>(), first.packed);

        entries["training 40x24 bias"]["onednn"] = !first.packed;  // as another process might have found
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QByteArray::fromStdString(stored.dump()));
        file.close();
        QCOMPARE(model::chooseTrainingGemm(40, 24).packed, first.packed);  // this process keeps its own
        model::forgetGemmChoicesOfThisProcess();
        const auto second = model::chooseTrainingGemm(40, 24);
        QCOMPARE(second.packed, !first.packed);
        QVERIFY2(second.reason.find("timed earlier on this machine") == 0, second.reason.c_str());

        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("{not json");
        file.close();
        model::forgetGemmChoicesOfThisProcess();
        QCOMPARE(model::chooseGemm(40, 24, GemmEpilogue::Gelu).reason, std::string("timed"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(nlohmann::json::parse(file.readAll().toStdString()).begin().value().contains("inference 40x24 bias+gelu"));
        qputenv("BERTWORK_GEMM_CACHE", cache_);
        model::forgetGemmChoicesOfThisProcess();
    }

    // A process that times must train the same numbers as one that reads the cache: the timing's
    // random weights and inputs leave the process's random stream where it was.
    void aTimingLeavesTheRandomStreamAlone() {
        torch::manual_seed(11);
        const torch::Tensor expected = torch::rand({8});
        torch::manual_seed(11);
        QCOMPARE(model::chooseTrainingGemm(72, 40).reason, std::string("timed"));
        QCOMPARE(model::chooseGemm(72, 40, GemmEpilogue::Relu).reason, std::string("timed"));
        QVERIFY(torch::equal(torch::rand({8}), expected));
    }

    // The encoder packed (every GEMM forced onto oneDNN) against the same model unpacked: padding,
    // two segments, the heads-only last layer, gelu and relu models; then a weight changed after
    // packing makes the packed layer step aside (the output follows the new weight).
    void theEncoderPackedGivesTheSameOutputs_data() {
        QTest::addColumn<QString>("activation");
        QTest::addColumn<bool>("heads_only");
        for (const char* act : {"gelu", "relu", "gelu_new"}) {
            QTest::newRow(qPrintable(QString("%1, every position").arg(act))) << act << false;
            QTest::newRow(qPrintable(QString("%1, heads only").arg(act))) << act << true;
        }
    }

    void theEncoderPackedGivesTheSameOutputs() {
        QFETCH(QString, activation);
        QFETCH(bool, heads_only);
        model::BertConfig config = test::smallExactConfig(211, 2);
        config.hidden_act = activation.toStdString();
        config.id2label = {"a", "b", "c"};
        auto task_model = model::makeBertTaskModel(config, model::BertTask::SequenceClassification);
        task_model->eval();
        model::EncoderRequest request;
        request.input_ids = torch::randint(5, 211, {3, 17}, torch::kInt64);
        request.attention_mask = torch::ones({3, 17}, torch::kInt64);
        request.attention_mask[1].narrow(0, 9, 8).fill_(0);
        request.token_type_ids = torch::zeros({3, 17}, torch::kInt64);
        request.token_type_ids[2].narrow(0, 8, 9).fill_(1);

        torch::NoGradGuard no_grad;
        const auto plain = task_model->forward(request, {}, heads_only);
        {
            GemmSetting setting("onednn");
            const auto choices = task_model->bert->packForInference();
            // query+key+value (the first layer), the last layer's query and key+value (its queries
            // may be a few positions), attention output, intermediate, output
            QCOMPARE(choices.size(), size_t{6});
            for (const auto& c : choices) QVERIFY(c.packed);
        }
        const auto& first = task_model->bert->layers->at<model::BertLayerImpl>(0);
        const auto& last = task_model->bert->layers->at<model::BertLayerImpl>(1);
        QVERIFY(first.intermediate->packed_dense);
        QVERIFY(first.attention->self->packed_query_key_value && !first.attention->self->packed_query);
        QVERIFY(!last.attention->self->packed_query_key_value && last.attention->self->packed_query &&
                last.attention->self->packed_key_value);
        const auto packed = task_model->forward(request, {}, heads_only);
        QVERIFY2(maxError(packed.logits, plain.logits) < 1e-5, qPrintable(QString::number(maxError(packed.logits, plain.logits))));
        QVERIFY(maxError(packed.last_hidden_state, plain.last_hidden_state) < 1e-5);
        if (!heads_only) {  // the Attention page's probabilities, from the query, key and value's one GEMM
            model::EncoderRequest with_attentions = request;
            with_attentions.output_attentions = true;
            const auto packed_probs = task_model->bert->forward(with_attentions).attentions;
            task_model->bert->unpackInference();
            const auto plain_probs = task_model->bert->forward(with_attentions).attentions;
            QCOMPARE(packed_probs.size(), size_t{2});
            for (size_t i = 0; i < packed_probs.size(); ++i) QVERIFY(maxError(packed_probs[i], plain_probs[i]) < 1e-5);
        }

        // A changed weight: the packed copy is stale, LibTorch's Linear computes with the new one.
        auto& intermediate = *task_model->bert->layers->at<model::BertLayerImpl>(1).intermediate;
        intermediate.dense->weight.mul_(2.0);
        task_model->bert->unpackInference();
        const auto changed_plain = task_model->forward(request, {}, heads_only);
        intermediate.dense->weight.div_(2.0);
        {
            GemmSetting setting("onednn");
            task_model->bert->packForInference();
        }
        intermediate.dense->weight.mul_(2.0);
        const auto changed_packed = task_model->forward(request, {}, heads_only);
        QVERIFY(maxError(changed_plain.last_hidden_state, plain.last_hidden_state) > 1e-2);  // the change matters
        QVERIFY(maxError(changed_packed.last_hidden_state, changed_plain.last_hidden_state) < 1e-5);

        // Training mode (dropout, autograd) never takes the packed path.
        task_model->train();
        torch::AutoGradMode grad(true);
        const auto trained = task_model->forward(request, {}, heads_only);
        QVERIFY(trained.logits.requires_grad());
    }

    // Training through oneDNN's GEMMs (forced) against LibTorch's: the same loss and gradients of
    // every parameter, with the heads-only last layer and padding.
    void theEncoderTrainsTheSameThroughEitherLibrary() {
        model::BertConfig config = test::smallExactConfig(211, 2);
        config.id2label = {"a", "b", "c"};
        auto task_model = model::makeBertTaskModel(config, model::BertTask::SequenceClassification);
        task_model->train();  // dropout is off in this config
        model::EncoderRequest request;
        request.input_ids = torch::randint(5, 211, {4, 13}, torch::kInt64);
        request.attention_mask = torch::ones({4, 13}, torch::kInt64);
        request.attention_mask[3].narrow(0, 6, 7).fill_(0);
        model::TaskTargets targets;
        targets.labels = torch::tensor({0, 2, 1, 2}, torch::kInt64);
        auto lossAndGradients = [&](const char* gemm) {
            GemmSetting setting(gemm);
            task_model->zero_grad();
            const auto out = task_model->forward(request, targets, /*heads_only=*/true);
            out.loss.backward();
            std::map<std::string, torch::Tensor> grads;
            for (const auto& p : task_model->named_parameters())
                if (p.value().grad().defined()) grads[p.key()] = p.value().grad().clone();
            return std::make_pair(out.loss.item<double>(), grads);
        };
        const auto [blas_loss, blas_grads] = lossAndGradients("blas");
        const auto [onednn_loss, onednn_grads] = lossAndGradients("onednn");
        QVERIFY(std::abs(blas_loss - onednn_loss) < 1e-5);
        QCOMPARE(onednn_grads.size(), blas_grads.size());
        for (const auto& [name, grad] : blas_grads) {
            const double error = maxError(onednn_grads.at(name), grad);
            QVERIFY2(error < 1e-5, qPrintable(QString("%1: %2").arg(name.c_str()).arg(error)));
        }
    }
};

QTEST_GUILESS_MAIN(TestPackedLinear)
#include "test_packed_linear.moc"
