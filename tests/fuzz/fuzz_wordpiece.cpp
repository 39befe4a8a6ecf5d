// The WordPiece tokenizer on arbitrary bytes (core/text/bert_tokenizer), with the real bert-base
// vocabularies. The first byte picks the tokenizer settings, a pair, truncation with overflowing
// windows and padding; the rest is the text (a 0xFF byte, never UTF-8, splits a pair). Invalid UTF-8
// is a bw::Error. Otherwise every token's offsets lie within its own text, in order, and the
// parallel arrays of the encoding agree.
#include "core/runtime/error.h"
#include "core/text/bert_tokenizer.h"
#include "core/text/unicode.h"
#include "fuzz_scratch.h"

#include <cstring>
#include <memory>
#include <string>

using namespace bw::text;

namespace {

std::unique_ptr<BertTokenizer> makeTokenizer(const char* vocab, TokenizerOptions options) {
    return std::make_unique<BertTokenizer>(
        BertTokenizer::fromVocabFile(std::string(BW_FIXTURES_DIR) + "/vocab/" + vocab + "/vocab.txt", options));
}

// 0: bert-base-uncased; 1: its vocabulary without lower-casing; 2: bert-base-chinese; 3: uncased
// with no text cleaning, no CJK splitting, accents kept and short words.
const BertTokenizer& tokenizer(int variant) {
    static const std::unique_ptr<BertTokenizer> tokenizers[4] = {
        makeTokenizer("bert-base-uncased", {}),
        makeTokenizer("bert-base-uncased", [] { TokenizerOptions o; o.do_lower_case = false; return o; }()),
        makeTokenizer("bert-base-chinese", {}),
        makeTokenizer("bert-base-uncased", [] {
            TokenizerOptions o;
            o.clean_text = false;
            o.tokenize_chinese_chars = false;
            o.strip_accents = false;
            o.max_input_chars_per_word = 8;
            return o;
        }()),
    };
    return *tokenizers[variant];
}

[[noreturn]] void broken(const std::string& what, size_t token) {
    bw::fuzz::invariantBroken(what + " (token " + std::to_string(token) + ")");
}

void checkEncoding(const BertTokenizer& t, const Encoding& e, const int64_t lengths[2], bool pair,
                   std::optional<int> max_length) {
    const size_t n = e.ids.size();
    if (e.tokens.size() != n || e.type_ids.size() != n || e.attention_mask.size() != n ||
        e.special_tokens_mask.size() != n || e.offsets.size() != n || e.word_ids.size() != n ||
        e.sequence_ids.size() != n)
        bw::fuzz::invariantBroken("the arrays of an encoding differ in length");
    if (max_length && n > static_cast<size_t>(*max_length)) bw::fuzz::invariantBroken("longer than max_length");
    Offset last[2];
    int32_t last_word[2] = {-1, -1};
    bool padding = false;
    for (size_t i = 0; i < n; ++i) {
        if (e.ids[i] < 0 || static_cast<size_t>(e.ids[i]) >= t.vocab().size()) broken("id out of the vocabulary", i);
        if (e.tokens[i] != t.vocab().token(e.ids[i])) broken("token and id disagree", i);
        const int32_t s = e.sequence_ids[i];
        if (e.attention_mask[i] == 0) padding = true;
        else if (padding) broken("a real token after padding", i);
        if (s == -1) {
            if (!(e.offsets[i] == Offset{}) || e.word_ids[i] != -1) broken("an added token has offsets or a word", i);
            continue;
        }
        if (s != 0 && !(s == 1 && pair)) broken("unknown sequence id " + std::to_string(s), i);
        if (padding) broken("padding inside a sequence", i);
        const Offset& o = e.offsets[i];
        if (o.start < 0 || o.start > o.end || o.end > lengths[s])
            broken("offsets [" + std::to_string(o.start) + ", " + std::to_string(o.end) + ") outside a text of " +
                       std::to_string(lengths[s]) + " characters",
                   i);
        if (o.start < last[s].start || o.end < last[s].end) broken("offsets go backwards", i);
        if (e.word_ids[i] < last_word[s]) broken("word ids go backwards", i);
        last[s] = o;
        last_word[s] = e.word_ids[i];
    }
    for (const Encoding& window : e.overflowing) checkEncoding(t, window, lengths, pair, max_length);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 2) return 0;
    const uint8_t how = data[0], sizes = data[1];
    const BertTokenizer& t = tokenizer(how & 3);
    const bool pair = how & 4;
    EncodeOptions options;
    options.add_special_tokens = !(how & 0x80);
    if (how & 8) {
        options.max_length = 1 + (sizes & 15);
        options.stride = (sizes >> 4) & 3;
        options.truncation = static_cast<Truncation>((how >> 4) & 3);
        options.return_overflowing = how & 0x40;
    }
    if (sizes & 0x40) options.padding = (how & 8) ? Padding::MaxLength : Padding::Longest;
    if (sizes & 0x80) options.pad_to_multiple_of = 8;

    const std::string_view bytes(reinterpret_cast<const char*>(data + 2), size - 2);
    const size_t split = pair ? bytes.find('\xFF') : std::string_view::npos;
    const std::string_view text = bytes.substr(0, split);
    const std::string_view text_pair = split == std::string_view::npos ? std::string_view() : bytes.substr(split + 1);

    Encoding encoding;
    std::vector<std::string> pieces;
    try {
        encoding = pair ? t.encodePair(text, text_pair, options) : t.encode(text, options);
        pieces = t.tokenize(text);
    } catch (const bw::Error& e) {
        bw::fuzz::noteRefused(e);  // invalid UTF-8, or settings that do not fit (a stride as long as the window, ...)
        return 0;
    }
    const int64_t lengths[2] = {static_cast<int64_t>(decodeUtf8(text).size()),
                                static_cast<int64_t>(decodeUtf8(text_pair).size())};
    const bool exact_length = options.max_length && options.truncation != Truncation::None &&
                              options.pad_to_multiple_of == 0;
    checkEncoding(t, encoding, lengths, pair, exact_length ? options.max_length : std::nullopt);

    // Without special tokens or truncation, encode and tokenize are two roads to the same pieces.
    if (!pair && !options.add_special_tokens && !options.max_length && options.padding == Padding::None &&
        encoding.tokens != pieces)
        bw::fuzz::invariantBroken("encode and tokenize disagree");
    (void)t.decode(encoding.ids, how & 1);
    bw::fuzz::noteAccepted();
    return 0;
}
