#pragma once
// Sequence packing for masked-LM training: short sequences laid end to end in rows of up to
// max_length tokens, so a batch holds text instead of padding. Each sequence keeps its own
// [CLS] ... [SEP]; the batch then carries document ids (attention stays inside a sequence, as
// NeoBERT found it must: 2.8 GLUE points lost without the block) and positions that restart at
// each sequence, so a packed row computes what its sequences would compute alone. Plain C++.
#include "core/train/features.h"

#include <cstddef>
#include <vector>

namespace bw::train {

// Best-fit decreasing: the longest sequences first, each into the fullest row it still fits (a new
// row when none has room). Deterministic for the same input. Every sequence appears in exactly one
// row, whole; rows list their sequences' lengths in `packed_lengths`. Throws bw::Error for a
// sequence longer than max_length. Only token ids and type ids are carried (masked-LM features).
std::vector<Feature> packSequences(const std::vector<Feature>& sequences, size_t max_length);

}  // namespace bw::train
