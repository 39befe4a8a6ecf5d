#include "core/text/bert_tokenizer.h"

#include "core/runtime/error.h"
#include "core/text/post_processor.h"
#include "core/text/tokenizer_files.h"
#include "core/text/unicode.h"

#include <algorithm>
#include <exception>
#include <thread>

namespace bw::text {
namespace {

// Per-thread work buffers: encoding a text allocates only its result.
struct Scratch {
    std::u32string raw;
    NormalizedText normalized;
    std::vector<WordSpan> words;
    std::vector<WordPiece::Piece> pieces;
    SequenceTokens first, second;
};

Scratch& scratch() {
    thread_local Scratch s;
    return s;
}

int32_t requireToken(const Vocab& vocab, const std::string& token, const char* role) {
    const auto id = vocab.id(token);
    if (!id) throw bw::Error(std::string("the vocabulary has no ") + role + " token '" + token + "'");
    return *id;
}

int32_t optionalToken(const Vocab& vocab, const std::string& token) {
    const auto id = vocab.id(token);
    return id ? *id : -1;
}

// tokenizers' decoders::wordpiece::cleanup, applied to each token.
void cleanup(std::string& s) {
    // In tokenizers' order.
    static const std::pair<std::string_view, std::string_view> kRules[] = {
        {" .", "."},   {" ?", "?"},          {" !", "!"},   {" ,", ","},     {" ' ", "'"},   {" n't", "n't"},
        {" 'm", "'m"}, {" do not", " don't"}, {" 's", "'s"}, {" 've", "'ve"}, {" 're", "'re"},
    };
    for (const auto& [from, to] : kRules) {
        for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
            s.replace(pos, from.size(), to);
    }
}

}  // namespace

BertTokenizer::BertTokenizer(Vocab vocab, TokenizerOptions options)
    : vocab_(std::move(vocab)), options_(std::move(options)) {
    unk_id_ = requireToken(vocab_, options_.unk_token, "unknown");
    cls_id_ = requireToken(vocab_, options_.cls_token, "classifier");
    sep_id_ = requireToken(vocab_, options_.sep_token, "separator");
    pad_id_ = optionalToken(vocab_, options_.pad_token);
    mask_id_ = optionalToken(vocab_, options_.mask_token);
    if (options_.max_input_chars_per_word <= 0) throw bw::Error("max_input_chars_per_word must be positive");

    NormalizerOptions n;
    n.clean_text = options_.clean_text;
    n.handle_chinese_chars = options_.tokenize_chinese_chars;
    n.lowercase = options_.do_lower_case;
    n.strip_accents = options_.strip_accents.value_or(options_.do_lower_case);
    normalizer_ = BertNormalizer(n);

    std::vector<std::pair<std::string, int32_t>> specials;
    for (int32_t id : {unk_id_, cls_id_, sep_id_, pad_id_, mask_id_})
        if (id >= 0) specials.emplace_back(vocab_.token(id), id);
    specials_ = SpecialTokenMatcher(specials);
    wordpiece_ = WordPiece(vocab_, unk_id_, options_.continuing_subword_prefix, options_.max_input_chars_per_word);
}

BertTokenizer BertTokenizer::fromVocabFile(const std::filesystem::path& vocab_txt, TokenizerOptions options) {
    Vocab vocab = Vocab::fromFile(vocab_txt);
    try {
        return BertTokenizer(std::move(vocab), std::move(options));
    } catch (const bw::Error& e) {
        throw bw::Error(vocab_txt.string() + ": " + e.what());
    }
}

BertTokenizer BertTokenizer::fromDirectory(const std::filesystem::path& dir) {
    TokenizerFiles files = readTokenizerDirectory(dir);
    try {
        return BertTokenizer(std::move(files.vocab), std::move(files.options));
    } catch (const bw::Error& e) {
        throw bw::Error(files.vocab_source.string() + ": " + e.what());
    }
}

BertTokenizer BertTokenizer::fromVocabulary(const std::filesystem::path& vocab_txt_or_dir) {
    std::error_code ec;
    if (std::filesystem::is_directory(vocab_txt_or_dir, ec)) return fromDirectory(vocab_txt_or_dir);
    TokenizerOptions options;
    const std::filesystem::path dir = vocab_txt_or_dir.parent_path();
    if (const auto map = dir / "special_tokens_map.json"; std::filesystem::exists(map, ec)) readSpecialTokensMap(map, options);
    if (const auto config = dir / "tokenizer_config.json"; std::filesystem::exists(config, ec)) readTokenizerConfig(config, options);
    return fromVocabFile(vocab_txt_or_dir, std::move(options));
}

void BertTokenizer::saveToDirectory(const std::filesystem::path& dir) const {
    writeTokenizerDirectory(dir, vocab_, options_);
}

bool BertTokenizer::isSpecial(int32_t id) const {
    return id >= 0 && (id == unk_id_ || id == cls_id_ || id == sep_id_ || id == pad_id_ || id == mask_id_);
}

void BertTokenizer::tokenizeSequence(std::string_view text, SequenceTokens& out) const {
    out.clear();
    std::u32string& raw = scratch().raw;
    raw.clear();
    decodeUtf8(text, raw);
    if (raw.size() > static_cast<size_t>(INT32_MAX))
        throw bw::Error("text too long to tokenize: over 2^31 characters");
    int32_t word = 0;
    size_t pos = 0;
    SpecialTokenMatcher::Match match;
    while (pos < raw.size()) {
        const bool found = specials_.next(raw, pos, match);
        const size_t end = found ? match.begin : raw.size();
        if (end > pos) appendSegment(std::u32string_view(raw).substr(pos, end - pos), pos, word, out);
        if (!found) break;
        out.ids.push_back(match.id);
        out.offsets.push_back({static_cast<int64_t>(match.begin), static_cast<int64_t>(match.end)});
        out.word_ids.push_back(word++);
        pos = match.end;
    }
}

void BertTokenizer::appendSegment(std::u32string_view raw, size_t first_index, int32_t& word,
                                  SequenceTokens& out) const {
    Scratch& s = scratch();
    s.normalized.clear();
    normalizer_.normalize(raw, static_cast<int32_t>(first_index), s.normalized);
    s.words.clear();
    splitWords(s.normalized.chars, 0, s.words);
    const std::u32string_view chars = s.normalized.chars;
    const std::vector<int32_t>& origins = s.normalized.origins;
    for (const WordSpan& w : s.words) {
        s.pieces.clear();
        wordpiece_.tokenize(chars.substr(w.begin, w.end - w.begin), s.pieces);
        for (const WordPiece::Piece& p : s.pieces) {
            out.ids.push_back(p.id);
            // A piece spans from the original of its first character to past that of its last.
            out.offsets.push_back({origins[w.begin + p.begin], int64_t{origins[w.begin + p.end - 1]} + 1});
            out.word_ids.push_back(word);
        }
        ++word;
    }
}

std::vector<std::string> BertTokenizer::tokenize(std::string_view text) const {
    SequenceTokens& tokens = scratch().first;
    tokenizeSequence(text, tokens);
    std::vector<std::string> out;
    out.reserve(tokens.size());
    for (int32_t id : tokens.ids) out.push_back(vocab_.token(id));
    return out;
}

Encoding BertTokenizer::encodeInput(std::string_view text, const std::string_view* pair,
                                    const EncodeOptions& options) const {
    Scratch& s = scratch();
    tokenizeSequence(text, s.first);
    if (pair) tokenizeSequence(*pair, s.second);
    Encoding e = buildEncoding(s.first, pair ? &s.second : nullptr, options, vocab_, {cls_id_, sep_id_});
    if (options.padding == Padding::MaxLength) {
        const int64_t length = options.max_length ? *options.max_length : options_.model_max_length;
        if (length == kNoModelMaxLength)
            throw bw::Error("padding to max_length needs max_length: the model sets no maximum length");
        padTo(e, roundUpToMultiple(static_cast<size_t>(length), options.pad_to_multiple_of));
    }
    return e;
}

void BertTokenizer::padTo(Encoding& encoding, size_t length) const {
    if (pad_id_ < 0) throw bw::Error("cannot pad: the vocabulary has no pad token '" + options_.pad_token + "'");
    padEncoding(encoding, length, pad_id_, options_.pad_token);
}

Encoding BertTokenizer::encode(std::string_view text, const EncodeOptions& options) const {
    Encoding e = encodeInput(text, nullptr, options);
    if (options.padding == Padding::Longest) padTo(e, roundUpToMultiple(e.size(), options.pad_to_multiple_of));
    return e;
}

Encoding BertTokenizer::encodePair(std::string_view text, std::string_view text_pair,
                                   const EncodeOptions& options) const {
    Encoding e = encodeInput(text, &text_pair, options);
    if (options.padding == Padding::Longest) padTo(e, roundUpToMultiple(e.size(), options.pad_to_multiple_of));
    return e;
}

std::vector<Encoding> BertTokenizer::encodeBatch(const std::vector<TextInput>& inputs, const EncodeOptions& options,
                                                 int threads) const {
    std::vector<Encoding> out(inputs.size());
    auto encodeRange = [&](size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) {
            const TextInput& in = inputs[i];
            std::string_view pair;
            if (in.text_pair) pair = *in.text_pair;
            out[i] = encodeInput(in.text, in.text_pair ? &pair : nullptr, options);
        }
    };

    size_t workers = threads > 0 ? static_cast<size_t>(threads) : std::max(1u, std::thread::hardware_concurrency());
    workers = std::min(workers, inputs.size());
    if (workers <= 1) {
        encodeRange(0, inputs.size());
    } else {
        // Contiguous chunks; the first failure in input order is the one reported, as sequentially.
        std::vector<std::exception_ptr> errors(workers);
        std::vector<std::thread> pool;
        const size_t chunk = (inputs.size() + workers - 1) / workers;
        for (size_t w = 0; w < workers; ++w) {
            const size_t begin = std::min(inputs.size(), w * chunk), end = std::min(inputs.size(), begin + chunk);
            pool.emplace_back([&, w, begin, end] {
                try {
                    encodeRange(begin, end);
                } catch (...) {
                    errors[w] = std::current_exception();
                }
            });
        }
        for (auto& t : pool) t.join();
        for (const auto& error : errors)
            if (error) std::rethrow_exception(error);
    }

    if (options.padding == Padding::Longest && !out.empty()) {
        size_t longest = 0;
        for (const Encoding& e : out) longest = std::max(longest, e.size());
        longest = roundUpToMultiple(longest, options.pad_to_multiple_of);
        for (Encoding& e : out) padTo(e, longest);
    }
    return out;
}

std::string BertTokenizer::decode(const std::vector<int32_t>& ids, bool skip_special_tokens) const {
    std::string text;
    const std::string& prefix = options_.continuing_subword_prefix;
    bool first = true;
    std::string piece;
    for (int32_t id : ids) {
        const std::string& token = vocab_.token(id);
        if (skip_special_tokens && isSpecial(id)) continue;
        if (first) {
            piece = token;  // the first token keeps a continuation prefix, as in tokenizers
        } else if (token.compare(0, prefix.size(), prefix) == 0) {
            piece.assign(token, prefix.size());
        } else {
            piece = " " + token;
        }
        if (options_.decoder_cleanup) cleanup(piece);
        text += piece;
        first = false;
    }
    return text;
}

}  // namespace bw::text
