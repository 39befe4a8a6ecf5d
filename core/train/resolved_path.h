#pragma once
// Paths compared as this machine resolves them: "runs/a/./checkpoint-8", a link to it, a trailing
// "/", whether or not the folder exists yet. Used where a path given by the user is matched against
// the paths the store keeps (which run made a model, whose folder an output directory is).
#include <algorithm>
#include <filesystem>
#include <system_error>

namespace bw::train {

inline std::filesystem::path resolvedPath(const std::filesystem::path& path) {
    std::error_code ec;
    std::filesystem::path resolved = std::filesystem::weakly_canonical(path, ec);
    if (ec || resolved.empty()) resolved = std::filesystem::absolute(path, ec).lexically_normal();
    return resolved.has_filename() ? resolved : resolved.parent_path();  // "a/b/" is "a/b"
}

// `inner` is `outer` or lies somewhere below it.
inline bool liesWithin(const std::filesystem::path& inner, const std::filesystem::path& outer) {
    const std::filesystem::path a = resolvedPath(inner), b = resolvedPath(outer);
    return std::mismatch(b.begin(), b.end(), a.begin(), a.end()).first == b.end();
}

}  // namespace bw::train
