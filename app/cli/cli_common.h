#pragma once
// Shared pieces of the bertwork-cli subcommands: JSON output conventions and JSONL input.
#include "core/analysis/bert_pipeline.h"
#include "core/store/experiment_store.h"
#include "core/text/bert_tokenizer.h"

#include <nlohmann/json.hpp>

#include <CLI/CLI.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace bw::cli {

// A float as the shortest decimal that reads back to the same float (no 0.10000000149011612).
nlohmann::json jsonFloat(float value);
// Nested arrays following the shape: [S, H] -> [[...], ...].
nlohmann::json jsonArray(const analysis::FloatArray& array);
// tokens, input_ids, token_type_ids, attention_mask, special_tokens_mask, offsets, word_ids
nlohmann::json encodingJson(const text::Encoding& encoding);

// What follows "bertwork-cli: error: " on stderr: bw::userMessage (no LibTorch backtrace), with the
// flag that cures it where the error names one ("--quoting rfc4180").
std::string errorLine(const std::exception& e);
// Prints one compact JSON document per line on stdout.
void printJsonLine(const nlohmann::json& value);
// One CSV line on stdout, each cell quoted where it must be (RFC 4180). A JSON cell is written as
// its text (a string without quotes, null as nothing).
void printCsvLine(const std::vector<std::string>& cells);
void printCsvLine(const std::vector<nlohmann::json>& cells);
// The single warning/notice line format: "bertwork-cli: <message>" on stderr.
void printNotice(const std::string& message);
// --device auto|cpu|cuda|cuda:N, where a model runs (core/runtime/compute_device.h).
void addDeviceOption(CLI::App& cmd, std::string& device);
// --int8: the encoder's Linears dynamically quantized to int8 (CPU).
void addInt8Option(CLI::App& cmd, bool& int8);
// --transformers 4|5: which transformers version the files written are spelled for.
CLI::Validator generationCheck();
// The global --threads COUNT|auto (core/runtime/thread_setting.h), declared by bertwork-cli and the engine alike.
void addThreadsOption(CLI::App& app, std::string& threads);

// The store of a command that only reads: a missing file is refused, not created empty.
store::ExperimentStore openExistingStore(const std::string& db);
// The dataset of that name; throws bw::Error naming the store and the datasets it has.
store::DatasetRecord findDataset(store::ExperimentStore& store, const std::string& name);

// Reads `{"text": ..., "text_pair": ...}` lines from a JSONL file and hands them over in chunks of
// `chunk_size` (blank lines skipped). Throws bw::Error "<file>:<line>: <problem>".
void forEachInputChunk(const std::string& path, size_t chunk_size,
                       const std::function<void(const std::vector<text::TextInput>&)>& handle);

// `--text TEXT [--text-pair TEXT] | --input FILE.jsonl`, shared by the commands that read text.
struct TextSource {
    std::optional<std::string> text;
    std::optional<std::string> text_pair;
    std::optional<std::string> input;

    void addOptions(CLI::App& command);
    // Validates the combination, then calls `handle` with the --text input or with JSONL chunks.
    void forEachChunk(size_t chunk_size, const std::function<void(const std::vector<text::TextInput>&)>& handle) const;
};

}  // namespace bw::cli
