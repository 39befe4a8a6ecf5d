// bertwork-cli train-tokenizer: learns a WordPiece vocabulary from text files, or from a dataset in
// the store, and writes it as a Hugging Face tokenizer directory (vocab.txt, tokenizer.json, tokenizer_config.json,
// special_tokens_map.json), which our tokenizer and Hugging Face's both load.
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/terminal_progress.h"

#include "core/runtime/error.h"
#include "core/runtime/compute_setup.h"
#include "core/store/dataset_vocabulary.h"
#include "core/text/tokenizer_files.h"
#include "core/text/wordpiece_trainer.h"

#include <chrono>
#include <filesystem>
#include <memory>

namespace bw::cli {
namespace {

namespace fs = std::filesystem;

struct Options {
    std::vector<std::string> corpus;
    std::string db, dataset, split = "train";
    std::string output;
    text::WordPieceTrainerOptions trainer;
    bool no_lower_case = false, strip_accents = false, no_strip_accents = false;
};

// One progress line per stage: the corpus in MB, then the vocabulary as it grows.
class StageProgress {
public:
    void operator()(const text::TrainingProgress& p) {
        if (p.stage != stage_ || !line_) {
            if (line_) line_->finish();
            stage_ = p.stage;
            switch (p.stage) {
            case text::TrainingStage::CountingWords: line_ = std::make_unique<TerminalProgress>("counting words"); break;
            case text::TrainingStage::CountingRows:
                line_ = std::make_unique<TerminalProgress>("counting words", TerminalProgress::Unit::Items, "rows");
                break;
            case text::TrainingStage::Merging:
                line_ = std::make_unique<TerminalProgress>("learning pieces", TerminalProgress::Unit::Items, "tokens");
                break;
            }
        }
        (*line_)(p.done, p.total);
    }
    void finish() { line_.reset(); }

private:
    text::TrainingStage stage_ = text::TrainingStage::CountingWords;
    std::unique_ptr<TerminalProgress> line_;
};

}  // namespace

void registerTrainTokenizerCommand(CLI::App& app) {
    auto o = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "train-tokenizer",
        "Learn a WordPiece vocabulary from text files (one text per line) or a stored dataset and save the tokenizer");
    auto* corpus = cmd->add_option("--corpus", o->corpus, "UTF-8 text files")
                       ->allow_extra_args(false)  // see --special-tokens
                       ->expected(1, 1 << 20);
    auto* db = cmd->add_option("--db", o->db, "Experiment store holding --dataset");
    auto* dataset = cmd->add_option("--dataset", o->dataset, "Learn from this stored dataset's texts instead of files")
                        ->needs(db)
                        ->excludes(corpus);
    db->needs(dataset);
    cmd->add_option("--split", o->split, "The dataset's split to learn from")
        ->needs(dataset)
        ->check(CLI::IsMember({"train", "validation", "test"}))
        ->capture_default_str();
    cmd->add_option("--vocab-size", o->trainer.vocab_size, "Vocabulary entries, special tokens included")
        ->required()
        ->check(CLI::PositiveNumber);
    cmd->add_option("--min-frequency", o->trainer.min_frequency, "Stop merging at pairs seen fewer times")
        ->capture_default_str();
    cmd->add_option("--limit-alphabet", o->trainer.limit_alphabet,
                    "Keep only the most frequent characters (0: keep all)")
        ->capture_default_str();
    cmd->add_flag("--no-lower-case", o->no_lower_case, "Keep case (and accents, unless --strip-accents)");
    auto* strip = cmd->add_flag("--strip-accents", o->strip_accents,
                                "Remove accents (the default when lower-casing, as BERT does)");
    cmd->add_flag("--no-strip-accents", o->no_strip_accents, "Keep accents even when lower-casing")->excludes(strip);
    cmd->add_option("--special-tokens", o->trainer.special_tokens,
                    "Special tokens, first ids in this order; must include [UNK] [CLS] [SEP]")
        // Not CLI11's default for lists, which reads "[UNK]" as a bracketed list holding "UNK".
        ->allow_extra_args(false)
        ->expected(1, 1000)
        ->capture_default_str();
    cmd->add_option("--output", o->output, "Directory for the tokenizer files (created when missing)")->required();

    cmd->callback([o, corpus, dataset] {
        if (corpus->count() == 0 && dataset->count() == 0)
            throw Error("give the text to learn from: --corpus FILE... or --db STORE --dataset NAME");
        // As the window's dialog: a model's vocab.txt replaced would no longer match its embeddings.
        if (fs::is_regular_file(fs::path(o->output) / "config.json"))
            throw Error(o->output + " holds a model (config.json): a new vocabulary would no longer match its weights; "
                        "choose another --output");
        using clock = std::chrono::steady_clock;
        const auto start = clock::now();
        text::WordPieceTrainerOptions options = o->trainer;
        options.lowercase = !o->no_lower_case;
        if (o->strip_accents || o->no_strip_accents) options.strip_accents = o->strip_accents;
        options.threads = currentComputeSetup().intra_op_threads;  // --threads, as the engine applied it
        StageProgress progress;
        options.progress = [&progress](const text::TrainingProgress& p) { progress(p); };
        text::TrainedVocabulary trained;
        nlohmann::json source;
        if (!o->dataset.empty()) {
            auto store = openExistingStore(o->db);
            const store::DatasetRecord record = findDataset(store, o->dataset);
            trained = store::trainWordPieceOnDataset(store, record, o->split, options);
            source = {{"db", o->db}, {"dataset", record.name}, {"split", o->split}};
        } else {
            trained = text::trainWordPiece(std::vector<fs::path>(o->corpus.begin(), o->corpus.end()), options);
            source = {{"files", o->corpus}};
        }
        progress.finish();
        source["bytes"] = trained.corpus_bytes;
        source["lines"] = trained.corpus_lines;
        source["words"] = trained.corpus_words;
        source["distinct_words"] = trained.distinct_words;
        text::writeTokenizerDirectory(o->output, trained.vocab, trained.tokenizer);

        printJsonLine({{"output", o->output},
                       {"vocab_size", trained.vocab.size()},
                       {"requested_vocab_size", options.vocab_size},
                       {"special_tokens", options.special_tokens},
                       {"alphabet", trained.alphabet},
                       {"merges", trained.merges},
                       {"corpus", source},
                       {"do_lower_case", trained.tokenizer.do_lower_case},
                       {"strip_accents", trained.tokenizer.strip_accents.value_or(trained.tokenizer.do_lower_case)},
                       {"seconds", std::chrono::duration<double>(clock::now() - start).count()}});
    });
}

}  // namespace bw::cli
