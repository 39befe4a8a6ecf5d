#include "core/train/trainer.h"

#include "core/io/model_directory.h"
#include "core/runtime/adaptive_threads.h"
#include "core/runtime/compute_setup.h"
#include "core/runtime/error.h"
#include "core/runtime/torch_device.h"
#include "core/train/distributed/data_parallel.h"
#include "core/train/evaluation_metrics.h"
#include "core/train/gather_predictions.h"
#include "core/train/row_predictions.h"
#include "core/train/lr_schedule.h"
#include "core/train/task_catalogue.h"
#include "core/train/training_checkpoint.h"

#include <ATen/CPUGeneratorImpl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace bw::train {
namespace fs = std::filesystem;
using model::BertTask;

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// The training loss and throughput between two logs, plus masked-LM / NSP figures when pretraining.
// The loss is summed as a tensor on the model's device and read (checked for NaN) only when logged
// or before a checkpoint: on a GPU a read waits for all the queued work.
struct LogWindow {
    Clock::time_point start = Clock::now();
    torch::Tensor loss_sum;
    int64_t first_step = 0;          // the first optimizer step whose losses are in the sum
    int64_t steps = 0, sequences = 0;  // micro-batches and their rows
    int64_t skipped_steps = 0;         // fp16 steps skipped for overflowing gradients
    EvalPredictions language_model;

    explicit LogWindow(int64_t first = 0) : first_step(first) {}

    void add(const torch::Tensor& loss, int64_t batch_size) {
        loss_sum = loss_sum.defined() ? loss_sum + loss : loss;
        ++steps;
        sequences += batch_size;
    }
    // Reads the sum; throws bw::Error when it is NaN or infinite.
    double meanLoss(int64_t last_step) const {
        if (!loss_sum.defined()) return 0.0;
        const double mean = loss_sum.item<double>() / static_cast<double>(std::max<int64_t>(1, steps));
        checkFiniteLoss(mean, first_step, last_step);
        return mean;
    }

    std::map<std::string, double> values(double learning_rate, int64_t last_step) const {
        std::map<std::string, double> v = {{"loss", meanLoss(last_step)},
                                           {"learning_rate", learning_rate},
                                           {"sequences_per_second", sequences / std::max(1e-9, secondsSince(start))}};
        const EvalPredictions& lm = language_model;
        const auto batches = static_cast<double>(std::max<int64_t>(1, lm.batches));
        if (lm.mlm_total > 0) {
            v["mlm_accuracy"] = static_cast<double>(lm.mlm_correct) / static_cast<double>(lm.mlm_total);
            v["mlm_loss"] = lm.mlm_loss_sum / batches;
        }
        if (lm.nsp_total > 0) {
            v["nsp_accuracy"] = static_cast<double>(lm.nsp_correct) / static_cast<double>(lm.nsp_total);
            v["nsp_loss"] = lm.nsp_loss_sum / batches;
        }
        return v;
    }
};

}  // namespace

Trainer::Trainer(model::BertTaskModel model, std::shared_ptr<const text::BertTokenizer> tokenizer,
                 TrainingArguments args, TaskSpec task, std::vector<Feature> train, std::vector<Feature> eval,
                 fs::path output_dir, TrainerCallbacks callbacks)
    : model_(std::move(model)),
      tokenizer_(std::move(tokenizer)),
      args_((args.validate(), std::move(args))),
      task_(std::move(task)),
      train_(std::move(train)),
      eval_(std::move(eval)),
      output_dir_(std::move(output_dir)),
      callbacks_(std::move(callbacks)),
      control_(args_),
      step_(*model_, args_),
      device_(deviceOf(*model_)),
      masking_(at::make_generator<at::CPUGeneratorImpl>(0)) {
    refuseSilentSettings();
    if (!task_.class_weights.empty()) class_weights_ = torch::tensor(task_.class_weights);
    if (task_.task == BertTask::MaskedLM || task_.task == BertTask::PreTraining)
        masker_ = std::make_unique<MlmMasker>(*tokenizer_, args_.mlm_probability, args_.whole_word_masking);
}

// Settings that would otherwise do nothing, or fail hours in, without a word.
void Trainer::refuseSilentSettings() const {
    const bool language_modelling = task_.task == BertTask::MaskedLM || task_.task == BertTask::PreTraining;
    if (args_.early_stopping_patience > 0 && eval_.empty())
        throw Error("early_stopping_patience counts evaluations, and there is no validation set to evaluate on");
    if (args_.class_weights == "balanced" && language_modelling)
        throw Error("class_weights balanced weighs the classes of a classification task, not " +
                    model::taskName(task_.task));
    if (args_.packing && task_.task != BertTask::MaskedLM)
        throw Error("packing lays masked-LM windows end to end; " + model::taskName(task_.task) +
                    " reads one sequence per row (for pretraining without next-sentence prediction, use the "
                    "masked-lm task)");
    const std::string best = args_.bestMetric();
    const std::string problem_type = model::problemTypeName(task_.problem_type);
    const std::vector<std::string> reported = reportedMetricNames(task_.task, problem_type, task_.label_names.size());
    if (best == "f1" && task_.task == BertTask::SequenceClassification &&
        task_.problem_type == model::ProblemType::SingleLabel && task_.label_names.size() != 2)
        throw Error("metric_for_best_model 'f1' is the positive class's F1 of a two-class task; this one has " +
                    std::to_string(task_.label_names.size()) + " classes: use f1_macro, f1_micro or f1_weighted");
    if (args_.evaluation_strategy != "no" && std::find(reported.begin(), reported.end(), best) == reported.end()) {
        std::string names;
        for (const std::string& name : reported) names += (names.empty() ? "" : ", ") + name;
        throw Error("metric_for_best_model '" + best + "' is not computed for this task; it reports: " + names);
    }
}

void Trainer::joinDataParallel(std::shared_ptr<distributed::ProcessGroup> group) {
    parallel_ = std::make_shared<distributed::DataParallel>(std::move(group), class_weights_, model_->parameters());
    step_.reduceGradientsWith([this](const std::vector<torch::Tensor>&) { parallel_->reduceGradients(); });
}

int64_t Trainer::trainBatchSize() const {
    return args_.per_device_train_batch_size * (parallel_ ? parallel_->worldSize() : 1);
}

bool Trainer::writesFiles() const { return !parallel_ || parallel_->isLeader(); }

int64_t Trainer::stepsPerEpoch() const {
    const int64_t batches = (static_cast<int64_t>(train_.size()) + trainBatchSize() - 1) / trainBatchSize();
    return (batches + args_.gradient_accumulation_steps - 1) / args_.gradient_accumulation_steps;
}

namespace {

int64_t paddedTokens(const std::vector<Feature>& features, const std::vector<std::vector<size_t>>& batches) {
    int64_t tokens = 0;
    for (const auto& indices : batches) {
        size_t longest = 0;
        for (size_t i : indices) longest = std::max(longest, features[i].size());
        tokens += static_cast<int64_t>(longest * indices.size());
    }
    return tokens;
}

}  // namespace

int64_t Trainer::evaluationTokens() const {
    if (eval_.empty()) return 0;
    const int64_t batch_size = args_.per_device_eval_batch_size * (parallel_ ? parallel_->worldSize() : 1);
    return paddedTokens(eval_, planBatches(eval_, batch_size, false, true, 0, 0));
}

TrainingControl::Schedule Trainer::schedule() const { return control_.scheduleAfter(0, totalSteps(), stepsPerEpoch()); }

bool Trainer::stopRequested() {
    const bool asked = callbacks_.should_stop && callbacks_.should_stop();
    return parallel_ ? parallel_->anyRank(asked) : asked;
}

int64_t Trainer::totalSteps() const {
    const int64_t batches = (static_cast<int64_t>(train_.size()) + trainBatchSize() - 1) / trainBatchSize();
    const int64_t per_epoch = (batches + args_.gradient_accumulation_steps - 1) / args_.gradient_accumulation_steps;
    if (args_.max_steps > 0) return args_.max_steps;
    return std::max<int64_t>(1, static_cast<int64_t>(std::ceil(args_.num_train_epochs * per_epoch)));
}

LabelLayout Trainer::labelLayout() const {
    switch (task_.task) {
    case BertTask::SequenceClassification:
        return task_.problem_type == model::ProblemType::MultiLabel || task_.problem_type == model::ProblemType::Regression
                   ? LabelLayout::FloatTargets
                   : LabelLayout::SingleLabel;
    case BertTask::TokenClassification: return LabelLayout::TokenLabels;
    case BertTask::PreTraining:
    case BertTask::NextSentence: return LabelLayout::PretrainingNsp;
    default: return LabelLayout::None;
    }
}

Batch Trainer::makeBatch(const std::vector<Feature>& features, const std::vector<size_t>& indices,
                         torch::Generator& gen) const {
    Batch batch = collate(features, indices, tokenizer_->padId(), labelLayout());
    if (masker_) masker_->apply(batch, gen);
    return batch;
}

model::BertOutputs Trainer::forwardBatch(const Batch& batch) {
    model::EncoderRequest request;
    request.input_ids = batch.input_ids;
    request.token_type_ids = batch.token_type_ids;
    request.attention_mask = batch.attention_mask;
    request.document_ids = batch.document_ids;
    request.position_ids = batch.position_ids;
    model::TaskTargets targets;
    targets.labels = batch.labels;
    targets.mlm_labels = batch.mlm_labels;
    targets.class_weights = class_weights_;
    targets.label_smoothing = args_.label_smoothing_factor;
    // The forward pass and the loss under autocast with --bf16/--fp16; backward outside it.
    AutocastScope autocast(device_, step_.precision());
    return model_->forward(request, targets, /*heads_only=*/true);
}

SpeedSample Trainer::sampleSpeed(int steps) {
    if (train_.empty()) throw Error("the training set is empty");
    if (steps < 1) throw Error("sampleSpeed needs at least one step");
    model_->train();
    const auto batches = planBatches(train_, args_.per_device_train_batch_size, true, args_.group_by_length, args_.dataSeed(), 0);
    const int64_t epoch_tokens = paddedTokens(train_, batches);
    const LearningRateSchedule schedule(args_, totalSteps());
    auto step = [&](size_t bi) {
        Batch batch = makeBatch(train_, batches[bi], masking_);
        step_.backward(forwardBatch(batch).loss, 1);
        step_.apply(schedule.at(0, 0.0));
        return batch.input_ids.numel();
    };
    std::vector<size_t> timed;  // spread over the epoch
    for (int k = 0; k < steps; ++k) timed.push_back(batches.size() * static_cast<size_t>(k + 1) / static_cast<size_t>(steps + 1));
    step(0);  // warm-up: first-touch allocations and lazy initialisation
    // A GPU picks (and compiles) kernels for each new shape on first use: meet every timed batch's
    // shape once before the clock starts, or a short sample times mostly that.
    if (!device_.is_cpu())
        for (size_t bi : timed) step(bi);
    waitForDevice(device_);
    int64_t timed_tokens = 0;
    const auto started = Clock::now();
    for (size_t bi : timed) timed_tokens += step(bi);
    waitForDevice(device_);
    const double seconds = secondsSince(started);
    SpeedSample sample;
    const auto accumulation = static_cast<size_t>(args_.gradient_accumulation_steps);
    sample.steps_per_epoch = static_cast<int64_t>((batches.size() + accumulation - 1) / accumulation);
    sample.seconds_per_epoch = seconds * static_cast<double>(epoch_tokens) / static_cast<double>(std::max<int64_t>(1, timed_tokens));
    sample.seconds_per_step = sample.seconds_per_epoch / static_cast<double>(sample.steps_per_epoch);
    sample.sequences_per_second = static_cast<double>(train_.size()) / std::max(1e-9, sample.seconds_per_epoch);
    return sample;
}

double Trainer::sampleEvaluationSeconds(int batches) {
    if (eval_.empty()) return 0;
    const bool was_training = model_->is_training();
    model_->eval();
    const auto plan = planBatches(eval_, args_.per_device_eval_batch_size, false, true, 0, 0);
    torch::Generator gen = at::make_generator<at::CPUGeneratorImpl>(args_.seed + 17);
    std::vector<size_t> timed;  // spread over the set, which runs from its shortest rows to its longest
    for (int k = 0; k < batches; ++k) timed.push_back(plan.size() * static_cast<size_t>(k + 1) / static_cast<size_t>(batches + 1));
    timed.erase(std::unique(timed.begin(), timed.end()), timed.end());
    int64_t timed_tokens = 0;
    double seconds = 0;
    {
        torch::NoGradGuard no_grad;
        const auto forward = [&](size_t bi) {
            const Batch batch = makeBatch(eval_, plan[bi], gen);
            EvalPredictions ignored;
            gatherPredictions(task_, forwardBatch(batch), batch, ignored);
            return batch.input_ids.numel();
        };
        forward(timed.front());  // warm-up
        waitForDevice(device_);
        const auto started = Clock::now();
        for (size_t bi : timed) timed_tokens += forward(bi);
        waitForDevice(device_);
        seconds = secondsSince(started);
    }
    if (was_training) model_->train();
    return seconds * static_cast<double>(paddedTokens(eval_, plan)) / static_cast<double>(std::max<int64_t>(1, timed_tokens));
}

double Trainer::sampleSaveSeconds() {
    const fs::path dir = fs::temp_directory_path() / ("bertwork-save-timing-" + std::to_string(::getpid()) + "-" +
                                                      std::to_string(Clock::now().time_since_epoch().count()));
    const auto started = Clock::now();
    try {
        saveTrainingCheckpoint(dir, *model_, *tokenizer_, step_.optimizer(), state_, args_.toJson());
    } catch (...) {
        std::error_code ignored;
        fs::remove_all(dir, ignored);
        throw;
    }
    const double seconds = secondsSince(started);
    std::error_code ignored;
    fs::remove_all(dir, ignored);
    return seconds;
}

EvaluationEvent Trainer::evaluate(int64_t step, double epoch, std::vector<store::AnalysisRow>* rows) {
    if (rows && parallel_) throw Error("per-row predictions are gathered by a single process, not a data-parallel job");
    const bool was_training = model_->is_training();
    model_->eval();
    EvalPredictions predictions;
    double loss_sum = 0;
    int64_t examples = 0;
    // The same masks at every evaluation, so evaluations are comparable.
    torch::Generator gen = at::make_generator<at::CPUGeneratorImpl>(args_.seed + 17);
    {
        torch::NoGradGuard no_grad;
        // --threads auto, on the CPU: evaluations and error analyses (a whole split) follow the free
        // cores between batches as training does between steps, up to the count configured.
        std::optional<AdaptiveThreads> adaptive_threads;
        if (currentComputeSetup().adaptive_threads && device_.is_cpu())
            adaptive_threads.emplace(currentComputeSetup().intra_op_threads);
        // Ranks evaluate their slices of batches of per-device size x ranks, masked as one process masks them.
        std::optional<distributed::ShardedEvaluation> sharded;
        if (parallel_) sharded.emplace(*parallel_, task_);
        const int64_t batch_size = args_.per_device_eval_batch_size * (parallel_ ? parallel_->worldSize() : 1);
        int64_t rows_done = 0;
        for (const auto& indices : planBatches(eval_, batch_size, false, true, 0, 0)) {
            if (adaptive_threads) adaptive_threads->atStepBoundary();
            if (callbacks_.on_evaluation_progress)
                callbacks_.on_evaluation_progress(rows_done, static_cast<int64_t>(eval_.size()));
            rows_done += static_cast<int64_t>(indices.size());
            Batch batch = makeBatch(eval_, indices, gen);
            if (sharded) {
                sharded->add(batch, [this](const Batch& b) { return forwardBatch(b); });
                continue;
            }
            const model::BertOutputs out = forwardBatch(batch);
            gatherPredictions(task_, out, batch, predictions);
            if (rows) gatherRowPredictions(task_, out, batch, eval_, *rows);
            loss_sum += out.loss.item<double>() * static_cast<double>(batch.size());
            examples += batch.size();
        }
        if (sharded) predictions = sharded->gather(loss_sum, examples);
    }
    if (was_training) model_->train();
    if (rows)  // batches ran in length order
        std::sort(rows->begin(), rows->end(),
                  [](const store::AnalysisRow& a, const store::AnalysisRow& b) { return a.row_index < b.row_index; });
    EvaluationEvent event = summarizeEvaluation(task_, predictions, examples ? loss_sum / examples : 0.0);
    event.step = step;
    event.epoch = epoch;
    return event;
}

fs::path Trainer::saveCheckpoint(const EvaluationEvent* evaluation) {
    const fs::path dir = output_dir_ / ("checkpoint-" + std::to_string(state_.global_step));
    const auto started = Clock::now();
    if (writesFiles()) saveTrainingCheckpoint(dir, *model_, *tokenizer_, step_.optimizer(), state_, args_.toJson());
    const double seconds = secondsSince(started);
    event_seconds_ += seconds;
    if (time_left_) time_left_->addSave(seconds);
    state_.rememberCheckpoint(dir.string());
    if (callbacks_.on_checkpoint) {
        std::optional<double> metric;  // a save without an evaluation has none (not 0: "loss 0.0000")
        if (evaluation && evaluation->metrics.count(args_.bestMetric())) metric = evaluation->metrics.at(args_.bestMetric());
        callbacks_.on_checkpoint({state_.global_step, dir.string(), state_.best_checkpoint == dir.string(), metric});
    }
    return dir;
}

void Trainer::pruneCheckpoints() {
    if (args_.save_total_limit <= 0) return;
    std::vector<std::string>& kept = state_.checkpoints;
    while (static_cast<int64_t>(kept.size()) > args_.save_total_limit) {
        // The oldest goes first, never the best.
        auto victim = std::find_if(kept.begin(), kept.end(), [&](const std::string& c) { return c != state_.best_checkpoint; });
        if (victim == kept.end()) break;
        std::error_code ignored;
        if (writesFiles()) fs::remove_all(*victim, ignored);
        if (callbacks_.on_checkpoint_removed) callbacks_.on_checkpoint_removed(*victim);
        kept.erase(victim);
    }
}

void Trainer::evaluateOrSave(const ControlDecision& due, double epoch, TrainOutcome& outcome) {
    if (due.evaluate) {
        evaluateAndSave(epoch, due.save, outcome);
    } else if (due.save) {
        outcome.last_checkpoint = saveCheckpoint(nullptr).string();
        pruneCheckpoints();
    }
}

void Trainer::evaluateAndSave(double epoch, bool save_due, TrainOutcome& outcome) {
    EvaluationEvent evaluation;
    const bool can_evaluate = !eval_.empty();
    EvaluationVerdict verdict;
    if (can_evaluate) {
        const auto started = Clock::now();
        evaluation = evaluate(state_.global_step, epoch);
        const double seconds = secondsSince(started);
        event_seconds_ += seconds;
        if (time_left_) time_left_->addEvaluation(seconds);
        if (callbacks_.on_evaluate) callbacks_.on_evaluate(evaluation);
        verdict = control_.judge(evaluation.metrics, state_);
        stop_early_ = stop_early_ || verdict.stop_early;
    }
    // The best evaluation's weights are kept even between scheduled saves.
    if (!control_.savesCheckpoints() || !(save_due || verdict.is_best)) return;
    if (verdict.is_best) state_.best_checkpoint = (output_dir_ / ("checkpoint-" + std::to_string(state_.global_step))).string();
    outcome.last_checkpoint = saveCheckpoint(can_evaluate ? &evaluation : nullptr).string();
    pruneCheckpoints();
}

TrainOutcome Trainer::train(const std::optional<fs::path>& resume_from) {
    if (train_.empty()) throw Error("the training set is empty");
    if (resume_from) state_ = loadTrainingCheckpoint(*resume_from, *model_, step_.optimizer());
    // The CPU's mean loss is cheap to read after every step; a GPU's is read only when logged.
    const bool loss_is_cheap = device_.is_cpu();
    double shown_loss = 0.0;
    if (parallel_) parallel_->broadcastModel(*model_);  // every rank starts from rank 0's weights
    if (writesFiles()) fs::create_directories(output_dir_);
    model_->train();

    const int64_t total = totalSteps();
    const LearningRateSchedule schedule(args_, total);
    const std::optional<double> budget = args_.maxTrainSeconds();
    const int64_t accumulation = args_.gradient_accumulation_steps;
    TrainOutcome outcome;
    const auto started = Clock::now();
    // Time trained in every session of the run: a time budget spans resumes.
    const double resumed_seconds = state_.train_seconds;
    // Ranks of a data-parallel job go by rank 0's clock, so they agree on the schedule and the stop.
    auto trained_seconds = [&] {
        const double seconds = resumed_seconds + secondsSince(started);
        return parallel_ && budget ? parallel_->leaderValue(seconds) : seconds;
    };
    bool out_of_time = false;
    double clock = 0, last_step_seconds = 0;  // with a budget: trained seconds where this step began
    const int64_t first_step = state_.global_step;  // ETA counts only the steps of this session
    event_seconds_ = 0;
    time_left_.emplace(control_, total, stepsPerEpoch(), evaluationTokens(),
                       static_cast<double>(paddedTokens(train_, planBatches(train_, trainBatchSize(), false,
                                                                            args_.group_by_length, 0, 0))) /
                           static_cast<double>(std::max<int64_t>(1, stepsPerEpoch())));
    LogWindow window(state_.global_step + 1);
    // --threads auto, on the CPU: the thread count follows the cores other processes leave free.
    std::optional<AdaptiveThreads> adaptive_threads;
    if (currentComputeSetup().adaptive_threads && device_.is_cpu()) adaptive_threads.emplace();
    int64_t total_sequences = 0;
    double current_epoch = static_cast<double>(state_.epoch);
    bool cancelled = false;
    stop_early_ = false;

    while (state_.global_step < total && !cancelled && !stop_early_ && !out_of_time) {
        const auto batches = planBatches(train_, trainBatchSize(), true, args_.group_by_length,
                                         args_.dataSeed(), state_.epoch);
        for (size_t bi = state_.batch_in_epoch;
             bi < batches.size() && state_.global_step < total && !stop_early_ && !out_of_time; ++bi) {
            // A stop is taken only where an accumulation group begins: the gradients summed so far
            // are not in the checkpoint, so a stop inside a group would lose them on resume.
            const bool group_start = bi % static_cast<size_t>(accumulation) == 0;
            if (group_start && stopRequested()) {
                cancelled = true;
                break;
            }
            if (group_start && adaptive_threads) adaptive_threads->atStepBoundary();
            // With a time budget the clock is read once per step, where a step begins: the step is
            // not taken when it would end more past the budget than short of it.
            if (group_start && budget) {
                const double now = trained_seconds();
                if (clock > 0) last_step_seconds = now - clock;
                clock = now;
                state_.train_seconds = clock;
                if (control_.timeIsUp(clock + last_step_seconds / 2)) {
                    out_of_time = true;
                    break;
                }
            }
            // Masks depend on (seed, micro-batch), never on what ran before: resume replays them exactly.
            masking_.set_current_seed(args_.dataSeed() * 7919ULL + static_cast<uint64_t>(state_.epoch) * 1000003ULL + bi);
            const Batch batch = makeBatch(train_, batches[bi], masking_);
            const bool group_end = (bi + 1) % accumulation == 0 || bi + 1 == batches.size();
            if (parallel_) {
                if (group_end) parallel_->armGradientReduction();  // buckets start as backward fills them
                // This rank's slice of the micro-batch; the loss and figures come back global.
                const distributed::ShardStep shard = parallel_->forwardShard(batch, [this](const Batch& b) { return forwardBatch(b); });
                checkFiniteLoss(shard.global_loss, state_.global_step + 1, state_.global_step + 1);
                if (shard.weighted_loss.defined()) step_.backward(shard.weighted_loss, state_.global_step + 1);
                distributed::addLanguageModelFigures(window.language_model, shard.language_model);
                window.add(torch::tensor(shard.global_loss, torch::kFloat64), batch.size());
            } else {
                const model::BertOutputs out = forwardBatch(batch);
                if (masker_) gatherPredictions(task_, out, batch, window.language_model);
                window.add(step_.backward(out.loss, state_.global_step + 1), batch.size());
            }
            total_sequences += batch.size();
            state_.batch_in_epoch = bi + 1;
            if (!group_end) continue;
            const AppliedStep applied = step_.apply(schedule.at(state_.global_step, clock));
            ++state_.global_step;
            if (!budget) state_.train_seconds = resumed_seconds + secondsSince(started);
            window.skipped_steps += applied.skipped ? 1 : 0;
            if (loss_is_cheap) shown_loss = window.meanLoss(state_.global_step);

            const double epoch = current_epoch =
                state_.epoch + static_cast<double>(state_.batch_in_epoch) / static_cast<double>(batches.size());
            const double elapsed = secondsSince(started);
            if (callbacks_.on_progress) {
                double remaining =
                    time_left_->secondsLeft(state_.global_step, state_.global_step - first_step, elapsed - event_seconds_);
                if (budget) remaining = std::min(remaining, std::max(0.0, *budget - state_.train_seconds));
                callbacks_.on_progress({state_.global_step, total, epoch, shown_loss, applied.learning_rate,
                                        total_sequences / std::max(1e-9, elapsed), remaining});
            }
            const ControlDecision due = TrainingControl::either(control_.afterStep(state_.global_step, total),
                                                                control_.afterTime(clock, state_));
            if (due.log) {
                LogEvent log{state_.global_step, epoch, window.values(applied.learning_rate, state_.global_step)};
                if (applied.grad_norm.defined()) log.values["grad_norm"] = applied.grad_norm.item<double>();
                if (adaptive_threads) log.values["threads"] = adaptive_threads->threads();
                if (const auto scale = step_.lossScale()) {
                    log.values["loss_scale"] = *scale;
                    log.values["skipped_steps"] = static_cast<double>(window.skipped_steps);
                }
                shown_loss = log.values.at("loss");
                if (callbacks_.on_log) callbacks_.on_log(log);
                window = LogWindow(state_.global_step + 1);
            } else if (due.evaluate || due.save) {
                window.meanLoss(state_.global_step);  // no checkpoint of weights a NaN has reached
            }
            evaluateOrSave(due, epoch, outcome);
        }
        if (cancelled || stop_early_ || out_of_time) break;
        if (state_.batch_in_epoch >= batches.size()) {
            ++state_.epoch;
            state_.batch_in_epoch = 0;
            current_epoch = static_cast<double>(state_.epoch);
            window.meanLoss(state_.global_step);
            evaluateOrSave(control_.afterEpoch(), current_epoch, outcome);
        }
    }
    // max_steps reached inside an epoch: that epoch ends here, as in Hugging Face's Trainer, so an
    // "epoch" strategy evaluates and saves once. A run shorter than an epoch kept neither, and the
    // store lacked the final metrics the CLI printed.
    if (!cancelled && !stop_early_ && !out_of_time && state_.global_step >= total && state_.batch_in_epoch > 0)
        evaluateOrSave(control_.afterEpoch(), current_epoch, outcome);
    outcome.status = cancelled ? TrainStatus::Stopped : stop_early_ ? TrainStatus::EarlyStopped : TrainStatus::Completed;

    if (out_of_time) {
        // The budget is spent: the last steps' log, and what its end calls for (its last checkpoint).
        if (window.steps > 0 && callbacks_.on_log) {
            LogEvent log{state_.global_step, current_epoch,
                         window.values(schedule.at(state_.global_step, clock), state_.global_step)};
            if (adaptive_threads) log.values["threads"] = adaptive_threads->threads();
            callbacks_.on_log(log);
        }
        evaluateOrSave(control_.afterTime(*budget, state_), current_epoch, outcome);
    }
    // A stopped run must be resumable from where it stopped.
    if (cancelled) state_.train_seconds = trained_seconds();
    if (cancelled && control_.savesCheckpoints()) outcome.last_checkpoint = saveCheckpoint(nullptr).string();
    if (!cancelled && args_.load_best_model_at_end && !state_.best_checkpoint.empty()) {
        // Rank 0 reads the best weights and hands them on (it alone wrote them).
        if (writesFiles() && fs::exists(state_.best_checkpoint)) io::loadWeightsFromDirectory(*model_, state_.best_checkpoint);
        if (parallel_) parallel_->broadcastModel(*model_);
    }
    time_left_.reset();
    model_->eval();
    outcome.global_step = state_.global_step;
    outcome.epoch = current_epoch;
    outcome.best_checkpoint = state_.best_checkpoint;
    outcome.best_metrics = state_.best_metrics;
    outcome.train_seconds = secondsSince(started);
    if (!eval_.empty() && !cancelled) {
        EvaluationEvent final_eval = evaluate(state_.global_step, outcome.epoch);
        outcome.final_metrics = final_eval.metrics;
        outcome.final_details = final_eval.details;
    }
    return outcome;
}

}  // namespace bw::train
