#include "core/train/training_args.h"

#include "core/train/task_catalogue.h"

#include "core/runtime/error.h"

#include <functional>
#include <map>
#include <type_traits>

namespace bw::train {
namespace {

using nlohmann::json;

// One table drives JSON reading and writing, so every field has one name in one place. `ours`
// marks the settings Hugging Face's TrainingArguments does not have (they live in its data
// collators, callbacks or scripts there), which a file for TrainingArguments(**json) leaves out.
struct Field {
    std::function<json(const TrainingArguments&)> get;
    std::function<void(TrainingArguments&, const json&)> set;
    bool ours = false;
};

// nlohmann's get<int64_t>() truncates 0.5 to 0 without a word: a whole number must be one.
struct NotAWholeNumber {};

template <typename T>
T checkedGet(const json& v) {
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>)
        if (v.is_number_float()) throw NotAWholeNumber();
    return v.get<T>();
}

template <typename T>
Field field(T TrainingArguments::*member) {
    return {[member](const TrainingArguments& a) { return json(a.*member); },
            [member](TrainingArguments& a, const json& v) { a.*member = checkedGet<T>(v); }};
}

template <typename T>
Field ourField(T TrainingArguments::*member) {
    Field f = field(member);
    f.ours = true;
    return f;
}

// A setting that may be unset: null in JSON.
template <typename T>
Field optionalField(std::optional<T> TrainingArguments::*member) {
    return {[member](const TrainingArguments& a) { return a.*member ? json(*(a.*member)) : json(nullptr); },
            [member](TrainingArguments& a, const json& v) {
                a.*member = v.is_null() ? std::nullopt : std::optional<T>(checkedGet<T>(v));
            }};
}

const std::map<std::string, Field>& fields() {
    static const std::map<std::string, Field> table = {
        {"num_train_epochs", field(&TrainingArguments::num_train_epochs)},
        {"max_steps", field(&TrainingArguments::max_steps)},
        {"per_device_train_batch_size", field(&TrainingArguments::per_device_train_batch_size)},
        {"per_device_eval_batch_size", field(&TrainingArguments::per_device_eval_batch_size)},
        {"learning_rate", field(&TrainingArguments::learning_rate)},
        {"weight_decay", field(&TrainingArguments::weight_decay)},
        {"adam_beta1", field(&TrainingArguments::adam_beta1)},
        {"adam_beta2", field(&TrainingArguments::adam_beta2)},
        {"adam_epsilon", field(&TrainingArguments::adam_epsilon)},
        {"max_grad_norm", field(&TrainingArguments::max_grad_norm)},
        {"warmup_steps", {[](const TrainingArguments& a) { return json(a.warmup_steps); },
                          [](TrainingArguments& a, const json& v) {
                              // transformers 5 dropped warmup_ratio: a warmup_steps below 1 is the ratio.
                              if (v.is_number_float() && v.get<double>() >= 0 && v.get<double>() < 1) {
                                  a.warmup_ratio = v.get<double>();
                                  a.warmup_steps = 0;
                              } else {
                                  a.warmup_steps = checkedGet<int64_t>(v);
                              }
                          }}},
        {"warmup_ratio", field(&TrainingArguments::warmup_ratio)},
        {"lr_scheduler_type", field(&TrainingArguments::lr_scheduler_type)},
        {"gradient_accumulation_steps", field(&TrainingArguments::gradient_accumulation_steps)},
        {"evaluation_strategy", field(&TrainingArguments::evaluation_strategy)},
        {"eval_steps", field(&TrainingArguments::eval_steps)},
        {"save_strategy", field(&TrainingArguments::save_strategy)},
        {"save_steps", field(&TrainingArguments::save_steps)},
        {"save_total_limit", field(&TrainingArguments::save_total_limit)},
        {"logging_steps", field(&TrainingArguments::logging_steps)},
        {"seed", field(&TrainingArguments::seed)},
        {"metric_for_best_model", field(&TrainingArguments::metric_for_best_model)},
        {"data_seed", optionalField(&TrainingArguments::data_seed)},
        {"greater_is_better", optionalField(&TrainingArguments::greater_is_better)},
        {"load_best_model_at_end", field(&TrainingArguments::load_best_model_at_end)},
        {"early_stopping_patience", ourField(&TrainingArguments::early_stopping_patience)},
        {"early_stopping_threshold", ourField(&TrainingArguments::early_stopping_threshold)},
        {"label_smoothing_factor", field(&TrainingArguments::label_smoothing_factor)},
        {"group_by_length", field(&TrainingArguments::group_by_length)},
        {"max_seq_length", ourField(&TrainingArguments::max_seq_length)},
        {"class_weights", ourField(&TrainingArguments::class_weights)},
        {"mlm_probability", ourField(&TrainingArguments::mlm_probability)},
        {"whole_word_masking", ourField(&TrainingArguments::whole_word_masking)},
        {"short_seq_probability", ourField(&TrainingArguments::short_seq_probability)},
        {"nsp_probability", ourField(&TrainingArguments::nsp_probability)},
    };
    return table;
}

// The names transformers 5 uses where 4.x had ours (the table's names are 4.x's, kept so that stored
// runs read back): either spelling is read, and the one of the generation asked for is written.
const std::map<std::string, std::string>& fiveNames() {
    static const std::map<std::string, std::string> names = {{"evaluation_strategy", "eval_strategy"}};
    return names;
}

// Accepted for compatibility with Hugging Face JSON files, with no effect on a CPU trainer.
bool isIgnoredHuggingFaceKey(const std::string& key) {
    static const char* const keys[] = {"output_dir", "overwrite_output_dir", "do_train", "do_eval", "report_to",
                                       "logging_dir", "fp16", "bf16", "dataloader_num_workers", "push_to_hub",
                                       "run_name", "disable_tqdm", "no_cuda", "use_cpu"};
    for (const char* k : keys)
        if (key == k) return true;
    return false;
}

[[noreturn]] void invalid(const std::string& what) { throw Error("invalid training setting: " + what); }

}  // namespace

void TrainingArguments::update(const json& j, const std::string& source) {
    if (!j.is_object()) throw Error(source + ": training arguments must be a JSON object");
    for (const auto& [our_name, five_name] : fiveNames())
        if (j.contains(our_name) && j.contains(five_name) && j[our_name] != j[five_name])
            throw Error(source + ": '" + our_name + "' (transformers 4) and '" + five_name + "' (transformers 5) say " +
                        j[our_name].dump() + " and " + j[five_name].dump() + "; give one of them");
    for (const auto& [given, value] : j.items()) {
        const std::string key = canonicalName(given);
        auto it = fields().find(key);
        if (it == fields().end()) {
            if (isIgnoredHuggingFaceKey(key)) continue;
            throw Error(source + ": unknown training argument '" + key + "'");
        }
        try {
            it->second.set(*this, value);
        } catch (const json::exception&) {
            throw Error(source + ": training argument '" + given + "' has the wrong type (" + value.dump() + ")");
        } catch (const NotAWholeNumber&) {
            throw Error(source + ": training argument '" + given + "' must be a whole number (got " + value.dump() + ")");
        }
    }
}

TrainingArguments TrainingArguments::fromJson(const json& j, const std::string& source) {
    TrainingArguments args;
    args.update(j, source);
    return args;
}

json TrainingArguments::toJson() const {
    json j = json::object();
    for (const auto& [name, f] : fields()) j[name] = f.get(*this);
    return j;
}

json TrainingArguments::toHuggingFaceJson(TransformersGeneration generation) const {
    json j = json::object();
    for (const auto& [name, f] : fields())
        if (!f.ours) j[name] = f.get(*this);
    if (generation == TransformersGeneration::V4) return j;
    for (const auto& [our_name, five_name] : fiveNames()) {
        j[five_name] = j[our_name];
        j.erase(our_name);
    }
    // No warmup_ratio in 5.x: a ratio travels as a warmup_steps below 1.
    if (warmup_steps == 0 && warmup_ratio > 0) j["warmup_steps"] = warmup_ratio;
    j.erase("warmup_ratio");
    return j;
}

std::vector<std::string> TrainingArguments::alternativeNames() {
    std::vector<std::string> names;
    for (const auto& [our_name, five_name] : fiveNames()) names.push_back(five_name);
    return names;
}

std::string TrainingArguments::canonicalName(const std::string& name) {
    for (const auto& [our_name, five_name] : fiveNames())
        if (name == five_name) return our_name;
    return name;
}

void TrainingArguments::validate() const {
    if (per_device_train_batch_size <= 0) invalid("per_device_train_batch_size must be at least 1");
    if (per_device_eval_batch_size <= 0) invalid("per_device_eval_batch_size must be at least 1");
    if (!(learning_rate > 0)) invalid("learning_rate must be positive (got " + std::to_string(learning_rate) + ")");
    if (weight_decay < 0) invalid("weight_decay must not be negative");
    if (max_steps <= 0 && !(num_train_epochs > 0)) invalid("num_train_epochs must be positive (or set max_steps)");
    if (gradient_accumulation_steps <= 0) invalid("gradient_accumulation_steps must be at least 1");
    if (warmup_steps < 0) invalid("warmup_steps must not be negative");
    if (warmup_ratio < 0 || warmup_ratio >= 1) invalid("warmup_ratio must be in [0, 1)");
    if (max_grad_norm < 0) invalid("max_grad_norm must not be negative (0 disables clipping)");
    if (lr_scheduler_type != "linear" && lr_scheduler_type != "cosine" && lr_scheduler_type != "constant" &&
        lr_scheduler_type != "constant_with_warmup")
        invalid("lr_scheduler_type '" + lr_scheduler_type + "' (use linear, cosine, constant or constant_with_warmup)");
    for (const auto& [name, value] : {std::pair{"evaluation_strategy", evaluation_strategy}, {"save_strategy", save_strategy}})
        if (value != "no" && value != "steps" && value != "epoch") invalid(std::string(name) + " must be no, steps or epoch");
    if (evaluation_strategy == "steps" && eval_steps <= 0) invalid("eval_steps must be positive with evaluation_strategy steps");
    if (save_strategy == "steps" && save_steps <= 0) invalid("save_steps must be positive with save_strategy steps");
    if (label_smoothing_factor < 0 || label_smoothing_factor >= 1) invalid("label_smoothing_factor must be in [0, 1)");
    if (max_seq_length < 8) invalid("max_seq_length must be at least 8");
    if (early_stopping_patience < 0) invalid("early_stopping_patience must not be negative");
    if (early_stopping_patience > 0 && evaluation_strategy == "no")
        invalid("early_stopping_patience counts evaluations, and evaluation_strategy is no (use steps or epoch)");
    if (class_weights != "none" && class_weights != "balanced") invalid("class_weights must be none or balanced");
    if (mlm_probability <= 0 || mlm_probability >= 1) invalid("mlm_probability must be in (0, 1)");
    if (nsp_probability < 0 || nsp_probability > 1) invalid("nsp_probability must be in [0, 1]");
    if (adam_beta1 < 0 || adam_beta1 >= 1 || adam_beta2 < 0 || adam_beta2 >= 1) invalid("adam betas must be in [0, 1)");
    if (logging_steps <= 0) invalid("logging_steps must be at least 1");
}

std::string TrainingArguments::bestMetric() const {
    if (metric_for_best_model.empty()) return "loss";
    // transformers accepts "eval_accuracy" and "accuracy" alike; evaluations key it without the prefix.
    return metric_for_best_model.rfind("eval_", 0) == 0 ? metric_for_best_model.substr(5) : metric_for_best_model;
}

bool TrainingArguments::greaterIsBetter() const {
    if (greater_is_better) return *greater_is_better;
    return metricHigherIsBetter(bestMetric());
}

}  // namespace bw::train
