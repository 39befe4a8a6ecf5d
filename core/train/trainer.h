#pragma once
// Internal to core (LibTorch). The training loop of Hugging Face's Trainer for every BERT task:
// AdamW with decoupled weight decay (none on biases and LayerNorm), warmup + schedule, gradient
// accumulation and clipping, evaluation and checkpoints every N steps or epoch, the best
// checkpoint, early stopping, and exact resume (model, optimizer, schedule, RNG, data position).
// It knows nothing of the experiment store: it reports through TrainerCallbacks.
#include "core/model/bert_task_model.h"
#include "core/text/bert_tokenizer.h"
#include "core/train/batching.h"
#include "core/train/features.h"
#include "core/train/task_spec.h"
#include "core/train/training_args.h"
#include "core/train/training_events.h"

#include <filesystem>
#include <memory>
#include <optional>

namespace bw::train {

struct SpeedSample {
    int64_t steps_per_epoch = 0;
    double seconds_per_step = 0;   // an average step of the epoch
    double seconds_per_epoch = 0;
    double sequences_per_second = 0;
};

class Trainer {
public:
    Trainer(model::BertTaskModel model, std::shared_ptr<const text::BertTokenizer> tokenizer, TrainingArguments args,
            TaskSpec task, std::vector<Feature> train, std::vector<Feature> eval, std::filesystem::path output_dir,
            TrainerCallbacks callbacks);
    ~Trainer();

    // Trains to the end (or until cancelled / early-stopped). `resume_from` is a checkpoint directory
    // written by this trainer. Throws bw::Error on a NaN/infinite loss or bad input.
    TrainOutcome train(const std::optional<std::filesystem::path>& resume_from = std::nullopt);
    // Loss and metrics on the evaluation features (deterministic masking for MLM tasks).
    EvaluationEvent evaluate(int64_t step, double epoch);

    // Times `steps` real training steps (forward, backward, AdamW) on batches spread over the first
    // epoch, after one untimed warm-up step, and extrapolates to the whole epoch by padded tokens,
    // since a step costs in proportion to them. Changes the weights: use a throwaway trainer.
    SpeedSample sampleSpeed(int steps);

    model::BertTaskModel model() const { return model_; }
    int64_t totalSteps() const;

private:
    struct State;
    model::BertOutputs forwardBatch(const Batch& batch);
    torch::Tensor computeLoss(const model::BertOutputs& out, const Batch& batch, EvalPredictions* predictions);
    LabelLayout labelLayout() const;
    Batch makeBatch(const std::vector<Feature>& features, const std::vector<size_t>& indices, torch::Generator& gen) const;
    std::filesystem::path saveCheckpoint(int64_t step, const EvaluationEvent* evaluation);
    void loadCheckpoint(const std::filesystem::path& dir);
    void pruneCheckpoints();

    model::BertTaskModel model_;
    std::shared_ptr<const text::BertTokenizer> tokenizer_;
    TrainingArguments args_;
    TaskSpec task_;
    std::vector<Feature> train_, eval_;
    std::filesystem::path output_dir_;
    TrainerCallbacks callbacks_;
    std::unique_ptr<MlmMasker> masker_;
    std::unique_ptr<State> state_;
};

}  // namespace bw::train
