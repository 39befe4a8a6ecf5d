#include "core/data/content_hash.h"

#include "core/runtime/error.h"

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

namespace bw::data {

std::string contentHash(const std::filesystem::path& path) {
    struct FileCloser {
        void operator()(std::FILE* f) const { std::fclose(f); }
    };
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.string().c_str(), "rb"));
    if (!file) throw bw::Error(path.string() + ": cannot open: " + std::strerror(errno));

    constexpr uint64_t kOffsetBasis = 14695981039346656037ull;
    constexpr uint64_t kPrime = 1099511628211ull;
    uint64_t hash = kOffsetBasis;
    std::vector<unsigned char> chunk(1 << 20);
    size_t got = 0;
    while ((got = std::fread(chunk.data(), 1, chunk.size(), file.get())) > 0) {
        for (size_t i = 0; i < got; ++i) {
            hash ^= chunk[i];
            hash *= kPrime;
        }
    }
    if (std::ferror(file.get())) throw bw::Error(path.string() + ": read error: " + std::strerror(errno));

    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    return hex;
}

}  // namespace bw::data
