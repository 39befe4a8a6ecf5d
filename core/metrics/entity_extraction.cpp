#include "core/metrics/entity_extraction.h"

#include "core/runtime/error.h"

#include <array>
#include <cctype>
#include <cstdint>

namespace bw::metrics {

namespace {

// Prefix letters as bits, so a pattern can name a set of them.
enum Prefix : uint8_t { O = 1, B = 2, I = 4, E = 8, S = 16, M = 32, Any = O | B | I | E | S | M };

struct Token {
    uint8_t prefix = O;
    std::string_view type = "_";  // seqeval's type for O and untyped tags
};

enum class Types { Same, Diff, Any };

struct Pattern {
    uint8_t prev;
    uint8_t cur;
    Types types;
};

struct StrictScheme {
    uint8_t allowed;
    std::vector<Pattern> start, inside, end;
};

const StrictScheme& strictScheme(TagScheme scheme) {
    using T = Types;
    static const StrictScheme iob1{O | B | I,
                                   {{O, I, T::Any}, {I, I, T::Diff}, {B, I, T::Any}, {I, B, T::Same}, {B, B, T::Same}},
                                   {{B, I, T::Same}, {I, I, T::Same}},
                                   {{I, I, T::Diff}, {I, O, T::Any}, {I, B, T::Any}, {B, O, T::Any}, {B, I, T::Diff},
                                    {B, B, T::Same}}};
    static const StrictScheme iob2{O | B | I,
                                   {{Any, B, T::Any}},
                                   {{B, I, T::Same}, {I, I, T::Same}},
                                   {{I, O, T::Any}, {I, I, T::Diff}, {I, B, T::Any}, {B, O, T::Any}, {B, I, T::Diff},
                                    {B, B, T::Any}}};
    static const StrictScheme ioe1{O | I | E,
                                   {{O, I, T::Any}, {I, I, T::Diff}, {E, I, T::Any}, {E, E, T::Same}},
                                   {{I, I, T::Same}, {I, E, T::Same}},
                                   {{I, I, T::Diff}, {I, O, T::Any}, {I, E, T::Diff}, {E, I, T::Same},
                                    {E, E, T::Same}}};
    static const StrictScheme ioe2{O | I | E,
                                   {{O, I, T::Any}, {O, E, T::Any}, {E, I, T::Any}, {E, E, T::Any}, {I, I, T::Diff},
                                    {I, E, T::Diff}},
                                   {{I, E, T::Same}, {I, I, T::Same}},
                                   {{E, Any, T::Any}}};
    static const StrictScheme iobes{O | B | I | E | S,
                                    {{Any, B, T::Any}, {Any, S, T::Any}},
                                    {{B, I, T::Same}, {B, E, T::Same}, {I, I, T::Same}, {I, E, T::Same}},
                                    {{S, Any, T::Any}, {E, Any, T::Any}}};
    static const StrictScheme bmes{O | B | M | E | S,
                                   {{Any, B, T::Any}, {Any, S, T::Any}},
                                   {{B, M, T::Same}, {B, E, T::Same}, {M, M, T::Same}, {M, E, T::Same}},
                                   {{S, Any, T::Any}, {E, Any, T::Any}}};
    switch (scheme) {
        case TagScheme::IOB1: return iob1;
        case TagScheme::IOB2: return iob2;
        case TagScheme::IOE1: return ioe1;
        case TagScheme::IOE2: return ioe2;
        case TagScheme::IOBES: return iobes;
        case TagScheme::BMES: return bmes;
    }
    throw Error("entity extraction: unknown tag scheme");
}

std::string prefixList(uint8_t allowed) {
    static const std::array<std::pair<uint8_t, const char*>, 6> names{
        {{O, "O"}, {B, "B"}, {I, "I"}, {M, "M"}, {E, "E"}, {S, "S"}}};
    std::string s;
    for (const auto& [bit, name] : names)
        if (allowed & bit) s += (s.empty() ? "" : ", ") + std::string(name);
    return s;
}

uint8_t prefixOf(char c) {
    switch (c) {
        case 'B': return B;
        case 'I': return I;
        case 'E': return E;
        case 'S': return S;
        case 'M': return M;
        default: return 0;
    }
}

Token parseTag(const std::string& tag, size_t position, uint8_t allowed, TagScheme scheme) {
    const std::string where = "tag '" + tag + "' at position " + std::to_string(position);
    if (tag == "O") return Token{};
    const uint8_t prefix = tag.empty() ? 0 : prefixOf(tag[0]);
    const bool well_formed = prefix != 0 && (tag.size() == 1 || (tag.size() > 2 && tag[1] == '-'));
    if (!well_formed)
        throw Error("entity extraction: " + where + " is neither 'O' nor a prefix letter with an optional '-<type>'");
    if (!(allowed & prefix))
        throw Error("entity extraction: " + where + " has a prefix the " + tagSchemeName(scheme) +
                    " scheme does not allow (allowed: " + prefixList(allowed) + ")");
    Token t;
    t.prefix = prefix;
    if (tag.size() > 2) t.type = std::string_view(tag).substr(2);
    return t;
}

bool matches(const std::vector<Pattern>& patterns, const Token& prev, const Token& cur) {
    for (const auto& p : patterns) {
        if (!(p.prev & prev.prefix) || !(p.cur & cur.prefix)) continue;
        if (p.types == Types::Any || (p.types == Types::Same) == (prev.type == cur.type)) return true;
    }
    return false;
}

// seqeval get_entities; `tokens` ends with the appended O.
std::vector<Entity> defaultEntities(const std::vector<Token>& tokens) {
    std::vector<Entity> out;
    Token prev;
    size_t begin = 0;
    for (size_t i = 0; i < tokens.size(); ++i) {
        const Token& cur = tokens[i];
        const bool ends = (prev.prefix & (E | S)) || ((prev.prefix & (B | I)) && (cur.prefix & (B | S | O))) ||
                          (prev.prefix != O && prev.type != cur.type);
        const bool starts = (cur.prefix & (B | S)) || ((prev.prefix & (E | S | O)) && (cur.prefix & (I | E))) ||
                            (cur.prefix != O && prev.type != cur.type);
        if (ends) out.push_back(Entity{std::string(prev.type), begin, i});
        if (starts) begin = i;
        prev = cur;
    }
    return out;
}

// seqeval Tokens.entities; `tokens` ends with the appended O, which is never INSIDE in any scheme.
std::vector<Entity> strictEntities(const std::vector<Token>& tokens, const StrictScheme& scheme) {
    std::vector<Entity> out;
    const Token outside;
    size_t i = 0;
    while (i < tokens.size()) {
        const Token& prev = i == 0 ? outside : tokens[i - 1];
        if (!matches(scheme.start, prev, tokens[i])) {
            ++i;
            continue;
        }
        size_t next = i + 1;
        while (next < tokens.size() && matches(scheme.inside, tokens[next - 1], tokens[next])) ++next;
        if (next < tokens.size() && matches(scheme.end, tokens[next - 1], tokens[next]))
            out.push_back(Entity{std::string(tokens[i].type), i, next});
        i = next;
    }
    return out;
}

}  // namespace

std::vector<Entity> extractEntities(const std::vector<std::string>& tags, const EntityOptions& options) {
    const bool strict = options.mode == EntityMode::Strict;
    uint8_t allowed = O | B | I | E | S;
    if (options.scheme == TagScheme::BMES) allowed |= M;
    if (strict) allowed = strictScheme(options.scheme).allowed;

    std::vector<Token> tokens;
    tokens.reserve(tags.size() + 1);
    for (size_t i = 0; i < tags.size(); ++i) {
        Token t = parseTag(tags[i], i, allowed, options.scheme);
        if (!strict && t.prefix == M) t.prefix = I;  // default mode reads BMES like BIOES
        tokens.push_back(t);
    }
    tokens.push_back(Token{});  // the trailing O that closes a chunk running to the end
    return strict ? strictEntities(tokens, strictScheme(options.scheme)) : defaultEntities(tokens);
}

TagScheme tagSchemeFromName(std::string_view name) {
    std::string upper;
    for (char c : name) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (upper == "IOB1") return TagScheme::IOB1;
    if (upper == "IOB2" || upper == "BIO") return TagScheme::IOB2;
    if (upper == "IOE1") return TagScheme::IOE1;
    if (upper == "IOE2" || upper == "IOE") return TagScheme::IOE2;
    if (upper == "IOBES" || upper == "BIOES") return TagScheme::IOBES;
    if (upper == "BMES") return TagScheme::BMES;
    throw Error("unknown tag scheme '" + std::string(name) +
                "'; choose IOB1, IOB2 (BIO), IOE1, IOE2 (IOE), IOBES (BIOES) or BMES");
}

const char* tagSchemeName(TagScheme scheme) {
    switch (scheme) {
        case TagScheme::IOB1: return "IOB1";
        case TagScheme::IOB2: return "IOB2";
        case TagScheme::IOE1: return "IOE1";
        case TagScheme::IOE2: return "IOE2";
        case TagScheme::IOBES: return "IOBES";
        case TagScheme::BMES: return "BMES";
    }
    return "?";
}

}  // namespace bw::metrics
