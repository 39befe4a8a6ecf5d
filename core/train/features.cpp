#include "core/train/features.h"

#include "core/data/label_set.h"
#include "core/runtime/error.h"
#include "core/train/sequence_packing.h"

#include <algorithm>
#include <sstream>

namespace bw::train {
namespace {

text::EncodeOptions withoutSpecialTokens() {
    text::EncodeOptions options;
    options.add_special_tokens = false;
    return options;
}

// Word pieces of many texts at once (all cores), without [CLS]/[SEP].
std::vector<std::vector<int32_t>> pieceIds(const std::vector<std::string>& texts, const text::BertTokenizer& tokenizer) {
    std::vector<text::TextInput> inputs;
    inputs.reserve(texts.size());
    for (const std::string& t : texts) inputs.push_back({t, std::nullopt});
    std::vector<std::vector<int32_t>> ids;
    ids.reserve(texts.size());
    for (text::Encoding& e : tokenizer.encodeBatch(inputs, withoutSpecialTokens())) ids.push_back(std::move(e.ids));
    return ids;
}

Feature wrapPair(const text::BertTokenizer& tok, const std::vector<int32_t>& a, const std::vector<int32_t>* b) {
    Feature f;
    f.input_ids.push_back(tok.clsId());
    f.input_ids.insert(f.input_ids.end(), a.begin(), a.end());
    f.input_ids.push_back(tok.sepId());
    f.token_type_ids.assign(f.input_ids.size(), 0);
    if (b) {
        f.input_ids.insert(f.input_ids.end(), b->begin(), b->end());
        f.input_ids.push_back(tok.sepId());
        f.token_type_ids.resize(f.input_ids.size(), 1);
    }
    return f;
}

std::vector<std::string> splitLabels(const std::string& s) {
    std::vector<std::string> parts;
    std::stringstream in(s);
    for (std::string part; std::getline(in, part, ',');) {
        part.erase(0, part.find_first_not_of(" \t"));
        part.erase(part.find_last_not_of(" \t") + 1);
        if (!part.empty()) parts.push_back(part);
    }
    return parts;
}

// Sentences of a document given as one long line: split after . ! ? and at HTML line breaks.
std::vector<std::string> splitSentences(const std::string& text) {
    std::vector<std::string> sentences;
    std::string current;
    auto push = [&] {
        if (current.find_first_not_of(" \t") != std::string::npos) sentences.push_back(current);
        current.clear();
    };
    for (size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 6, "<br />") == 0) {
            push();
            i += 5;
            continue;
        }
        current += text[i];
        const char c = text[i];
        if ((c == '.' || c == '!' || c == '?') && i + 1 < text.size() && text[i + 1] == ' ') push();
    }
    push();
    return sentences;
}

// Drops tokens from the longer side (front or back at random) until the pair fits, as BERT does.
void truncatePair(std::vector<int32_t>& a, std::vector<int32_t>& b, size_t max_tokens, std::mt19937_64& rng) {
    std::bernoulli_distribution coin(0.5);
    while (a.size() + b.size() > max_tokens) {
        std::vector<int32_t>& longer = a.size() > b.size() ? a : b;
        if (coin(rng)) longer.erase(longer.begin());
        else longer.pop_back();
    }
}

}  // namespace

std::vector<Feature> buildSequenceFeatures(const std::vector<data::Example>& examples,
                                           const text::BertTokenizer& tokenizer, int max_length, model::ProblemType kind,
                                           const std::function<int32_t(const std::string&)>& label_id,
                                           int32_t num_labels) {
    std::vector<text::TextInput> inputs;
    inputs.reserve(examples.size());
    for (const data::Example& e : examples) inputs.push_back({e.text, e.text_pair});
    text::EncodeOptions options;
    options.max_length = max_length;
    std::vector<text::Encoding> encodings = tokenizer.encodeBatch(inputs, options);

    std::vector<Feature> features(examples.size());
    for (size_t i = 0; i < examples.size(); ++i) {
        Feature& f = features[i];
        f.input_ids = std::move(encodings[i].ids);
        f.token_type_ids = std::move(encodings[i].type_ids);
        f.example_index = i;
        const std::string& label = examples[i].label;
        switch (kind) {
        case model::ProblemType::Unset:  // Hugging Face reads integer labels as single-label
        case model::ProblemType::SingleLabel: f.label = label_id(label); break;
        case model::ProblemType::MultiLabel:
            f.target.assign(num_labels, 0.0f);
            for (const std::string& name : splitLabels(label)) f.target.at(label_id(name)) = 1.0f;
            break;
        case model::ProblemType::Regression:
            if (const std::optional<float> value = data::regressionValue(label)) {
                f.target = {*value};
            } else {
                throw Error("line " + std::to_string(examples[i].source_line) + ": regression label '" + label +
                            "' is not a number");
            }
            break;
        }
    }
    return features;
}

std::vector<Feature> buildTokenFeatures(const std::vector<data::Example>& examples,
                                        const text::BertTokenizer& tokenizer, int max_length,
                                        const std::function<int32_t(const std::string&)>& tag_id) {
    std::vector<std::string> words;
    for (const data::Example& e : examples) {
        if (e.words.size() != e.tags.size())
            throw Error("line " + std::to_string(e.source_line) + ": " + std::to_string(e.words.size()) + " words but " +
                        std::to_string(e.tags.size()) + " tags");
        words.insert(words.end(), e.words.begin(), e.words.end());
    }
    const std::vector<std::vector<int32_t>> pieces = pieceIds(words, tokenizer);

    std::vector<Feature> features;
    features.reserve(examples.size());
    size_t next_word = 0;
    for (size_t i = 0; i < examples.size(); ++i) {
        const data::Example& e = examples[i];
        Feature f;
        f.example_index = i;
        f.input_ids.push_back(tokenizer.clsId());
        f.token_labels.push_back(kIgnoreIndex);
        for (size_t w = 0; w < e.words.size(); ++w) {
            const std::vector<int32_t>& word = pieces[next_word + w];
            if (word.empty()) continue;  // e.g. a word made only of control characters
            if (f.input_ids.size() + word.size() + 1 > static_cast<size_t>(max_length)) break;  // truncated
            f.input_ids.insert(f.input_ids.end(), word.begin(), word.end());
            f.token_labels.push_back(tag_id(e.tags[w]));
            f.token_labels.insert(f.token_labels.end(), word.size() - 1, kIgnoreIndex);
        }
        next_word += e.words.size();
        f.input_ids.push_back(tokenizer.sepId());
        f.token_labels.push_back(kIgnoreIndex);
        f.token_type_ids.assign(f.input_ids.size(), 0);
        features.push_back(std::move(f));
    }
    return features;
}

std::vector<Feature> buildMaskedLmFeatures(const std::vector<data::Example>& examples,
                                           const text::BertTokenizer& tokenizer, int max_length, bool pack) {
    std::vector<std::string> lines;
    for (const data::Example& e : examples) lines.push_back(e.text);
    const std::vector<std::vector<int32_t>> pieces = pieceIds(lines, tokenizer);
    const size_t window = static_cast<size_t>(max_length) - 2;

    std::vector<Feature> features;
    std::vector<int32_t> buffer;
    auto flush = [&](bool partial) {
        while (buffer.size() >= window || (partial && !buffer.empty())) {
            const size_t n = std::min(window, buffer.size());
            std::vector<int32_t> chunk(buffer.begin(), buffer.begin() + n);
            features.push_back(wrapPair(tokenizer, chunk, nullptr));
            features.back().example_index = features.size() - 1;
            buffer.erase(buffer.begin(), buffer.begin() + n);
        }
    };
    for (size_t i = 0; i < examples.size(); ++i) {
        if (i > 0 && examples[i].document != examples[i - 1].document) flush(true);  // windows stay in one document
        buffer.insert(buffer.end(), pieces[i].begin(), pieces[i].end());
        flush(false);
    }
    flush(true);
    return pack ? packSequences(features, static_cast<size_t>(max_length)) : features;
}

std::vector<Feature> buildPretrainingFeatures(const std::vector<data::Example>& examples,
                                              const text::BertTokenizer& tokenizer, int max_length,
                                              double short_seq_probability, double nsp_probability,
                                              std::mt19937_64& rng) {
    // Documents as lists of sentences.
    std::vector<std::vector<std::string>> doc_sentences;
    for (size_t i = 0; i < examples.size(); ++i) {
        if (i == 0 || examples[i].document != examples[i - 1].document) doc_sentences.emplace_back();
        doc_sentences.back().push_back(examples[i].text);
    }
    std::vector<std::string> flat;
    std::vector<size_t> doc_start;
    for (auto& sentences : doc_sentences) {
        if (sentences.size() == 1) sentences = splitSentences(sentences.front());
        doc_start.push_back(flat.size());
        flat.insert(flat.end(), sentences.begin(), sentences.end());
    }
    doc_start.push_back(flat.size());
    const std::vector<std::vector<int32_t>> pieces = pieceIds(flat, tokenizer);
    const size_t num_docs = doc_sentences.size();
    auto sentence = [&](size_t doc, size_t s) -> const std::vector<int32_t>& { return pieces[doc_start[doc] + s]; };
    auto doc_size = [&](size_t doc) { return doc_start[doc + 1] - doc_start[doc]; };

    const size_t max_tokens = static_cast<size_t>(max_length) - 3;  // [CLS] A [SEP] B [SEP]
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    auto randint = [&](size_t lo, size_t hi) { return std::uniform_int_distribution<size_t>(lo, hi)(rng); };

    std::vector<Feature> features;
    for (size_t d = 0; d < num_docs; ++d) {
        const size_t target = uniform(rng) < short_seq_probability ? randint(2, max_tokens) : max_tokens;
        std::vector<size_t> chunk;  // sentence indices
        size_t chunk_tokens = 0;
        for (size_t s = 0; s < doc_size(d); ++s) {
            chunk.push_back(s);
            chunk_tokens += sentence(d, s).size();
            if (s + 1 != doc_size(d) && chunk_tokens < target) continue;

            const size_t a_end = chunk.size() >= 2 ? randint(1, chunk.size() - 1) : 1;
            std::vector<int32_t> a, b;
            for (size_t k = 0; k < a_end; ++k) a.insert(a.end(), sentence(d, chunk[k]).begin(), sentence(d, chunk[k]).end());
            int32_t is_random = 0;
            if ((chunk.size() == 1 || uniform(rng) < nsp_probability) && num_docs > 1) {
                is_random = 1;
                size_t other = d;
                for (int attempt = 0; attempt < 10 && other == d; ++attempt) other = randint(0, num_docs - 1);
                if (other == d) other = (d + 1) % num_docs;
                const size_t want = target > a.size() ? target - a.size() : 1;
                for (size_t k = randint(0, doc_size(other) - 1); k < doc_size(other) && b.size() < want; ++k)
                    b.insert(b.end(), sentence(other, k).begin(), sentence(other, k).end());
                s -= chunk.size() - a_end;  // the unused sentences start the next chunk
            } else {
                for (size_t k = a_end; k < chunk.size(); ++k)
                    b.insert(b.end(), sentence(d, chunk[k]).begin(), sentence(d, chunk[k]).end());
            }
            chunk.clear();
            chunk_tokens = 0;
            if (a.empty() || b.empty()) continue;
            truncatePair(a, b, max_tokens, rng);
            Feature f = wrapPair(tokenizer, a, &b);
            f.label = is_random;
            f.example_index = d;
            features.push_back(std::move(f));
        }
    }
    return features;
}

}  // namespace bw::train
