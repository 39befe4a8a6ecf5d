// TrainingRequest as a run's config holds it: read back by `resume`, `runs training-args` and the
// Runs page. Torch-free (in bertwork_base), so that bertwork-cli answers `runs ...` without LibTorch.
#include "core/train/training_job.h"

namespace bw::train {
namespace fs = std::filesystem;

nlohmann::json TrainingRequest::toJson() const {
    auto optional = [](const auto& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
    return {{"db", db.string()},
            {"model_dir", model_dir ? nlohmann::json(model_dir->string()) : nlohmann::json(nullptr)},
            {"init_config", optional(init_config)},
            {"vocab", vocab ? nlohmann::json(vocab->string()) : nlohmann::json(nullptr)},
            {"task", task},
            {"dataset", optional(dataset)},
            {"corpus", corpus ? nlohmann::json(corpus->string()) : nlohmann::json(nullptr)},
            {"output_dir", output_dir.string()},
            {"run_name", run_name},
            {"problem_type", problem_type},
            {"corpus_validation_fraction", corpus_validation_fraction},
            {"training_args", args.toJson()}};
}

TrainingRequest TrainingRequest::fromJson(const nlohmann::json& j) {
    TrainingRequest r;
    auto path = [&](const char* key) {
        return j.contains(key) && j[key].is_string() ? std::optional<fs::path>(j[key].get<std::string>()) : std::nullopt;
    };
    auto text = [&](const char* key) {
        return j.contains(key) && j[key].is_string() ? std::optional<std::string>(j[key].get<std::string>())
                                                     : std::nullopt;
    };
    r.db = j.value("db", "");
    r.model_dir = path("model_dir");
    r.init_config = text("init_config");
    r.vocab = path("vocab");
    r.task = j.value("task", "");
    r.dataset = text("dataset");
    r.corpus = path("corpus");
    r.output_dir = j.value("output_dir", "");
    r.run_name = j.value("run_name", "");
    r.problem_type = j.value("problem_type", "");
    r.corpus_validation_fraction = j.value("corpus_validation_fraction", 0.05);
    r.args = TrainingArguments::fromJson(j.value("training_args", nlohmann::json::object()), "run config");
    return r;
}

}  // namespace bw::train
