// Int8 inference (dynamic quantization through oneDNN, core/model/packed_linear.h):
// - one GEMM against a reference computed here in float64 from the quantization rules themselves
//   (uint8 inputs per tensor with ONNX's DynamicQuantizeLinear scale and zero point, int8 weights
//   symmetric per output channel), every epilogue, several row counts: what oneDNN computes is
//   exactly that arithmetic, not merely "close to float32";
// - the edge inputs: no rows, all zeros (a zero-width range), NaN;
// - the quick start's model (the bundled model fine-tuned one epoch on the bundled SST-2 slice, as
//   `bertwork-cli quickstart` does) on the whole SST-2 dev set through BertPipeline: accuracy within
//   one point of float32 (the bar), the int8 path really taken.
#include "core/analysis/bert_pipeline.h"
#include "core/model/bert_task_model.h"
#include "core/model/gemm_choice.h"
#include "core/train/quickstart.h"
#include "core/train/training_job.h"
#include "tests/core/gemm_reference.h"
#include "tests/core/small_bert_config.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace bw;
using model::GemmEpilogue;
using model::GemmPrecision;
using model::PackedLinear;
using test::maxError;

namespace {

// x as the int8 path sees it, in float64: quantized to 0..255 and back.
struct QuantizedInput {
    torch::Tensor values;  // float64
    double step = 1;       // the quantization step (scale)
};
QuantizedInput quantizeInput(const torch::Tensor& x) {
    const float lo = std::min(0.f, x.min().item<float>()), hi = std::max(0.f, x.max().item<float>());
    if (hi == lo) return {x.to(torch::kFloat64), 1};
    const float scale = (hi - lo) / 255.f;
    const float zero_point = std::clamp(std::nearbyint(-lo / scale), 0.f, 255.f);
    const torch::Tensor q = torch::clamp(torch::round(x * (1.f / scale) + zero_point), 0, 255);
    return {(q.to(torch::kFloat64) - zero_point) * scale, scale};
}

// W as the int8 path stores it, in float64: each row's largest |w| is 127.
torch::Tensor quantizeWeight(const torch::Tensor& w) {
    const torch::Tensor w64 = w.to(torch::kFloat64);
    const torch::Tensor largest = w64.abs().amax(1, true);
    const torch::Tensor scale = torch::where(largest > 0, largest / 127, torch::ones_like(largest));
    return torch::clamp(torch::round(w64 / scale), -127, 127) * scale;
}

struct LabelledSentences {
    std::vector<text::TextInput> inputs;
    std::vector<int> labels;
};
LabelledSentences readSst2(const std::filesystem::path& tsv) {
    std::ifstream in(tsv);
    LabelledSentences out;
    std::string line;
    std::getline(in, line);  // sentence<TAB>label
    while (std::getline(in, line)) {
        const auto tab = line.rfind('\t');
        if (tab == std::string::npos) continue;
        text::TextInput input;
        input.text = line.substr(0, tab);
        out.inputs.push_back(input);
        out.labels.push_back(std::stoi(line.substr(tab + 1)));
    }
    return out;
}

struct Evaluated {
    double accuracy = 0;
    std::vector<std::vector<float>> logits;
};
Evaluated evaluate(const analysis::BertPipeline& pipeline, const LabelledSentences& data) {
    Evaluated out;
    int correct = 0;
    const auto predictions = pipeline.predict(data.inputs);
    for (size_t i = 0; i < predictions.size(); ++i) {
        const auto& p = predictions[i];
        out.logits.push_back(p.logits.values);
        if (p.labels.empty()) throw Error("the model predicted no label: not a classifier");
        correct += p.labels.front() == std::to_string(data.labels[i]);  // the SST-2 files' labels, 0 and 1, are the names
    }
    out.accuracy = 100.0 * correct / static_cast<double>(data.labels.size());
    return out;
}

}  // namespace

class TestInt8Inference : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (!PackedLinear::available()) QSKIP("this build has no oneDNN (libdnnl-dev): no int8 path");
        torch::manual_seed(11);
    }

    void computesTheQuantizedArithmetic_data() { test::addEpilogueAndRowCountRows(); }

    void computesTheQuantizedArithmetic() {
        QFETCH(int, epilogue);
        QFETCH(qint64, rows);
        const auto e = static_cast<GemmEpilogue>(epilogue);
        torch::nn::Linear linear(96, 80);
        torch::NoGradGuard no_grad;
        linear->bias.normal_(0, 0.5);  // a bias that matters: added after the rescale, not to the int32 sums
        PackedLinear packed({{linear, 2.0}}, e, GemmPrecision::Int8);
        QCOMPARE(packed.precision(), GemmPrecision::Int8);
        // Skewed inputs (mostly positive, as after GELU), so that the zero point is not 128.
        const torch::Tensor x = torch::randn({rows, 96}) * 2 + 1.5;
        const torch::Tensor residual = torch::randn({rows, 80});
        const torch::Tensor y = packed.forward(x, residual);
        QCOMPARE(y.sizes().vec(), (std::vector<int64_t>{rows, 80}));
        QCOMPARE(y.scalar_type(), torch::kFloat32);

        const QuantizedInput xq = quantizeInput(x);
        const torch::Tensor wq = quantizeWeight(linear->weight * 2.0);
        const torch::Tensor b = linear->bias.to(torch::kFloat64) * 2.0;
        const torch::Tensor quantized_reference = test::withEpilogue(torch::nn::functional::linear(xq.values, wq, b), e, residual);
        // The integer part is exact; what is left is float32 rounding of the rescale and, rarely, an
        // input exactly between two steps rounded the other way (one step of one input).
        const double one_step = xq.step * (linear->weight * 2.0).abs().max().item<double>();
        const double error = maxError(y, quantized_reference);
        QVERIFY2(error < one_step + 1e-4, qPrintable(QString("max error %1, one input step %2").arg(error).arg(one_step)));

        // And what that costs against float32: small against the outputs' range.
        const torch::Tensor exact = test::withEpilogue(
            torch::nn::functional::linear(x.to(torch::kFloat64), linear->weight.to(torch::kFloat64) * 2.0, b), e, residual);
        const double range = exact.abs().max().item<double>();
        QVERIFY2(maxError(y, exact) < 0.03 * range, qPrintable(QString("%1 against a range of %2").arg(maxError(y, exact)).arg(range)));
        QVERIFY(maxError(y, exact) > 0);  // it is the int8 path, not float32
    }

    void edgeInputs() {
        torch::nn::Linear key(64, 32), value(64, 32);
        torch::NoGradGuard no_grad;
        PackedLinear packed({{key, 1.0}, {value, 0.5}}, GemmEpilogue::None, GemmPrecision::Int8);
        QCOMPARE(packed.forward(torch::randn({0, 64})).sizes().vec(), (std::vector<int64_t>{0, 64}));
        // All zeros: the range is empty, the output is the biases.
        const torch::Tensor zeros_out = packed.forward(torch::zeros({3, 5, 64}));
        QCOMPARE(zeros_out.sizes().vec(), (std::vector<int64_t>{3, 5, 64}));
        const torch::Tensor biases = torch::cat({key->bias, value->bias * 0.5});
        QVERIFY(maxError(zeros_out, biases.expand({3, 5, 64})) < 1e-6);
        // A NaN or an infinity has no quantization: NaN out, as float32 would give.
        torch::Tensor x = torch::randn({4, 64});
        x[2][7] = std::numeric_limits<float>::infinity();
        QVERIFY(torch::isnan(packed.forward(x)).all().item<bool>());
    }

    // The whole encoder: every GEMM packed as int8 (untimed: asked for), outputs near float32's.
    void theEncoderInInt8() {
        model::BertConfig config = test::smallExactConfig(211, 2);
        config.id2label = {"a", "b", "c"};
        auto task_model = model::makeBertTaskModel(config, model::BertTask::SequenceClassification);
        task_model->eval();
        model::EncoderRequest request;
        request.input_ids = torch::randint(5, 211, {3, 17}, torch::kInt64);
        request.attention_mask = torch::ones({3, 17}, torch::kInt64);
        request.attention_mask[1].narrow(0, 9, 8).fill_(0);
        torch::NoGradGuard no_grad;
        const auto plain = task_model->forward(request, {}, false);
        const auto choices = task_model->bert->packForInference(GemmPrecision::Int8);
        QCOMPARE(choices.size(), size_t{6});  // the first layer's query+key+value in one GEMM, the last's apart
        for (const auto& c : choices) {
            QVERIFY(c.packed);
            QCOMPARE(c.precision, GemmPrecision::Int8);
            QCOMPARE(c.reason, std::string("int8 asked for"));
        }
        const auto quantized = task_model->forward(request, {}, false);
        const double range = plain.last_hidden_state.abs().max().item<double>();
        const double error = maxError(quantized.last_hidden_state, plain.last_hidden_state);
        QVERIFY2(error > 0 && error < 0.05 * range, qPrintable(QString("%1 against %2").arg(error).arg(range)));
    }

    // The bar: a fine-tuned model's SST-2 dev accuracy in int8 within one point of float32's.
    void aFineTunedModelKeepsItsAccuracyOnSst2Dev() {
        QTemporaryDir tmp;
        const std::filesystem::path root = tmp.path().toStdString();
        const std::filesystem::path resources = test::fixture("../../resources");
        train::TrainingRequest request;
        request.db = root / "runs.sqlite";
        train::ensureQuickstartDataset(request.db, {resources / "datasets/sst2/train.tsv", resources / "datasets/sst2/dev.tsv"});
        request.model_dir = resources / "models/bertwork-tiny-en";
        request.task = "sequence-classification";
        request.dataset = train::kQuickstartDataset;
        request.output_dir = root / "out";
        request.run_name = "quickstart";
        request.args = train::quickstartArguments();
        const std::filesystem::path model_dir = train::runTraining(request).last_checkpoint;
        const LabelledSentences dev = readSst2(test::fixture("data/sst2_dev.tsv"));
        QCOMPARE(dev.inputs.size(), size_t{872});
        const auto float32 = analysis::BertPipeline::open(model_dir, {std::nullopt, false, "cpu", false});
        const auto int8 = analysis::BertPipeline::open(model_dir, {std::nullopt, false, "cpu", true});
        QCOMPARE(float32->summary().precision, std::string("float32"));
        QCOMPARE(int8->summary().precision, std::string("int8"));
        for (const auto& gemm : int8->summary().gemm) QCOMPARE(gemm.at("path").get<std::string>(), std::string("onednn-int8"));

        const Evaluated f = evaluate(*float32, dev), q = evaluate(*int8, dev);
        qInfo("SST-2 dev accuracy: float32 %.2f, int8 %.2f", f.accuracy, q.accuracy);
        QVERIFY(f.accuracy > 70);  // the quick start's known figure is 76.3
        QVERIFY2(std::abs(f.accuracy - q.accuracy) <= 1.0, qPrintable(QString("%1 vs %2").arg(f.accuracy).arg(q.accuracy)));
        double largest_change = 0;
        for (size_t i = 0; i < f.logits.size(); ++i)
            for (size_t j = 0; j < f.logits[i].size(); ++j)
                largest_change = std::max(largest_change, double(std::abs(f.logits[i][j] - q.logits[i][j])));
        QVERIFY(largest_change > 0);  // the int8 path was taken
    }
};

QTEST_GUILESS_MAIN(TestInt8Inference)
#include "test_int8_inference.moc"
