#pragma once
// BertConfig as Hugging Face's `config.json` describes it: every size field with Hugging Face's
// defaults, validated, plus the label maps and problem type of a task model. Keys we do not model
// are kept and written back, so a config survives a load/save round trip.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace bw::model {

enum class ProblemType { Unset, SingleLabel, MultiLabel, Regression };

struct BertConfig {
    int64_t vocab_size = 30522;
    int64_t hidden_size = 768;
    int64_t num_hidden_layers = 12;
    int64_t num_attention_heads = 12;
    int64_t intermediate_size = 3072;
    std::string hidden_act = "gelu";  // gelu (erf), gelu_new / gelu_pytorch_tanh (tanh), relu, silu
    double hidden_dropout_prob = 0.1;
    double attention_probs_dropout_prob = 0.1;
    int64_t max_position_embeddings = 512;
    int64_t type_vocab_size = 2;
    double initializer_range = 0.02;
    double layer_norm_eps = 1e-12;
    int64_t pad_token_id = 0;
    std::string position_embedding_type = "absolute";
    std::optional<double> classifier_dropout;  // null: hidden_dropout_prob
    std::vector<std::string> architectures;
    std::vector<std::string> id2label;          // index = label id; empty = 2 default labels
    ProblemType problem_type = ProblemType::Unset;
    nlohmann::json extra = nlohmann::json::object();  // keys not modelled above

    int64_t numLabels() const { return id2label.empty() ? 2 : static_cast<int64_t>(id2label.size()); }
    // The problem type a model of this config solves, as Hugging Face reads a config without one:
    // one label is a regression, more a single-label classification.
    ProblemType problemTypeAsRead() const;
    std::string labelName(int64_t id) const;
    int64_t headDim() const { return hidden_size / num_attention_heads; }

    // Throws bw::Error "<source>: field '<name>' ..." when a field has the wrong type or an
    // impossible value (heads not dividing the hidden size, unknown activation, ...).
    static BertConfig fromJson(const nlohmann::json& json, const std::string& source);
    static BertConfig fromFile(const std::filesystem::path& config_json);
    // Named sizes users know: tiny (L2 H128), mini (L4 H256), small (L4 H512), medium (L8 H512), base.
    static BertConfig preset(const std::string& name);

    void validate(const std::string& source) const;
    nlohmann::json toJson() const;
    // Atomic write (temporary file + rename).
    void save(const std::filesystem::path& config_json) const;
};

std::string problemTypeName(ProblemType type);  // "" for Unset
// "" = Unset; throws bw::Error for a name Hugging Face does not know.
ProblemType problemTypeFromName(const std::string& name);

}  // namespace bw::model
