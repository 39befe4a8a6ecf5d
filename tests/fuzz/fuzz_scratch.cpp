#include "fuzz_scratch.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <system_error>
#include <unistd.h>

namespace bw::fuzz {
namespace fs = std::filesystem;

namespace {

struct Scratch {
    fs::path dir;
    Scratch() {
        std::error_code ec;
        const fs::path base = fs::is_directory("/dev/shm", ec) && access("/dev/shm", W_OK) == 0
                                  ? fs::path("/dev/shm")
                                  : fs::temp_directory_path();
        std::string pattern = (base / "bertwork-fuzz-XXXXXX").string();
        if (!mkdtemp(pattern.data())) invariantBroken("cannot create a scratch directory under " + base.string());
        dir = pattern;
    }
    ~Scratch() {
        std::error_code ignored;
        fs::remove_all(dir, ignored);
    }
};

}  // namespace

const fs::path& scratchDirectory() {
    static const Scratch scratch;
    return scratch.dir;
}

fs::path writeScratchFile(const std::string& name, const uint8_t* data, size_t size) {
    return writeScratchFile(name, std::string_view(reinterpret_cast<const char*>(data), size));
}

fs::path writeScratchFile(const std::string& name, std::string_view bytes) {
    const fs::path path = scratchDirectory() / name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) invariantBroken("cannot write " + path.string());
    return path;
}

void clearScratch() {
    for (const auto& entry : fs::directory_iterator(scratchDirectory())) fs::remove_all(entry.path());
}

namespace {
bool verbose() {
    static const bool on = std::getenv("BW_FUZZ_VERBOSE") != nullptr;
    return on;
}
}  // namespace

void noteAccepted() {
    if (verbose()) std::fprintf(stderr, "  accepted\n");
}

void noteRefused(const std::exception& error) {
    if (verbose()) std::fprintf(stderr, "  refused: %s\n", error.what());
}

void invariantBroken(const std::string& what) {
    std::fprintf(stderr, "fuzz invariant broken: %s\n", what.c_str());
    std::abort();
}

}  // namespace bw::fuzz
