#pragma once
// Checks on a state dict a checkpoint reader accepted: every view lies inside its storage, no two
// elements of a view share a stored value (a view holds no more elements than its storage), and
// every element can be read (AddressSanitizer sees any read past the buffer).
#include "core/io/tensor_map.h"
#include "fuzz_scratch.h"

namespace bw::fuzz {

inline void checkStateDict(const io::TensorMap& tensors) {
    for (const auto& [name, t] : tensors) {
        if (!t.defined()) invariantBroken("tensor '" + name + "' is undefined");
        const int64_t stored = static_cast<int64_t>(t.storage().nbytes() / t.element_size());
        if (t.numel() > stored) invariantBroken("tensor '" + name + "' has more elements than its storage");
        int64_t last = t.storage_offset();
        for (int64_t d = 0; d < t.dim(); ++d) last += (t.size(d) - 1) * t.stride(d);
        if (t.numel() > 0 && (t.storage_offset() < 0 || last >= stored))
            invariantBroken("tensor '" + name + "' reaches past its storage");
        (void)t.contiguous();  // reads every element
    }
}

}  // namespace bw::fuzz
