#include "core/train/distributed/launch_environment.h"

#include "core/runtime/error.h"

#include <cstdlib>
#include <vector>

namespace bw::train::distributed {
namespace {

const char* const kVariables[] = {"RANK", "WORLD_SIZE", "LOCAL_RANK", "LOCAL_WORLD_SIZE", "MASTER_ADDR", "MASTER_PORT"};

// A whole decimal number within [low, high]; anything else names the variable and its value.
int64_t integerVariable(const char* name, const std::string& text, int64_t low, int64_t high) {
    const std::string problem = std::string("the data-parallel environment: ") + name + "='" + text + "' ";
    if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
        throw Error(problem + "is not a whole number");
    const int64_t value = std::stoll(text);
    if (value < low || value > high)
        throw Error(problem + "is out of range (" + std::to_string(low) + " to " + std::to_string(high) + ")");
    return value;
}

}  // namespace

std::optional<LaunchEnvironment> parseLaunchEnvironment(const EnvironmentLookup& lookup) {
    bool any = false;
    for (const char* name : kVariables) any = any || lookup(name).has_value();
    if (!any) return std::nullopt;
    auto required = [&](const char* name) {
        std::optional<std::string> value = lookup(name);
        if (!value)
            throw Error(std::string("the data-parallel environment is incomplete: ") + name +
                        " is not set (a rank needs RANK, WORLD_SIZE, MASTER_ADDR and MASTER_PORT, as torchrun sets them)");
        return *value;
    };
    constexpr int64_t kMaxRanks = 1 << 20;
    LaunchEnvironment env;
    env.world_size = static_cast<int>(integerVariable("WORLD_SIZE", required("WORLD_SIZE"), 1, kMaxRanks));
    env.rank = static_cast<int>(integerVariable("RANK", required("RANK"), 0, kMaxRanks));
    if (env.rank >= env.world_size)
        throw Error("the data-parallel environment: RANK " + std::to_string(env.rank) + " is not below WORLD_SIZE " +
                    std::to_string(env.world_size) + " (ranks count from 0)");
    env.master_addr = required("MASTER_ADDR");
    if (env.master_addr.empty()) throw Error("the data-parallel environment: MASTER_ADDR is empty");
    env.master_port = static_cast<uint16_t>(integerVariable("MASTER_PORT", required("MASTER_PORT"), 1, 65535));
    const std::optional<std::string> local_world = lookup("LOCAL_WORLD_SIZE"), local_rank = lookup("LOCAL_RANK");
    env.local_world_size = local_world ? static_cast<int>(integerVariable("LOCAL_WORLD_SIZE", *local_world, 1, env.world_size))
                                       : env.world_size;
    env.local_rank = local_rank ? static_cast<int>(integerVariable("LOCAL_RANK", *local_rank, 0, kMaxRanks)) : env.rank;
    if (env.local_rank >= env.local_world_size)
        throw Error("the data-parallel environment: LOCAL_RANK " + std::to_string(env.local_rank) +
                    " is not below LOCAL_WORLD_SIZE " + std::to_string(env.local_world_size));
    env.use_agent_store = lookup("TORCHELASTIC_USE_AGENT_STORE").value_or("") == "True";
    if (const auto attempt = lookup("TORCHELASTIC_RESTART_COUNT"))
        env.attempt = static_cast<int>(integerVariable("TORCHELASTIC_RESTART_COUNT", *attempt, 0, kMaxRanks));
    return env;
}

std::optional<LaunchEnvironment> launchEnvironment() {
    return parseLaunchEnvironment([](const char* name) -> std::optional<std::string> {
        const char* value = std::getenv(name);
        return value ? std::optional<std::string>(value) : std::nullopt;
    });
}

std::vector<std::pair<std::string, std::string>> localRankVariables(int rank, int world_size, uint16_t master_port) {
    return {{"RANK", std::to_string(rank)},           {"WORLD_SIZE", std::to_string(world_size)},
            {"LOCAL_RANK", std::to_string(rank)},     {"LOCAL_WORLD_SIZE", std::to_string(world_size)},
            {"MASTER_ADDR", "127.0.0.1"},             {"MASTER_PORT", std::to_string(master_port)}};
}

}  // namespace bw::train::distributed
