#pragma once
// The tokenizer files of a Hugging Face model directory, read and written as transformers and
// tokenizers do: vocab.txt, tokenizer_config.json, special_tokens_map.json and tokenizer.json
// (BertNormalizer / BertPreTokenizer / WordPiece / TemplateProcessing / WordPiece decoder).
#include "core/text/bert_tokenizer.h"
#include "core/text/vocab.h"

#include <filesystem>
#include <string>

namespace bw::text {

struct TokenizerFiles {
    Vocab vocab;
    TokenizerOptions options;
    std::filesystem::path vocab_source;  // tokenizer.json or vocab.txt, the file errors should name
};

// special_tokens_map.json, then tokenizer_config.json over it, then tokenizer.json (normalizer,
// WordPiece settings and its vocabulary) over both; vocab.txt only when there is no tokenizer.json.
// Throws bw::Error naming the file for a missing directory or vocabulary and for malformed content.
TokenizerFiles readTokenizerDirectory(const std::filesystem::path& dir);
// Writes the four files, each atomically; creates `dir` when needed.
void writeTokenizerDirectory(const std::filesystem::path& dir, const Vocab& vocab, const TokenizerOptions& options);

// The single files. The readers apply what the file sets over `options` and leave the rest.
void readTokenizerConfig(const std::filesystem::path& file, TokenizerOptions& options);
void readSpecialTokensMap(const std::filesystem::path& file, TokenizerOptions& options);
Vocab readTokenizerJson(const std::filesystem::path& file, TokenizerOptions& options);

std::string tokenizerConfigJson(const Vocab& vocab, const TokenizerOptions& options);
std::string specialTokensMapJson(const TokenizerOptions& options);
std::string tokenizerJson(const Vocab& vocab, const TokenizerOptions& options);

}  // namespace bw::text
