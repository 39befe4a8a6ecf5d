#include "core/runtime/resource_paths.h"

#include "core/runtime/version.h"

#include <cstdlib>
#include <system_error>
#include <vector>

namespace bw {

std::optional<std::filesystem::path> findResource(const std::filesystem::path& relative) {
    namespace fs = std::filesystem;
    std::vector<fs::path> roots;
    if (const char* env = std::getenv("BERTWORK_RESOURCES"); env && *env) roots.emplace_back(env);
    std::error_code error;
    const fs::path executable = fs::read_symlink("/proc/self/exe", error);
    if (!error) roots.push_back(executable.parent_path() / ".." / "share" / "bertwork" / "resources");
    roots.push_back(fs::path(BERTWORK_SOURCE_DIR) / "resources");
    for (const fs::path& root : roots) {
        const fs::path candidate = root / relative;
        if (fs::exists(candidate, error)) return candidate.lexically_normal();
    }
    return std::nullopt;
}

}  // namespace bw
