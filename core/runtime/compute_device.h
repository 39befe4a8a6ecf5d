#pragma once
// The devices a model can run on: the CPU and each CUDA GPU LibTorch finds. Torch-free, for the CLI
// and the GUI; core code gets the torch::Device from core/runtime/torch_device.h.
#include <cstdint>
#include <string>
#include <vector>

namespace bw {

struct ComputeDeviceInfo {
    std::string id;            // "cpu", "cuda:0", ...
    std::string name;          // "CPU (16 threads)", "NVIDIA H200"
    int64_t memory_bytes = 0;  // a GPU's memory; 0 for the CPU
    int cpu_threads = 0, cpu_cores = 0;  // the CPU's: the threads LibTorch uses, the cores there are

    std::string describe() const;  // "cuda:0: NVIDIA H200, 139.8 GiB"
};

// The CPU first, then each CUDA device. Without a CUDA build of LibTorch, the CPU alone.
std::vector<ComputeDeviceInfo> availableComputeDevices();
bool cudaAvailable();
// The device a setting names, made concrete: auto is the first GPU where there is one, else the CPU;
// cuda is cuda:0; use_cpu forces the CPU. Throws bw::Error for a GPU that is not there.
std::string resolveComputeDevice(const std::string& requested, bool use_cpu = false);
ComputeDeviceInfo computeDeviceInfo(const std::string& resolved);

}  // namespace bw
