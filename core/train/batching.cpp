#include "core/train/batching.h"

#include "core/runtime/error.h"

#include <algorithm>
#include <numeric>
#include <random>

namespace bw::train {

std::vector<std::vector<size_t>> planBatches(const std::vector<Feature>& features, int64_t batch_size, bool shuffle,
                                             bool group_by_length, uint64_t seed, int64_t epoch) {
    std::vector<size_t> order(features.size());
    std::iota(order.begin(), order.end(), 0);
    auto longer = [&](size_t a, size_t b) { return features[a].size() > features[b].size(); };
    const auto B = static_cast<size_t>(batch_size);
    if (shuffle) {
        std::mt19937_64 rng(seed * 1000003ULL + static_cast<uint64_t>(epoch));
        std::shuffle(order.begin(), order.end(), rng);
        if (group_by_length) {
            const size_t mega = 50 * B;
            for (size_t start = 0; start < order.size(); start += mega)
                std::stable_sort(order.begin() + start, order.begin() + std::min(order.size(), start + mega), longer);
        }
    } else if (group_by_length) {
        std::stable_sort(order.begin(), order.end(), longer);
    }
    std::vector<std::vector<size_t>> batches;
    for (size_t start = 0; start < order.size(); start += B)
        batches.emplace_back(order.begin() + start, order.begin() + std::min(order.size(), start + B));
    if (shuffle && group_by_length && batches.size() > 1) {
        // The longest batch first, as Hugging Face does, so running out of memory happens at once.
        size_t longest = 0;
        for (size_t i = 1; i < batches.size(); ++i)
            if (features[batches[i].front()].size() > features[batches[longest].front()].size()) longest = i;
        std::swap(batches[0], batches[longest]);
    }
    return batches;
}

Batch collate(const std::vector<Feature>& features, const std::vector<size_t>& indices, int32_t pad_id,
              LabelLayout layout) {
    if (indices.empty()) throw Error("internal: empty batch");
    size_t longest = 0;
    for (size_t i : indices) longest = std::max(longest, features[i].size());
    const auto B = static_cast<int64_t>(indices.size()), S = static_cast<int64_t>(longest);

    Batch batch;
    batch.feature_indices = indices;
    batch.input_ids = torch::full({B, S}, pad_id, torch::kInt64);
    batch.token_type_ids = torch::zeros({B, S}, torch::kInt64);
    batch.attention_mask = torch::zeros({B, S}, torch::kInt64);
    auto ids = batch.input_ids.accessor<int64_t, 2>();
    auto types = batch.token_type_ids.accessor<int64_t, 2>();
    auto mask = batch.attention_mask.accessor<int64_t, 2>();
    for (int64_t b = 0; b < B; ++b) {
        const Feature& f = features[indices[b]];
        for (size_t s = 0; s < f.size(); ++s) {
            ids[b][s] = f.input_ids[s];
            types[b][s] = f.token_type_ids[s];
            mask[b][s] = 1;
        }
    }

    const bool packed = std::any_of(indices.begin(), indices.end(),
                                    [&](size_t i) { return !features[i].packed_lengths.empty(); });
    if (packed) {
        batch.document_ids = torch::zeros({B, S}, torch::kInt64);
        batch.position_ids = torch::zeros({B, S}, torch::kInt64);
        auto documents = batch.document_ids.accessor<int64_t, 2>();
        auto positions = batch.position_ids.accessor<int64_t, 2>();
        for (int64_t b = 0; b < B; ++b) {
            const Feature& f = features[indices[b]];
            const std::vector<int32_t> whole{static_cast<int32_t>(f.size())};
            int64_t s = 0, document = 0;
            for (int32_t length : f.packed_lengths.empty() ? whole : f.packed_lengths) {
                ++document;
                for (int32_t p = 0; p < length; ++p, ++s) {
                    documents[b][s] = document;
                    positions[b][s] = p;
                }
            }
            if (s != static_cast<int64_t>(f.size())) throw Error("internal: packed lengths do not add up to the row");
        }
    }

    switch (layout) {
    case LabelLayout::None: break;
    case LabelLayout::SingleLabel:
    case LabelLayout::PretrainingNsp: {
        batch.labels = torch::empty({B}, torch::kInt64);
        for (int64_t b = 0; b < B; ++b) batch.labels[b] = features[indices[b]].label;
        break;
    }
    case LabelLayout::FloatTargets: {
        const auto C = static_cast<int64_t>(features[indices[0]].target.size());
        batch.labels = torch::empty({B, C}, torch::kFloat32);
        auto t = batch.labels.accessor<float, 2>();
        for (int64_t b = 0; b < B; ++b)
            for (int64_t c = 0; c < C; ++c) t[b][c] = features[indices[b]].target.at(c);
        break;
    }
    case LabelLayout::TokenLabels: {
        batch.labels = torch::full({B, S}, kIgnoreIndex, torch::kInt64);
        auto t = batch.labels.accessor<int64_t, 2>();
        for (int64_t b = 0; b < B; ++b) {
            const Feature& f = features[indices[b]];
            for (size_t s = 0; s < f.token_labels.size(); ++s) t[b][s] = f.token_labels[s];
        }
        break;
    }
    }
    return batch;
}

MlmMasker::MlmMasker(const text::BertTokenizer& tokenizer, double probability, bool whole_word)
    : mask_id_(tokenizer.maskId()),
      vocab_size_(static_cast<int64_t>(tokenizer.vocab().size())),
      probability_(probability),
      whole_word_(whole_word) {
    if (mask_id_ < 0) throw Error("the vocabulary has no " + tokenizer.options().mask_token + " token: masked-LM training needs one");
    special_ = torch::zeros({vocab_size_}, torch::kBool);
    continuation_ = torch::zeros({vocab_size_}, torch::kBool);
    const std::string& prefix = tokenizer.options().continuing_subword_prefix;
    for (int64_t id = 0; id < vocab_size_; ++id) {
        const std::string& token = tokenizer.vocab().token(static_cast<int32_t>(id));
        if (tokenizer.isSpecial(static_cast<int32_t>(id))) special_[id] = true;
        else if (!prefix.empty() && token.rfind(prefix, 0) == 0) continuation_[id] = true;
    }
}

void MlmMasker::apply(Batch& batch, torch::Generator& generator) const {
    torch::NoGradGuard no_grad;
    auto ids = batch.input_ids;  // [B, S]
    auto maskable = batch.attention_mask.to(torch::kBool) & ~special_.index({ids});
    torch::Tensor chosen;
    if (!whole_word_) {
        chosen = (torch::rand(ids.sizes(), generator) < probability_) & maskable;
    } else {
        // Draw once per word start; a "##" piece takes the decision of the word it continues.
        auto starts = maskable & ~continuation_.index({ids});
        auto draw = (torch::rand(ids.sizes(), generator) < probability_) & starts;
        auto word_index = starts.to(torch::kInt64).cumsum(1);  // [B, S] number of the word each piece belongs to
        auto chosen_words = torch::zeros({ids.size(0), ids.size(1) + 1}, torch::kBool);
        // Only word starts write their own slot; everything else writes false into slot 0 ("no word").
        chosen_words.scatter_(1, torch::where(starts, word_index, torch::zeros_like(word_index)), draw);
        chosen = chosen_words.gather(1, word_index) & maskable & (word_index > 0);
    }
    batch.mlm_labels = torch::where(chosen, ids, torch::full_like(ids, kIgnoreIndex));
    auto replace_with_mask = (torch::rand(ids.sizes(), generator) < 0.8) & chosen;
    auto replace_random = (torch::rand(ids.sizes(), generator) < 0.5) & chosen & ~replace_with_mask;
    auto random_tokens = torch::randint(vocab_size_, ids.sizes(), generator, torch::kInt64);
    batch.input_ids = torch::where(replace_with_mask, torch::full_like(ids, mask_id_),
                                   torch::where(replace_random, random_tokens, ids));
}

}  // namespace bw::train
