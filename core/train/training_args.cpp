#include "core/train/training_args.h"

#include "core/train/task_catalogue.h"

#include "core/runtime/error.h"
#include "core/runtime/compute_device_name.h"
#include "core/train/training_settings.h"

#include <stdexcept>

namespace bw::train {
namespace {

using nlohmann::json;

// Accepted for compatibility with Hugging Face JSON files, with no effect on a CPU trainer.
bool isIgnoredHuggingFaceKey(const std::string& key) {
    static const char* const keys[] = {"output_dir", "overwrite_output_dir", "do_train", "do_eval", "report_to",
                                       "logging_dir", "dataloader_num_workers", "push_to_hub", "run_name",
                                       "disable_tqdm"};
    for (const char* k : keys)
        if (key == k) return true;
    return false;
}

// transformers 5 dropped warmup_ratio: a warmup_steps below 1 is the ratio.
bool isWarmupRatio(const std::string& key, const json& value) {
    return key == "warmup_steps" && value.is_number_float() && value.get<double>() >= 0 && value.get<double>() < 1;
}

[[noreturn]] void invalid(const std::string& what) { throw Error("invalid training setting: " + what); }

// "8h", "45m", "1h30m", "2.5h", "90s" or a number of seconds.
std::optional<double> parseDuration(const std::string& text) {
    if (text.empty()) return std::nullopt;
    double seconds = 0;
    size_t at = 0;
    while (at < text.size()) {
        size_t used = 0;
        double value = 0;
        try {
            value = std::stod(text.substr(at), &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used == 0 || !(value >= 0)) return std::nullopt;
        at += used;
        const char unit = at < text.size() ? text[at++] : 's';
        if (unit == 'h') seconds += value * 3600;
        else if (unit == 'm') seconds += value * 60;
        else if (unit == 's') seconds += value;
        else return std::nullopt;
    }
    return seconds;
}

}  // namespace

std::optional<double> TrainingArguments::maxTrainSeconds() const {
    const std::optional<double> seconds = parseDuration(max_train_time);
    if (!max_train_time.empty() && !(seconds && *seconds > 0))
        invalid("max_train_time must be a duration such as 8h, 45m, 1h30m or 90s (got '" + max_train_time + "')");
    return seconds;
}

namespace {

}  // namespace

void TrainingArguments::update(const json& j, const std::string& source) {
    if (!j.is_object()) throw Error(source + ": training arguments must be a JSON object");
    for (const TrainingSetting& s : trainingSettings()) {
        const std::string& four = s.name;
        const std::string& five = s.transformers5_name;
        if (!five.empty() && j.contains(four) && j.contains(five) && j[four] != j[five])
            throw Error(source + ": '" + four + "' (transformers 4) and '" + five + "' (transformers 5) say " +
                        j[four].dump() + " and " + j[five].dump() + "; give one of them");
    }
    for (const auto& [given, value] : j.items()) {
        // transformers 4's older spelling of use_cpu.
        const TrainingSetting* setting = findTrainingSetting(given == "no_cuda" ? "use_cpu" : given);
        if (!setting) {
            if (isIgnoredHuggingFaceKey(given)) continue;
            throw Error(source + ": unknown training argument '" + given + "'");
        }
        if (isWarmupRatio(setting->name, value)) {
            warmup_ratio = value.get<double>();
            warmup_steps = 0;
            continue;
        }
        try {
            setting->set(*this, value);
        } catch (const json::exception&) {
            throw Error(source + ": training argument '" + given + "' has the wrong type (" + value.dump() + ")");
        } catch (const std::domain_error&) {
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
    for (const TrainingSetting& s : trainingSettings()) j[s.name] = s.get(*this);
    return j;
}

json TrainingArguments::toHuggingFaceJson(TransformersGeneration generation) const {
    json j = json::object();
    for (const TrainingSetting& s : trainingSettings()) {
        if (!s.in_hugging_face) continue;
        const bool renamed = generation == TransformersGeneration::V5 && !s.transformers5_name.empty();
        j[renamed ? s.transformers5_name : s.name] = s.get(*this);
    }
    if (ddp_backend.empty()) j.erase("ddp_backend");  // Hugging Face's None: it picks one itself
    // None, not "": TrainingArguments makes None "loss" (lower is better) when it loads the best
    // model at the end, as ours does, but keeps "" and then takes a higher value as better.
    if (metric_for_best_model.empty()) j["metric_for_best_model"] = nullptr;
    // one_cycle is Hugging Face's linear schedule with its peak half way when no warmup is given.
    if (lr_scheduler_type == "one_cycle") {
        j["lr_scheduler_type"] = "linear";
        if (warmup_steps == 0 && warmup_ratio == 0) j["warmup_ratio"] = 0.5;
    }
    if (generation == TransformersGeneration::V4) return j;
    // No warmup_ratio in 5.x: a ratio travels as a warmup_steps below 1.
    if (warmup_steps == 0 && j.value("warmup_ratio", 0.0) > 0) j["warmup_steps"] = j["warmup_ratio"];
    j.erase("warmup_ratio");
    return j;
}

std::vector<std::string> TrainingArguments::alternativeNames() {
    std::vector<std::string> names;
    for (const TrainingSetting& s : trainingSettings())
        if (!s.transformers5_name.empty()) names.push_back(s.transformers5_name);
    return names;
}

std::string TrainingArguments::canonicalName(const std::string& name) {
    const TrainingSetting* setting = findTrainingSetting(name);
    return setting ? setting->name : name;
}

// Each setting's own range or choices (training_settings.cpp), then the rules between settings.
void TrainingArguments::validate() const {
    for (const TrainingSetting& s : trainingSettings())
        if (const std::string problem = s.problem(*this); !problem.empty()) invalid(problem);
    if (max_steps <= 0 && !(num_train_epochs > 0)) invalid("num_train_epochs must be positive (or set max_steps)");
    if (early_stopping_patience > 0 && evaluation_strategy == "no")
        invalid("early_stopping_patience counts evaluations, and evaluation_strategy is no (use steps or epoch)");
    if (!ddp_backend.empty() && ddp_backend != "gloo" && ddp_backend != "nccl")
        invalid("ddp_backend must be gloo or nccl, or empty for the device's own (got '" + ddp_backend + "')");
    if (maxTrainSeconds() && warmup_steps > 0)
        invalid("with max_train_time the warmup is a share of the time budget: give warmup_ratio, not warmup_steps");
    if (bf16 && fp16) invalid("bf16 and fp16 are two precisions: give one of them");
    if (const std::string problem = deviceSpellingProblem(device); !problem.empty()) invalid(problem);
    if (use_cpu && device != "auto" && device != "cpu")
        invalid("use_cpu asks for the CPU, and device asks for " + device + ": give one of them");
}

void TrainingArguments::validateNewRun() const {
    validate();
    // Without evaluations or without checkpoints there is no best checkpoint, and nothing to load:
    // our load_best_model_at_end defaults to true (Hugging Face's to false), so these stay allowed.
    if (!load_best_model_at_end || evaluation_strategy == "no" || save_strategy == "no") return;
    if (evaluation_strategy != save_strategy)
        invalid("load_best_model_at_end needs a checkpoint at each evaluation, as in Hugging Face: "
                "evaluation_strategy is " + evaluation_strategy + " and save_strategy is " + save_strategy +
                "; make them the same, or turn load_best_model_at_end off");
    if (evaluation_strategy == "steps" && save_steps % eval_steps != 0)
        invalid("load_best_model_at_end needs a checkpoint at each evaluation, as in Hugging Face: save_steps (" +
                std::to_string(save_steps) + ") must be a multiple of eval_steps (" + std::to_string(eval_steps) +
                "), or turn load_best_model_at_end off");
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
