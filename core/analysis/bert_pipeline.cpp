#include "core/analysis/bert_pipeline.h"

#include "core/io/model_directory.h"
#include "core/model/gemm_choice.h"
#include "core/runtime/adaptive_threads.h"
#include "core/runtime/error.h"
#include "core/runtime/torch_device.h"

#include <algorithm>

namespace bw::analysis {

using model::BertTask;

struct BertPipeline::Impl {
    io::LoadedModel loaded;
    ModelSummary summary;
};

namespace {

FloatArray toArray(const torch::Tensor& t) {
    auto c = t.detach().to(torch::kCPU, torch::kFloat32).contiguous();
    FloatArray a;
    a.shape = c.sizes().vec();
    a.values.assign(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
    return a;
}

nlohmann::json tokenizerSummary(const text::BertTokenizer& tok) {
    const auto& o = tok.options();
    auto special = [&](const std::string& token, int32_t id) { return nlohmann::json{{"token", token}, {"id", id}}; };
    return {{"vocab_size", tok.vocab().size()},
            {"do_lower_case", o.do_lower_case},
            {"strip_accents", o.strip_accents ? nlohmann::json(*o.strip_accents) : nlohmann::json(nullptr)},
            {"tokenize_chinese_chars", o.tokenize_chinese_chars},
            {"model_max_length", o.model_max_length},
            {"special_tokens",
             {{"unk", special(o.unk_token, tok.unkId())},
              {"cls", special(o.cls_token, tok.clsId())},
              {"sep", special(o.sep_token, tok.sepId())},
              {"pad", special(o.pad_token, tok.padId())},
              {"mask", special(o.mask_token, tok.maskId())}}}};
}

// Pads a chunk of encodings into [B, S] tensors.
model::EncoderRequest makeRequest(const std::vector<text::Encoding>& encodings, size_t begin, size_t end,
                                  int32_t pad_id) {
    size_t longest = 0;
    for (size_t i = begin; i < end; ++i) longest = std::max(longest, encodings[i].size());
    const auto B = static_cast<int64_t>(end - begin), S = static_cast<int64_t>(longest);
    auto ids = torch::full({B, S}, pad_id, torch::kInt64);
    auto types = torch::zeros({B, S}, torch::kInt64);
    auto mask = torch::zeros({B, S}, torch::kInt64);
    auto ids_a = ids.accessor<int64_t, 2>(), types_a = types.accessor<int64_t, 2>(), mask_a = mask.accessor<int64_t, 2>();
    for (int64_t b = 0; b < B; ++b) {
        const text::Encoding& e = encodings[begin + b];
        for (size_t s = 0; s < e.size(); ++s) {
            ids_a[b][s] = e.ids[s];
            types_a[b][s] = e.type_ids[s];
            mask_a[b][s] = 1;
        }
    }
    model::EncoderRequest request;
    request.input_ids = ids;
    request.token_type_ids = types;
    request.attention_mask = mask;
    return request;
}

void fillClassification(const model::BertConfig& config, BertTask task, const torch::Tensor& logits, Prediction& p) {
    p.logits = toArray(logits);
    if (config.problem_type == model::ProblemType::Regression) return;
    if (config.problem_type == model::ProblemType::MultiLabel && task == BertTask::SequenceClassification) {
        auto probs = torch::sigmoid(logits);
        p.probabilities = toArray(probs);
        for (int64_t c = 0; c < probs.size(0); ++c)
            if (probs[c].item<float>() > 0.5f) p.labels.push_back(config.labelName(c));
        return;
    }
    auto probs = torch::softmax(logits, -1);
    p.probabilities = toArray(probs);
    auto best = probs.argmax(-1).reshape({-1});
    for (int64_t i = 0; i < best.size(0); ++i) p.labels.push_back(config.labelName(best[i].item<int64_t>()));
}

}  // namespace

BertPipeline::BertPipeline(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BertPipeline::~BertPipeline() = default;

std::unique_ptr<BertPipeline> BertPipeline::open(const std::filesystem::path& dir, const PipelineOptions& options) {
    const ComputeDeviceInfo device = computeDeviceInfo(resolveComputeDevice(options.device));
    if (options.int8) model::requireInt8Inference(device, dir.string());  // before seconds of loading
    auto impl = std::make_unique<Impl>();
    io::ModelLoadOptions load;
    if (options.task) load.task = model::taskFromName(*options.task);
    load.init_new_heads = options.init_new_heads;
    impl->loaded = io::loadModelDirectory(dir, load);
    impl->loaded.model->to(torchDevice(device.id));
    impl->loaded.model->eval();
    // On the CPU: oneDNN with prepacked weights for the GEMMs it does faster on this machine, or
    // for all of them, quantized, with int8.
    const auto precision = options.int8 ? model::GemmPrecision::Int8 : model::GemmPrecision::Float32;
    impl->summary.precision = model::precisionName(precision);
    for (const model::GemmChoice& c : impl->loaded.model->bert->packForInference(precision))
        impl->summary.gemm.push_back({{"shape", std::to_string(c.in_features) + "x" + std::to_string(c.out_features)},
                                      {"epilogue", model::epilogueName(c.epilogue)},
                                      {"path", model::gemmPathName(c)},
                                      {"blas_ms", c.blas_ms},
                                      {"onednn_ms", c.onednn_ms},
                                      {"reason", c.reason}});

    const auto& loaded = impl->loaded;
    ModelSummary& s = impl->summary;
    s.directory = dir.string();
    s.task = model::taskName(loaded.model->task);
    s.architecture = model::architectureName(loaded.model->task);
    s.parameters = loaded.model->parameterCount();
    s.config = loaded.config.toJson();
    s.tokenizer = tokenizerSummary(*loaded.tokenizer);
    s.report = loaded.report;
    s.device = device.id;
    s.device_name = device.name;
    s.max_length = static_cast<int>(std::min<int64_t>(loaded.config.max_position_embeddings,
                                                      loaded.tokenizer->options().model_max_length));
    return std::unique_ptr<BertPipeline>(new BertPipeline(std::move(impl)));
}

const text::BertTokenizer& BertPipeline::tokenizer() const { return *impl_->loaded.tokenizer; }
const ModelSummary& BertPipeline::summary() const { return impl_->summary; }

std::vector<Prediction> BertPipeline::predict(const std::vector<text::TextInput>& inputs,
                                              const PredictOptions& options) const {
    auto& loaded = impl_->loaded;  // forward() is non-const in LibTorch
    text::EncodeOptions encode;
    encode.max_length = options.max_length.value_or(impl_->summary.max_length);
    if (*encode.max_length > loaded.config.max_position_embeddings)
        throw Error("max length " + std::to_string(*encode.max_length) + " is above the model's max_position_embeddings (" +
                    std::to_string(loaded.config.max_position_embeddings) + ")");
    std::vector<text::Encoding> encodings = loaded.tokenizer->encodeBatch(inputs, encode);

    const BertTask task = loaded.model->task;
    std::vector<Prediction> out(inputs.size());
    const size_t batch = static_cast<size_t>(std::max(1, options.batch_size));
    torch::InferenceMode inference;
    for (size_t begin = 0; begin < encodings.size(); begin += batch) {
        const size_t end = std::min(encodings.size(), begin + batch);
        if (options.adaptive_threads) options.adaptive_threads->atStepBoundary();
        model::EncoderRequest request = makeRequest(encodings, begin, end, loaded.tokenizer->padId());
        request.output_attentions = options.output_attentions;
        // Without hidden states asked for, the last layer is computed only where the heads read it.
        // The masked-LM head's vocabulary logits only for top-k: 9x the rest of the bundled model's work.
        model::BertOutputs result = loaded.model->forward(request, {}, /*heads_only=*/!options.output_hidden_states,
                                                          /*masked_lm_logits=*/options.top_k > 0);

        for (size_t i = begin; i < end; ++i) {
            Prediction& p = out[i];
            p.encoding = std::move(encodings[i]);
            const int64_t b = static_cast<int64_t>(i - begin), L = static_cast<int64_t>(p.encoding.size());
            if (task == BertTask::SequenceClassification)
                fillClassification(loaded.config, task, result.logits[b], p);
            else if (task == BertTask::TokenClassification)
                fillClassification(loaded.config, task, result.logits[b].slice(0, 0, L), p);
            if (options.output_hidden_states) {
                p.last_hidden_state = toArray(result.last_hidden_state[b].slice(0, 0, L));
                if (result.pooler_output.defined()) p.pooler_output = toArray(result.pooler_output[b]);
            }
            if (options.output_attentions) {
                std::vector<torch::Tensor> layers;
                for (const auto& a : result.attentions) layers.push_back(a[b].slice(1, 0, L).slice(2, 0, L));
                p.attentions = toArray(torch::stack(layers));  // [layers, heads, L, L]
            }
            if (result.seq_relationship_logits.defined()) p.nsp_logits = toArray(result.seq_relationship_logits[b]);
            if (options.top_k > 0 && result.prediction_logits.defined()) {
                const int64_t k = std::min<int64_t>(options.top_k, loaded.config.vocab_size);
                auto top = result.prediction_logits[b].slice(0, 0, L).topk(k, -1);
                auto values = std::get<0>(top).to(torch::kCPU, torch::kFloat32).contiguous();
                auto ids = std::get<1>(top).cpu().contiguous();
                for (int64_t s = 0; s < L; ++s) {
                    p.mlm_top_logits.emplace_back(values[s].data_ptr<float>(), values[s].data_ptr<float>() + k);
                    std::vector<int32_t> row(k);
                    for (int64_t j = 0; j < k; ++j) row[j] = static_cast<int32_t>(ids[s][j].item<int64_t>());
                    p.mlm_top_ids.push_back(std::move(row));
                }
            }
        }
        if (options.on_batch) options.on_batch(end, encodings.size());
    }
    return out;
}

std::vector<MaskFill> BertPipeline::fillMask(const std::string& text, int top_k, bool* truncated) const {
    auto& loaded = impl_->loaded;  // forward() is non-const in LibTorch
    if (!loaded.model->predictions)
        throw Error(impl_->summary.directory + ": this is a " + impl_->summary.task +
                    " model; fill-mask needs a masked-lm or pretraining model");
    const int32_t mask_id = loaded.tokenizer->maskId();
    if (mask_id < 0) throw Error(impl_->summary.directory + ": the vocabulary has no mask token");
    if (top_k <= 0) throw Error("--top-k must be positive");

    text::EncodeOptions encode;
    encode.max_length = impl_->summary.max_length;
    std::vector<text::Encoding> encodings = {loaded.tokenizer->encode(text, encode)};
    std::vector<int64_t> positions;
    for (size_t i = 0; i < encodings[0].size(); ++i)
        if (encodings[0].ids[i] == mask_id) positions.push_back(static_cast<int64_t>(i));
    const std::string& mask = loaded.tokenizer->options().mask_token;
    if (positions.empty() && encodings[0].truncated) {
        // The masks may be in the part the model's limit cuts off: say that, not "no mask".
        const text::Encoding whole = loaded.tokenizer->encode(text, text::EncodeOptions{});
        if (std::find(whole.ids.begin(), whole.ids.end(), mask_id) != whole.ids.end())
            throw Error("the text's " + mask + " lies past the first " + std::to_string(encode.max_length.value_or(0)) +
                        " tokens, which are all the model reads: shorten the text before it");
    }
    if (positions.empty()) throw Error("the text has no " + mask + " to fill (" + mask + " is matched as written, in capitals)");
    if (truncated) *truncated = encodings[0].truncated;

    torch::InferenceMode inference;
    model::BertOutputs result = loaded.model->forward(makeRequest(encodings, 0, 1, loaded.tokenizer->padId()));
    // The text's own tokens, for each candidate's sequence: the [CLS] and [SEP] the tokenizer added are left out.
    const text::Encoding& encoding = encodings[0];
    const auto sequenceWith = [&](int64_t pos, int32_t id) {
        std::vector<int32_t> ids;
        for (size_t i = 0; i < encoding.size(); ++i)
            if (!encoding.special_tokens_mask[i]) ids.push_back(static_cast<int64_t>(i) == pos ? id : encoding.ids[i]);
        return loaded.tokenizer->decode(ids, /*skip_special_tokens=*/false);
    };
    std::vector<MaskFill> fills;
    for (int64_t pos : positions) {
        auto probs = torch::softmax(result.prediction_logits[0][pos], -1);
        auto top = probs.topk(std::min<int64_t>(top_k, probs.size(0)));
        MaskFill fill{pos, {}};
        for (int64_t j = 0; j < std::get<0>(top).size(0); ++j) {
            const auto id = static_cast<int32_t>(std::get<1>(top)[j].item<int64_t>());
            const std::string token = id < static_cast<int32_t>(loaded.tokenizer->vocab().size())
                                          ? loaded.tokenizer->vocab().token(id) : "[id " + std::to_string(id) + "]";
            fill.candidates.push_back({id, token, std::get<0>(top)[j].item<float>(), sequenceWith(pos, id)});
        }
        fills.push_back(std::move(fill));
    }
    return fills;
}

}  // namespace bw::analysis
