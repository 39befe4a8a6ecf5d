#pragma once
// A WordPiece vocabulary: token <-> id, loaded from vocab.txt (one token per line, id = line index).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bw::text {

class Vocab {
public:
    Vocab() = default;
    explicit Vocab(std::vector<std::string> tokens);

    // Throws bw::Error naming the file (and line) when it cannot be read or a line is not UTF-8.
    // A token listed twice maps to its last id, as in Hugging Face; each id keeps its own token.
    static Vocab fromFile(const std::filesystem::path& path);
    // Writes vocab.txt atomically (temporary file, then rename).
    void save(const std::filesystem::path& path) const;

    std::optional<int32_t> id(std::string_view token) const;
    const std::string& token(int32_t id) const;  // throws bw::Error when out of range
    bool contains(std::string_view token) const { return id(token).has_value(); }
    size_t size() const { return tokens_.size(); }
    const std::vector<std::string>& tokens() const { return tokens_; }

private:
    void index();  // rebuilds ids_ from tokens_

    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::vector<std::string> tokens_;
    std::unordered_map<std::string, int32_t, Hash, std::equal_to<>> ids_;
};

}  // namespace bw::text
