#include "core/train/trainer_state.h"

#include "core/runtime/error.h"

#include <algorithm>

namespace bw::train {

nlohmann::json TrainerState::toJson(const nlohmann::json& training_args) const {
    return {{"global_step", global_step},
            {"epoch", epoch},
            {"batch_in_epoch", batch_in_epoch},
            {"best_metric", best_metric ? nlohmann::json(*best_metric) : nlohmann::json(nullptr)},
            {"best_model_checkpoint", best_checkpoint},
            {"best_metrics", best_metrics},
            {"patience_used", patience_used},
            {"checkpoints", checkpoints},
            {"train_seconds", train_seconds},
            {"budget_marks", budget_marks},
            {"training_args", training_args}};
}

TrainerState TrainerState::fromJson(const nlohmann::json& j, const std::string& source) {
    try {
        TrainerState s;
        s.global_step = j.at("global_step").get<int64_t>();
        s.epoch = j.at("epoch").get<int64_t>();
        s.batch_in_epoch = j.at("batch_in_epoch").get<size_t>();
        s.best_metric = j.at("best_metric").is_null() ? std::nullopt : std::optional<double>(j["best_metric"].get<double>());
        s.best_checkpoint = j.at("best_model_checkpoint").get<std::string>();
        s.best_metrics = j.at("best_metrics").get<std::map<std::string, double>>();
        s.patience_used = j.at("patience_used").get<int64_t>();
        s.checkpoints = j.at("checkpoints").get<std::vector<std::string>>();
        // Absent from checkpoints written before time budgets.
        s.train_seconds = j.value("train_seconds", 0.0);
        s.budget_marks = j.value("budget_marks", int64_t{0});
        return s;
    } catch (const nlohmann::json::exception& e) {
        throw Error(source + ": not a trainer state: " + e.what());
    }
}

void TrainerState::rememberCheckpoint(const std::string& path) {
    if (std::find(checkpoints.begin(), checkpoints.end(), path) == checkpoints.end()) checkpoints.push_back(path);
}

}  // namespace bw::train
