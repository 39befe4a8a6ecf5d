#pragma once
// Internal to core (LibTorch). Turning features into padded batches: the batch plan (random or
// length-grouped, deterministic for a seed and epoch), dynamic padding, and masked-LM corruption.
#include "core/text/bert_tokenizer.h"
#include "core/train/features.h"

#include <torch/torch.h>

#include <cstdint>
#include <vector>

namespace bw::train {

enum class LabelLayout { None, SingleLabel, FloatTargets, TokenLabels, PretrainingNsp };

struct Batch {
    torch::Tensor input_ids;       // [B, S] int64, padded with the tokenizer's pad id
    torch::Tensor token_type_ids;  // [B, S]
    torch::Tensor attention_mask;  // [B, S] 1 = token
    // When a feature of the batch is a packed row: [B, S] the document of each position (1, 2, ...
    // in a row, 0 on padding) and its position within that document; else undefined.
    torch::Tensor document_ids;
    torch::Tensor position_ids;
    torch::Tensor labels;          // [B] class ids | [B, C] float targets | [B, S] token labels | [B] NSP
    torch::Tensor mlm_labels;      // [B, S] original ids at masked positions, kIgnoreIndex elsewhere
    std::vector<size_t> feature_indices;
    int64_t size() const { return input_ids.size(0); }
};

// Batches of feature indices for one epoch. Training shuffles with (seed, epoch); with
// group_by_length it sorts inside mega-batches of 50 batches (Hugging Face's LengthGroupedSampler)
// so a batch holds similar lengths and padding is small. Without shuffle, batches follow length
// order (evaluation: least padding, results are put back in order by feature_indices).
std::vector<std::vector<size_t>> planBatches(const std::vector<Feature>& features, int64_t batch_size, bool shuffle,
                                             bool group_by_length, uint64_t seed, int64_t epoch);

Batch collate(const std::vector<Feature>& features, const std::vector<size_t>& indices, int32_t pad_id,
              LabelLayout layout);

// BERT's masking: each maskable position is chosen with `probability` (whole words together when
// asked: "##" pieces follow their word); of those 80% become [MASK], 10% a random token, 10% stay.
// Special tokens and padding are never chosen.
class MlmMasker {
public:
    MlmMasker(const text::BertTokenizer& tokenizer, double probability, bool whole_word);
    void apply(Batch& batch, torch::Generator& generator) const;

private:
    int32_t mask_id_;
    int64_t vocab_size_;
    double probability_;
    bool whole_word_;
    torch::Tensor special_;      // [V] bool: never masked
    torch::Tensor continuation_; // [V] bool: "##" piece
};

}  // namespace bw::train
