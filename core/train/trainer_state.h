#pragma once
// Where a training run stands, as Hugging Face's TrainerState: the step and data position, the
// best evaluation and checkpoint so far, early-stopping patience and the checkpoints kept. Saved
// in every checkpoint's trainer_state.json, so a resume continues exactly. Plain C++.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bw::train {

struct TrainerState {
    int64_t global_step = 0;
    int64_t epoch = 0;
    size_t batch_in_epoch = 0;  // micro-batches of `epoch` already trained on
    std::optional<double> best_metric;
    std::string best_checkpoint;
    std::map<std::string, double> best_metrics;
    int64_t patience_used = 0;             // evaluations in a row without improvement
    std::vector<std::string> checkpoints;  // oldest first
    double train_seconds = 0;              // wall-clock time trained, all sessions (up to the last save)
    int64_t budget_marks = 0;              // shares of max_train_time passed (of budget_checkpoints)

    // `training_args` is stored alongside for the reader's benefit; fromJson ignores it.
    nlohmann::json toJson(const nlohmann::json& training_args) const;
    // Throws bw::Error naming `source` when a field is missing or of the wrong type.
    static TrainerState fromJson(const nlohmann::json& json, const std::string& source);

    void rememberCheckpoint(const std::string& path);  // once, in order
};

}  // namespace bw::train
