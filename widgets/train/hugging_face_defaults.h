#pragma once
// Hugging Face TrainingArguments' own defaults (transformers 4.x), which Bertwork's differ from in
// a few places (it evaluates and saves every epoch, keeps 2 checkpoints, loads the best model at
// the end, groups batches by length, logs every 10 steps). The wizard's review bolds what differs
// from these, as that is what a run reproduced in Python would have to set.
#include "core/train/training_args.h"

namespace bw::gui {

// Fields Hugging Face does not have (max_seq_length, class_weights, the masking and NSP
// probabilities, early stopping) keep Bertwork's defaults.
train::TrainingArguments huggingFaceDefaults();

}  // namespace bw::gui
