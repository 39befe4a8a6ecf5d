#include "core/text/tokenizer_files.h"

#include "core/runtime/error.h"
#include "core/runtime/atomic_file.h"
#include "core/runtime/json_error_text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace bw::text {
namespace fs = std::filesystem;
using nlohmann::json;
using nlohmann::ordered_json;

namespace {

// transformers writes int(1e30) for "no limit"; anything this large means the same.
constexpr double kUnlimitedLengthThreshold = 1e18;

json loadJson(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw bw::Error(file.string() + ": cannot open");
    std::ostringstream text;
    text << in.rdbuf();
    try {
        return json::parse(text.str());
    } catch (const json::exception& e) {  // parse_error, and out_of_range for a number like 1e400
        throw bw::Error(file.string() + ": invalid JSON: " + jsonErrorText(e));
    }
}

// Typed access that names the file and the field when the content is not what BERT needs.
class Fields {
public:
    Fields(const json& object, const fs::path& file, std::string where)
        : object_(object), file_(file), where_(std::move(where)) {
        if (!object_.is_object()) fail(where_.empty() ? "the top level" : where_, "must be a JSON object");
    }

    const json* find(const std::string& key) const {
        auto it = object_.find(key);
        return it == object_.end() ? nullptr : &*it;
    }
    void readBool(const std::string& key, bool& out) const {
        if (const json* v = find(key)) {
            if (!v->is_boolean()) fail(key, "must be true or false");
            out = v->get<bool>();
        }
    }
    void readOptionalBool(const std::string& key, std::optional<bool>& out) const {
        if (const json* v = find(key)) {
            if (v->is_null()) out.reset();
            else if (v->is_boolean()) out = v->get<bool>();
            else fail(key, "must be true, false or null");
        }
    }
    void readString(const std::string& key, std::string& out) const {
        if (const json* v = find(key)) {
            if (!v->is_string()) fail(key, "must be a string");
            out = v->get<std::string>();
        }
    }
    // A special token is a string or, in older transformers files, an AddedToken object {"content": ...}.
    void readToken(const std::string& key, std::string& out) const {
        const json* v = find(key);
        if (!v || v->is_null()) return;
        if (v->is_string()) out = v->get<std::string>();
        else if (v->is_object() && v->contains("content") && (*v)["content"].is_string())
            out = (*v)["content"].get<std::string>();
        else fail(key, "must be a string or an object with a \"content\" string");
    }
    void readPositiveInt(const std::string& key, int& out) const {
        if (const json* v = find(key)) {
            if (!v->is_number_integer() || v->get<int64_t>() <= 0 || v->get<int64_t>() > INT32_MAX)
                fail(key, "must be a positive integer");
            out = v->get<int>();
        }
    }
    std::string type() const {
        const json* v = find("type");
        if (!v || !v->is_string()) fail("type", "must be a string");
        return v->get<std::string>();
    }
    [[noreturn]] void fail(const std::string& key, const std::string& what) const {
        const std::string field = where_.empty() || key == where_ ? key : where_ + "." + key;
        throw bw::Error(file_.string() + ": \"" + field + "\" " + what);
    }
    const fs::path& file() const { return file_; }

private:
    const json& object_;
    const fs::path& file_;
    std::string where_;
};

void readNormalizer(const Fields& top, TokenizerOptions& options) {
    const json* n = top.find("normalizer");
    if (!n) return;
    if (n->is_null()) {  // no normalizer at all: text goes to the pre-tokenizer as it is
        options.clean_text = options.tokenize_chinese_chars = options.do_lower_case = false;
        options.strip_accents = false;
        return;
    }
    const Fields f(*n, top.file(), "normalizer");
    if (f.type() != "BertNormalizer") f.fail("type", "is \"" + f.type() + "\"; only BertNormalizer is supported");
    f.readBool("clean_text", options.clean_text);
    f.readBool("handle_chinese_chars", options.tokenize_chinese_chars);
    f.readOptionalBool("strip_accents", options.strip_accents);
    f.readBool("lowercase", options.do_lower_case);
}

void readPreTokenizer(const Fields& top) {
    const json* p = top.find("pre_tokenizer");
    if (!p || p->is_null()) top.fail("pre_tokenizer", "is missing; only BertPreTokenizer is supported");
    const Fields f(*p, top.file(), "pre_tokenizer");
    if (f.type() != "BertPreTokenizer") f.fail("type", "is \"" + f.type() + "\"; only BertPreTokenizer is supported");
}

// [CLS] and [SEP] from the post-processor: TemplateProcessing "[CLS] $A [SEP]" or BertProcessing.
void readPostProcessor(const Fields& top, TokenizerOptions& options) {
    const json* p = top.find("post_processor");
    if (!p || p->is_null()) top.fail("post_processor", "is missing; BERT needs TemplateProcessing or BertProcessing");
    const Fields f(*p, top.file(), "post_processor");
    const std::string type = f.type();
    auto tokenOf = [&](const json& pair, const char* key) {
        if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string()) f.fail(key, "must be [token, id]");
        return pair[0].get<std::string>();
    };
    if (type == "BertProcessing") {
        const json* cls = f.find("cls");
        const json* sep = f.find("sep");
        if (!cls || !sep) f.fail("cls", "and \"sep\" are required");
        options.cls_token = tokenOf(*cls, "cls");
        options.sep_token = tokenOf(*sep, "sep");
        return;
    }
    if (type != "TemplateProcessing")
        f.fail("type", "is \"" + type + "\"; only TemplateProcessing and BertProcessing are supported");
    const json* single = f.find("single");
    auto specialAt = [&](size_t i) -> std::string {
        const json& piece = (*single)[i];
        if (!piece.is_object() || !piece.contains("SpecialToken") || !piece["SpecialToken"].contains("id") ||
            !piece["SpecialToken"]["id"].is_string())
            f.fail("single", "must be the BERT template \"[CLS] $A [SEP]\"");
        return piece["SpecialToken"]["id"].get<std::string>();
    };
    if (!single || !single->is_array() || single->size() != 3 || !(*single)[1].contains("Sequence"))
        f.fail("single", "must be the BERT template \"[CLS] $A [SEP]\"");
    options.cls_token = specialAt(0);
    options.sep_token = specialAt(2);
}

// tokenizers keeps the vocabulary as a map token -> id, so a token that vocab.txt listed twice leaves a
// gap at its earlier id; gaps become empty tokens here, which no text can produce (WordPiece pieces
// are never empty).
Vocab readWordPieceVocab(const Fields& model) {
    const json* v = model.find("vocab");
    if (!v || !v->is_object()) model.fail("vocab", "must be an object {token: id}");
    // Ids run 0..N-1 with a gap per repeated vocab.txt line, however many (our own writer leaves them);
    // the bound only keeps one absurd id from allocating a vocabulary of that size.
    const size_t limit = 2 * v->size() + 1 + (size_t{1} << 16);
    std::vector<std::string> tokens;
    std::vector<bool> seen;
    for (auto it = v->begin(); it != v->end(); ++it) {
        if (!it.value().is_number_integer()) model.fail("vocab", "has a non-integer id for '" + it.key() + "'");
        const int64_t id = it.value().get<int64_t>();
        if (id < 0 || static_cast<size_t>(id) >= limit)
            model.fail("vocab", "id " + std::to_string(id) + " of '" + it.key() + "' is out of range for " +
                                    std::to_string(v->size()) + " tokens");
        const auto at = static_cast<size_t>(id);
        if (at >= tokens.size()) {
            tokens.resize(at + 1);
            seen.resize(at + 1, false);
        }
        if (seen[at]) model.fail("vocab", "id " + std::to_string(id) + " is used twice");
        seen[at] = true;
        tokens[at] = it.key();
    }
    try {
        return Vocab(std::move(tokens));
    } catch (const bw::Error& e) {
        model.fail("vocab", e.what());
    }
}

ordered_json addedToken(int32_t id, const std::string& content) {
    ordered_json t;
    t["id"] = id;
    t["content"] = content;
    t["single_word"] = false;
    t["lstrip"] = false;
    t["rstrip"] = false;
    t["normalized"] = false;
    t["special"] = true;
    return t;
}

// The special tokens present in the vocabulary, by id (how tokenizers lists added_tokens).
std::vector<std::pair<int32_t, std::string>> specialTokens(const Vocab& vocab, const TokenizerOptions& options) {
    std::vector<std::pair<int32_t, std::string>> out;
    for (const std::string* t :
         {&options.pad_token, &options.unk_token, &options.cls_token, &options.sep_token, &options.mask_token}) {
        const auto id = vocab.id(*t);
        if (id && std::none_of(out.begin(), out.end(), [&](const auto& p) { return p.first == *id; }))
            out.emplace_back(*id, *t);
    }
    std::sort(out.begin(), out.end());
    return out;
}

template <class Json>
Json optionalBool(const std::optional<bool>& value) {
    return value ? Json(*value) : Json(nullptr);
}

ordered_json templatePiece(const char* kind, const std::string& id, int type_id) {
    ordered_json inner;
    inner["id"] = id;
    inner["type_id"] = type_id;
    ordered_json piece;
    piece[kind] = inner;
    return piece;
}

}  // namespace

void readTokenizerConfig(const fs::path& file, TokenizerOptions& options) {
    const json doc = loadJson(file);
    const Fields f(doc, file, "");
    f.readBool("do_lower_case", options.do_lower_case);
    f.readOptionalBool("strip_accents", options.strip_accents);
    f.readBool("tokenize_chinese_chars", options.tokenize_chinese_chars);
    f.readBool("clean_up_tokenization_spaces", options.decoder_cleanup);
    f.readToken("unk_token", options.unk_token);
    f.readToken("sep_token", options.sep_token);
    f.readToken("pad_token", options.pad_token);
    f.readToken("cls_token", options.cls_token);
    f.readToken("mask_token", options.mask_token);
    if (const json* m = f.find("model_max_length")) {
        // At least one token: 2e-05 read as 0, which was saved and then refused on reading back.
        if (!m->is_number() || !(m->get<double>() >= 1)) f.fail("model_max_length", "must be a number of tokens, at least 1");
        options.model_max_length =
            m->get<double>() >= kUnlimitedLengthThreshold ? kNoModelMaxLength : m->get<int64_t>();
    }
}

void readSpecialTokensMap(const fs::path& file, TokenizerOptions& options) {
    const json doc = loadJson(file);
    const Fields f(doc, file, "");
    f.readToken("unk_token", options.unk_token);
    f.readToken("sep_token", options.sep_token);
    f.readToken("pad_token", options.pad_token);
    f.readToken("cls_token", options.cls_token);
    f.readToken("mask_token", options.mask_token);
}

Vocab readTokenizerJson(const fs::path& file, TokenizerOptions& options) {
    const json doc = loadJson(file);
    const Fields top(doc, file, "");
    readNormalizer(top, options);
    readPreTokenizer(top);
    readPostProcessor(top, options);

    const json* m = top.find("model");
    if (!m) top.fail("model", "is missing");
    const Fields model(*m, file, "model");
    if (model.type() != "WordPiece") model.fail("type", "is \"" + model.type() + "\"; only WordPiece is supported");
    model.readString("unk_token", options.unk_token);
    model.readString("continuing_subword_prefix", options.continuing_subword_prefix);
    model.readPositiveInt("max_input_chars_per_word", options.max_input_chars_per_word);

    if (const json* d = top.find("decoder"); d && !d->is_null()) {
        const Fields decoder(*d, file, "decoder");
        if (decoder.type() == "WordPiece") decoder.readBool("cleanup", options.decoder_cleanup);
    }
    return readWordPieceVocab(model);
}

TokenizerFiles readTokenizerDirectory(const fs::path& dir) {
    if (!fs::is_directory(dir)) throw bw::Error(dir.string() + ": tokenizer directory not found");
    TokenizerFiles files;
    const fs::path map = dir / "special_tokens_map.json", config = dir / "tokenizer_config.json";
    if (fs::exists(map)) readSpecialTokensMap(map, files.options);
    if (fs::exists(config)) readTokenizerConfig(config, files.options);
    if (fs::exists(dir / "tokenizer.json")) {
        files.vocab_source = dir / "tokenizer.json";
        files.vocab = readTokenizerJson(files.vocab_source, files.options);
    } else {
        files.vocab_source = dir / "vocab.txt";
        if (!fs::exists(files.vocab_source))
            throw bw::Error(files.vocab_source.string() + ": not found (the directory has no tokenizer.json either)");
        files.vocab = Vocab::fromFile(files.vocab_source);
    }
    return files;
}

std::string tokenizerConfigJson(const Vocab& vocab, const TokenizerOptions& options) {
    json doc;  // std::map keys: sorted, as transformers writes this file
    json added = json::object();
    for (const auto& [id, content] : specialTokens(vocab, options)) {
        added[std::to_string(id)] = {{"content", content}, {"lstrip", false},     {"normalized", false},
                                     {"rstrip", false},    {"single_word", false}, {"special", true}};
    }
    doc["added_tokens_decoder"] = added;
    doc["clean_up_tokenization_spaces"] = options.decoder_cleanup;
    doc["cls_token"] = options.cls_token;
    doc["do_basic_tokenize"] = true;
    doc["do_lower_case"] = options.do_lower_case;
    doc["mask_token"] = options.mask_token;
    if (options.model_max_length == kNoModelMaxLength) doc["model_max_length"] = 1e30;
    else doc["model_max_length"] = options.model_max_length;
    doc["never_split"] = nullptr;
    doc["pad_token"] = options.pad_token;
    doc["sep_token"] = options.sep_token;
    doc["strip_accents"] = optionalBool<json>(options.strip_accents);
    doc["tokenize_chinese_chars"] = options.tokenize_chinese_chars;
    doc["tokenizer_class"] = "BertTokenizer";
    doc["unk_token"] = options.unk_token;
    return doc.dump(2) + "\n";
}

std::string specialTokensMapJson(const TokenizerOptions& options) {
    const json doc = {{"cls_token", options.cls_token}, {"mask_token", options.mask_token},
                      {"pad_token", options.pad_token}, {"sep_token", options.sep_token},
                      {"unk_token", options.unk_token}};
    return doc.dump(2) + "\n";
}

std::string tokenizerJson(const Vocab& vocab, const TokenizerOptions& options) {
    // Keys in the order tokenizers serializes its structs.
    ordered_json doc;
    doc["version"] = "1.0";
    doc["truncation"] = nullptr;
    doc["padding"] = nullptr;
    ordered_json added = ordered_json::array();
    for (const auto& [id, content] : specialTokens(vocab, options)) added.push_back(addedToken(id, content));
    doc["added_tokens"] = added;

    ordered_json normalizer;
    normalizer["type"] = "BertNormalizer";
    normalizer["clean_text"] = options.clean_text;
    normalizer["handle_chinese_chars"] = options.tokenize_chinese_chars;
    normalizer["strip_accents"] = optionalBool<ordered_json>(options.strip_accents);
    normalizer["lowercase"] = options.do_lower_case;
    doc["normalizer"] = normalizer;
    doc["pre_tokenizer"] = {{"type", "BertPreTokenizer"}};

    const std::string& cls = options.cls_token;
    const std::string& sep = options.sep_token;
    ordered_json post;
    post["type"] = "TemplateProcessing";
    post["single"] = {templatePiece("SpecialToken", cls, 0), templatePiece("Sequence", "A", 0),
                      templatePiece("SpecialToken", sep, 0)};
    post["pair"] = {templatePiece("SpecialToken", cls, 0), templatePiece("Sequence", "A", 0),
                    templatePiece("SpecialToken", sep, 0), templatePiece("Sequence", "B", 1),
                    templatePiece("SpecialToken", sep, 1)};
    ordered_json specials = ordered_json::object();
    std::vector<std::string> names{cls, sep};
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    for (const std::string& name : names) {
        ordered_json entry;
        entry["id"] = name;
        entry["ids"] = {vocab.id(name).value_or(-1)};
        entry["tokens"] = {name};
        specials[name] = entry;
    }
    post["special_tokens"] = specials;
    doc["post_processor"] = post;

    ordered_json decoder;
    decoder["type"] = "WordPiece";
    decoder["prefix"] = options.continuing_subword_prefix;
    decoder["cleanup"] = options.decoder_cleanup;
    doc["decoder"] = decoder;

    ordered_json model;
    model["type"] = "WordPiece";
    model["unk_token"] = options.unk_token;
    model["continuing_subword_prefix"] = options.continuing_subword_prefix;
    model["max_input_chars_per_word"] = options.max_input_chars_per_word;
    // ordered_json's operator[] searches linearly for an existing key (quadratic over 30k tokens);
    // keeping only the id each token maps to makes keys unique, so they go straight into the
    // underlying vector, in id order. (A repeated token's earlier id is left out, as tokenizers does.)
    ordered_json vocab_json = ordered_json::object();
    auto& entries = static_cast<std::vector<std::pair<const std::string, ordered_json>>&>(
        vocab_json.get_ref<ordered_json::object_t&>());
    entries.reserve(vocab.size());
    for (size_t id = 0; id < vocab.size(); ++id) {
        const std::string& token = vocab.tokens()[id];
        if (vocab.id(token) == static_cast<int32_t>(id)) entries.emplace_back(token, static_cast<int32_t>(id));
    }
    model["vocab"] = std::move(vocab_json);
    doc["model"] = std::move(model);
    return doc.dump(2) + "\n";
}

void writeTokenizerDirectory(const fs::path& dir, const Vocab& vocab, const TokenizerOptions& options) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw bw::Error(dir.string() + ": cannot create the directory: " + ec.message());
    vocab.save(dir / "vocab.txt");
    writeFileAtomically(dir / "tokenizer_config.json", tokenizerConfigJson(vocab, options));
    writeFileAtomically(dir / "special_tokens_map.json", specialTokensMapJson(options));
    writeFileAtomically(dir / "tokenizer.json", tokenizerJson(vocab, options));
}

}  // namespace bw::text
