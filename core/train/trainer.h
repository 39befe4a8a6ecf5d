#pragma once
// Internal to core (LibTorch). The training loop of Hugging Face's Trainer for every BERT task:
// batches in a seeded order, each head's own loss, evaluation and checkpoints every N steps or
// epoch, the best checkpoint, early stopping, and exact resume (model, optimizer, schedule, RNG,
// data position). When to log, evaluate, save and stop is core/train/training_control's; how a
// step is taken (accumulation, clipping, schedule, AdamW) is core/train/optimization_step's.
// It knows nothing of the experiment store: it reports through TrainerCallbacks.
#include "core/model/bert_task_model.h"
#include "core/store/store_records.h"
#include "core/text/bert_tokenizer.h"
#include "core/train/batching.h"
#include "core/train/features.h"
#include "core/train/optimization_step.h"
#include "core/train/task_spec.h"
#include "core/train/training_args.h"
#include "core/train/trainer_state.h"
#include "core/train/training_control.h"
#include "core/train/training_events.h"
#include "core/train/time_left.h"

#include <filesystem>
#include <memory>
#include <optional>

namespace bw::train {

namespace distributed {
class DataParallel;
class ProcessGroup;
}  // namespace distributed

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

    // Trains to the end (or until cancelled / early-stopped). `resume_from` is a checkpoint directory
    // written by this trainer. Throws bw::Error on a NaN/infinite loss or bad input.
    TrainOutcome train(const std::optional<std::filesystem::path>& resume_from = std::nullopt);
    // Loss and metrics on the evaluation features (deterministic masking for MLM tasks). With
    // `rows`, also each row's prediction and loss, in the split's order (error analysis; a single
    // process of a classification or token-classification model).
    EvaluationEvent evaluate(int64_t step, double epoch, std::vector<store::AnalysisRow>* rows = nullptr);

    // Times `steps` real training steps (forward, backward, AdamW) on batches spread over the first
    // epoch, after one untimed warm-up step, and extrapolates to the whole epoch by padded tokens,
    // since a step costs in proportion to them. Changes the weights: use a throwaway trainer.
    SpeedSample sampleSpeed(int steps);

    // Seconds one whole evaluation takes (0 without evaluation features), timed on `batches` batches
    // spread over the set after a warm-up one, extrapolated by padded tokens as sampleSpeed does.
    double sampleEvaluationSeconds(int batches);
    // Seconds one checkpoint takes to write (model, optimizer, schedule, tokenizer), timed by
    // writing one into a temporary folder, removed afterwards.
    double sampleSaveSeconds();
    // The evaluations and saves a whole run holds by its schedule.
    TrainingControl::Schedule schedule() const;

    // Makes this trainer one rank of a data-parallel job: batches of per-device size x ranks, each
    // rank training its slice (core/train/distributed/data_parallel.h); only rank 0 writes files.
    void joinDataParallel(std::shared_ptr<distributed::ProcessGroup> group);

    model::BertTaskModel model() const { return model_; }
    int64_t totalSteps() const;

private:
    void refuseSilentSettings() const;
    int64_t trainBatchSize() const;  // of the whole job: per device x ranks
    int64_t stepsPerEpoch() const;
    int64_t evaluationTokens() const;  // padded tokens of one evaluation
    bool writesFiles() const;         // the only process, or rank 0
    bool stopRequested();             // on any rank
    LabelLayout labelLayout() const;
    Batch makeBatch(const std::vector<Feature>& features, const std::vector<size_t>& indices, torch::Generator& gen) const;
    model::BertOutputs forwardBatch(const Batch& batch);  // with the head's loss
    // What a step or an epoch end calls for: an evaluation (which may save), or a save alone.
    void evaluateOrSave(const ControlDecision& due, double epoch, TrainOutcome& outcome);
    // Evaluates (when there is a validation set), judges the result, saves what is due.
    void evaluateAndSave(double epoch, bool save_due, TrainOutcome& outcome);
    std::filesystem::path saveCheckpoint(const EvaluationEvent* evaluation);
    void pruneCheckpoints();

    model::BertTaskModel model_;
    std::shared_ptr<const text::BertTokenizer> tokenizer_;
    TrainingArguments args_;
    TaskSpec task_;
    std::vector<Feature> train_, eval_;
    std::filesystem::path output_dir_;
    TrainerCallbacks callbacks_;
    TrainingControl control_;
    OptimizationStep step_;
    torch::Device device_;  // the model's
    TrainerState state_;
    torch::Tensor class_weights_;  // [C] or undefined
    std::unique_ptr<MlmMasker> masker_;
    torch::Generator masking_;
    bool stop_early_ = false;
    std::shared_ptr<distributed::DataParallel> parallel_;  // null: a single process
    std::optional<TimeLeft> time_left_;  // while train() runs: what evaluations and saves cost
    double event_seconds_ = 0;           // this session's time in evaluations and saves
};

}  // namespace bw::train
