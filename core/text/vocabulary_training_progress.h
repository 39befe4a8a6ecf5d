#pragma once
// What a vocabulary training reports while it runs, and the error that ends it when it is
// cancelled. Shared by the word counter and the WordPiece trainer, so the GUI and the CLI drive
// both the same way.
#include "core/runtime/error.h"

#include <cstdint>
#include <functional>

namespace bw::text {

enum class TrainingStage {
    CountingWords,  // reading the corpus: done/total are bytes
    CountingRows,   // reading a stored dataset's split instead: done/total are rows
    Merging,        // learning pieces: done/total are vocabulary entries
};

struct TrainingProgress {
    TrainingStage stage = TrainingStage::CountingWords;
    uint64_t done = 0;
    uint64_t total = 0;
};

// Called on the thread that started the training, a few times a second at most.
using TrainingProgressCallback = std::function<void(const TrainingProgress&)>;

// Thrown when the caller's cancel flag was set; nothing has been written.
class TrainingCancelled : public bw::Error {
public:
    TrainingCancelled() : bw::Error("vocabulary training cancelled") {}
};

}  // namespace bw::text
