#include "core/data/content_hash.h"

#include "core/runtime/error.h"

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

namespace bw::data {
namespace {

constexpr uint64_t kPrime = 1099511628211ull;

uint64_t continueHash(uint64_t hash, std::string_view bytes) {
    for (const char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= kPrime;
    }
    return hash;
}

// Fields end with a byte that UTF-8 text never holds, so "ab" + "c" never hashes as "a" + "bc".
uint64_t continueField(uint64_t hash, std::string_view bytes) { return continueHash(continueHash(hash, bytes), "\xff"); }

}  // namespace

uint64_t continueRowsHash(uint64_t hash, const Example& row) {
    hash = continueField(hash, row.text);
    hash = continueField(hash, row.text_pair ? "1" + *row.text_pair : std::string("0"));  // none differs from ""
    hash = continueField(hash, row.label);
    for (const std::string& word : row.words) hash = continueField(hash, word);
    hash = continueField(hash, "\xfe");  // the words end: ["a"], ["b"] differs from ["a", "b"], []
    for (const std::string& tag : row.tags) hash = continueField(hash, tag);
    hash = continueField(hash, "\xfe");
    return continueField(hash, std::to_string(row.document));
}

std::string hashText(uint64_t hash) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    return hex;
}

std::optional<uint64_t> parseHashText(const std::string& text) {
    if (text.size() != 16 || text.find_first_not_of("0123456789abcdef") != std::string::npos) return std::nullopt;
    return std::stoull(text, nullptr, 16);
}

std::string contentHash(const std::filesystem::path& path) {
    struct FileCloser {
        void operator()(std::FILE* f) const { std::fclose(f); }
    };
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.string().c_str(), "rb"));
    if (!file) throw bw::Error(path.string() + ": cannot open: " + std::strerror(errno));

    uint64_t hash = kRowsHashStart;  // the same FNV-1a offset basis
    std::vector<unsigned char> chunk(1 << 20);
    size_t got = 0;
    while ((got = std::fread(chunk.data(), 1, chunk.size(), file.get())) > 0) {
        for (size_t i = 0; i < got; ++i) {
            hash ^= chunk[i];
            hash *= kPrime;
        }
    }
    if (std::ferror(file.get())) throw bw::Error(path.string() + ": read error: " + std::strerror(errno));

    return hashText(hash);
}

}  // namespace bw::data
