#include "core/data/dataset_statistics.h"

#include "core/data/label_set.h"
#include "core/runtime/error.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

namespace bw::data {
namespace {

constexpr size_t kChunk = 4096;  // examples tokenized at once
constexpr size_t kTopUnknownWords = 20;
constexpr size_t kDuplicateExamples = 5;
constexpr size_t kLinesNamed = 5;  // of the rows with an empty text, or without a label

// The bytes of code points [start, end) of UTF-8 `text`.
std::string codePointSlice(const std::string& text, int64_t start, int64_t end) {
    size_t begin_byte = text.size(), end_byte = text.size();
    int64_t cp = 0;
    for (size_t i = 0; i <= text.size(); ++i) {
        if (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
        if (cp == start) begin_byte = i;
        if (cp == end) {
            end_byte = i;
            break;
        }
        ++cp;
    }
    return begin_byte < end_byte ? text.substr(begin_byte, end_byte - begin_byte) : std::string();
}

// Nearest-rank percentile of the lengths counted in `counts`.
int64_t percentile(const std::vector<uint64_t>& counts, uint64_t rows, double p) {
    uint64_t rank = static_cast<uint64_t>(std::ceil(p / 100.0 * static_cast<double>(rows)));
    rank = std::max<uint64_t>(rank, 1);
    uint64_t seen = 0;
    for (size_t length = 0; length < counts.size(); ++length) {
        seen += counts[length];
        if (seen >= rank) return static_cast<int64_t>(length);
    }
    return 0;
}

void countLabels(const std::vector<Example>& examples, DatasetStatistics& stats) {
    stats.token_task = std::any_of(examples.begin(), examples.end(), [](const Example& e) { return !e.tags.empty(); });
    std::unordered_map<std::string, uint64_t> counts;
    if (stats.token_task) {
        for (const auto& e : examples)
            for (const auto& tag : e.tags) ++counts[tag];
        const LabelSet tags = LabelSet::forTags(examples);
        for (const auto& tag : tags.labels()) stats.label_counts.emplace_back(tag, counts[tag]);
        return;
    }
    for (const auto& e : examples) {
        if (!e.label.empty()) {
            ++counts[e.label];
        } else if (++stats.unlabelled_rows <= kLinesNamed) {
            stats.unlabelled_lines.push_back(e.source_line);  // training refuses them: say where they are
        }
    }
    const LabelSet labels = LabelSet::forClasses(examples);
    for (const auto& label : labels.labels()) stats.label_counts.emplace_back(label, counts[label]);
}

void countDuplicates(const std::vector<Example>& examples, DatasetStatistics& stats) {
    std::unordered_map<std::string, size_t> first_row;
    for (size_t i = 0; i < examples.size(); ++i) {
        const Example& e = examples[i];
        std::string key = e.text;
        if (e.text_pair) key += "\x1f" + *e.text_pair;
        const auto [it, inserted] = first_row.emplace(std::move(key), i);
        if (inserted) continue;
        ++stats.duplicate_rows;
        const Example& first = examples[it->second];
        if (first.label != e.label || first.tags != e.tags) ++stats.conflicting_duplicates;
        // A pair repeats as a pair: show both texts, as the model reads them.
        const std::string shown = e.text_pair ? e.text + " [SEP] " + *e.text_pair : e.text;
        if (stats.duplicate_examples.size() < kDuplicateExamples &&
            std::find(stats.duplicate_examples.begin(), stats.duplicate_examples.end(), shown) ==
                stats.duplicate_examples.end())
            stats.duplicate_examples.push_back(shown);
    }
}

bool isBlank(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); });
}

void countEmptyTexts(const std::vector<Example>& examples, DatasetStatistics& stats) {
    if (stats.token_task) return;
    for (const Example& e : examples) {
        if (!isBlank(e.text) && !(e.text_pair && isBlank(*e.text_pair))) continue;
        ++stats.empty_text_rows;
        if (stats.empty_text_lines.size() < kLinesNamed) stats.empty_text_lines.push_back(e.source_line);
    }
}

}  // namespace

DatasetStatistics computeRowStatistics(const std::vector<Example>& examples) {
    DatasetStatistics stats;
    stats.rows = examples.size();
    countLabels(examples, stats);
    countDuplicates(examples, stats);
    countEmptyTexts(examples, stats);
    return stats;
}

DatasetStatistics computeStatistics(const std::vector<Example>& examples, const text::BertTokenizer& tokenizer,
                                    int max_length, int threads) {
    if (max_length < 1) throw bw::Error("max_length must be at least 1, got " + std::to_string(max_length));
    DatasetStatistics stats = computeRowStatistics(examples);
    stats.tokenized = true;
    stats.max_length_setting = max_length;

    std::map<std::string, uint64_t> unknown_words;
    uint64_t total_length = 0;
    const int32_t unk = tokenizer.unkId();
    for (size_t begin = 0; begin < examples.size(); begin += kChunk) {
        const size_t end = std::min(examples.size(), begin + kChunk);
        std::vector<text::TextInput> inputs;
        inputs.reserve(end - begin);
        for (size_t i = begin; i < end; ++i) inputs.push_back({examples[i].text, examples[i].text_pair});
        std::vector<text::Encoding> encodings;
        try {
            encodings = tokenizer.encodeBatch(inputs, {}, threads);
        } catch (const bw::Error&) {
            // Find the example: the message should name its line.
            for (size_t i = begin; i < end; ++i) {
                try {
                    tokenizer.encodeBatch({inputs[i - begin]}, {}, 1);
                } catch (const bw::Error& e) {
                    throw bw::Error("example at line " + std::to_string(examples[i].source_line) + ": " + e.what());
                }
            }
            throw;
        }

        for (size_t i = begin; i < end; ++i) {
            const text::Encoding& enc = encodings[i - begin];
            const size_t length = enc.size();
            if (stats.length_counts.size() <= length) stats.length_counts.resize(length + 1, 0);
            ++stats.length_counts[length];
            total_length += length;
            if (length > static_cast<size_t>(max_length)) ++stats.truncated_rows;

            int32_t previous_sequence = -2, previous_word = -2;
            for (size_t t = 0; t < length; ++t) {
                if (enc.special_tokens_mask[t]) continue;
                ++stats.word_pieces;
                const int32_t sequence = enc.sequence_ids[t], word = enc.word_ids[t];
                if (word >= 0 && (sequence != previous_sequence || word != previous_word)) ++stats.words;
                previous_sequence = sequence, previous_word = word;
                if (enc.ids[t] != unk) continue;
                ++stats.unk_pieces;
                const std::string& source = sequence == 1 && examples[i].text_pair ? *examples[i].text_pair
                                                                                   : examples[i].text;
                ++unknown_words[codePointSlice(source, enc.offsets[t].start, enc.offsets[t].end)];
            }
        }
    }

    if (stats.rows > 0) {
        const auto first_nonzero = std::find_if(stats.length_counts.begin(), stats.length_counts.end(),
                                                [](uint64_t c) { return c > 0; });
        stats.min_length = first_nonzero - stats.length_counts.begin();
        stats.max_length = static_cast<int64_t>(stats.length_counts.size()) - 1;
        stats.median_length = percentile(stats.length_counts, stats.rows, 50);
        stats.p95_length = percentile(stats.length_counts, stats.rows, 95);
        stats.mean_length = static_cast<double>(total_length) / static_cast<double>(stats.rows);
        stats.truncation_rate = static_cast<double>(stats.truncated_rows) / static_cast<double>(stats.rows);
    }
    if (stats.word_pieces > 0)
        stats.unk_rate = static_cast<double>(stats.unk_pieces) / static_cast<double>(stats.word_pieces);
    if (stats.words > 0)
        stats.pieces_per_word = static_cast<double>(stats.word_pieces) / static_cast<double>(stats.words);

    std::vector<std::pair<std::string, uint64_t>> unknown(unknown_words.begin(), unknown_words.end());
    std::stable_sort(unknown.begin(), unknown.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    if (unknown.size() > kTopUnknownWords) unknown.resize(kTopUnknownWords);
    stats.top_unknown_words = std::move(unknown);
    return stats;
}

nlohmann::json DatasetStatistics::toJson() const {
    auto pairs = [](const std::vector<std::pair<std::string, uint64_t>>& items) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& [name, count] : items) list.push_back({{"value", name}, {"count", count}});
        return list;
    };
    nlohmann::json json = {
        {"rows", rows},
        {"token_task", token_task},
        {"label_counts", pairs(label_counts)},
        {"unlabelled_rows", unlabelled_rows},
        {"unlabelled_lines", unlabelled_lines},
        {"duplicate_rows", duplicate_rows},
        {"conflicting_duplicates", conflicting_duplicates},
        {"duplicate_examples", duplicate_examples},
        {"empty_text_rows", empty_text_rows},
        {"empty_text_lines", empty_text_lines},
    };
    if (!tokenized) return json;  // no tokenizer read the rows: no lengths to report, not zeros
    json.update({
        {"length", {{"counts", length_counts},
                    {"min", min_length},
                    {"median", median_length},
                    {"p95", p95_length},
                    {"max", max_length},
                    {"mean", mean_length}}},
        {"max_length", max_length_setting},
        {"truncated_rows", truncated_rows},
        {"truncation_rate", truncation_rate},
        {"word_pieces", word_pieces},
        {"unk_pieces", unk_pieces},
        {"unk_rate", unk_rate},
        {"words", words},
        {"pieces_per_word", pieces_per_word},
        {"top_unknown_words", pairs(top_unknown_words)},
    });
    return json;
}

}  // namespace bw::data
