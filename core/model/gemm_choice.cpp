#include "core/model/gemm_choice.h"

#include "core/model/onednn_linear.h"
#include "core/runtime/atomic_file.h"
#include "core/runtime/compute_setup.h"
#include "core/runtime/error.h"

#include <fcntl.h>
#include <nlohmann/json.hpp>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <tuple>

namespace bw::model {

namespace {

GemmChoice unchosen(int64_t in_features, int64_t out_features, GemmEpilogue epilogue) {
    GemmChoice choice;
    choice.in_features = in_features;
    choice.out_features = out_features;
    choice.epilogue = epilogue;
    return choice;
}

// LibTorch's way: Linear (BLAS), then the epilogue as its own pass, as the encoder does unpacked.
torch::Tensor linearThenEpilogue(const torch::nn::Linear& linear, const torch::Tensor& x, GemmEpilogue epilogue,
                                 const torch::Tensor& residual) {
    torch::Tensor y = torch::nn::functional::linear(x, linear->weight, linear->bias);
    switch (epilogue) {
        case GemmEpilogue::None: return y;
        case GemmEpilogue::Gelu: return torch::gelu(y);
        case GemmEpilogue::GeluTanh: return torch::gelu(y, "tanh");
        case GemmEpilogue::Relu: return torch::relu(y);
        case GemmEpilogue::Silu: return torch::silu(y);
        case GemmEpilogue::AddResidual: return y + residual;
    }
    return y;
}

// The fastest of a few runs of f, in milliseconds (after one warm-up run).
double fastestMs(const std::function<void()>& f, int runs) {
    f();
    double best = 1e30;
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        f();
        best = std::min(best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    return best;
}

GemmChoice timeInference(int64_t in_features, int64_t out_features, GemmEpilogue epilogue) {
    torch::NoGradGuard no_grad;
    GemmChoice choice = unchosen(in_features, out_features, epilogue);
    choice.reason = "timed";
    torch::nn::Linear linear(in_features, out_features);
    PackedLinear packed({{linear, 1.0}}, epilogue);
    // One sentence's rows (batch 1, 128 tokens) and a batch's (8 x 128): latency and throughput.
    for (const int64_t rows : {int64_t{128}, int64_t{1024}}) {
        const torch::Tensor x = torch::randn({rows, in_features});
        const torch::Tensor residual =
            epilogue == GemmEpilogue::AddResidual ? torch::randn({rows, out_features}) : torch::Tensor();
        choice.blas_ms += fastestMs([&] { linearThenEpilogue(linear, x, epilogue, residual); }, 3);
        choice.onednn_ms += fastestMs([&] { packed.forward(x, residual); }, 3);
    }
    choice.packed = choice.onednn_ms < choice.blas_ms;
    return choice;
}

GemmChoice timeTraining(int64_t in_features, int64_t out_features) {
    torch::AutoGradMode grad(true);
    GemmChoice choice = unchosen(in_features, out_features, GemmEpilogue::None);
    choice.reason = "timed";
    const torch::Tensor weight = torch::randn({out_features, in_features}).requires_grad_(true);
    const torch::Tensor bias = torch::randn({out_features}).requires_grad_(true);
    const torch::Tensor x = torch::randn({1024, in_features}).requires_grad_(true);
    const torch::Tensor g = torch::randn({1024, out_features});
    // Forward and backward (the gradients of x, W and b), as a training step does them.
    choice.blas_ms = fastestMs([&] { torch::nn::functional::linear(x, weight, bias).backward(g); }, 2);
    choice.onednn_ms = fastestMs([&] { oneDnnLinear(x, weight, bias).backward(g); }, 2);
    choice.packed = choice.onednn_ms < choice.blas_ms;
    return choice;
}

// BERTWORK_GEMM: nullopt for auto (time it), else the forced answer.
std::optional<bool> forcedOneDnn() {
    const char* value = std::getenv("BERTWORK_GEMM");
    const std::string setting = value ? value : "auto";
    if (setting == "auto") return std::nullopt;
    if (setting == "blas" || setting == "onednn") return setting == "onednn";
    throw Error("BERTWORK_GEMM must be auto, blas or onednn, not '" + setting + "'");
}

// The machine's choices on disk, so that every process on it takes the same path for a shape:
// two runs with one seed then compute the same bits (a resumed run equals an uninterrupted one),
// which a timing per process would not promise where the two paths are close.
std::filesystem::path cacheFile() {
    if (const char* path = std::getenv("BERTWORK_GEMM_CACHE")) return path;
    if (const char* cache = std::getenv("XDG_CACHE_HOME"); cache && *cache)
        return std::filesystem::path(cache) / "bertwork" / "gemm-choices.json";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::filesystem::path(home) / ".cache" / "bertwork" / "gemm-choices.json";
    return {};
}

// What a choice depends on besides the shape: the CPU, the thread count and the two libraries.
std::string machineKey() {
    std::string cpu = "unknown CPU";
    std::ifstream cpuinfo("/proc/cpuinfo");
    for (std::string line; std::getline(cpuinfo, line);)
        if (line.rfind("model name", 0) == 0) {
            cpu = line.substr(line.find(':') + 2);
            break;
        }
    return cpu + "; " + std::to_string(torch::get_num_threads()) + " threads; " + currentComputeSetup().blas + "; " +
           PackedLinear::libraryVersion();
}

std::string entryKey(int64_t in_features, int64_t out_features, GemmEpilogue epilogue, bool training) {
    return std::string(training ? "training " : "inference ") + std::to_string(in_features) + "x" +
           std::to_string(out_features) + " " + epilogueName(epilogue);
}

// Holds an exclusive lock on "<cache>.lock" while one process reads, times and writes.
class CacheLock {
public:
    explicit CacheLock(const std::filesystem::path& cache) {
        std::error_code ignored;
        std::filesystem::create_directories(cache.parent_path(), ignored);
        fd_ = ::open((cache.string() + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd_ >= 0 && ::flock(fd_, LOCK_EX) != 0) {
            ::close(fd_);
            fd_ = -1;
        }
    }
    ~CacheLock() {
        if (fd_ >= 0) ::close(fd_);  // closing releases the lock
    }
    bool held() const { return fd_ >= 0; }

private:
    int fd_ = -1;
};

nlohmann::json readCache(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) return nlohmann::json::object();
    const nlohmann::json cache = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
    return cache.is_object() ? cache : nlohmann::json::object();  // damaged: timed again and rewritten
}

// The timing draws random weights and inputs; the process's random stream (initialisation, data
// order, dropout) must come out as it went in, or a process that times would train other numbers
// than one that reads the cache.
class RandomStateKept {
public:
    RandomStateKept() : generator_(at::detail::getDefaultCPUGenerator()), state_(generator_.get_state()) {}
    ~RandomStateKept() { generator_.set_state(state_); }

private:
    at::Generator generator_;
    torch::Tensor state_;
};

GemmChoice timeOrReadCache(int64_t in_features, int64_t out_features, GemmEpilogue epilogue, bool training) {
    auto time = [&] {
        RandomStateKept kept;
        return training ? timeTraining(in_features, out_features) : timeInference(in_features, out_features, epilogue);
    };
    const std::filesystem::path path = cacheFile();
    if (path.empty()) return time();
    CacheLock lock(path);
    if (!lock.held()) return time();  // an unwritable cache folder costs a timing per process, nothing else
    nlohmann::json cache = readCache(path);
    const std::string machine = machineKey(), entry = entryKey(in_features, out_features, epilogue, training);
    const nlohmann::json& known = cache.value(machine, nlohmann::json::object());
    if (known.contains(entry) && known[entry].is_object() && known[entry].value("onednn", nlohmann::json()).is_boolean()) {
        GemmChoice choice = unchosen(in_features, out_features, epilogue);
        choice.packed = known[entry]["onednn"].get<bool>();
        choice.blas_ms = known[entry].value("blas_ms", 0.0);
        choice.onednn_ms = known[entry].value("onednn_ms", 0.0);
        choice.reason = "timed earlier on this machine (" + path.string() + ")";
        return choice;
    }
    GemmChoice choice = time();
    cache[machine][entry] = {{"onednn", choice.packed}, {"blas_ms", choice.blas_ms}, {"onednn_ms", choice.onednn_ms}};
    try {
        writeFileAtomically(path, cache.dump(1));
    } catch (const Error&) {
        // a full disk or a read-only home: the choice holds for this process
    }
    return choice;
}

using Key = std::tuple<int64_t, int64_t, GemmEpilogue, int, bool>;  // shape, epilogue, threads, training
std::mutex choices_mutex;
std::map<Key, GemmChoice> choices_made;  // this process's, in front of the file

GemmChoice choose(int64_t in_features, int64_t out_features, GemmEpilogue epilogue, bool training) {
    GemmChoice choice = unchosen(in_features, out_features, epilogue);
    if (!PackedLinear::available()) {
        choice.reason = "oneDNN not in this build";
        return choice;
    }
    if (const std::optional<bool> forced = forcedOneDnn()) {
        choice.packed = *forced;
        choice.reason = "forced by BERTWORK_GEMM";
        return choice;
    }
    std::lock_guard<std::mutex> lock(choices_mutex);  // one timing at a time: two would share the cores
    const Key key{in_features, out_features, epilogue, torch::get_num_threads(), training};
    auto found = choices_made.find(key);
    if (found == choices_made.end())
        found = choices_made.emplace(key, timeOrReadCache(in_features, out_features, epilogue, training)).first;
    return found->second;
}

}  // namespace

void forgetGemmChoicesOfThisProcess() {
    std::lock_guard<std::mutex> lock(choices_mutex);
    choices_made.clear();
}

std::string gemmPathName(const GemmChoice& choice) {
    if (!choice.packed) return "blas";
    return choice.precision == GemmPrecision::Int8 ? "onednn-int8" : "onednn";
}

void requireInt8Inference(const ComputeDeviceInfo& device, const std::string& context) {
    if (device.id == "cpu" && PackedLinear::available()) return;
    throw Error(context + ": int8 inference needs the CPU and a LibTorch with oneDNN; this is " +
                (device.id == "cpu" ? PackedLinear::libraryVersion() : device.name));
}

GemmChoice chooseGemm(int64_t in_features, int64_t out_features, GemmEpilogue epilogue) {
    return choose(in_features, out_features, epilogue, false);
}

GemmChoice chooseTrainingGemm(int64_t in_features, int64_t out_features) {
    return choose(in_features, out_features, GemmEpilogue::None, true);
}

}  // namespace bw::model
