#include "app/cli/cli_common.h"

#include "core/data/csv_line.h"
#include "core/runtime/error.h"
#include "core/runtime/user_message.h"
#include "core/runtime/thread_setting.h"
#include "core/runtime/transformers_generation.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>

namespace bw::cli {

nlohmann::json jsonFloat(float value) {
    if (!std::isfinite(value)) return nullptr;  // JSON has no NaN/Inf
    char buffer[32];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    // The double nearest to the shortest float decimal prints back as that same decimal.
    return std::strtod(std::string(buffer, end).c_str(), nullptr);
}

namespace {
nlohmann::json nested(const analysis::FloatArray& a, size_t dim, size_t& offset) {
    nlohmann::json out = nlohmann::json::array();
    const int64_t n = a.shape.empty() ? 1 : a.shape[dim];
    for (int64_t i = 0; i < n; ++i) {
        if (dim + 1 >= a.shape.size()) out.push_back(jsonFloat(a.values[offset++]));
        else out.push_back(nested(a, dim + 1, offset));
    }
    return out;
}
}  // namespace

nlohmann::json jsonArray(const analysis::FloatArray& array) {
    size_t offset = 0;
    if (array.shape.empty()) return array.values.empty() ? nlohmann::json(nullptr) : jsonFloat(array.values[0]);
    return nested(array, 0, offset);
}

nlohmann::json encodingJson(const text::Encoding& e) {
    nlohmann::json offsets = nlohmann::json::array(), word_ids = nlohmann::json::array();
    for (const text::Offset& o : e.offsets) offsets.push_back({o.start, o.end});
    for (int32_t w : e.word_ids) word_ids.push_back(w < 0 ? nlohmann::json(nullptr) : nlohmann::json(w));
    return {{"tokens", e.tokens},
            {"input_ids", e.ids},
            {"token_type_ids", e.type_ids},
            {"attention_mask", e.attention_mask},
            {"special_tokens_mask", e.special_tokens_mask},
            {"offsets", offsets},
            {"word_ids", word_ids}};
}

std::string errorLine(const std::exception& e) {
    std::string line = userMessage(e);
    if (const auto* hinted = dynamic_cast<const SettingHintError*>(&e))
        line += ": --" + hinted->setting() + " " + hinted->value();
    return line;
}

void printJsonLine(const nlohmann::json& value) {
    // Replace rather than throw on invalid UTF-8: inputs were validated, this is a last guard.
    std::cout << value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

namespace {

// A JSON cell as a CSV field's text: strings as they are, null empty, anything else as JSON.
std::string cellText(const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.is_null() ? "" : v.dump(); }

}  // namespace

void printCsvLine(const std::vector<std::string>& cells) { std::cout << data::csvLine(cells); }
void printCsvLine(const std::vector<nlohmann::json>& cells) {
    std::vector<std::string> texts;
    for (const nlohmann::json& cell : cells) texts.push_back(cellText(cell));
    printCsvLine(texts);
}

void printNotice(const std::string& message) { std::cerr << "bertwork-cli: " << message << std::endl; }

store::ExperimentStore openExistingStore(const std::string& db) {
    return store::ExperimentStore::open(db, store::StoreOptions::existingOnly());
}

store::DatasetRecord findDataset(store::ExperimentStore& store, const std::string& name) {
    if (auto dataset = store.findDataset(name)) return *dataset;
    std::string names;
    for (const auto& d : store.listDatasets()) names += (names.empty() ? "" : ", ") + d.name;
    throw Error(store.path().string() + ": no dataset named '" + name + "' (the datasets are: " +
                (names.empty() ? "none yet" : names) + ")");
}

void forEachInputChunk(const std::string& path, size_t chunk_size,
                       const std::function<void(const std::vector<text::TextInput>&)>& handle) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path + ": cannot open the input file");
    std::vector<text::TextInput> chunk;
    std::string line;
    size_t line_number = 0;
    auto flush = [&] {
        if (chunk.empty()) return;
        try {
            handle(chunk);
        } catch (const Error& e) {
            throw Error(path + ": lines up to " + std::to_string(line_number) + ": " + e.what());
        }
        chunk.clear();
    };
    while (std::getline(in, line)) {
        ++line_number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        const std::string where = path + ":" + std::to_string(line_number) + ": ";
        nlohmann::json j;
        try {
            j = nlohmann::json::parse(line);
        } catch (const nlohmann::json::exception& e) {
            // nlohmann's messages include "ill-formed UTF-8 byte" for invalid UTF-8; out_of_range is a
            // number like 1e400.
            throw Error(where + "not a JSON object: " + e.what());
        }
        if (!j.is_object() || !j.contains("text") || !j["text"].is_string())
            throw Error(where + "expected an object with a string \"text\" (and optional \"text_pair\")");
        text::TextInput input{j["text"].get<std::string>(), std::nullopt};
        if (j.contains("text_pair") && !j["text_pair"].is_null()) {
            if (!j["text_pair"].is_string()) throw Error(where + "\"text_pair\" must be a string or null");
            input.text_pair = j["text_pair"].get<std::string>();
        }
        chunk.push_back(std::move(input));
        if (chunk.size() >= chunk_size) flush();
    }
    flush();
}

void TextSource::addOptions(CLI::App& command) {
    auto* text_option = command.add_option("--text", text, "Text to process");
    command.add_option("--text-pair", text_pair, "Second sentence of a pair (with --text)")->needs(text_option);
    auto* input_option = command.add_option("--input", input, "JSONL file of {\"text\": ..., \"text_pair\": ...} lines");
    text_option->excludes(input_option);
}

void TextSource::forEachChunk(size_t chunk_size,
                              const std::function<void(const std::vector<text::TextInput>&)>& handle) const {
    if (input) return forEachInputChunk(*input, chunk_size, handle);
    if (!text) throw Error("give --text TEXT or --input FILE.jsonl");
    handle({text::TextInput{*text, text_pair}});
}

CLI::Validator generationCheck() {
    return CLI::Validator(
        [](const std::string& version) {
            return parseTransformersGeneration(version) ? std::string() : "expected 4 or 5 (a transformers version)";
        },
        "4|5");
}

void addThreadsOption(CLI::App& app, std::string& threads) {
    app.add_option("--threads", threads,
                   "Compute threads: a count, 0 for one per core (the default), or auto: one per core, fewer while "
                   "other processes keep cores busy (training; a rerun is then not bit-identical)")
        ->check(CLI::Validator(
            [](const std::string& text) {
                try {
                    parseThreadSetting(text);
                    return std::string();
                } catch (const Error& e) {  // CLI11 puts "--threads: " before the message
                    return std::string(e.what());
                }
            },
            "COUNT|auto"));
}

void addInt8Option(CLI::App& cmd, bool& int8) {
    cmd.add_flag("--int8", int8,
                 "Dynamic int8 quantization of the encoder's Linear layers (CPU): faster, slightly less exact");
}

void addDeviceOption(CLI::App& cmd, std::string& device) {
    cmd.add_option("--device", device, "Where the model runs: auto (the first CUDA GPU, else the CPU), cpu, cuda or cuda:N")
        ->capture_default_str();
}

}  // namespace bw::cli
