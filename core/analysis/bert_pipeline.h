#pragma once
// The engine's inference front door for the CLI and the GUI: load a model directory, run it on
// text, get plain C++ data back (no LibTorch types cross this header).
#include "core/io/load_report.h"
#include "core/text/bert_tokenizer.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace bw {
class AdaptiveThreads;
}

namespace bw::analysis {

// A dense float array in row-major order.
struct FloatArray {
    std::vector<int64_t> shape;
    std::vector<float> values;
    bool empty() const { return values.empty(); }
};

struct PipelineOptions {
    std::optional<std::string> task;  // CLI task name; unset: from config.json
    bool init_new_heads = false;
    std::string device = "cpu";       // auto | cpu | cuda | cuda:N (core/runtime/compute_device.h)
    // Dynamic int8 quantization of the encoder's Linears (CPU with oneDNN only; core/model/packed_linear.h):
    // faster, a little less exact. Throws bw::Error where it cannot be had.
    bool int8 = false;
};

struct PredictOptions {
    bool output_hidden_states = false;  // last_hidden_state [S, H], pooler_output [H]
    bool output_attentions = false;     // attentions [L, N, S, S]
    int top_k = 0;                      // masked-LM top-k ids and logits per position
    std::optional<int> max_length;      // unset: the model's limit (min of tokenizer and positions)
    int batch_size = 32;
    // --threads auto: measured before each batch, it may change the thread count between batches.
    // The caller owns it, so that its windows span several predict() calls (the CLI's chunks of a file).
    AdaptiveThreads* adaptive_threads = nullptr;
    std::function<void(size_t done, size_t total)> on_batch;  // after each batch: inputs done of all
};

struct Prediction {
    text::Encoding encoding;
    // Sequence classification: logits [labels], probabilities (softmax, or sigmoid for multi-label),
    // the predicted label (argmax) or labels (multi-label, p > 0.5); regression has only logits.
    // Token classification: logits/probabilities [S, labels] and one label per token.
    FloatArray logits;
    FloatArray probabilities;
    std::vector<std::string> labels;
    FloatArray last_hidden_state;
    FloatArray pooler_output;
    FloatArray attentions;
    FloatArray nsp_logits;                       // [2]
    std::vector<std::vector<int32_t>> mlm_top_ids;   // [S][K]
    std::vector<std::vector<float>> mlm_top_logits;  // [S][K]
};

struct MaskCandidate {
    int32_t id;
    std::string token;
    float score;  // softmax probability over the vocabulary
    // The text as the model read it, decoded with this candidate in the mask's place: Hugging Face's
    // fill-mask `sequence` for a text with one mask. With several masks the others stay "[MASK]"
    // (Hugging Face then also keeps [CLS] and [SEP]; they are left out here, as with one mask).
    std::string sequence;
};

struct MaskFill {
    int64_t position;  // token index of the [MASK] in the encoding
    std::vector<MaskCandidate> candidates;
};

struct ModelSummary {
    std::string directory;
    std::string task;
    std::string architecture;
    int64_t parameters = 0;
    nlohmann::json config;
    nlohmann::json tokenizer;
    io::LoadReport report;
    int max_length = 0;  // what inputs are truncated to by default
    std::string device;       // where it runs: "cpu", "cuda:0"
    std::string device_name;  // "NVIDIA H200", "CPU (2 threads, 2 cores)"
    std::string precision = "float32";  // "int8": the encoder's Linears dynamically quantized
    // The encoder's GEMMs on the CPU, one entry per shape: [{"shape": "256x1024", "epilogue":
    // "bias+gelu", "path": "onednn" | "onednn-int8" | "blas", "blas_ms", "onednn_ms", "reason"}], as timed at load
    // (core/model/packed_linear.h). Empty on a GPU.
    nlohmann::json gemm = nlohmann::json::array();
};

class BertPipeline {
public:
    // Throws bw::Error naming the directory/file and the problem.
    static std::unique_ptr<BertPipeline> open(const std::filesystem::path& model_dir, const PipelineOptions& options = {});
    ~BertPipeline();

    std::vector<Prediction> predict(const std::vector<text::TextInput>& inputs, const PredictOptions& options = {}) const;
    // Every [MASK] in the text with its top-k replacements. Throws bw::Error when the model has no
    // masked-LM head, the text has no mask token, or its masks all lie past the tokens the model
    // reads. `truncated` (optional): whether the text was cut to the model's maximum length.
    std::vector<MaskFill> fillMask(const std::string& text, int top_k, bool* truncated = nullptr) const;

    const text::BertTokenizer& tokenizer() const;
    const ModelSummary& summary() const;

private:
    struct Impl;
    explicit BertPipeline(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace bw::analysis
