// The JSON and text files of a Hugging Face model directory, as the app reads them: config.json
// (core/model/bert_config), the tokenizer files (core/text/tokenizer_files, through
// BertTokenizer::fromDirectory) and a sharded checkpoint's *.index.json (core/io/checkpoint_files).
// The first byte picks the file, the rest is its content; the other files of the directory are
// small valid ones. What loads must also save and load again to the same thing.
#include "core/io/checkpoint_files.h"
#include "core/model/bert_config.h"
#include "core/runtime/error.h"
#include "core/text/bert_tokenizer.h"
#include "fuzz_scratch.h"

#include <filesystem>
#include <optional>
#include <string>

namespace fs = std::filesystem;

namespace {

enum class Target { Config, TokenizerConfig, SpecialTokensMap, TokenizerJson, VocabTxt, SafetensorsIndex, BinIndex };
constexpr int kTargets = 7;

const char* fileName(Target target) {
    switch (target) {
    case Target::Config: return "config.json";
    case Target::TokenizerConfig: return "tokenizer_config.json";
    case Target::SpecialTokensMap: return "special_tokens_map.json";
    case Target::TokenizerJson: return "tokenizer.json";
    case Target::VocabTxt: return "vocab.txt";
    case Target::SafetensorsIndex: return "model.safetensors.index.json";
    case Target::BinIndex: return "pytorch_model.bin.index.json";
    }
    return "";
}

const char* const kVocab = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nthe\nfuzz\n##ing\n##er\n,\n.\n!\nhe\n##llo\nworld\n";

// A shard holding one F32 tensor of two elements.
std::string shard(const std::string& tensor) {
    std::string header = "{\"" + tensor + "\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
    std::string bytes;
    for (int i = 0; i < 8; ++i) bytes.push_back(static_cast<char>((header.size() >> (8 * i)) & 0xff));
    return bytes + header + std::string(8, '\0');
}

void checkConfig(const fs::path& path) {
    bw::model::BertConfig config;
    try {
        config = bw::model::BertConfig::fromFile(path);
    } catch (const bw::Error& e) {
        bw::fuzz::noteRefused(e);
        return;
    }
    bw::fuzz::noteAccepted();
    // What we accept we must write in a form we read back as the same configuration.
    const std::string written = config.toJson().dump();
    const bw::model::BertConfig again = bw::model::BertConfig::fromJson(nlohmann::json::parse(written), "again");
    if (again.toJson().dump() != written) bw::fuzz::invariantBroken("config.json changed on a save/load round trip");
}

// The ids of a sample pair, or the refusal (a vocabulary can make the first text too long to fit).
std::string encodeSample(const bw::text::BertTokenizer& tokenizer) {
    bw::text::EncodeOptions options;
    options.max_length = 32;
    options.truncation = bw::text::Truncation::OnlySecond;
    options.stride = 2;
    options.return_overflowing = true;
    options.padding = bw::text::Padding::MaxLength;
    try {
        const bw::text::Encoding e =
            tokenizer.encodePair("Hello, world! The fuzzing [MASK].", "the fuzzer ☃ héllo 中文 [SEP] hello", options);
        std::string ids;
        auto append = [&](const bw::text::Encoding& window) {
            for (int32_t id : window.ids) ids += std::to_string(id) + " ";
            ids += "| ";
        };
        append(e);
        for (const bw::text::Encoding& window : e.overflowing) append(window);
        return ids;
    } catch (const bw::Error& error) {
        return std::string("refused: ") + error.what();
    }
}

void checkTokenizer(const fs::path& dir) {
    std::optional<bw::text::BertTokenizer> tokenizer;
    try {
        tokenizer.emplace(bw::text::BertTokenizer::fromDirectory(dir));
    } catch (const bw::Error& e) {
        bw::fuzz::noteRefused(e);
        return;
    }
    bw::fuzz::noteAccepted();
    const std::string encoded = encodeSample(*tokenizer);
    // What we accept we must save in a form we read back as the same tokenizer.
    const fs::path copy = bw::fuzz::scratchDirectory() / "saved";
    tokenizer->saveToDirectory(copy);
    const bw::text::BertTokenizer again = bw::text::BertTokenizer::fromDirectory(copy);
    // tokenizer.json maps token -> id, so a token listed twice keeps only its last id there, as in
    // Hugging Face's tokenizers: what must survive is every token's id, not the unused earlier ones
    // (which read back as empty tokens, so "" may move to one of those gaps: no text makes "").
    const bw::text::Vocab& vocab = tokenizer->vocab();
    if (again.vocab().size() != vocab.size()) bw::fuzz::invariantBroken("the vocabulary size changed on a round trip");
    for (const std::string& token : vocab.tokens())
        if (!token.empty() && again.vocab().id(token) != vocab.id(token))
            bw::fuzz::invariantBroken("token '" + token + "' changed its id on a save/load round trip");
    const std::string encoded_again = encodeSample(again);
    if (encoded_again != encoded)
        bw::fuzz::invariantBroken("the tokenizer encodes differently after a save/load round trip: " + encoded +
                                  " became " + encoded_again);
}

void checkShardedCheckpoint(const fs::path& dir) {
    try {
        bw::io::readCheckpointDirectory(dir);
        bw::fuzz::noteAccepted();
    } catch (const bw::Error& e) {
        bw::fuzz::noteRefused(e);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const auto target = static_cast<Target>(data[0] % kTargets);
    bw::fuzz::clearScratch();
    const fs::path dir = bw::fuzz::scratchDirectory() / "model";
    fs::create_directory(dir);
    const std::string content(reinterpret_cast<const char*>(data + 1), size - 1);
    auto write = [&](const std::string& name, const std::string& bytes) {
        bw::fuzz::writeScratchFile("model/" + name, bytes);
    };
    write(fileName(target), content);
    switch (target) {
    case Target::Config: checkConfig(dir / "config.json"); break;
    case Target::TokenizerConfig:
    case Target::SpecialTokensMap:
    case Target::TokenizerJson:
    case Target::VocabTxt:
        if (target != Target::VocabTxt) write("vocab.txt", kVocab);
        checkTokenizer(dir);
        break;
    case Target::SafetensorsIndex:
    case Target::BinIndex:
        write("model-00001-of-00002.safetensors", shard("bert.pooler.dense.bias"));
        write("model-00002-of-00002.safetensors", shard("classifier.bias"));
        checkShardedCheckpoint(dir);
        break;
    }
    return 0;
}
