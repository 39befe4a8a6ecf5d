#include "core/train/training_checkpoint.h"

#include "core/io/model_directory.h"
#include "core/runtime/atomic_file.h"
#include "core/runtime/error.h"

#include <ATen/CPUGeneratorImpl.h>

#include <fstream>

namespace bw::train {
namespace fs = std::filesystem;

void saveTrainingCheckpoint(const fs::path& dir, const model::BertTaskModelImpl& model,
                            const text::BertTokenizer& tokenizer, FusedAdamW& optimizer, const TrainerState& state,
                            const nlohmann::json& training_args) {
    const std::string trainer_state = state.toJson(training_args).dump(2);
    io::saveModelDirectory(dir, model, tokenizer, io::StorageDtype::Float32, [&](const fs::path& staging) {
        torch::save(optimizer, (staging / "optimizer.pt").string());
        // Dropout draws from the default generator: keep its state for an exact resume.
        torch::save(at::detail::getDefaultCPUGenerator().get_state(), (staging / "rng_state.pt").string());
        writeFileAtomically(staging / "trainer_state.json", trainer_state);
    });
}

TrainerState loadTrainingCheckpoint(const fs::path& dir, model::BertTaskModelImpl& model, FusedAdamW& optimizer) {
    const fs::path state_file = dir / "trainer_state.json";
    std::ifstream in(state_file);
    if (!in) throw Error(dir.string() + ": not a training checkpoint (no trainer_state.json)");
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw Error(state_file.string() + ": not valid JSON: " + e.what());
    }
    TrainerState state = TrainerState::fromJson(json, state_file.string());
    io::loadWeightsFromDirectory(model, dir);
    torch::load(optimizer, (dir / "optimizer.pt").string());
    torch::Tensor rng_state;
    torch::load(rng_state, (dir / "rng_state.pt").string());
    at::Generator dropout_rng = at::detail::getDefaultCPUGenerator();  // shares the default generator
    {
        std::lock_guard<std::mutex> lock(dropout_rng.mutex());
        dropout_rng.set_state(rng_state);
    }
    state.rememberCheckpoint(dir.string());
    return state;
}

}  // namespace bw::train
