#pragma once
// What a training run reports while it runs. Plain data (no LibTorch), so the CLI, the store and
// the GUI can consume it.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

namespace bw::train {

struct ProgressEvent {
    int64_t step = 0, total_steps = 0;
    double epoch = 0;
    double loss = 0;            // mean training loss since the last report
    double learning_rate = 0;
    double sequences_per_second = 0;
    double eta_seconds = 0;
};

// Logged every logging_steps: "loss", "learning_rate", "grad_norm", and for pretraining
// "mlm_loss", "nsp_loss", "mlm_accuracy", "nsp_accuracy".
struct LogEvent {
    int64_t step = 0;
    double epoch = 0;
    std::map<std::string, double> values;
};

struct EvaluationEvent {
    int64_t step = 0;
    double epoch = 0;
    std::map<std::string, double> metrics;  // "loss", "accuracy", "f1_macro", "perplexity", ...
    nlohmann::json details;                  // confusion matrix, per-class report, ...
};

struct CheckpointEvent {
    int64_t step = 0;
    std::string path;
    bool is_best = false;
    std::optional<double> metric;  // the best-model metric of the evaluation saved with it; none without one
};

struct TrainerCallbacks {
    std::function<void(const ProgressEvent&)> on_progress;
    std::function<void(const LogEvent&)> on_log;
    std::function<void(const EvaluationEvent&)> on_evaluate;
    std::function<void(const CheckpointEvent&)> on_checkpoint;
    std::function<void(const std::string&)> on_checkpoint_removed;
    std::function<bool()> should_stop;  // polled between steps: true = stop after saving
    // After each batch of an evaluation (rows evaluated so far, of all). May throw to abandon the
    // evaluation (a cancelled error analysis).
    std::function<void(int64_t rows_done, int64_t rows_total)> on_evaluation_progress;
};

// How a call to Trainer::train ended.
enum class TrainStatus { Completed, Stopped, EarlyStopped };

// "completed", "stopped" (cancelled) or "early_stopped".
inline std::string trainStatusName(TrainStatus status) {
    switch (status) {
    case TrainStatus::Stopped: return "stopped";
    case TrainStatus::EarlyStopped: return "early_stopped";
    case TrainStatus::Completed: break;
    }
    return "completed";
}

struct TrainOutcome {
    TrainStatus status = TrainStatus::Completed;
    int64_t global_step = 0;
    double epoch = 0;
    std::string best_checkpoint, last_checkpoint;
    std::map<std::string, double> best_metrics;  // of the best evaluation (or the last)
    std::map<std::string, double> final_metrics; // evaluation of the model kept at the end
    nlohmann::json final_details;
    double train_seconds = 0;
};

}  // namespace bw::train
