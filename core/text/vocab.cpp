#include "core/text/vocab.h"

#include "core/runtime/error.h"
#include "core/runtime/atomic_file.h"
#include "core/text/unicode.h"

#include <fstream>
#include <sstream>

namespace bw::text {
// A token listed twice maps to its last id, as in BertTokenizer's load_vocab and tokenizers'
// WordPiece (the real bert-base-chinese vocab.txt lists "##0".."##9" twice); every id keeps its token.
void Vocab::index() {
    ids_.clear();
    ids_.reserve(tokens_.size());
    for (size_t i = 0; i < tokens_.size(); ++i) ids_.insert_or_assign(tokens_[i], static_cast<int32_t>(i));
}

Vocab::Vocab(std::vector<std::string> tokens) : tokens_(std::move(tokens)) {
    if (tokens_.size() > static_cast<size_t>(INT32_MAX)) throw bw::Error("vocabulary too large");
    for (size_t i = 0; i < tokens_.size(); ++i) {
        try {
            decodeUtf8(tokens_[i]);
        } catch (const bw::Error& e) {
            throw bw::Error("vocabulary token " + std::to_string(i) + ": " + e.what());
        }
    }
    index();
}

Vocab Vocab::fromFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw bw::Error(path.string() + ": cannot open vocabulary file");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();

    // One token per line, id = line index (as BertTokenizer's load_vocab); "\r\n" endings accepted.
    std::vector<std::string> tokens;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        size_t stop = end;
        if (stop > pos && text[stop - 1] == '\r') --stop;
        tokens.emplace_back(text, pos, stop - pos);
        pos = end + 1;
    }
    if (tokens.empty()) throw bw::Error(path.string() + ": the vocabulary is empty");
    for (size_t i = 0; i < tokens.size(); ++i) {
        try {
            decodeUtf8(tokens[i]);
        } catch (const bw::Error& e) {
            throw bw::Error(path.string() + ":" + std::to_string(i + 1) + ": " + e.what());
        }
    }
    Vocab vocab;
    vocab.tokens_ = std::move(tokens);
    vocab.index();
    return vocab;
}

void Vocab::save(const std::filesystem::path& path) const {
    std::string text;
    for (const auto& t : tokens_) {
        text += t;
        text += '\n';
    }
    writeFileAtomically(path, text);
}

std::optional<int32_t> Vocab::id(std::string_view token) const {
    // Heterogeneous unordered_map lookup is C++20; this path is not hot (WordPiece has its own trie).
    auto it = ids_.find(std::string(token));
    if (it == ids_.end()) return std::nullopt;
    return it->second;
}

const std::string& Vocab::token(int32_t id) const {
    if (id < 0 || static_cast<size_t>(id) >= tokens_.size())
        throw bw::Error("token id " + std::to_string(id) + " is outside the vocabulary (size " +
                        std::to_string(tokens_.size()) + ")");
    return tokens_[static_cast<size_t>(id)];
}

}  // namespace bw::text
