#pragma once
// What the harnesses share: most readers take a path, so each input is written to a file in a
// scratch directory of this process first (under /dev/shm when there is one: no disk per input).
#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <string>
#include <string_view>

namespace bw::fuzz {

// A directory private to this process, created on first use and removed at exit.
const std::filesystem::path& scratchDirectory();

// Writes `size` bytes to `name` under the scratch directory (replacing it); returns its path.
std::filesystem::path writeScratchFile(const std::string& name, const uint8_t* data, size_t size);
std::filesystem::path writeScratchFile(const std::string& name, std::string_view bytes);

// Empties the scratch directory (what a harness wrote for the last input).
void clearScratch();

// With BW_FUZZ_VERBOSE set, says how an input ended (to check what a seed reaches); silent otherwise.
void noteAccepted();
void noteRefused(const std::exception& error);

// A broken invariant: prints it and aborts, which libFuzzer and the replay report as a crash.
[[noreturn]] void invariantBroken(const std::string& what);

}  // namespace bw::fuzz
