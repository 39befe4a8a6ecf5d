#pragma once
// Shared by the tests: fixture paths (tests/fixtures), golden model copies, error capture.
#include "core/runtime/error.h"

#include <QString>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace bw::test {

inline std::filesystem::path fixture(const std::string& relative) {
    return std::filesystem::path(BW_FIXTURES_DIR) / relative;
}

inline nlohmann::json readJson(const std::filesystem::path& path) {
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}

// A copy of a golden model directory that keeps only one weights file, so a test knows which
// format it exercises.
inline std::filesystem::path copyWithOnlyWeights(const std::filesystem::path& golden_dir, const std::string& weights,
                                                 const std::filesystem::path& into) {
    namespace fs = std::filesystem;
    fs::create_directories(into);
    for (const auto& entry : fs::directory_iterator(golden_dir)) {
        const std::string name = entry.path().filename().string();
        const bool is_weights = name == "model.safetensors" || name == "pytorch_model.bin";
        if (is_weights && name != weights) continue;
        fs::copy_file(entry.path(), into / name, fs::copy_options::overwrite_existing);
        fs::permissions(into / name, fs::perms::owner_write, fs::perm_options::add);
    }
    return into;
}

// A file's bytes as they are; empty when it cannot be read.
inline std::string readBytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

// Writes `bytes` to `dir`/`name` as they are (no newline translation) and returns the path.
inline std::filesystem::path writeBytes(const std::filesystem::path& dir, const std::string& name, const std::string& bytes) {
    const std::filesystem::path path = dir / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

// Runs f and returns the bw::Error message it throws; anything else is reported as a failure text.
template <typename F>
std::string errorOf(F&& f) {
    try {
        f();
    } catch (const bw::Error& e) {
        return e.what();
    } catch (const std::exception& e) {
        return std::string("<not a bw::Error: ") + e.what() + ">";
    }
    return "<no error>";
}

}  // namespace bw::test
