#pragma once
// Training settings under Hugging Face TrainingArguments' names, so users carry their Python settings
// over (JSON config file or --kebab-case CLI flags). Here: the fields and our defaults; each one's
// valid values, Hugging Face default, help and tasks are declared in training_settings.cpp.
#include "core/runtime/transformers_generation.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bw::train {

using bw::TransformersGeneration;

struct TrainingArguments {
    double num_train_epochs = 3.0;
    int64_t max_steps = -1;                  // > 0 overrides num_train_epochs
    int64_t per_device_train_batch_size = 8;
    int64_t per_device_eval_batch_size = 8;
    double learning_rate = 5e-5;
    double weight_decay = 0.0;
    double adam_beta1 = 0.9;
    double adam_beta2 = 0.999;
    double adam_epsilon = 1e-8;
    double max_grad_norm = 1.0;
    int64_t warmup_steps = 0;
    double warmup_ratio = 0.0;               // used when warmup_steps is 0
    std::string lr_scheduler_type = "linear";
    // A wall-clock budget ("8h", "45m", "1h30m", "90s"; "" = none): training stops when it is spent,
    // and the schedule follows the clock (core/train/lr_schedule.h).
    std::string max_train_time = "";
    int64_t budget_checkpoints = 4;          // with max_train_time: a checkpoint at each 1/N of it
    int64_t gradient_accumulation_steps = 1;
    std::string evaluation_strategy = "epoch";
    int64_t eval_steps = 0;                  // with "steps"; > 0 on the CLI implies "steps"
    std::string save_strategy = "epoch";
    int64_t save_steps = 0;
    int64_t save_total_limit = 2;            // checkpoints kept besides the best (<= 0: all)
    int64_t logging_steps = 10;
    uint64_t seed = 42;
    std::optional<uint64_t> data_seed;       // batch order, masks, NSP pairs; unset: seed (as in Hugging Face)
    std::string metric_for_best_model = "";  // "" = eval loss (as in Hugging Face)
    std::optional<bool> greater_is_better;   // unset: false for *loss, true otherwise
    bool load_best_model_at_end = true;
    int64_t early_stopping_patience = 0;     // 0 = off
    double early_stopping_threshold = 0.0;
    double label_smoothing_factor = 0.0;
    bool group_by_length = true;             // length-grouped batches with dynamic padding
    int64_t max_seq_length = 128;
    std::string class_weights = "none";
    // Pretraining
    double mlm_probability = 0.15;
    bool whole_word_masking = false;
    double short_seq_probability = 0.1;
    double nsp_probability = 0.5;
    bool packing = false;                    // masked-LM: short windows share rows, attention kept apart
    // Hardware
    std::string device = "auto";             // auto | cpu | cuda | cuda:N (auto: the first GPU, else the CPU)
    bool use_cpu = false;                    // Hugging Face's: the CPU even where a GPU is found
    bool bf16 = false;                       // autocast to bfloat16 (master weights stay float32)
    bool fp16 = false;                       // autocast to float16 with dynamic loss scaling
    std::string ddp_backend = "";            // gloo | nccl; "": gloo on the CPU, nccl on CUDA

    // Throws bw::Error naming the first impossible setting.
    void validate() const;
    // validate(), then what Hugging Face's TrainingArguments refuses on top: load_best_model_at_end
    // with evaluations and checkpoints on different intervals (steps against epoch, or save_steps not
    // a multiple of eval_steps). This trainer could run them (it also saves at each best evaluation),
    // but a new run's settings must carry over to Python; a stored run that predates the rule still
    // resumes (the trainer checks validate() only). Throws bw::Error.
    void validateNewRun() const;
    // Every setting under its transformers 4 name (as the store keeps them).
    nlohmann::json toJson() const;
    // Only what Hugging Face's TrainingArguments takes, spelled as that generation spells it: a file
    // for TrainingArguments(**json).
    nlohmann::json toHuggingFaceJson(TransformersGeneration generation = TransformersGeneration::V5) const;
    // The other spellings update() reads ("eval_strategy"), and the name each stands for.
    static std::vector<std::string> alternativeNames();
    static std::string canonicalName(const std::string& name);
    // Unknown keys are an error that names them (a typo must not silently train with defaults).
    // Reads transformers 4.x and 5.x spellings alike; both of one setting, disagreeing, is an error.
    static TrainingArguments fromJson(const nlohmann::json& json, const std::string& source);
    // Applies only the keys present in `json` on top of this.
    void update(const nlohmann::json& json, const std::string& source);

    std::optional<double> maxTrainSeconds() const;  // max_train_time in seconds; throws bw::Error if unreadable
    bool greaterIsBetter() const;
    uint64_t dataSeed() const { return data_seed.value_or(seed); }
    std::string bestMetric() const;  // metric_for_best_model without "eval_", or "loss"
};

}  // namespace bw::train
