#pragma once
// The --threads setting of every command, torch-free so that bertwork-cli checks it without LibTorch.
#include <string>

namespace bw {

// A count (0: one per core) or "auto" (one per core at most, fewer while other processes keep cores
// busy; adaptive_threads.h).
struct ThreadSetting {
    int threads = 0;
    bool adaptive = false;
};

// "auto", "0", "4"...; anything else throws bw::Error saying what is accepted.
ThreadSetting parseThreadSetting(const std::string& text);

}  // namespace bw
