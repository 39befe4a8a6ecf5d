#pragma once
// What the wizard needs to know about the base model before training: that it loads (or why not,
// with the load report), its size, its max_position_embeddings, and where its tokenizer is.
// Loading weights takes a while for a large model: call it on a worker thread.
#include "widgets/train/training_setup.h"

#include <QString>

#include <cstdint>
#include <string>

namespace bw::gui {

struct ModelFacts {
    bool usable = false;          // loaded (or, from scratch: the size and vocabulary are valid)
    QString error;                // why it cannot be used: the engine's message
    QString summary_html;         // architecture, size, labels and load report
    int64_t max_positions = 0;    // max_position_embeddings
    bool has_mask_token = false;  // masked LM and pretraining need one
    std::string tokenizer_dir;    // the tokenizer of a model directory ...
    std::string vocab_file;       // ... or of a vocab.txt (from scratch)
};

// The directory of the bundled model, or "" with *error saying where it was looked for.
QString bundledModelDir(QString* error);

// Never throws: a failure is in ModelFacts::error.
ModelFacts inspectBaseModel(const TrainingSetup& setup);

}  // namespace bw::gui
