#pragma once
// Hugging Face BertTokenizer / BertTokenizerFast with the BERT normalizer: clean text, isolate CJK
// ideographs, lower-case + strip accents, split on whitespace and punctuation, keep special tokens
// whole, then WordPiece (greedy longest-match-first, "##" continuation, long words -> [UNK]).
#include "core/text/encoding.h"
#include "core/text/normalizer.h"
#include "core/text/pre_tokenizer.h"
#include "core/text/vocab.h"
#include "core/text/wordpiece.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bw::text {

struct SequenceTokens;  // post_processor.h

struct TokenizerOptions {
    bool do_lower_case = true;
    std::optional<bool> strip_accents;  // unset: follows do_lower_case (Hugging Face default)
    bool tokenize_chinese_chars = true;
    bool clean_text = true;
    int max_input_chars_per_word = 100;
    std::string continuing_subword_prefix = "##";
    std::string unk_token = "[UNK]";
    std::string sep_token = "[SEP]";
    std::string pad_token = "[PAD]";
    std::string cls_token = "[CLS]";
    std::string mask_token = "[MASK]";
    int64_t model_max_length = 512;         // kNoModelMaxLength when the model sets no limit
    bool decoder_cleanup = true;            // tokenizers' WordPiece decoder "cleanup" (see decode)
};

// transformers writes int(1e30) as model_max_length of a tokenizer with no limit.
inline constexpr int64_t kNoModelMaxLength = INT64_MAX;

enum class Truncation { None, LongestFirst, OnlyFirst, OnlySecond };
enum class Padding { None, Longest, MaxLength };

struct EncodeOptions {
    bool add_special_tokens = true;
    std::optional<int> max_length;          // unset: no truncation
    Truncation truncation = Truncation::LongestFirst;  // used when max_length is set
    int stride = 0;                         // overlap between overflowing windows
    bool return_overflowing = false;        // fill Encoding::overflowing with the further windows
    Padding padding = Padding::None;        // Longest: to the longest of a batch; MaxLength: to max_length
                                            // (model_max_length when unset)
    int pad_to_multiple_of = 0;
};

struct TextInput {
    std::string text;
    std::optional<std::string> text_pair;
};

// Immutable once built: every const method may run on several threads at once.
class BertTokenizer {
public:
    // Throws bw::Error when the vocabulary lacks [UNK], [CLS], [SEP] (or the configured names).
    BertTokenizer(Vocab vocab, TokenizerOptions options);

    static BertTokenizer fromVocabFile(const std::filesystem::path& vocab_txt, TokenizerOptions options = {});
    // A Hugging Face directory: vocab.txt plus tokenizer_config.json, special_tokens_map.json and
    // tokenizer.json where present. tokenizer.json's normalizer, WordPiece settings and vocabulary win
    // over the other files (transformers' BertTokenizerFast would instead rebuild the normalizer where
    // tokenizer_config.json disagrees). Throws bw::Error naming the file and the problem.
    static BertTokenizer fromDirectory(const std::filesystem::path& dir);
    // What a model from scratch reads with: a tokenizer directory, or a vocab.txt with the settings
    // of the tokenizer_config.json and special_tokens_map.json beside it (so a cased vocabulary that
    // `train-tokenizer --no-lower-case` wrote is not lower-cased); a lone vocab.txt gets BERT's
    // defaults (uncased).
    static BertTokenizer fromVocabulary(const std::filesystem::path& vocab_txt_or_dir);
    // Writes vocab.txt, tokenizer_config.json, special_tokens_map.json and tokenizer.json
    // (BertNormalizer / BertPreTokenizer / WordPiece / TemplateProcessing) as `tokenizers` does.
    void saveToDirectory(const std::filesystem::path& dir) const;

    // Word pieces without special tokens (BertTokenizer.tokenize). Throws bw::Error on invalid UTF-8.
    std::vector<std::string> tokenize(std::string_view text) const;

    Encoding encode(std::string_view text, const EncodeOptions& options = {}) const;
    Encoding encodePair(std::string_view text, std::string_view text_pair, const EncodeOptions& options = {}) const;
    // Encodes on `threads` worker threads (0 = all cores), contiguous chunks each; the result is the
    // same as encoding one by one. Padding::Longest pads to the longest of the batch.
    std::vector<Encoding> encodeBatch(const std::vector<TextInput>& inputs, const EncodeOptions& options = {},
                                      int threads = 0) const;

    // tokenizers' WordPiece decoder: "##" pieces join the previous one, other tokens get a space, and
    // with decoder_cleanup " ." " ?" " !" " ," (and a few contractions) lose their leading space,
    // token by token. transformers' additional whole-string clean_up_tokenization_spaces pass is not
    // applied ("don ' t" stays as tokenizers leaves it).
    // skip_special_tokens drops [CLS], [SEP], [PAD], [MASK] and also [UNK], as tokenizers does.
    std::string decode(const std::vector<int32_t>& ids, bool skip_special_tokens = true) const;

    const Vocab& vocab() const { return vocab_; }
    const TokenizerOptions& options() const { return options_; }
    int32_t unkId() const { return unk_id_; }
    int32_t clsId() const { return cls_id_; }
    int32_t sepId() const { return sep_id_; }
    int32_t padId() const { return pad_id_; }    // -1 when the vocabulary has no pad token
    int32_t maskId() const { return mask_id_; }  // -1 when the vocabulary has no mask token
    bool isSpecial(int32_t id) const;

private:
    // Special tokens in the raw text, then normalizer, pre-tokenizer and WordPiece on the rest.
    void tokenizeSequence(std::string_view text, SequenceTokens& out) const;
    void appendSegment(std::u32string_view raw, size_t first_index, int32_t& word, SequenceTokens& out) const;
    Encoding encodeInput(std::string_view text, const std::string_view* pair, const EncodeOptions& options) const;
    void padTo(Encoding& encoding, size_t length) const;

    Vocab vocab_;
    TokenizerOptions options_;
    int32_t unk_id_ = -1, cls_id_ = -1, sep_id_ = -1, pad_id_ = -1, mask_id_ = -1;
    BertNormalizer normalizer_;
    SpecialTokenMatcher specials_;
    WordPiece wordpiece_;
};

}  // namespace bw::text
