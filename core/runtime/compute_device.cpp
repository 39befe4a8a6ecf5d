#include "core/runtime/torch_device.h"

#include "core/runtime/compute_device_name.h"
#include "core/runtime/error.h"

#if BERTWORK_WITH_CUDA
#include <ATen/cuda/CUDAContext.h>
#endif

#include <cstdio>
#include <thread>

namespace bw {

std::string ComputeDeviceInfo::describe() const {
    std::string text = id + ": " + name;
    if (memory_bytes > 0) {
        char memory[32];
        std::snprintf(memory, sizeof memory, ", %.1f GiB", static_cast<double>(memory_bytes) / (1024.0 * 1024.0 * 1024.0));
        text += memory;
    }
    return text;
}

bool cudaAvailable() { return torch::cuda::is_available(); }

std::vector<ComputeDeviceInfo> availableComputeDevices() {
    std::vector<ComputeDeviceInfo> devices = {computeDeviceInfo("cpu")};
    if (!cudaAvailable()) return devices;
    for (size_t i = 0; i < torch::cuda::device_count(); ++i)
        devices.push_back(computeDeviceInfo("cuda:" + std::to_string(i)));
    return devices;
}

std::string resolveComputeDevice(const std::string& requested, bool use_cpu) {
    if (const std::string problem = deviceSpellingProblem(requested); !problem.empty()) throw Error(problem);
    if (use_cpu || requested == "cpu") return "cpu";
    if (requested == "auto") return cudaAvailable() ? "cuda:0" : "cpu";
    if (!cudaAvailable())
        throw Error("device " + requested + " asked for, and " +
#if BERTWORK_WITH_CUDA
                    std::string("LibTorch finds no CUDA GPU here")
#else
                    std::string("this build of LibTorch has no CUDA (build against a CUDA LibTorch, see the README)")
#endif
                    + ": use --device cpu or auto");
    const std::string id = requested == "cuda" ? "cuda:0" : requested;
    const auto index = static_cast<size_t>(std::stoi(id.substr(5)));
    if (index >= torch::cuda::device_count())
        throw Error("device " + id + " asked for, and there " +
                    (torch::cuda::device_count() == 1 ? std::string("is one GPU (cuda:0)")
                                                      : "are " + std::to_string(torch::cuda::device_count()) +
                                                            " GPUs (cuda:0 to cuda:" +
                                                            std::to_string(torch::cuda::device_count() - 1) + ")"));
    return id;
}

ComputeDeviceInfo computeDeviceInfo(const std::string& resolved) {
    ComputeDeviceInfo info;
    info.id = resolved;
    if (resolved == "cpu") {
        const int threads = torch::get_num_threads();
        const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
        info.name = "CPU (" + std::to_string(threads) + (threads == 1 ? " thread, " : " threads, ") +
                    std::to_string(cores) + (cores == 1 ? " core)" : " cores)");
        info.cpu_threads = threads;
        info.cpu_cores = static_cast<int>(cores);
        return info;
    }
#if BERTWORK_WITH_CUDA
    const auto index = static_cast<int64_t>(std::stoi(resolved.substr(5)));
    const cudaDeviceProp* properties = at::cuda::getDeviceProperties(index);
    info.name = properties->name;
    info.memory_bytes = static_cast<int64_t>(properties->totalGlobalMem);
#else
    info.name = "CUDA GPU";
#endif
    return info;
}

torch::Device torchDevice(const std::string& resolved) { return torch::Device(resolved); }

torch::Device deviceOf(const torch::nn::Module& module) {
    const auto parameters = module.parameters();
    return parameters.empty() ? torch::Device(torch::kCPU) : parameters.front().device();
}

void waitForDevice(const torch::Device& device) {
    if (device.is_cuda()) torch::cuda::synchronize(device.has_index() ? device.index() : -1);
}

}  // namespace bw
