// WordPiece throughput: encodes every non-empty line of a corpus (no special tokens, batches of
// 1024 lines, as /work/shared/peer/node/tok_bench_rust.js does with Hugging Face's tokenizers) and
// prints {"name", "mb_per_s", "tokens", ...} as one JSON line; the median of the repeats.
//   bench_tokenizer --vocab vocab.txt --input corpus.txt [--threads N] [--repeats R] [--cased] [--dump-ids FILE]
// --dump-ids writes the ids of each encoded line (space-separated, one line per input line) after the
// timing, so that compare.sh can check that Hugging Face's tokenizer gives the very same ids.
#include "core/runtime/error.h"
#include "core/text/bert_tokenizer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

using namespace bw::text;

namespace {

struct Args {
    std::string vocab, input, dump_ids;
    int threads = 1;
    int repeats = 3;
    bool cased = false;
};

[[noreturn]] void usage(const std::string& problem) {
    std::cerr << problem
              << "\nusage: bench_tokenizer --vocab FILE --input FILE [--threads N] [--repeats R] [--cased] [--dump-ids FILE]\n";
    std::exit(2);
}

Args parse(int argc, char** argv) {
    Args a;
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage(flag + " needs a value");
            return argv[++i];
        };
        if (flag == "--vocab") a.vocab = value();
        else if (flag == "--input") a.input = value();
        else if (flag == "--threads") a.threads = std::stoi(value());
        else if (flag == "--repeats") a.repeats = std::max(1, std::stoi(value()));
        else if (flag == "--cased") a.cased = true;
        else if (flag == "--dump-ids") a.dump_ids = value();
        else usage("unknown argument " + flag);
    }
    if (a.vocab.empty() || a.input.empty()) usage("--vocab and --input are required");
    return a;
}

}  // namespace

int main(int argc, char** argv) {
    const Args args = parse(argc, argv);
    try {
        TokenizerOptions options;
        options.do_lower_case = !args.cased;
        const BertTokenizer tok = BertTokenizer::fromVocabFile(args.vocab, options);

        std::ifstream in(args.input, std::ios::binary);
        if (!in) usage("cannot open " + args.input);
        constexpr size_t kBatch = 1024;
        std::vector<std::vector<TextInput>> batches;
        size_t bytes = 0, lines = 0;
        for (std::string line; std::getline(in, line);) {
            if (line.empty()) continue;
            bytes += line.size() + 1;
            if (lines++ % kBatch == 0) batches.emplace_back();
            batches.back().push_back({std::move(line), {}});
        }

        EncodeOptions encode;
        encode.add_special_tokens = false;
        std::vector<double> seconds;
        size_t tokens = 0;
        for (int r = 0; r <= args.repeats; ++r) {  // the first pass warms up and is not counted
            tokens = 0;
            const auto start = std::chrono::steady_clock::now();
            for (const auto& batch : batches)
                for (const Encoding& e : tok.encodeBatch(batch, encode, args.threads)) tokens += e.size();
            const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
            if (r > 0) seconds.push_back(took.count());
        }
        if (!args.dump_ids.empty()) {
            std::ofstream dump(args.dump_ids, std::ios::binary);
            if (!dump) usage("cannot write " + args.dump_ids);
            for (const auto& batch : batches)
                for (const Encoding& e : tok.encodeBatch(batch, encode, args.threads)) {
                    for (size_t i = 0; i < e.ids.size(); ++i) dump << (i ? " " : "") << e.ids[i];
                    dump << '\n';
                }
        }
        std::sort(seconds.begin(), seconds.end());
        const double median = seconds[seconds.size() / 2];
        const nlohmann::json out = {
            {"name", args.threads == 1 ? "tokenize-1thread" : "tokenize-" + std::to_string(args.threads) + "threads"},
            {"mb_per_s", bytes / 1e6 / median},
            {"tokens", tokens},
            {"tokens_per_s", tokens / median},
            {"bytes", bytes},
            {"lines", lines},
            {"seconds", seconds},
        };
        std::cout << out.dump() << std::endl;
    } catch (const bw::Error& e) {
        std::cerr << "bench_tokenizer: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
