#pragma once
// Internal to core (LibTorch). A training checkpoint: a complete Hugging Face model directory
// (core/io/model_directory) plus what an exact resume needs: optimizer.pt (AdamW's moments),
// rng_state.pt (the dropout generator) and trainer_state.json (core/train/trainer_state.h).
#include "core/model/bert_task_model.h"
#include "core/text/bert_tokenizer.h"
#include "core/train/fused_adamw.h"
#include "core/train/trainer_state.h"

#include <filesystem>

namespace bw::train {

// Atomic: the directory appears whole or not at all.
void saveTrainingCheckpoint(const std::filesystem::path& dir, const model::BertTaskModelImpl& model,
                            const text::BertTokenizer& tokenizer, FusedAdamW& optimizer, const TrainerState& state,
                            const nlohmann::json& training_args);
// Restores the weights, the optimizer and the dropout generator; returns the trainer state, which
// lists `dir` among its checkpoints. Throws bw::Error naming the directory when it is not a
// checkpoint of this trainer.
TrainerState loadTrainingCheckpoint(const std::filesystem::path& dir, model::BertTaskModelImpl& model,
                                    FusedAdamW& optimizer);

}  // namespace bw::train
