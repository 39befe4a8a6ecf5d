#pragma once
// Torch-free. Where this process stands in a data-parallel job, read from the environment that
// torchrun (and `bertwork-cli train --nproc-per-node N`) gives each rank: RANK, WORLD_SIZE,
// LOCAL_RANK, LOCAL_WORLD_SIZE, MASTER_ADDR, MASTER_PORT.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace bw::train::distributed {

struct LaunchEnvironment {
    int rank = 0, world_size = 1;
    int local_rank = 0, local_world_size = 1;
    std::string master_addr;   // where rank 0 serves the rendezvous store
    uint16_t master_port = 0;
    // torchrun's agent already serves the store at MASTER_ADDR:MASTER_PORT (TORCHELASTIC_USE_AGENT_STORE=True):
    // every rank is its client, under this attempt's prefix (TORCHELASTIC_RESTART_COUNT).
    bool use_agent_store = false;
    int attempt = 0;

    bool isLeader() const { return rank == 0; }
};

// Looks a variable up; nullopt when it is not set.
using EnvironmentLookup = std::function<std::optional<std::string>(const char* name)>;

// nullopt when none of the variables is set: a single process. Throws bw::Error naming the variable
// when the set is incomplete or inconsistent (RANK >= WORLD_SIZE, a port that is no port, ...).
// LOCAL_RANK and LOCAL_WORLD_SIZE may be left out (then RANK and WORLD_SIZE: one machine).
std::optional<LaunchEnvironment> parseLaunchEnvironment(const EnvironmentLookup& lookup);
// The same, from this process's environment.
std::optional<LaunchEnvironment> launchEnvironment();

// The variables that make a child process rank `rank` of `world_size` local ranks.
std::vector<std::pair<std::string, std::string>> localRankVariables(int rank, int world_size, uint16_t master_port);

}  // namespace bw::train::distributed
