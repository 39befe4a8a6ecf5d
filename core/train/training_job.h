#pragma once
// The engine's training front door for the CLI and the GUI (no LibTorch types): start a run from a
// model directory or a fresh config on a dataset in the experiment store (or a text corpus), resume
// a stopped or interrupted run, evaluate a model, export a run's checkpoint. Every run, its curves,
// evaluations and checkpoints are recorded in the store.
#include "core/io/load_report.h"
#include "core/model/bert_config.h"
#include "core/store/store_records.h"
#include "core/train/data_size_notes.h"
#include "core/train/training_args.h"
#include "core/train/training_events.h"

#include "core/runtime/transformers_generation.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace bw::train {

struct TrainingRequest {
    std::filesystem::path db;
    std::optional<std::filesystem::path> model_dir;  // fine-tune (or continue pretraining) from here
    std::optional<std::string> init_config;          // tiny|mini|small|medium|base|CONFIG.json: from scratch
    std::optional<std::filesystem::path> vocab;      // vocab.txt, with init_config
    std::string task;                                // sequence-classification | token-classification | masked-lm | pretraining
    std::optional<std::string> dataset;              // a dataset in the store
    std::optional<std::filesystem::path> corpus;     // or a plain-text corpus (masked-lm / pretraining)
    std::filesystem::path output_dir;
    TrainingArguments args;
    std::string run_name;
    std::string problem_type;                        // "" = single-label; multi_label_classification; regression
    double corpus_validation_fraction = 0.05;        // documents held out of a corpus for evaluation

    model::ProblemType problemType() const;  // SingleLabel when problem_type is empty
    nlohmann::json toJson() const;
    static TrainingRequest fromJson(const nlohmann::json& json);
};

struct TrainingObserver {
    // How the starting model directory loaded (the report `inspect` prints), before training starts.
    std::function<void(const io::LoadReport&)> on_model_loaded;
    std::function<void(int64_t run_id)> on_start;
    std::function<void(const ProgressEvent&)> on_progress;
    std::function<void(const LogEvent&)> on_log;
    std::function<void(const EvaluationEvent&)> on_evaluate;
    std::function<void(const CheckpointEvent&)> on_checkpoint;  // after the checkpoint is on disk and in the store
    std::function<bool()> should_stop;
};

struct TrainingResult {
    int64_t run_id = 0;
    std::string status;  // completed | stopped
    std::string best_checkpoint, last_checkpoint;
    std::map<std::string, double> metrics;  // final evaluation on the validation split
    nlohmann::json details;                 // confusion matrix, per class, ...
    int64_t global_step = 0;
    double seconds = 0;

    nlohmann::json toJson() const;
};

// What a request would train on and how long it would take, measured on a few real training steps,
// a few evaluation batches and one checkpoint write (the model, data and settings of the request).
// Records nothing in the store and leaves no file (the timed checkpoint goes to a temporary folder);
// throws bw::Error for exactly the requests runTraining would refuse.
struct TrainingEstimate {
    std::string data_description;  // "sst2 (train 67349, validation 872)"
    int64_t train_examples = 0, validation_examples = 0;
    std::vector<std::string> label_names;
    int64_t parameters = 0;
    int64_t steps_per_epoch = 0, total_steps = 0;
    double seconds_per_step = 0, seconds_per_epoch = 0;
    double sequences_per_second = 0;
    // The schedule's evaluations (and the one at the end), and its checkpoint writes at most (an
    // evaluation off a save step writes one when it is the best so far).
    int64_t evaluations = 0, saves = 0;
    double seconds_per_evaluation = 0, seconds_per_save = 0;
    double setup_seconds = 0;  // reading and tokenizing the data, loading the model (as the run will)
    // setup + steps + evaluations + saves: the run from start to end.
    double total_seconds = 0;
    DataSizeNotes data_notes;  // what the data's size means for the run (data_size_notes.h)

    nlohmann::json toJson() const;
};
TrainingEstimate estimateTraining(const TrainingRequest& request, int timed_steps = 3);

// Throws bw::Error for impossible requests before anything is stored; a failure during training
// marks the run failed with the message and rethrows.
TrainingResult runTraining(const TrainingRequest& request, const TrainingObserver& observer = {});
// The one rule for which runs can be continued: stopped, interrupted (the process died) or failed
// (a NaN, a full disk: the last checkpoint is good), each from its latest checkpoint.
bool isResumable(store::RunStatus status);
// Continues a stopped, interrupted or failed run from its latest checkpoint, exactly where it stopped.
TrainingResult resumeTraining(const std::filesystem::path& db, int64_t run_id, const TrainingObserver& observer = {});

// A model directory on a split of a stored dataset: what `bertwork-cli evaluate` asks.
struct EvaluationRequest {
    std::filesystem::path model_dir, db;
    std::string dataset;
    std::string split = "validation";
    int64_t batch_size = 64;
    int64_t max_seq_length = 128;
    std::string device = "auto";  // auto | cpu | cuda | cuda:N
    // Evaluate as this task's model ("" = the one config.json names); "masked-lm" reads a
    // pretraining model's masked-LM head alone, so models pretrained with and without next-sentence
    // prediction are compared on the same windows.
    std::string task;
    // The encoder's GEMMs dynamically quantized to int8 (CPU, oneDNN), as `predict --int8` runs
    // them: what int8 costs on the user's own task.
    bool int8 = false;
};
// Loss and metrics, "examples", "details" (confusion matrix, per class or entity) and "compute"
// ({"device", "precision": "float32" | "int8"}).
nlohmann::json evaluateModel(const EvaluationRequest& request);

// Writes a run's checkpoint ("best", "last" or a step number such as "1000") as a complete Hugging Face directory with a README.md
// model card and training_args.json; atomic (a failure leaves nothing half-written). Returns the
// files written. `dtype` is the storage type of the weights: float32, float16 or bfloat16 (the
// half types load back as float32). config.json and training_args.json (the run's settings that
// Hugging Face's TrainingArguments takes, nothing else) are spelled for `generation`.
std::vector<std::string> exportRun(const std::filesystem::path& db, int64_t run_id, const std::string& which,
                                   const std::filesystem::path& output_dir, const std::string& dtype = "float32",
                                   TransformersGeneration generation = TransformersGeneration::V5);

// Writes any model folder (the bundled model, one transformers 4 saved with pytorch_model.bin, a
// sharded one) the same way, with no run behind it: safetensors in `dtype`, the tokenizer's files,
// config.json spelled for `generation`, and the source's README.md when it has one. Atomic; the
// source itself is refused as the target.
std::vector<std::string> exportModelFolder(const std::filesystem::path& model_dir, const std::filesystem::path& output_dir,
                                           const std::string& dtype = "float32",
                                           TransformersGeneration generation = TransformersGeneration::V5);

}  // namespace bw::train
