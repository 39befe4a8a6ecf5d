#include "core/train/training_checkpoint.h"

#include "core/io/model_directory.h"
#include "core/runtime/atomic_file.h"
#include "core/runtime/error.h"
#include "core/runtime/json_error_text.h"
#include "core/runtime/torch_device.h"

#include <ATen/CPUGeneratorImpl.h>
#if BERTWORK_WITH_CUDA
#include <ATen/cuda/CUDAGeneratorImpl.h>
#endif

#include <fstream>

namespace bw::train {
namespace fs = std::filesystem;

namespace {

// Dropout on a GPU draws from that GPU's default generator; on the CPU from the CPU's. Either's
// state is kept for an exact resume (a checkpoint resumed on the other kind of device resumes with
// the same weights, but not the same dropout masks).
at::Generator dropoutGenerator(const torch::Device& device) {
#if BERTWORK_WITH_CUDA
    if (device.is_cuda()) return at::cuda::detail::getDefaultCUDAGenerator(device.has_index() ? device.index() : 0);
#endif
    return at::detail::getDefaultCPUGenerator();
}

std::string rngFileName(const torch::Device& device) { return device.is_cuda() ? "cuda_rng_state.pt" : "rng_state.pt"; }

// torch::save(value, path) ends the process on a full disk (its zip writer throws from a
// destructor); through a writer that keeps the error, a full disk is a clean bw::Error instead.
template <typename Value>
void saveTorchFile(const Value& value, const fs::path& file) {
    AtomicFileWriter out(file);
    torch::save(value, [&out](const void* data, size_t size) { return out.write(data, size); });
    out.commit();
}

void restoreGeneratorState(const fs::path& file, const torch::Device& device) {
    if (!fs::exists(file)) return;  // a GPU's state in a checkpoint written on the CPU
    torch::Tensor rng_state;
    torch::load(rng_state, file.string(), torch::Device(torch::kCPU));
    at::Generator generator = dropoutGenerator(device);  // shares the default generator
    std::lock_guard<std::mutex> lock(generator.mutex());
    generator.set_state(rng_state);
}

}  // namespace

void saveTrainingCheckpoint(const fs::path& dir, const model::BertTaskModelImpl& model,
                            const text::BertTokenizer& tokenizer, FusedAdamW& optimizer, const TrainerState& state,
                            const nlohmann::json& training_args) {
    const std::string trainer_state = state.toJson(training_args).dump(2);
    io::saveModelDirectory(dir, model, tokenizer, io::StorageDtype::Float32, [&](const fs::path& staging) {
        saveTorchFile(optimizer, staging / "optimizer.pt");
        const torch::Device device = deviceOf(model);
        saveTorchFile(at::detail::getDefaultCPUGenerator().get_state(), staging / "rng_state.pt");
        if (device.is_cuda()) saveTorchFile(dropoutGenerator(device).get_state(), staging / rngFileName(device));
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
        throw Error(state_file.string() + ": not valid JSON: " + jsonErrorText(e));
    }
    TrainerState state = TrainerState::fromJson(json, state_file.string());
    io::loadWeightsFromDirectory(model, dir);
    // Onto the CPU first: FusedAdamW moves each state to its parameter's device.
    torch::load(optimizer, (dir / "optimizer.pt").string(), torch::Device(torch::kCPU));
    restoreGeneratorState(dir / "rng_state.pt", torch::Device(torch::kCPU));
    const torch::Device device = deviceOf(model);
    if (device.is_cuda()) restoreGeneratorState(dir / rngFileName(device), device);
    state.rememberCheckpoint(dir.string());
    return state;
}

}  // namespace bw::train
