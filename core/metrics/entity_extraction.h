#pragma once
// Entities (type, start, end) from one sentence of BIO-style tags, as the seqeval library finds
// them, so that entity-level scores match seqeval / Hugging Face `evaluate`'s "seqeval".
//
// A tag is "O", or a prefix letter alone ("B": type "_") or a prefix, '-' and a type ("B-PER",
// "I-NP-COORD": type "NP-COORD"). Anything else is an error.
//
// Default mode = seqeval's default (get_entities, conlleval-compatible). It ignores the scheme
// except that BMES's "M" is read as "I"; B, I, E, S and O are all accepted. Walking the tags with a
// trailing "O" appended, between the previous tag (prev, initially O) and the current one (cur):
//   a chunk ENDS before cur if  prev is E or S;
//                            or prev is B or I and cur is B, S or O;
//                            or prev is not O and the types differ (O's type is "_").
//   a chunk STARTS at cur if    cur is B or S;
//                            or prev is E, S or O and cur is I or E;
//                            or cur is not O and the types differ.
// So an I-X after O or after another type starts a new entity, and an entity ends when the type
// changes, at B-, S- or O, or after E-/S-.
//
// Strict mode = seqeval mode='strict' (seqeval.scheme.Tokens): only prefixes of the scheme are
// allowed (others are an error, as in seqeval), and only well-formed chunks count. With a trailing
// "O" appended: at position i, if the token is a START given the token before it, the chunk extends
// over following tokens while each is INSIDE given the one before; the chunk counts only if the
// token after it is an END given the chunk's last token. Scanning resumes after the chunk (counted
// or not). The patterns are (previous prefix, current prefix, types same/diff/any), transcribed
// from seqeval's scheme classes:
//   IOB2   start (*,B,any)        inside (B,I,same) (I,I,same)
//          end   (I,O,any) (I,I,diff) (I,B,any) (B,O,any) (B,I,diff) (B,B,any)
//   IOB1   start (O,I,any) (I,I,diff) (B,I,any) (I,B,same) (B,B,same)
//          inside (B,I,same) (I,I,same)
//          end   (I,I,diff) (I,O,any) (I,B,any) (B,O,any) (B,I,diff) (B,B,same)
//   IOE2   start (O,I,any) (O,E,any) (E,I,any) (E,E,any) (I,I,diff) (I,E,diff)
//          inside (I,E,same) (I,I,same)            end (E,*,any)
//   IOE1   start (O,I,any) (I,I,diff) (E,I,any) (E,E,same)
//          inside (I,I,same) (I,E,same)
//          end   (I,I,diff) (I,O,any) (I,E,diff) (E,I,same) (E,E,same)
//   IOBES  start (*,B,any) (*,S,any)   inside (B,I,same) (B,E,same) (I,I,same) (I,E,same)
//          end   (S,*,any) (E,*,any)
//   BMES   as IOBES with M in place of I (not in seqeval; B/M/E/S as in Chinese NER corpora)
// E.g. IOB2 strict drops an I-X that does not follow B-X/I-X; IOBES strict drops B-X I-X O (no E).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace bw::metrics {

enum class TagScheme { IOB1, IOB2, IOE1, IOE2, IOBES, BMES };
enum class EntityMode { Default, Strict };

struct EntityOptions {
    TagScheme scheme = TagScheme::IOB2;
    EntityMode mode = EntityMode::Default;
};

struct Entity {
    std::string type;
    size_t start = 0;  // first token
    size_t end = 0;    // one past the last token

    bool operator==(const Entity& o) const { return start == o.start && end == o.end && type == o.type; }
    bool operator!=(const Entity& o) const { return !(*this == o); }
    bool operator<(const Entity& o) const {
        if (start != o.start) return start < o.start;
        if (end != o.end) return end < o.end;
        return type < o.type;
    }
};

// The entities of one sentence in order of their start.
std::vector<Entity> extractEntities(const std::vector<std::string>& tags, const EntityOptions& options = {});

// "IOB1", "IOB2" (or "BIO"), "IOE1", "IOE2" (or "IOE"), "IOBES" (or "BIOES"), "BMES"; case-insensitive.
TagScheme tagSchemeFromName(std::string_view name);
const char* tagSchemeName(TagScheme scheme);

}  // namespace bw::metrics
