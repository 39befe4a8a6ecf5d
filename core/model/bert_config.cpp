#include "core/model/bert_config.h"

#include "core/runtime/atomic_file.h"
#include "core/runtime/error.h"
#include "core/runtime/json_error_text.h"

#include <cmath>
#include <fstream>
#include <set>

namespace bw::model {
namespace {

using nlohmann::json;

[[noreturn]] void fieldError(const std::string& source, const std::string& field, const std::string& what) {
    throw Error(source + ": field '" + field + "' " + what);
}

// Reads an optional field of a given kind; absent or null keeps the default.
int64_t readInt(const json& j, const char* name, int64_t fallback, const std::string& source) {
    if (!j.contains(name) || j[name].is_null()) return fallback;
    const json& v = j[name];
    if (v.is_number_integer()) return v.get<int64_t>();
    // A whole float (2.0) is an integer; the range check comes first, as casting a double outside
    // int64's range (1e300) is undefined behaviour.
    if (v.is_number_float() && std::fabs(v.get<double>()) < 9.2e18 && v.get<double>() == std::trunc(v.get<double>()))
        return static_cast<int64_t>(v.get<double>());
    fieldError(source, name, "must be an integer (got " + v.dump() + ")");
}

double readNumber(const json& j, const char* name, double fallback, const std::string& source) {
    if (!j.contains(name) || j[name].is_null()) return fallback;
    if (!j[name].is_number()) fieldError(source, name, "must be a number (got " + j[name].dump() + ")");
    return j[name].get<double>();
}

std::string readString(const json& j, const char* name, const std::string& fallback, const std::string& source) {
    if (!j.contains(name) || j[name].is_null()) return fallback;
    if (!j[name].is_string()) fieldError(source, name, "must be a string (got " + j[name].dump() + ")");
    return j[name].get<std::string>();
}

std::vector<std::string> readLabels(const json& j, const std::string& source) {
    std::vector<std::string> labels;
    if (j.contains("id2label") && !j["id2label"].is_null()) {
        const json& map = j["id2label"];
        if (!map.is_object()) fieldError(source, "id2label", "must be an object {\"0\": \"label\", ...}");
        labels.resize(map.size());
        std::vector<bool> seen(map.size(), false);
        for (const auto& [key, value] : map.items()) {
            size_t used = 0;
            long long id = -1;
            try { id = std::stoll(key, &used); } catch (const std::exception&) { used = 0; }
            if (used != key.size() || id < 0 || id >= static_cast<long long>(map.size()) || seen[id])
                fieldError(source, "id2label", "has key '" + key + "'; keys must be the ids 0.." +
                                                   std::to_string(map.size() - 1) + ", each once");
            if (!value.is_string()) fieldError(source, "id2label", "value for '" + key + "' must be a string");
            seen[id] = true;
            labels[id] = value.get<std::string>();
        }
    } else if (j.contains("num_labels") && !j["num_labels"].is_null()) {
        const int64_t n = readInt(j, "num_labels", 2, source);
        if (n <= 0 || n > 100000) fieldError(source, "num_labels", "must be between 1 and 100000");
        for (int64_t i = 0; i < n; ++i) labels.push_back("LABEL_" + std::to_string(i));
    }
    return labels;
}

ProblemType parseProblemType(const json& j, const std::string& source) {
    const std::string name = readString(j, "problem_type", "", source);
    try {
        return problemTypeFromName(name);
    } catch (const Error&) {
        fieldError(source, "problem_type", "is '" + name +
                       "'; expected single_label_classification, multi_label_classification or regression");
    }
}

// Keys owned by the struct above (or recomputed on save); everything else goes to `extra`.
const std::set<std::string>& modelledKeys() {
    static const std::set<std::string> keys = {
        "vocab_size", "hidden_size", "num_hidden_layers", "num_attention_heads", "intermediate_size",
        "hidden_act", "hidden_dropout_prob", "attention_probs_dropout_prob", "max_position_embeddings",
        "type_vocab_size", "initializer_range", "layer_norm_eps", "pad_token_id", "position_embedding_type",
        "classifier_dropout", "architectures", "id2label", "label2id", "num_labels", "problem_type", "model_type"};
    return keys;
}

}  // namespace

std::string problemTypeName(ProblemType type) {
    switch (type) {
    case ProblemType::SingleLabel: return "single_label_classification";
    case ProblemType::MultiLabel: return "multi_label_classification";
    case ProblemType::Regression: return "regression";
    case ProblemType::Unset: break;
    }
    return "";
}

ProblemType problemTypeFromName(const std::string& name) {
    if (name.empty()) return ProblemType::Unset;
    if (name == "single_label_classification") return ProblemType::SingleLabel;
    if (name == "multi_label_classification") return ProblemType::MultiLabel;
    if (name == "regression") return ProblemType::Regression;
    throw Error("unknown problem type '" + name +
                "'; expected single_label_classification, multi_label_classification or regression");
}

ProblemType BertConfig::problemTypeAsRead() const {
    if (problem_type != ProblemType::Unset) return problem_type;
    return numLabels() == 1 ? ProblemType::Regression : ProblemType::SingleLabel;
}

std::string BertConfig::labelName(int64_t id) const {
    if (id >= 0 && id < static_cast<int64_t>(id2label.size())) return id2label[id];
    return "LABEL_" + std::to_string(id);
}

BertConfig BertConfig::fromJson(const json& j, const std::string& source) {
    if (!j.is_object()) throw Error(source + ": expected a JSON object");
    const std::string model_type = readString(j, "model_type", "bert", source);
    if (model_type != "bert")
        fieldError(source, "model_type", "is '" + model_type + "'; only \"bert\" models are supported");

    BertConfig c;
    c.vocab_size = readInt(j, "vocab_size", c.vocab_size, source);
    c.hidden_size = readInt(j, "hidden_size", c.hidden_size, source);
    c.num_hidden_layers = readInt(j, "num_hidden_layers", c.num_hidden_layers, source);
    c.num_attention_heads = readInt(j, "num_attention_heads", c.num_attention_heads, source);
    c.intermediate_size = readInt(j, "intermediate_size", c.intermediate_size, source);
    c.hidden_act = readString(j, "hidden_act", c.hidden_act, source);
    c.hidden_dropout_prob = readNumber(j, "hidden_dropout_prob", c.hidden_dropout_prob, source);
    c.attention_probs_dropout_prob = readNumber(j, "attention_probs_dropout_prob", c.attention_probs_dropout_prob, source);
    c.max_position_embeddings = readInt(j, "max_position_embeddings", c.max_position_embeddings, source);
    c.type_vocab_size = readInt(j, "type_vocab_size", c.type_vocab_size, source);
    c.initializer_range = readNumber(j, "initializer_range", c.initializer_range, source);
    c.layer_norm_eps = readNumber(j, "layer_norm_eps", c.layer_norm_eps, source);
    c.pad_token_id = readInt(j, "pad_token_id", c.pad_token_id, source);
    c.position_embedding_type = readString(j, "position_embedding_type", c.position_embedding_type, source);
    if (j.contains("classifier_dropout") && !j["classifier_dropout"].is_null())
        c.classifier_dropout = readNumber(j, "classifier_dropout", 0.0, source);
    if (j.contains("architectures") && !j["architectures"].is_null()) {
        if (!j["architectures"].is_array()) fieldError(source, "architectures", "must be a list of class names");
        for (const json& a : j["architectures"]) {
            if (!a.is_string()) fieldError(source, "architectures", "must be a list of class names");
            c.architectures.push_back(a.get<std::string>());
        }
    }
    c.id2label = readLabels(j, source);
    c.problem_type = parseProblemType(j, source);
    for (const auto& [key, value] : j.items())
        if (!modelledKeys().count(key)) c.extra[key] = value;
    c.validate(source);
    return c;
}

BertConfig BertConfig::fromFile(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) throw Error(path.string() + ": cannot open (does the model directory exist and hold a config.json?)");
    json j;
    try {
        j = json::parse(in);
    } catch (const json::exception& e) {  // parse_error, and out_of_range for a number like 1e400
        throw Error(path.string() + ": not valid JSON: " + jsonErrorText(e));
    }
    return fromJson(j, path.string());
}

namespace {

// The encoder's and pooler's weights (the heads add little); the sizes are bounded, so no overflow.
int64_t encoderParameterCount(const BertConfig& c) {
    const int64_t h = c.hidden_size, ffn = c.intermediate_size;
    const int64_t embeddings = (c.vocab_size + c.max_position_embeddings + c.type_vocab_size + 2) * h;
    const int64_t layer = 4 * (h * h + h) + 2 * h * ffn + ffn + h + 4 * h;
    return embeddings + c.num_hidden_layers * layer + h * h + h;
}

}  // namespace

void BertConfig::validate(const std::string& source) const {
    auto positive = [&](const char* name, int64_t v) {
        if (v <= 0) fieldError(source, name, "must be a positive integer (got " + std::to_string(v) + ")");
    };
    positive("vocab_size", vocab_size);
    positive("hidden_size", hidden_size);
    positive("num_hidden_layers", num_hidden_layers);
    positive("num_attention_heads", num_attention_heads);
    positive("intermediate_size", intermediate_size);
    positive("max_position_embeddings", max_position_embeddings);
    positive("type_vocab_size", type_vocab_size);
    // Far above any published BERT; a hostile or mistyped config is refused here instead of asking
    // the allocator for terabytes (and the products below stay inside int64).
    auto at_most = [&](const char* name, int64_t v, int64_t limit) {
        if (v > limit) fieldError(source, name, "is " + std::to_string(v) + "; at most " + std::to_string(limit) + " is supported");
    };
    at_most("vocab_size", vocab_size, 4'000'000);
    at_most("hidden_size", hidden_size, 65'536);
    at_most("num_hidden_layers", num_hidden_layers, 1'024);
    at_most("intermediate_size", intermediate_size, 262'144);
    at_most("max_position_embeddings", max_position_embeddings, 1'048'576);
    at_most("type_vocab_size", type_vocab_size, 1'024);
    const int64_t parameters = encoderParameterCount(*this);
    constexpr int64_t kMaxParameters = 50'000'000'000;
    if (parameters > kMaxParameters)
        throw Error(source + ": the model would have " + std::to_string(parameters / 1'000'000) + " million parameters (" +
                    std::to_string(parameters * 4 / 1'000'000'000) + " GB in float32); at most " +
                    std::to_string(kMaxParameters / 1'000'000'000) + " billion are supported");
    if (hidden_size % num_attention_heads != 0)
        fieldError(source, "num_attention_heads", "(" + std::to_string(num_attention_heads) +
                               ") does not divide hidden_size (" + std::to_string(hidden_size) + ")");
    static const std::set<std::string> activations = {"gelu", "gelu_new", "gelu_pytorch_tanh", "relu", "silu", "swish"};
    if (!activations.count(hidden_act))
        fieldError(source, "hidden_act", "is '" + hidden_act + "'; supported: gelu, gelu_new, gelu_pytorch_tanh, relu, silu");
    auto probability = [&](const char* name, double p) {
        if (!(p >= 0.0 && p < 1.0)) fieldError(source, name, "must be in [0, 1) (got " + std::to_string(p) + ")");
    };
    probability("hidden_dropout_prob", hidden_dropout_prob);
    probability("attention_probs_dropout_prob", attention_probs_dropout_prob);
    if (classifier_dropout) probability("classifier_dropout", *classifier_dropout);
    if (!(layer_norm_eps > 0.0)) fieldError(source, "layer_norm_eps", "must be positive");
    if (!(initializer_range > 0.0)) fieldError(source, "initializer_range", "must be positive");
    if (position_embedding_type != "absolute")
        fieldError(source, "position_embedding_type", "is '" + position_embedding_type + "'; only \"absolute\" is supported");
    if (pad_token_id < 0 || pad_token_id >= vocab_size)
        fieldError(source, "pad_token_id", "(" + std::to_string(pad_token_id) + ") is outside the vocabulary");
}

json BertConfig::toJson() const {
    json j = extra;
    j["model_type"] = "bert";
    j["vocab_size"] = vocab_size;
    j["hidden_size"] = hidden_size;
    j["num_hidden_layers"] = num_hidden_layers;
    j["num_attention_heads"] = num_attention_heads;
    j["intermediate_size"] = intermediate_size;
    j["hidden_act"] = hidden_act;
    j["hidden_dropout_prob"] = hidden_dropout_prob;
    j["attention_probs_dropout_prob"] = attention_probs_dropout_prob;
    j["max_position_embeddings"] = max_position_embeddings;
    j["type_vocab_size"] = type_vocab_size;
    j["initializer_range"] = initializer_range;
    j["layer_norm_eps"] = layer_norm_eps;
    j["pad_token_id"] = pad_token_id;
    j["position_embedding_type"] = position_embedding_type;
    j["classifier_dropout"] = classifier_dropout ? json(*classifier_dropout) : json(nullptr);
    if (!architectures.empty()) j["architectures"] = architectures;
    // Hugging Face writes id2label with string keys and label2id with integer values.
    json id2 = json::object(), label2 = json::object();
    for (int64_t i = 0; i < numLabels(); ++i) {
        id2[std::to_string(i)] = labelName(i);
        label2[labelName(i)] = i;
    }
    j["id2label"] = id2;
    j["label2id"] = label2;
    if (problem_type != ProblemType::Unset) j["problem_type"] = problemTypeName(problem_type);
    return j;
}

void BertConfig::save(const std::filesystem::path& path) const {
    writeFileAtomically(path, toJson().dump(2) + "\n");
}

BertConfig BertConfig::preset(const std::string& name) {
    // Sizes of Google's compact BERTs (Turc et al., 2019) and bert-base.
    struct Size { const char* name; int64_t layers, hidden, heads; };
    static const Size sizes[] = {{"tiny", 2, 128, 2}, {"mini", 4, 256, 4}, {"small", 4, 512, 8},
                                 {"medium", 8, 512, 8}, {"base", 12, 768, 12}};
    for (const Size& s : sizes) {
        if (name != s.name) continue;
        BertConfig c;
        c.num_hidden_layers = s.layers;
        c.hidden_size = s.hidden;
        c.num_attention_heads = s.heads;
        c.intermediate_size = 4 * s.hidden;
        return c;
    }
    throw Error("unknown model size '" + name + "'; choose tiny, mini, small, medium or base, or give a config.json");
}

}  // namespace bw::model
