// bertwork-cli tokenize: the WordPiece encoding of each input, with offsets and overflow windows.
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"

#include "core/runtime/error.h"

namespace bw::cli {
namespace {

struct Options {
    std::optional<std::string> model_dir, vocab_file;
    bool no_lower_case = false, no_special_tokens = false;
    std::optional<int> max_length;
    std::optional<int> stride;
    std::optional<std::string> truncation;
    TextSource source;
};

text::BertTokenizer makeTokenizer(const Options& o) {
    if (!o.model_dir && !o.vocab_file) throw Error("give --model DIR or --vocab FILE");
    auto caseSensitive = [](text::TokenizerOptions settings) {
        settings.do_lower_case = false;
        settings.strip_accents = false;
        return settings;
    };
    if (o.model_dir) {
        text::BertTokenizer tokenizer = text::BertTokenizer::fromDirectory(*o.model_dir);
        if (!o.no_lower_case) return tokenizer;
        return text::BertTokenizer(tokenizer.vocab(), caseSensitive(tokenizer.options()));
    }
    text::TokenizerOptions settings;
    return text::BertTokenizer(text::Vocab::fromFile(*o.vocab_file), o.no_lower_case ? caseSensitive(settings) : settings);
}

text::Truncation truncationByName(const std::string& name) {
    if (name == "only_first") return text::Truncation::OnlyFirst;
    if (name == "only_second") return text::Truncation::OnlySecond;
    return text::Truncation::LongestFirst;
}

}  // namespace

void registerTokenizeCommand(CLI::App& app) {
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("tokenize", "Tokenize text with a model's WordPiece tokenizer (JSON lines)");
    auto* model = cmd->add_option("--model", options->model_dir, "Hugging Face model directory");
    auto* vocab = cmd->add_option("--vocab", options->vocab_file, "vocab.txt (lower-casing on unless --no-lower-case)");
    model->excludes(vocab);
    cmd->add_flag("--no-lower-case", options->no_lower_case, "Keep case and accents");
    cmd->add_flag("--no-special-tokens", options->no_special_tokens, "Do not add [CLS]/[SEP]");
    cmd->add_option("--max-length", options->max_length, "Truncate to this many tokens")->check(CLI::PositiveNumber);
    cmd->add_option("--stride", options->stride, "Overlap of overflowing windows (needs --max-length)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--truncation", options->truncation,
                    "longest_first, only_first or only_second (default: longest_first; only_second for pairs with --stride)")
        ->check(CLI::IsMember({"longest_first", "only_first", "only_second"}));
    options->source.addOptions(*cmd);

    cmd->callback([options] {
        if (options->stride && !options->max_length) throw Error("--stride needs --max-length");
        const text::BertTokenizer tokenizer = makeTokenizer(*options);
        text::EncodeOptions encode;
        encode.add_special_tokens = !options->no_special_tokens;
        encode.max_length = options->max_length;
        if (options->stride) {
            encode.stride = *options->stride;
            encode.return_overflowing = true;
        }
        if (options->truncation) encode.truncation = truncationByName(*options->truncation);
        // Windows over a pair slide over the second text (question + long context), as in QA scripts.
        const bool pair_windows = options->stride && !options->truncation;
        text::EncodeOptions pair_encode = encode;
        pair_encode.truncation = text::Truncation::OnlySecond;
        auto encodeAll = [&](const std::vector<text::TextInput>& inputs) {
            if (!pair_windows) return tokenizer.encodeBatch(inputs, encode);
            std::vector<text::Encoding> out;
            for (const text::TextInput& in : inputs)
                out.push_back(in.text_pair ? tokenizer.encodePair(in.text, *in.text_pair, pair_encode)
                                           : tokenizer.encode(in.text, encode));
            return out;
        };
        options->source.forEachChunk(256, [&](const std::vector<text::TextInput>& inputs) {
            for (const text::Encoding& e : encodeAll(inputs)) {
                nlohmann::json line = encodingJson(e);
                if (options->stride) {
                    nlohmann::json windows = nlohmann::json::array();
                    for (const text::Encoding& w : e.overflowing) windows.push_back(encodingJson(w));
                    line["overflow"] = windows;
                }
                printJsonLine(line);
            }
        });
    });
}

}  // namespace bw::cli
