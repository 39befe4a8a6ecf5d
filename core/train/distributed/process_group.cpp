#include "core/train/distributed/process_group.h"

#include "core/runtime/error.h"
#include "core/train/distributed/rank_lost_error.h"

#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>

// Gloo's headers come with LibTorch's wheels, and on Debian with libgloo-dev.
#if __has_include(<gloo/algorithm.h>)
#ifndef USE_C10D_GLOO
#define USE_C10D_GLOO 1
#endif
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#define BERTWORK_HAS_GLOO 1
#endif
// NCCL only in a CUDA build whose LibTorch was built with it.
#if defined(BERTWORK_WITH_CUDA) && __has_include(<nccl.h>) && \
    __has_include(<torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>)
#ifndef USE_C10D_NCCL
#define USE_C10D_NCCL 1
#endif
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#define BERTWORK_HAS_NCCL 1
#endif

#include <cstdlib>

namespace bw::train::distributed {
namespace {

std::string joinedKey(const std::string& key) { return "bertwork/" + key; }

// One implementation for every c10d backend class: LibTorch 1.13 derives them from ProcessGroup,
// 2.x from Backend, with the same collective calls.
template <class Backend>
class C10dGroup final : public ProcessGroup {
public:
    C10dGroup(LaunchEnvironment environment, std::string name, torch::Device device,
              c10::intrusive_ptr<c10d::Store> store, c10::intrusive_ptr<Backend> backend)
        : ProcessGroup(std::move(environment), std::move(name), device), store_(std::move(store)),
          backend_(std::move(backend)) {}

    std::function<void()> allreduceSumAsync(torch::Tensor& tensor) override {
        std::vector<torch::Tensor> tensors{tensor};
        std::function<void()> wait;
        guarded("an all-reduce", [&] {
            auto work = backend_->allreduce(tensors);
            wait = [this, work] { guarded("an all-reduce", [&] { work->wait(); }); };
        });
        return wait;
    }

    void broadcastFromLeader(torch::Tensor& tensor) override {
        std::vector<torch::Tensor> tensors{tensor};
        c10d::BroadcastOptions options;
        options.rootRank = 0;
        guarded("a broadcast from rank 0", [&] { backend_->broadcast(tensors, options)->wait(); });
    }

    std::vector<torch::Tensor> allgather(const torch::Tensor& tensor) override {
        std::vector<torch::Tensor> input{tensor.contiguous()};
        std::vector<std::vector<torch::Tensor>> output(1);
        for (int r = 0; r < worldSize(); ++r) output[0].push_back(torch::empty_like(input[0]));
        guarded("an all-gather", [&] { backend_->allgather(output, input)->wait(); });
        return output[0];
    }

    void publish(const std::string& key, const std::string& value) override {
        guarded("publishing to the rendezvous store",
                [&] { store_->set(joinedKey(key), std::vector<uint8_t>(value.begin(), value.end())); });
    }

    std::string awaitPublished(const std::string& key) override {
        std::vector<uint8_t> value;
        guarded("waiting for rank 0 through the rendezvous store", [&] { value = store_->get(joinedKey(key)); });
        return std::string(value.begin(), value.end());
    }

private:
    c10::intrusive_ptr<c10d::Store> store_;
    c10::intrusive_ptr<Backend> backend_;
};

bool isLoopback(const std::string& address) { return address == "localhost" || address.rfind("127.", 0) == 0; }

}  // namespace

ProcessGroup::ProcessGroup(LaunchEnvironment environment, std::string backend_name, torch::Device device)
    : environment_(std::move(environment)), backend_name_(std::move(backend_name)), device_(device) {}

std::chrono::milliseconds ProcessGroup::timeout() {
    if (const char* text = std::getenv("BERTWORK_DDP_TIMEOUT_SECONDS")) {
        const int seconds = std::atoi(text);
        if (seconds > 0) return std::chrono::seconds(seconds);
    }
    return std::chrono::seconds(60);
}

void ProcessGroup::allreduceSum(torch::Tensor& tensor) { allreduceSumAsync(tensor)(); }

void ProcessGroup::guarded(const char* what, const std::function<void()>& collective) const {
    try {
        collective();
    } catch (const std::exception& e) {
        std::string reason = e.what();
        if (const auto cut = reason.find('\n'); cut != std::string::npos) reason.resize(cut);  // c10 adds a backtrace
        throw RankLostError("rank " + std::to_string(rank()) + " of " + std::to_string(worldSize()) + " lost the job during " +
                            what + " (another rank died or did not answer within " +
                            std::to_string(timeout().count() / 1000) + " s): " + reason);
    }
}

std::shared_ptr<ProcessGroup> ProcessGroup::join(const LaunchEnvironment& environment, const std::string& backend,
                                                 bool on_cuda) {
    const std::string name = backend.empty() ? (on_cuda ? "nccl" : "gloo") : backend;
    if (name != "gloo" && name != "nccl") throw Error("ddp_backend must be gloo or nccl, not '" + name + "'");
    if (name == "nccl" && !on_cuda) throw Error("ddp_backend nccl needs the model on a CUDA device; use gloo on the CPU");

    c10d::TCPStoreOptions store_options;
    store_options.port = environment.master_port;
    store_options.isServer = environment.isLeader() && !environment.use_agent_store;
    store_options.numWorkers = static_cast<size_t>(environment.world_size);
    store_options.waitWorkers = false;  // the backend's own rendezvous waits for everyone
    store_options.timeout = timeout();
    c10::intrusive_ptr<c10d::Store> store;
    try {
        store = c10::make_intrusive<c10d::TCPStore>(environment.master_addr, store_options);
        // torchrun's store outlives a restart of the ranks: each attempt keeps to its own keys.
        if (environment.use_agent_store)
            store = c10::make_intrusive<c10d::PrefixStore>("/worker/attempt_" + std::to_string(environment.attempt), store);
    } catch (const std::exception& e) {
        std::string reason = e.what();
        if (const auto cut = reason.find('\n'); cut != std::string::npos) reason.resize(cut);
        throw Error("rank " + std::to_string(environment.rank) + " could not " +
                    (environment.isLeader() ? "serve" : "reach") + " the rendezvous store at " + environment.master_addr +
                    ":" + std::to_string(environment.master_port) + ": " + reason);
    }

    auto connect = [&](auto make) -> std::shared_ptr<ProcessGroup> {
        try {
            return make();
        } catch (const Error&) {
            throw;
        } catch (const std::exception& e) {
            std::string reason = e.what();
            if (const auto cut = reason.find('\n'); cut != std::string::npos) reason.resize(cut);
            throw Error("rank " + std::to_string(environment.rank) + " could not join the other " +
                        std::to_string(environment.world_size - 1) + " rank(s) with " + name + " within " +
                        std::to_string(timeout().count() / 1000) + " s: " + reason);
        }
    };
    if (name == "gloo") {
#ifdef BERTWORK_HAS_GLOO
        return connect([&] {
            auto options = c10d::ProcessGroupGloo::Options::create(timeout());
            options->devices.push_back(isLoopback(environment.master_addr)
                                           ? c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1")
                                           : c10d::ProcessGroupGloo::createDefaultDevice());
            auto gloo = c10::make_intrusive<c10d::ProcessGroupGloo>(store, environment.rank, environment.world_size, options);
            return std::make_shared<C10dGroup<c10d::ProcessGroupGloo>>(environment, name, torch::Device(torch::kCPU),
                                                                       store, gloo);
        });
#else
        throw Error("this build has no Gloo (its headers were missing at build time; install libgloo-dev)");
#endif
    }
#ifdef BERTWORK_HAS_NCCL
    return connect([&] {
        auto options = c10d::ProcessGroupNCCL::Options::create();
        options->timeout = timeout();
        auto nccl = c10::make_intrusive<c10d::ProcessGroupNCCL>(store, environment.rank, environment.world_size, options);
        return std::make_shared<C10dGroup<c10d::ProcessGroupNCCL>>(
            environment, name, torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(environment.local_rank)), store, nccl);
    });
#else
    throw Error("this build has no NCCL: ddp_backend nccl needs a CUDA build of LibTorch with NCCL");
#endif
}

}  // namespace bw::train::distributed
