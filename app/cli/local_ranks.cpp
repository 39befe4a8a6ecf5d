#include "app/cli/local_ranks.h"

#include "core/runtime/error.h"
#include "core/train/distributed/launch_environment.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

namespace bw::cli {
namespace {

namespace dist = train::distributed;

// This process's own arguments, as the kernel has them.
std::vector<std::string> ownArguments() {
    std::ifstream in("/proc/self/cmdline", std::ios::binary);
    const std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<std::string> args;
    for (size_t start = 0; start < all.size();) {
        const size_t end = all.find('\0', start);
        args.push_back(all.substr(start, end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return args;
}

// The arguments for a rank: --nproc-per-node dropped, and --threads set to the rank's share of the
// cores unless given (N ranks each using every core would fight over them).
std::vector<std::string> rankArguments(int ranks) {
    std::vector<std::string> args = ownArguments(), kept;
    bool threads_given = false;
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--nproc-per-node") {
            ++i;
            continue;
        }
        if (args[i].rfind("--nproc-per-node=", 0) == 0) continue;
        threads_given = threads_given || args[i] == "--threads" || args[i].rfind("--threads=", 0) == 0;
        kept.push_back(args[i]);
    }
    if (!threads_given && !kept.empty()) {
        const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
        kept.insert(kept.begin() + 1, "--threads=" + std::to_string(std::max(1, cores / ranks)));
    }
    return kept;
}

// A port nothing listens on now: the kernel's pick for a socket bound to port 0 on the loopback.
uint16_t freeLoopbackPort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) throw Error(std::string("cannot find a free port for the ranks' rendezvous: ") + std::strerror(errno));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
                    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
    const int error = errno;
    ::close(fd);
    if (!ok) throw Error(std::string("cannot find a free port for the ranks' rendezvous: ") + std::strerror(error));
    return ntohs(address.sin_port);
}

std::vector<pid_t> children;  // for the SIGTERM handler
void forwardTermination(int signal) {
    for (pid_t child : children)
        if (child > 0) ::kill(child, signal);
}

std::string describeEnd(int status) {
    if (WIFSIGNALED(status)) return std::string("was killed by signal ") + std::to_string(WTERMSIG(status));
    return "exited with status " + std::to_string(WEXITSTATUS(status));
}

}  // namespace

bool isRankZero() {
    try {
        const auto environment = dist::launchEnvironment();
        return !environment || environment->isLeader();
    } catch (const Error&) {
        return true;  // the training command reports the bad environment
    }
}

void runLocalRanks(int ranks) {
    if (ranks < 1) throw Error("--nproc-per-node must be at least 1");
    if (std::getenv("RANK") || std::getenv("WORLD_SIZE"))
        throw Error("--nproc-per-node starts the ranks itself, but this process already is a rank of a job "
                    "(RANK or WORLD_SIZE is set, as torchrun sets them): use one or the other");
    const std::vector<std::string> args = rankArguments(ranks);
    const uint16_t port = freeLoopbackPort();
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);

    children.assign(static_cast<size_t>(ranks), 0);
    std::signal(SIGINT, SIG_IGN);  // Ctrl-C reaches the ranks themselves: they stop together and save
    std::signal(SIGTERM, forwardTermination);
    std::fflush(nullptr);
    for (int rank = 0; rank < ranks; ++rank) {
        const pid_t pid = ::fork();
        if (pid < 0) {
            forwardTermination(SIGKILL);
            throw Error(std::string("cannot start rank ") + std::to_string(rank) + ": " + std::strerror(errno));
        }
        if (pid == 0) {
            std::signal(SIGINT, SIG_DFL);
            std::signal(SIGTERM, SIG_DFL);
            // A launcher killed outright takes its ranks along: they stop together and save, as on Ctrl-C.
            ::prctl(PR_SET_PDEATHSIG, SIGTERM);
            for (const auto& [name, value] : dist::localRankVariables(rank, ranks, port)) ::setenv(name.c_str(), value.c_str(), 1);
            ::execv("/proc/self/exe", argv.data());
            std::fprintf(stderr, "bertwork-cli: error: cannot start rank %d: %s\n", rank, std::strerror(errno));
            ::_exit(127);
        }
        children[static_cast<size_t>(rank)] = pid;
    }

    // Wait for all; once one has failed, the others get the collective timeout and a grace period.
    using Clock = std::chrono::steady_clock;
    std::string failure;
    Clock::time_point deadline = Clock::time_point::max();
    size_t running = children.size();
    while (running > 0) {
        int status = 0;
        const pid_t pid = ::waitpid(-1, &status, WNOHANG);
        if (pid > 0) {
            const auto it = std::find(children.begin(), children.end(), pid);
            if (it == children.end()) continue;
            const long rank = it - children.begin();
            *it = 0;
            --running;
            if (!(WIFEXITED(status) && WEXITSTATUS(status) == 0) && failure.empty()) {
                failure = "rank " + std::to_string(rank) + " of " + std::to_string(ranks) + " " + describeEnd(status);
                const char* timeout = std::getenv("BERTWORK_DDP_TIMEOUT_SECONDS");
                const int seconds = (timeout && std::atoi(timeout) > 0 ? std::atoi(timeout) : 60) + 30;
                deadline = Clock::now() + std::chrono::seconds(seconds);
            }
            continue;
        }
        if (Clock::now() > deadline) forwardTermination(SIGKILL);
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (!failure.empty()) throw Error(failure);
}

}  // namespace bw::cli
