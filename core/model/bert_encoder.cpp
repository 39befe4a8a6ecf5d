#include "core/model/bert_encoder.h"

#include "core/model/attention_products.h"
#include "core/model/onednn_linear.h"
#include "core/runtime/error.h"

#include <ATen/autocast_mode.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace bw::model {

namespace nn = torch::nn;

Activation activationByName(const std::string& name) {
    if (name == "gelu") return [](const torch::Tensor& x) { return torch::gelu(x); };  // exact, erf
    if (name == "gelu_new" || name == "gelu_pytorch_tanh")
        return [](const torch::Tensor& x) { return torch::gelu(x, "tanh"); };
    if (name == "relu") return [](const torch::Tensor& x) { return torch::relu(x); };
    if (name == "silu" || name == "swish") return [](const torch::Tensor& x) { return torch::silu(x); };
    throw Error("unsupported hidden_act '" + name + "'");
}

namespace {
// A Linear's output scale * (x W^T + b) [.., N]. For training on the CPU in float32, through
// oneDNN's GEMMs where they are the faster ones for this shape here (chooseTrainingGemm), else
// LibTorch's (addmm carries the scale within the BLAS call).
torch::Tensor project(const nn::Linear& layer, const torch::Tensor& x, double scale = 1.0) {
    const torch::Tensor& w = layer->weight;
    if (torch::GradMode::is_enabled() && x.device().is_cpu() && x.scalar_type() == torch::kFloat32 &&
        w.scalar_type() == torch::kFloat32 && !at::autocast::is_cpu_enabled() &&
        chooseTrainingGemm(w.size(1), w.size(0)).packed)
        return oneDnnLinear(x, w, layer->bias, scale);
    if (scale == 1.0) return torch::nn::functional::linear(x, w, layer->bias);
    std::vector<int64_t> shape = x.sizes().vec();
    shape.back() = w.size(0);
    return torch::addmm(layer->bias, x.reshape({-1, w.size(1)}), w.t(), scale, scale).view(shape);
}

nn::LayerNorm makeLayerNorm(const BertConfig& c) {
    return nn::LayerNorm(nn::LayerNormOptions({c.hidden_size}).eps(c.layer_norm_eps));
}

// hidden [B, S, H] at positions [B, K] of each row -> [B, K, H]
torch::Tensor rowsAt(const torch::Tensor& hidden, const torch::Tensor& positions) {
    return hidden.gather(1, positions.unsqueeze(-1).expand({-1, -1, hidden.size(2)}));
}

// Which keys each query may attend to: [B, 1, 1, S] from a padding mask (every query alike), or
// [B, 1, S, S] from packed rows' document ids (the same document only; padding, document 0, sees
// only padding, so no row of the mask is empty). True where attended.
torch::Tensor attendedKeys(const torch::Tensor& attention_mask, const torch::Tensor& document_ids) {
    if (document_ids.defined()) return (document_ids.unsqueeze(2) == document_ids.unsqueeze(1)).unsqueeze(1);
    return attention_mask.to(torch::kBool).unsqueeze(1).unsqueeze(2);
}

// A per-query mask [B, 1, S, S] cut to the queries at positions [B, K] -> [B, 1, K, S]; a mask the
// same for every query ([B, 1, 1, S]) as it is.
torch::Tensor queryRowsOf(const torch::Tensor& mask, const torch::Tensor& positions) {
    if (!mask.defined() || mask.size(2) == 1) return mask;
    return mask.gather(2, positions.unsqueeze(1).unsqueeze(-1).expand({-1, 1, -1, mask.size(3)}));
}
}  // namespace

BertEmbeddingsImpl::BertEmbeddingsImpl(const BertConfig& c) {
    word_embeddings = register_module(
        "word_embeddings", nn::Embedding(nn::EmbeddingOptions(c.vocab_size, c.hidden_size).padding_idx(c.pad_token_id)));
    position_embeddings = register_module("position_embeddings", nn::Embedding(c.max_position_embeddings, c.hidden_size));
    token_type_embeddings = register_module("token_type_embeddings", nn::Embedding(c.type_vocab_size, c.hidden_size));
    LayerNorm = register_module("LayerNorm", makeLayerNorm(c));
    dropout = register_module("dropout", FastDropout(c.hidden_dropout_prob));
}

torch::Tensor BertEmbeddingsImpl::forward(const torch::Tensor& input_ids, const torch::Tensor& token_type_ids,
                                          const torch::Tensor& position_ids) {
    // the given [B, S], or positions 0..S-1 broadcast over the batch: [1, S]
    auto positions = position_ids.defined() ? position_ids : torch::arange(input_ids.size(1), input_ids.options()).unsqueeze(0);
    auto x = word_embeddings(input_ids) + token_type_embeddings(token_type_ids) + position_embeddings(positions);
    return dropout(LayerNorm(x));  // [B, S, H]
}

BertSelfAttentionImpl::BertSelfAttentionImpl(const BertConfig& c)
    : num_heads(c.num_attention_heads), head_dim(c.headDim()) {
    query = register_module("query", nn::Linear(c.hidden_size, c.hidden_size));
    key = register_module("key", nn::Linear(c.hidden_size, c.hidden_size));
    value = register_module("value", nn::Linear(c.hidden_size, c.hidden_size));
    dropout = register_module("dropout", FastDropout(c.attention_probs_dropout_prob));
}

double BertSelfAttentionImpl::queryScale() const { return 1.0 / std::sqrt(static_cast<double>(head_dim)); }

torch::Tensor BertSelfAttentionImpl::forward(const torch::Tensor& queries, const torch::Tensor& hidden,
                                            const AttentionMask& mask, torch::Tensor* probs_out) {
    const int64_t B = hidden.size(0);
    auto heads = [&](const torch::Tensor& t) { return t.view({B, t.size(1), num_heads, head_dim}).transpose(1, 2); };
    const int64_t H = queries.size(2);
#if BERTWORK_HAS_SDPA
    // LibTorch 2.x: one fused kernel (flash or memory-efficient attention on CUDA), unless the
    // probabilities themselves are asked for.
    if (fused_attention && !probs_out) {
        auto q = heads(query(queries));  // [B, N, Q, D]
        auto k = heads(key(hidden));     // [B, N, S, D]
        auto v = heads(value(hidden));
        const double p = is_training() ? dropout->p : 0.0;
        auto context = torch::scaled_dot_product_attention(
            q, k, v, mask.keep.defined() ? std::optional<torch::Tensor>(mask.keep) : std::nullopt, p);
        return context.transpose(1, 2).reshape({B, queries.size(1), num_heads * head_dim});  // [B, Q, H]
    }
#endif
    // LibTorch 1.13 has no scaled_dot_product_attention in C++: matmul + softmax. The 1/sqrt(D)
    // scale rides on the query projection's GEMM (addmm's alpha and beta, oneDNN's output scale, or
    // the packed weights) instead of a division of the [B, N, Q, S] scores and its backward, and
    // the mask is added in place.
    torch::Tensor scaled_query, keys, values;  // [B, Q, H], [B, S, H], [B, S, H]
    const bool may_use_packed = !is_training();  // and only where usableFor() says so
    if (may_use_packed && packed_query_key_value && queries.is_same(hidden) && packed_query_key_value->usableFor(hidden)) {
        auto query_key_value = packed_query_key_value->forward(hidden);  // [B, S, 3H], the query scaled
        scaled_query = query_key_value.narrow(-1, 0, H);
        keys = query_key_value.narrow(-1, H, H);
        values = query_key_value.narrow(-1, 2 * H, H);
    } else {
        if (may_use_packed && packed_query && packed_query->usableFor(queries)) {
            scaled_query = packed_query->forward(queries);  // the scale is folded into the packed weights
        } else {
            scaled_query = project(query, queries, queryScale());
        }
        if (may_use_packed && packed_key_value && packed_key_value->usableFor(hidden)) {
            auto key_value = packed_key_value->forward(hidden);  // [B, S, 2H]
            keys = key_value.narrow(-1, 0, H);
            values = key_value.narrow(-1, H, H);
        } else {
            keys = project(key, hidden);
            values = project(value, hidden);
        }
    }
    auto q = heads(scaled_query);  // [B, N, Q, D]
    auto k = heads(keys);          // [B, N, S, D]
    auto v = heads(values);
    // Inference on the CPU: both products through oneDNN on these strided views, the context
    // written straight into [B, Q, H] (core/model/attention_products.h).
    const bool onednn_products = !is_training() && !torch::GradMode::is_enabled() && q.device().is_cpu() &&
                                 q.scalar_type() == torch::kFloat32 && batchedProductsAvailable();
    auto scores = onednn_products ? batchedProduct(q, k.transpose(-1, -2)) : torch::matmul(q, k.transpose(-1, -2));  // [B, N, Q, S]
    if (mask.additive.defined()) scores.add_(mask.additive);
    auto probs = torch::softmax(scores, -1);
    if (probs_out) *probs_out = probs;
    if (onednn_products) {
        torch::Tensor context = torch::empty({B, queries.size(1), num_heads * head_dim}, probs.options());  // [B, Q, H]
        batchedProduct(probs, v, heads(context));
        return context;
    }
    auto context = torch::matmul(dropout(probs), v);  // [B, N, Q, D]
    return context.transpose(1, 2).reshape({B, queries.size(1), num_heads * head_dim});  // [B, Q, H]
}

BertResidualOutputImpl::BertResidualOutputImpl(int64_t in_features, const BertConfig& c) {
    dense = register_module("dense", nn::Linear(in_features, c.hidden_size));
    LayerNorm = register_module("LayerNorm", makeLayerNorm(c));
    dropout = register_module("dropout", FastDropout(c.hidden_dropout_prob));
}

torch::Tensor BertResidualOutputImpl::forward(const torch::Tensor& x, const torch::Tensor& residual) {
    if (!is_training() && packed_dense && packed_dense->usableFor(x)) return LayerNorm(packed_dense->forward(x, residual));
    return LayerNorm(dropout(project(dense, x)) + residual);
}

BertAttentionImpl::BertAttentionImpl(const BertConfig& c) {
    self = register_module("self", BertSelfAttention(c));
    output = register_module("output", BertResidualOutput(c.hidden_size, c));
}

torch::Tensor BertAttentionImpl::forward(const torch::Tensor& queries, const torch::Tensor& hidden,
                                        const AttentionMask& mask, torch::Tensor* probs) {
    return output(self(queries, hidden, mask, probs), queries);
}

BertIntermediateImpl::BertIntermediateImpl(const BertConfig& c)
    : activation(activationByName(c.hidden_act)), activation_name(c.hidden_act) {
    dense = register_module("dense", nn::Linear(c.hidden_size, c.intermediate_size));
}

torch::Tensor BertIntermediateImpl::forward(const torch::Tensor& x) {
    if (!is_training() && packed_dense && packed_dense->usableFor(x)) {
        torch::Tensor y = packed_dense->forward(x);
        return packed_dense->epilogue() == GemmEpilogue::None ? activation(y) : y;
    }
    return activation(project(dense, x));
}

BertLayerImpl::BertLayerImpl(const BertConfig& c) {
    attention = register_module("attention", BertAttention(c));
    intermediate = register_module("intermediate", BertIntermediate(c));
    output = register_module("output", BertResidualOutput(c.intermediate_size, c));
}

torch::Tensor BertLayerImpl::forward(const torch::Tensor& hidden, const AttentionMask& mask, torch::Tensor* probs,
                                    const torch::Tensor& positions) {
    // Every later step is per position, so the rows that are not needed can be left out from the
    // queries on.
    const torch::Tensor queries = positions.defined() ? rowsAt(hidden, positions) : hidden;
    auto attended = attention(queries, hidden, mask, probs);  // [B, Q, H]
    return output(intermediate(attended), attended);
}

BertPoolerImpl::BertPoolerImpl(const BertConfig& c) {
    dense = register_module("dense", nn::Linear(c.hidden_size, c.hidden_size));
}

torch::Tensor BertPoolerImpl::forward(const torch::Tensor& hidden) {
    return torch::tanh(dense(hidden.select(1, 0)));  // the [CLS] position
}

BertModelImpl::BertModelImpl(const BertConfig& c, bool add_pooling_layer) : config(c) {
    embeddings = register_module("embeddings", BertEmbeddings(c));
    encoder = register_module("encoder", std::make_shared<nn::Module>("BertEncoder"));
    layers = encoder->register_module("layer", nn::ModuleList());
    for (int64_t i = 0; i < c.num_hidden_layers; ++i) layers->push_back(BertLayer(c));
    if (add_pooling_layer) pooler = register_module("pooler", BertPooler(c));
    // Hugging Face's attn_implementation="eager", for a fused kernel that misbehaves on some GPU.
    if (const char* choice = std::getenv("BERTWORK_ATTENTION"); choice && std::string(choice) == "eager")
        setFusedAttention(false);
}

void BertModelImpl::setFusedAttention(bool enabled) {
    for (size_t i = 0; i < layers->size(); ++i) layers->at<BertLayerImpl>(i).attention->self->fused_attention = enabled;
}

EncoderOutputs BertModelImpl::forward(const EncoderRequest& request) {
    if (request.input_ids.dim() != 2) throw Error("input_ids must be [batch, sequence]");
    const int64_t seq_len = request.input_ids.size(1);
    if (seq_len > config.max_position_embeddings)
        throw Error("sequence of " + std::to_string(seq_len) + " tokens is longer than max_position_embeddings (" +
                    std::to_string(config.max_position_embeddings) + ")");
    if (request.output_positions.defined()) {
        if (request.output_hidden_states || request.output_attentions)
            throw Error("output_positions cannot be combined with output_hidden_states or output_attentions");
        if (request.output_positions.dim() != 2 || request.output_positions.size(0) != request.input_ids.size(0) ||
            request.output_positions.scalar_type() != torch::kInt64)
            throw Error("output_positions must be int64 [batch, positions]");
    }
    for (const torch::Tensor* ids : {&request.document_ids, &request.position_ids})
        if (ids->defined() && ids->sizes() != request.input_ids.sizes())
            throw Error("document_ids and position_ids must be [batch, sequence], as input_ids");
    // No mask when nothing is padded (fixed-length or length-grouped batches): adding zeros is a
    // pass over every layer's scores for nothing. Asked before the inputs move, where it costs no
    // wait for a GPU. Packed rows always need theirs.
    const bool padded = request.attention_mask.defined() && !request.attention_mask.all().item<bool>();
    const EncoderRequest r = onDevice(request, device());
    auto type_ids = r.token_type_ids.defined() ? r.token_type_ids : torch::zeros_like(r.input_ids);

    AttentionMask mask;
    if (padded || r.document_ids.defined()) {
        // In the form of the path the layers take: true where attended for the fused kernel; 0
        // where attended and the float minimum elsewhere for matmul.
        const bool fused = BERTWORK_HAS_SDPA && !r.output_attentions && !layers->is_empty() &&
                           layers->at<BertLayerImpl>(0).attention->self->fused_attention;
        const torch::Tensor keep = attendedKeys(r.attention_mask, r.document_ids);
        if (fused) {
            mask.keep = keep;
        } else {
            mask.additive = (1.0 - keep.to(torch::kFloat32)) * std::numeric_limits<float>::lowest();
        }
    }

    EncoderOutputs out;
    auto hidden = embeddings(r.input_ids, type_ids, r.position_ids);
    if (r.output_hidden_states) out.hidden_states.push_back(hidden);
    for (size_t i = 0; i < layers->size(); ++i) {
        torch::Tensor probs;
        const bool last = i + 1 == layers->size();
        // The last layer may compute only the output positions' queries: their rows of the mask.
        const bool pruned = last && r.output_positions.defined();
        const AttentionMask layer_mask =
            pruned ? AttentionMask{queryRowsOf(mask.keep, r.output_positions), queryRowsOf(mask.additive, r.output_positions)}
                   : mask;
        hidden = layers->at<BertLayerImpl>(i).forward(hidden, layer_mask, r.output_attentions ? &probs : nullptr,
                                                      pruned ? r.output_positions : torch::Tensor());
        if (r.output_hidden_states) out.hidden_states.push_back(hidden);
        if (r.output_attentions) out.attentions.push_back(probs);
    }
    if (layers->is_empty() && r.output_positions.defined())
        hidden = rowsAt(hidden, r.output_positions);
    out.last_hidden_state = hidden;
    if (pooler) out.pooler_output = pooler(hidden);
    return out;
}

torch::Device BertModelImpl::device() const { return embeddings->word_embeddings->weight.device(); }

std::vector<GemmChoice> BertModelImpl::packForInference(GemmPrecision precision) {
    unpackInference();
    std::vector<GemmChoice> choices;
    if (layers->is_empty() || !device().is_cpu() || !PackedLinear::available() ||
        layers->at<BertLayerImpl>(0).attention->self->query->weight.scalar_type() != torch::kFloat32)
        return choices;
    // One timing per distinct GEMM (shape and epilogue); every layer has the same ones.
    auto packIfFaster = [&](std::vector<LinearPart> parts, GemmEpilogue epilogue) -> std::shared_ptr<PackedLinear> {
        const int64_t in = parts.front().linear->weight.size(1);
        int64_t out = 0;
        for (const LinearPart& part : parts) out += part.linear->weight.size(0);
        auto same = [&](const GemmChoice& c) { return c.in_features == in && c.out_features == out && c.epilogue == epilogue; };
        auto known = std::find_if(choices.begin(), choices.end(), same);
        if (known == choices.end()) {
            GemmChoice choice{in, out, epilogue, true, precision, 0, 0, "int8 asked for"};
            known = choices.insert(choices.end(), precision == GemmPrecision::Int8 ? choice : chooseGemm(in, out, epilogue));
        }
        return known->packed ? std::make_shared<PackedLinear>(std::move(parts), epilogue, precision) : nullptr;
    };
    for (size_t i = 0; i < layers->size(); ++i) {
        auto& layer = layers->at<BertLayerImpl>(i);
        auto& self = *layer.attention->self;
        if (i + 1 < layers->size()) {  // every position attends: one GEMM, one pass over the input
            self.packed_query_key_value =
                packIfFaster({{self.query, self.queryScale()}, {self.key, 1.0}, {self.value, 1.0}}, GemmEpilogue::None);
        } else {  // the last layer's queries may be a few positions (output_positions)
            self.packed_query = packIfFaster({{self.query, self.queryScale()}}, GemmEpilogue::None);
            self.packed_key_value = packIfFaster({{self.key, 1.0}, {self.value, 1.0}}, GemmEpilogue::None);
        }
        layer.attention->output->packed_dense = packIfFaster({{layer.attention->output->dense, 1.0}}, GemmEpilogue::AddResidual);
        auto& intermediate = *layer.intermediate;
        intermediate.packed_dense = packIfFaster({{intermediate.dense, 1.0}}, epilogueForActivation(intermediate.activation_name));
        layer.output->packed_dense = packIfFaster({{layer.output->dense, 1.0}}, GemmEpilogue::AddResidual);
    }
    return choices;
}

void BertModelImpl::unpackInference() {
    for (size_t i = 0; i < layers->size(); ++i) {
        auto& layer = layers->at<BertLayerImpl>(i);
        auto& self = *layer.attention->self;
        self.packed_query_key_value = self.packed_query = self.packed_key_value = nullptr;
        layer.attention->output->packed_dense = nullptr;
        layer.intermediate->packed_dense = nullptr;
        layer.output->packed_dense = nullptr;
    }
}

torch::Tensor toDevice(const torch::Tensor& t, const torch::Device& device) {
    if (!t.defined() || t.device() == device) return t;
    // From pinned memory the copy to a GPU is asynchronous: the CPU goes on to queue the forward.
    if (device.is_cuda() && t.device().is_cpu()) return t.pin_memory().to(device, /*non_blocking=*/true);
    return t.to(device);
}

EncoderRequest onDevice(const EncoderRequest& request, const torch::Device& device) {
    EncoderRequest moved = request;
    moved.input_ids = toDevice(request.input_ids, device);
    moved.token_type_ids = toDevice(request.token_type_ids, device);
    moved.attention_mask = toDevice(request.attention_mask, device);
    moved.document_ids = toDevice(request.document_ids, device);
    moved.position_ids = toDevice(request.position_ids, device);
    moved.output_positions = toDevice(request.output_positions, device);
    return moved;
}

void initBertWeights(nn::Module& root, const BertConfig& c) {
    torch::NoGradGuard no_grad;
    for (auto& module : root.modules(/*include_self=*/true)) {
        if (auto* linear = module->as<nn::Linear>()) {
            linear->weight.normal_(0.0, c.initializer_range);
            if (linear->bias.defined()) linear->bias.zero_();
        } else if (auto* embedding = module->as<nn::Embedding>()) {
            embedding->weight.normal_(0.0, c.initializer_range);
            if (auto pad = embedding->options.padding_idx()) embedding->weight[*pad].zero_();
        } else if (auto* norm = module->as<nn::LayerNorm>()) {
            norm->weight.fill_(1.0);
            norm->bias.zero_();
        }
    }
}

}  // namespace bw::model
