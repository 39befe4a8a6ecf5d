#include "core/text/wordpiece_trainer.h"

#include "core/text/unicode.h"

#include <algorithm>
#include <chrono>
#include <queue>
#include <unordered_map>

namespace bw::text {
namespace {

// Stands for a character left out of the alphabet: no pair reaches across it.
constexpr uint32_t kGap = UINT32_MAX;

using PairKey = uint64_t;  // (left id << 32) | right id: ordering keys orders pairs by ids
PairKey pairKey(uint32_t left, uint32_t right) { return (static_cast<uint64_t>(left) << 32) | right; }
uint32_t leftOf(PairKey key) { return static_cast<uint32_t>(key >> 32); }
uint32_t rightOf(PairKey key) { return static_cast<uint32_t>(key); }

// The tokens learnt so far, in id order.
class TokenList {
public:
    uint32_t add(const std::string& token) {
        const auto [it, inserted] = ids_.try_emplace(token, static_cast<uint32_t>(tokens_.size()));
        if (inserted) tokens_.push_back(token);
        return it->second;
    }
    const std::string& token(uint32_t id) const { return tokens_[id]; }
    size_t size() const { return tokens_.size(); }
    std::vector<std::string> release() { return std::move(tokens_); }

private:
    std::vector<std::string> tokens_;
    std::unordered_map<std::string, uint32_t> ids_;
};

struct CharStats {
    uint64_t count = 0;
    bool inside_word = false;  // seen after a word's first character: needs a "##" form
};

// The alphabet: every character, or the `limit` most frequent (ties: the smaller code point), in
// code point order.
std::vector<char32_t> chooseAlphabet(const std::unordered_map<char32_t, CharStats>& chars, size_t limit) {
    std::vector<std::pair<char32_t, uint64_t>> ranked;
    ranked.reserve(chars.size());
    for (const auto& [c, stats] : chars) ranked.emplace_back(c, stats.count);
    if (limit > 0 && ranked.size() > limit) {
        std::sort(ranked.begin(), ranked.end(),
                  [](const auto& x, const auto& y) { return x.second != y.second ? x.second > y.second : x.first < y.first; });
        ranked.resize(limit);
    }
    std::vector<char32_t> alphabet;
    for (const auto& entry : ranked) alphabet.push_back(entry.first);
    std::sort(alphabet.begin(), alphabet.end());
    return alphabet;
}


// Every distinct word as a sequence of piece ids, and the index of which adjacent pairs occur how
// often and where. A merge updates only the words that hold the merged pair, and the pair counts
// around each merged occurrence (as tokenizers' BPE trainer does), never recounting the corpus.
class PairMerger {
public:
    PairMerger(TokenList& tokens, std::string prefix) : tokens_(tokens), prefix_(std::move(prefix)) {}

    void addWord(const std::vector<uint32_t>& pieces, uint64_t count) {
        if (pieces.size() < 2) return;  // a single piece never takes part in a merge
        const auto word = static_cast<uint32_t>(counts_.size());
        offsets_.push_back(symbols_.size());
        lengths_.push_back(static_cast<uint32_t>(pieces.size()));
        counts_.push_back(static_cast<int64_t>(count));
        symbols_.insert(symbols_.end(), pieces.begin(), pieces.end());
        for (size_t i = 0; i + 1 < pieces.size(); ++i)
            if (pieces[i] != kGap && pieces[i + 1] != kGap) note(pairKey(pieces[i], pieces[i + 1]), count, word);
    }

    // Merges until the vocabulary reaches `vocab_size` or the best pair occurs < min_frequency
    // times. Returns the number of merges.
    size_t run(const WordPieceTrainerOptions& options) {
        visited_.assign(counts_.size(), 0);
        for (const auto& [key, stats] : pairs_)
            if (stats.count > 0) queue_.push({stats.count, key});
        const int64_t min_count = std::max<int64_t>(1, static_cast<int64_t>(options.min_frequency));
        if (options.progress) options.progress({TrainingStage::Merging, tokens_.size(), options.vocab_size});
        auto last_report = std::chrono::steady_clock::now();
        size_t merges = 0;
        while (tokens_.size() < options.vocab_size && !queue_.empty()) {
            const Candidate top = queue_.top();
            queue_.pop();
            const auto it = pairs_.find(top.key);
            if (it == pairs_.end()) continue;  // merged already
            if (it->second.count != top.count) {
                // Fell since it was queued: queue it again. (Rose: a newer entry holds the count.)
                if (it->second.count < top.count && it->second.count > 0) queue_.push({it->second.count, top.key});
                continue;
            }
            if (top.count < min_count) break;
            merge(top.key, it);
            ++merges;
            if (options.cancel && *options.cancel) throw TrainingCancelled();
            if (options.progress && (merges & 63) == 0) {
                const auto now = std::chrono::steady_clock::now();
                if (now - last_report > std::chrono::milliseconds(100)) {
                    last_report = now;
                    options.progress({TrainingStage::Merging, tokens_.size(), options.vocab_size});
                }
            }
        }
        return merges;
    }

private:
    struct PairStats {
        int64_t count = 0;            // occurrences, each word counted as often as it occurs
        std::vector<uint32_t> words;  // words that hold (or once held) the pair, each once or more
    };
    struct Candidate {
        int64_t count;
        PairKey key;
        // The queue's top: the highest count, then the pair with the smaller ids (tokenizers' rule).
        bool operator<(const Candidate& o) const { return count != o.count ? count < o.count : key > o.key; }
    };

    void note(PairKey key, int64_t delta, uint32_t word) {
        PairStats& stats = pairs_[key];
        stats.count += delta;
        if (delta > 0) {
            if (stats.words.empty() || stats.words.back() != word) stats.words.push_back(word);
            grown_.push_back(key);
        }
    }

    void merge(PairKey key, std::unordered_map<PairKey, PairStats>::iterator it) {
        const uint32_t left = leftOf(key), right = rightOf(key);
        std::string_view tail = tokens_.token(right);
        if (tail.substr(0, prefix_.size()) == prefix_) tail.remove_prefix(prefix_.size());
        const uint32_t merged = tokens_.add(tokens_.token(left) + std::string(tail));

        const std::vector<uint32_t> words = std::move(it->second.words);
        pairs_.erase(it);
        ++stamp_;
        grown_.clear();
        for (uint32_t word : words) {
            if (visited_[word] == stamp_) continue;
            visited_[word] = stamp_;
            mergeInWord(word, left, right, merged, key);
        }
        // Pairs whose count rose go into the queue with their new count; those whose count fell
        // are fixed when they come to the top.
        std::sort(grown_.begin(), grown_.end());
        grown_.erase(std::unique(grown_.begin(), grown_.end()), grown_.end());
        for (PairKey k : grown_) {
            const auto found = pairs_.find(k);
            if (found != pairs_.end() && found->second.count > 0) queue_.push({found->second.count, k});
        }
    }

    // Replaces each (left, right) of the word by `merged`, left to right, and moves the counts of
    // the neighbouring pairs: (before, left) becomes (before, merged), (right, after) becomes
    // (merged, after).
    void mergeInWord(uint32_t word, uint32_t left, uint32_t right, uint32_t merged, PairKey merged_key) {
        uint32_t* s = symbols_.data() + offsets_[word];
        const uint32_t length = lengths_[word];
        const int64_t count = counts_[word];
        auto change = [&](uint32_t a, uint32_t b, int64_t delta) {
            const PairKey k = pairKey(a, b);
            if (k != merged_key) note(k, delta, word);
        };
        uint32_t out = 0;
        for (uint32_t in = 0; in < length;) {
            if (in + 1 < length && s[in] == left && s[in + 1] == right) {
                if (out > 0 && s[out - 1] != kGap) {
                    change(s[out - 1], left, -count);
                    change(s[out - 1], merged, count);
                }
                if (in + 2 < length && s[in + 2] != kGap) {
                    change(right, s[in + 2], -count);
                    change(merged, s[in + 2], count);
                }
                s[out++] = merged;
                in += 2;
            } else {
                s[out++] = s[in++];
            }
        }
        lengths_[word] = out;
    }

    TokenList& tokens_;
    std::string prefix_;
    std::vector<uint32_t> symbols_;  // every word's pieces, one after another
    std::vector<size_t> offsets_;
    std::vector<uint32_t> lengths_;
    std::vector<int64_t> counts_;
    std::unordered_map<PairKey, PairStats> pairs_;
    std::priority_queue<Candidate> queue_;
    std::vector<uint32_t> visited_;  // the merge that last visited each word
    uint32_t stamp_ = 0;
    std::vector<PairKey> grown_;
};

}  // namespace

TrainedVocabulary trainWordPieceFromCounts(const WordCounts& words, const WordPieceTrainerOptions& options) {
    checkTrainerOptions(options);
    if (words.empty()) throw bw::Error("the corpus has no words to learn from");
    TrainedVocabulary result;
    result.distinct_words = words.size();

    TokenList tokens;
    for (const std::string& special : options.special_tokens) tokens.add(special);
    const size_t specials = tokens.size();

    std::unordered_map<char32_t, CharStats> chars;
    std::u32string decoded;
    for (const auto& [word, count] : words) {
        decoded.clear();
        decodeUtf8(word, decoded);
        for (size_t i = 0; i < decoded.size(); ++i) {
            CharStats& stats = chars[decoded[i]];
            stats.count += count;
            stats.inside_word = stats.inside_word || i > 0;
        }
    }
    const std::vector<char32_t> alphabet = chooseAlphabet(chars, options.limit_alphabet);
    const auto continued = static_cast<size_t>(
        std::count_if(alphabet.begin(), alphabet.end(), [&](char32_t c) { return chars.at(c).inside_word; }));
    if (specials + alphabet.size() + continued > options.vocab_size)
        throw bw::Error("a vocabulary size of " + std::to_string(options.vocab_size) + " is too small: the " +
                        std::to_string(specials) + " special tokens and the " + std::to_string(alphabet.size()) +
                        " characters of the alphabet (" + std::to_string(continued) + " of them also as '" +
                        options.continuing_subword_prefix + "' pieces) already take " +
                        std::to_string(specials + alphabet.size() + continued) +
                        "; raise the vocabulary size or lower the alphabet limit");
    result.alphabet = alphabet.size();
    result.characters_seen = chars.size();
    for (const auto& [c, stats] : chars) result.character_occurrences += stats.count;
    result.occurrences_left_out = result.character_occurrences;
    for (char32_t c : alphabet) result.occurrences_left_out -= chars.at(c).count;

    // Ids: the characters, then their "##" forms, both in code point order.
    std::unordered_map<char32_t, std::pair<uint32_t, uint32_t>> ids;  // character -> (first, continuing)
    std::string utf8;
    for (char32_t c : alphabet) {
        utf8.clear();
        appendUtf8(c, utf8);
        ids[c].first = tokens.add(utf8);
    }
    for (char32_t c : alphabet) {
        utf8 = options.continuing_subword_prefix;
        appendUtf8(c, utf8);
        ids[c].second = chars.at(c).inside_word ? tokens.add(utf8) : kGap;
    }

    PairMerger merger(tokens, options.continuing_subword_prefix);
    std::vector<uint32_t> pieces;
    for (const auto& [word, count] : words) {
        decoded.clear();
        decodeUtf8(word, decoded);
        pieces.clear();
        for (size_t i = 0; i < decoded.size(); ++i) {
            const auto found = ids.find(decoded[i]);
            pieces.push_back(found == ids.end() ? kGap : i == 0 ? found->second.first : found->second.second);
        }
        merger.addWord(pieces, count);
    }
    result.merges = merger.run(options);
    if (options.progress) options.progress({TrainingStage::Merging, tokens.size(), tokens.size()});

    result.vocab = Vocab(tokens.release());
    result.tokenizer.do_lower_case = options.lowercase;
    result.tokenizer.strip_accents = options.strip_accents;
    result.tokenizer.continuing_subword_prefix = options.continuing_subword_prefix;
    return result;
}

void checkTrainerOptions(const WordPieceTrainerOptions& options) {
    if (options.vocab_size == 0) throw bw::Error("the vocabulary size must be positive");
    if (options.continuing_subword_prefix.empty()) throw bw::Error("the continuing-subword prefix must not be empty");
    for (const std::string& token : options.special_tokens) {
        if (token.empty()) throw bw::Error("a special token is empty");
        std::u32string chars;
        try {
            decodeUtf8(token, chars);
        } catch (const bw::Error& e) {
            throw bw::Error("special token '" + token + "': " + e.what());
        }
        if (std::any_of(chars.begin(), chars.end(), [](char32_t c) { return isWhitespace(c) || isControl(c); }))
            throw bw::Error("special token '" + token + "' contains a space or a control character");
    }
    const TokenizerOptions defaults;
    for (const std::string* needed : {&defaults.unk_token, &defaults.cls_token, &defaults.sep_token}) {
        if (std::find(options.special_tokens.begin(), options.special_tokens.end(), *needed) == options.special_tokens.end())
            throw bw::Error("the special tokens must include " + *needed + " (BERT's tokenizer needs " +
                            defaults.unk_token + ", " + defaults.cls_token + " and " + defaults.sep_token + ")");
    }
}

WordCountOptions wordCountOptionsOf(const WordPieceTrainerOptions& options) {
    WordCountOptions counting;
    counting.normalizer.lowercase = options.lowercase;
    counting.normalizer.strip_accents = options.strip_accents.value_or(options.lowercase);
    counting.threads = options.threads;
    counting.cancel = options.cancel;
    counting.progress = options.progress;
    return counting;
}

TrainedVocabulary trainWordPiece(const std::vector<std::filesystem::path>& corpus,
                                 const WordPieceTrainerOptions& options) {
    checkTrainerOptions(options);  // before reading 100 MB, not after
    const CorpusWords words = countCorpusWords(corpus, wordCountOptionsOf(options));
    if (words.words == 0) {  // named here: the dialog shows this line alone
        std::string names;
        for (const std::filesystem::path& file : corpus) names += (names.empty() ? "" : ", ") + file.string();
        throw bw::Error(names + ": no words to learn from (" + std::to_string(words.lines) + " lines, " +
                        std::to_string(words.bytes) + " bytes, only spaces or nothing)");
    }
    TrainedVocabulary result = trainWordPieceFromCounts(words.counts, options);
    result.corpus_bytes = words.bytes;
    result.corpus_lines = words.lines;
    result.corpus_words = words.words;
    return result;
}

}  // namespace bw::text
