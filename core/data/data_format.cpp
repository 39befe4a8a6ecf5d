#include "core/data/data_format.h"

#include "core/runtime/error.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

namespace bw::data {
namespace {

constexpr size_t kSniffBytes = 64 * 1024;
constexpr size_t kSniffLines = 50;

std::string lowerAscii(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool isBlank(std::string_view line) {
    return std::all_of(line.begin(), line.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}

std::vector<std::string_view> splitWhitespace(std::string_view line) {
    std::vector<std::string_view> fields;
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
        const size_t start = i;
        while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i]))) ++i;
        if (i > start) fields.push_back(line.substr(start, i - start));
    }
    return fields;
}

// The first bytes of the file (BOM removed) and whether the file is longer than that.
struct Sample {
    std::string text;
    bool truncated = false;
};

Sample readSample(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw bw::Error(path.string() + ": cannot open: " + std::strerror(errno));
    Sample sample;
    sample.text.resize(kSniffBytes + 1);
    in.read(sample.text.data(), static_cast<std::streamsize>(sample.text.size()));
    sample.text.resize(static_cast<size_t>(in.gcount()));
    sample.truncated = sample.text.size() > kSniffBytes;
    if (sample.truncated) sample.text.resize(kSniffBytes);
    if (sample.text.compare(0, 3, "\xEF\xBB\xBF") == 0) sample.text.erase(0, 3);
    return sample;
}

// Complete lines of the sample (a cut-off last line is dropped), without terminators.
std::vector<std::string_view> sampleLines(const Sample& sample) {
    std::vector<std::string_view> lines;
    std::string_view text = sample.text;
    while (!text.empty() && lines.size() < kSniffLines) {
        const size_t newline = text.find('\n');
        if (newline == std::string_view::npos) {
            if (!sample.truncated) lines.push_back(text);
            break;
        }
        std::string_view line = text.substr(0, newline);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        text.remove_prefix(newline + 1);
    }
    return lines;
}

bool looksLikeJsonLines(const std::vector<std::string_view>& lines) {
    bool any = false;
    for (auto line : lines) {
        if (isBlank(line)) continue;
        const auto first = line.find_first_not_of(" \t");
        if (line[first] != '{') return false;
        any = true;
    }
    return any;
}

bool isDocStart(std::string_view line) {
    const auto fields = splitWhitespace(line);
    return !fields.empty() && fields[0] == "-DOCSTART-";
}

// Sentences of several tokens each: a file of one-line paragraphs with equal word counts (prose,
// blank lines between) has every other mark of CoNLL but no group longer than a line.
bool looksLikeConll(const std::vector<std::string_view>& lines) {
    size_t columns = 0, token_lines = 0, group = 0, longest_group = 0;
    bool grouped = false, seen_token = false;
    for (auto line : lines) {
        if (isBlank(line) || isDocStart(line)) {
            if (seen_token || isDocStart(line)) grouped = true;
            group = 0;
            continue;
        }
        const size_t n = splitWhitespace(line).size();
        if (n < 2 || n > 10) return false;
        if (columns == 0) columns = n;
        if (n != columns) return false;
        seen_token = true;
        ++token_lines;
        longest_group = std::max(longest_group, ++group);
    }
    return grouped && token_lines >= 2 && longest_group >= 2;
}

bool looksLikeTsv(const std::vector<std::string_view>& lines) {
    long tabs = -1;
    for (auto line : lines) {
        if (isBlank(line)) continue;
        const long n = static_cast<long>(std::count(line.begin(), line.end(), '\t'));
        if (n == 0 || (tabs >= 0 && n != tabs)) return false;
        tabs = n;
    }
    return tabs > 0;
}

// Fields per record of the sample, RFC 4180 quote-aware (a record may span lines).
bool looksLikeCsv(const Sample& sample, char delimiter) {
    size_t fields = 1, expected = 0, records = 0, delimiters = 0, delimiters_before_space = 0;
    bool in_quotes = false, at_field_start = true, record_blank = true;
    const std::string& text = sample.text;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_quotes) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') ++i;
                else in_quotes = false;
            }
            continue;
        }
        if (c == '\n') {
            if (!record_blank) {
                if (expected == 0) expected = fields;
                if (fields != expected) return false;
                if (++records >= kSniffLines) break;
            }
            fields = 1, at_field_start = true, record_blank = true;
            continue;
        }
        if (c != '\r' && c != ' ') record_blank = false;
        if (c == delimiter) {
            ++fields;
            ++delimiters;
            if (i + 1 < text.size() && text[i + 1] == ' ') ++delimiters_before_space;
            at_field_start = true;
        } else if (c == '"' && at_field_start) {
            in_quotes = true;
            at_field_start = false;
        } else if (c != '\r') {
            at_field_start = false;
        }
    }
    if (!sample.truncated && !in_quotes && !record_blank) {  // last record without a newline
        if (expected == 0) expected = fields;
        if (fields != expected) return false;
        ++records;
    }
    // Prose has commas too, always followed by a space ("night, and"); data files rarely do.
    if (delimiters > 0 && delimiters_before_space == delimiters) return false;
    return records >= 2 && expected >= 2;
}

}  // namespace

std::string formatName(DataFormat format) {
    switch (format) {
    case DataFormat::Auto: return "auto";
    case DataFormat::Csv: return "csv";
    case DataFormat::Tsv: return "tsv";
    case DataFormat::Jsonl: return "jsonl";
    case DataFormat::Conll: return "conll";
    case DataFormat::PlainText: return "text";
    }
    return "unknown";
}

std::optional<DataFormat> parseFormat(std::string_view name) {
    const std::string n = lowerAscii(std::string(name));
    if (n == "auto") return DataFormat::Auto;
    if (n == "csv") return DataFormat::Csv;
    if (n == "tsv") return DataFormat::Tsv;
    if (n == "jsonl" || n == "json") return DataFormat::Jsonl;
    if (n == "conll") return DataFormat::Conll;
    if (n == "text" || n == "txt" || n == "plain") return DataFormat::PlainText;
    return std::nullopt;
}

char defaultDelimiter(DataFormat format) {
    if (format == DataFormat::Csv) return ',';
    if (format == DataFormat::Tsv) return '\t';
    return 0;
}

FormatGuess detectFormat(const std::filesystem::path& path) {
    const std::string extension = lowerAscii(path.extension().string());
    const Sample sample = readSample(path);
    const auto lines = sampleLines(sample);

    // A .tsv of one word and its tag per line, sentences apart by blank lines, is CoNLL: read as
    // TSV, each word would become a classification row and the sentence breaks would be lost.
    if (extension == ".tsv") return looksLikeConll(lines) ? FormatGuess{DataFormat::Conll, 0} : FormatGuess{DataFormat::Tsv, '\t'};
    if (extension == ".jsonl" || extension == ".ndjson" || extension == ".json") return {DataFormat::Jsonl, 0};
    if (extension == ".conll" || extension == ".conllu" || extension == ".iob" || extension == ".bio")
        return {DataFormat::Conll, 0};
    if (extension == ".csv") {
        const std::string_view first = lines.empty() ? std::string_view() : lines.front();
        if (first.find(',') == std::string_view::npos) {
            if (first.find('\t') != std::string_view::npos) return {DataFormat::Tsv, '\t'};
            if (first.find(';') != std::string_view::npos) return {DataFormat::Csv, ';'};
            if (first.find('|') != std::string_view::npos) return {DataFormat::Csv, '|'};
        }
        return {DataFormat::Csv, ','};
    }

    if (looksLikeJsonLines(lines)) return {DataFormat::Jsonl, 0};
    if (looksLikeConll(lines)) return {DataFormat::Conll, 0};
    if (looksLikeTsv(lines)) return {DataFormat::Tsv, '\t'};
    if (looksLikeCsv(sample, ',')) return {DataFormat::Csv, ','};
    if (looksLikeCsv(sample, ';')) return {DataFormat::Csv, ';'};
    if (looksLikeCsv(sample, '|')) return {DataFormat::Csv, '|'};  // as some corpora and database dumps write them
    return {DataFormat::PlainText, 0};
}

}  // namespace bw::data
