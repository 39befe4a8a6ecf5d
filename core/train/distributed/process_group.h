#pragma once
// Internal to core (LibTorch). The ranks of a data-parallel job joined through LibTorch's c10d:
// rendezvous through a c10d::TCPStore that rank 0 serves at MASTER_ADDR:MASTER_PORT, then Gloo
// (CPU) or, in a CUDA build that has it, NCCL. Every collective waits at most the timeout; a failed
// one (a rank died, closed its connection or stopped answering) throws RankLostError.
#include "core/train/distributed/launch_environment.h"

#include <torch/torch.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace bw::train::distributed {

class ProcessGroup {
public:
    // `backend` is the ddp_backend setting: "" (gloo on the CPU, nccl on CUDA), gloo or nccl.
    // Waits for every rank (at most the timeout). Throws bw::Error when the backend is not built in.
    static std::shared_ptr<ProcessGroup> join(const LaunchEnvironment& environment, const std::string& backend,
                                              bool on_cuda);
    // Collectives and the rendezvous store wait this long: BERTWORK_DDP_TIMEOUT_SECONDS, else 60 s.
    static std::chrono::milliseconds timeout();

    virtual ~ProcessGroup() = default;
    int rank() const { return environment_.rank; }
    int worldSize() const { return environment_.world_size; }
    bool isLeader() const { return environment_.rank == 0; }
    const std::string& backendName() const { return backend_name_; }
    // Where the backend's tensors live: the CPU for gloo, this rank's GPU for nccl.
    torch::Device device() const { return device_; }

    // Sums `tensor` over the ranks in place. The async form starts it and returns the wait.
    void allreduceSum(torch::Tensor& tensor);
    virtual std::function<void()> allreduceSumAsync(torch::Tensor& tensor) = 0;
    // Rank 0's values into `tensor` on every rank.
    virtual void broadcastFromLeader(torch::Tensor& tensor) = 0;
    // Every rank's `tensor` (the same shape on every rank), in rank order.
    virtual std::vector<torch::Tensor> allgather(const torch::Tensor& tensor) = 0;

    // Small messages through the rendezvous store: rank 0 publishes, the others wait for it.
    virtual void publish(const std::string& key, const std::string& value) = 0;
    virtual std::string awaitPublished(const std::string& key) = 0;

protected:
    ProcessGroup(LaunchEnvironment environment, std::string backend_name, torch::Device device);
    // Runs a collective; any failure becomes a RankLostError that says what was being done.
    void guarded(const char* what, const std::function<void()>& collective) const;

    LaunchEnvironment environment_;
    std::string backend_name_;
    torch::Device device_;
};

}  // namespace bw::train::distributed
