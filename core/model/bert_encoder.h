#pragma once
// Internal to core (LibTorch). The BERT encoder as torch::nn modules, with Hugging Face's module
// names so that a state dict maps 1:1 (bert.encoder.layer.0.attention.self.query.weight, ...).
// Shapes: B = batch, S = sequence length, H = hidden size, N = heads, D = H / N.
#include "core/model/bert_config.h"
#include "core/model/fast_dropout.h"
#include "core/model/gemm_choice.h"

#include <torch/torch.h>
#include <torch/version.h>

#include <functional>
#include <vector>

// LibTorch 2.x has scaled_dot_product_attention (flash and memory-efficient kernels on CUDA); 1.13
// has not, and the encoder computes attention with matmul + softmax there.
#if TORCH_VERSION_MAJOR >= 2
#define BERTWORK_HAS_SDPA 1
#else
#define BERTWORK_HAS_SDPA 0
#endif

namespace bw::model {

// Which positions a row attends to, [B, 1, 1, S] ([B, 1, S, S] for packed rows, whose positions
// attend only within their own document), in the form of the attention path the layers take (only
// that one is made); both undefined when nothing is padded or packed.
struct AttentionMask {
    torch::Tensor keep;      // bool, true where attended (scaled_dot_product_attention)
    torch::Tensor additive;  // float, 0 where attended and the float minimum where padded (matmul path)
};

using Activation = std::function<torch::Tensor(const torch::Tensor&)>;
Activation activationByName(const std::string& name);

struct BertEmbeddingsImpl : torch::nn::Module {
    explicit BertEmbeddingsImpl(const BertConfig& config);
    // input_ids, token_type_ids, position_ids: [B, S] -> [B, S, H]; no position_ids: 0..S-1 in every row
    torch::Tensor forward(const torch::Tensor& input_ids, const torch::Tensor& token_type_ids,
                          const torch::Tensor& position_ids = {});

    torch::nn::Embedding word_embeddings{nullptr}, position_embeddings{nullptr}, token_type_embeddings{nullptr};
    torch::nn::LayerNorm LayerNorm{nullptr};
    FastDropout dropout{nullptr};
};
TORCH_MODULE(BertEmbeddings);

struct BertSelfAttentionImpl : torch::nn::Module {
    explicit BertSelfAttentionImpl(const BertConfig& config);
    // queries: [B, Q, H] (the rows that attend; Q = S but in a pruned last layer), hidden: [B, S, H]
    // (keys and values), mask: [B, 1, 1 or Q, S] -> context [B, Q, H]; probs [B, N, Q, S] if asked
    torch::Tensor forward(const torch::Tensor& queries, const torch::Tensor& hidden, const AttentionMask& mask,
                          torch::Tensor* probs);

    int64_t num_heads, head_dim;
    // 1/sqrt(head_dim), the scores' scale, carried by the query projection on the matmul path.
    double queryScale() const;
    // With LibTorch 2.x: scaled_dot_product_attention where the probabilities are not asked for.
    bool fused_attention = true;
    torch::nn::Linear query{nullptr}, key{nullptr}, value{nullptr};
    FastDropout dropout{nullptr};
    // Inference on the CPU (BertModelImpl::packForInference), on the matmul path only: the scaled
    // query, key and value in one GEMM where the queries are every position; in the last layer,
    // whose queries may be a few positions (output_positions), the query apart and key + value.
    std::shared_ptr<PackedLinear> packed_query_key_value, packed_query, packed_key_value;
};
TORCH_MODULE(BertSelfAttention);

// dense -> dropout -> LayerNorm(x + residual): the "output" block after attention and after the MLP.
struct BertResidualOutputImpl : torch::nn::Module {
    BertResidualOutputImpl(int64_t in_features, const BertConfig& config);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& residual);

    torch::nn::Linear dense{nullptr};
    torch::nn::LayerNorm LayerNorm{nullptr};
    FastDropout dropout{nullptr};
    std::shared_ptr<PackedLinear> packed_dense;  // dense + bias + residual in one kernel, for inference
};
TORCH_MODULE(BertResidualOutput);

struct BertAttentionImpl : torch::nn::Module {
    explicit BertAttentionImpl(const BertConfig& config);
    // queries [B, Q, H] attend over hidden [B, S, H] -> [B, Q, H]
    torch::Tensor forward(const torch::Tensor& queries, const torch::Tensor& hidden, const AttentionMask& mask,
                          torch::Tensor* probs);

    BertSelfAttention self{nullptr};
    BertResidualOutput output{nullptr};
};
TORCH_MODULE(BertAttention);

struct BertIntermediateImpl : torch::nn::Module {
    explicit BertIntermediateImpl(const BertConfig& config);
    torch::Tensor forward(const torch::Tensor& x);  // [B, S, H] -> [B, S, I]

    torch::nn::Linear dense{nullptr};
    Activation activation;
    std::string activation_name;
    std::shared_ptr<PackedLinear> packed_dense;  // dense + bias + activation in one kernel, for inference
};
TORCH_MODULE(BertIntermediate);

struct BertLayerImpl : torch::nn::Module {
    explicit BertLayerImpl(const BertConfig& config);
    // hidden [B, S, H] -> [B, S, H], or [B, K, H] at `positions` ([B, K] int64) when they are given
    torch::Tensor forward(const torch::Tensor& hidden, const AttentionMask& mask, torch::Tensor* probs,
                          const torch::Tensor& positions = {});

    BertAttention attention{nullptr};
    BertIntermediate intermediate{nullptr};
    BertResidualOutput output{nullptr};
};
TORCH_MODULE(BertLayer);

struct BertPoolerImpl : torch::nn::Module {
    explicit BertPoolerImpl(const BertConfig& config);
    torch::Tensor forward(const torch::Tensor& hidden);  // tanh(dense(hidden[:, 0])): [B, S, H] -> [B, H]

    torch::nn::Linear dense{nullptr};
};
TORCH_MODULE(BertPooler);

struct EncoderOutputs {
    torch::Tensor last_hidden_state;            // [B, S, H]; [B, K, H] with output_positions
    torch::Tensor pooler_output;                // [B, H]; undefined without a pooler
    std::vector<torch::Tensor> hidden_states;   // embeddings + every layer, when asked
    std::vector<torch::Tensor> attentions;      // every layer's [B, N, S, S] probabilities, when asked
};

struct EncoderRequest {
    torch::Tensor input_ids;        // [B, S] int64
    torch::Tensor token_type_ids;   // [B, S]; undefined = zeros
    torch::Tensor attention_mask;   // [B, S] 1 = token, 0 = padding; undefined = all ones
    // Packed rows (several documents in one row, as sequence packing makes them): [B, S] int64, the
    // document of each position, 1, 2, ... in a row and 0 on padding. A position attends only to
    // its own document's (block-diagonal attention). Undefined: one sequence per row.
    torch::Tensor document_ids;
    torch::Tensor position_ids;     // [B, S] int64; undefined = 0..S-1 (packed rows restart at each document)
    bool output_hidden_states = false;
    bool output_attentions = false;
    // [B, K] int64: the positions of each row whose final states are needed; undefined = all. Column
    // 0 must be 0, the [CLS] position the pooler reads. The last layer then makes its queries,
    // attention output and feed-forward at those K positions only (its keys and values still cover
    // every position), and last_hidden_state is [B, K, H]: the same values and gradients as the full
    // layer's there, for a fraction of its work when a head reads a few positions (a sequence
    // classifier reads one of S). Not with output_hidden_states or output_attentions.
    torch::Tensor output_positions;
};

// A tensor on `device` (from the CPU to a GPU through pinned memory, asynchronously); undefined
// and already-there tensors as they are.
torch::Tensor toDevice(const torch::Tensor& t, const torch::Device& device);
EncoderRequest onDevice(const EncoderRequest& request, const torch::Device& device);

// Hugging Face's BertModel: embeddings, encoder.layer[i], optional pooler.
struct BertModelImpl : torch::nn::Module {
    BertModelImpl(const BertConfig& config, bool add_pooling_layer);
    // The request's tensors may be on any device: they are moved to the model's.
    EncoderOutputs forward(const EncoderRequest& request);
    // LibTorch 2.x: false computes attention with matmul + softmax, as on 1.13 (to compare the two).
    void setFusedAttention(bool enabled);
    torch::Device device() const;
    // For inference on the CPU: every encoder GEMM whose shape oneDNN with prepacked weights does
    // faster here (chooseGemm) gets a packed copy of its weights; the forward uses it in eval mode
    // without autograd while the weights are unchanged. Returns the choice made for each shape.
    // A no-op (all BLAS) off the CPU or without oneDNN.
    // With GemmPrecision::Int8, every encoder GEMM is packed, quantized to int8 (dynamic
    // quantization, untimed: asked for, not chosen); the heads stay float32.
    std::vector<GemmChoice> packForInference(GemmPrecision precision = GemmPrecision::Float32);
    void unpackInference();  // back to LibTorch's Linear everywhere, packed copies freed

    BertConfig config;
    BertEmbeddings embeddings{nullptr};
    std::shared_ptr<torch::nn::Module> encoder;  // holds "layer", as Hugging Face's BertEncoder
    torch::nn::ModuleList layers{nullptr};
    BertPooler pooler{nullptr};
};
TORCH_MODULE(BertModel);

// Hugging Face's _init_weights: Linear/Embedding ~ N(0, initializer_range), biases 0, LayerNorm 1/0,
// the padding row of the word embeddings 0.
void initBertWeights(torch::nn::Module& module, const BertConfig& config);

}  // namespace bw::model
