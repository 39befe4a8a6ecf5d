#include "core/train/trainer.h"

#include "core/io/checkpoint_files.h"
#include "core/io/model_directory.h"
#include "core/io/weights_loader.h"
#include "core/runtime/atomic_file.h"
#include "core/runtime/error.h"
#include "core/train/evaluation_metrics.h"
#include "core/train/fused_adamw.h"
#include "core/train/lr_schedule.h"

#include <ATen/CPUGeneratorImpl.h>

#include <chrono>
#include <cmath>
#include <fstream>

namespace bw::train {
namespace fs = std::filesystem;
namespace F = torch::nn::functional;
using model::BertTask;

namespace {

using Clock = std::chrono::steady_clock;

torch::Tensor readTensorFile(const fs::path& path) {
    torch::Tensor t;
    torch::load(t, path.string());
    return t;
}

}  // namespace

struct Trainer::State {
    std::unique_ptr<FusedAdamW> optimizer;
    int64_t global_step = 0;
    int64_t epoch = 0;
    size_t batch_in_epoch = 0;  // micro-batches of `epoch` already trained on
    std::optional<double> best_metric;
    std::string best_checkpoint;
    std::map<std::string, double> best_metrics;
    int64_t patience_used = 0;
    std::vector<std::string> checkpoints;  // oldest first
    torch::Generator masking = at::make_generator<at::CPUGeneratorImpl>(0);
};

Trainer::Trainer(model::BertTaskModel model, std::shared_ptr<const text::BertTokenizer> tokenizer,
                 TrainingArguments args, TaskSpec task, std::vector<Feature> train, std::vector<Feature> eval,
                 fs::path output_dir, TrainerCallbacks callbacks)
    : model_(std::move(model)),
      tokenizer_(std::move(tokenizer)),
      args_(std::move(args)),
      task_(std::move(task)),
      train_(std::move(train)),
      eval_(std::move(eval)),
      output_dir_(std::move(output_dir)),
      callbacks_(std::move(callbacks)),
      state_(std::make_unique<State>()) {
    args_.validate();
    // Settings that would otherwise do nothing without a word.
    if (args_.early_stopping_patience > 0 && eval_.empty())
        throw Error("early_stopping_patience counts evaluations, and there is no validation set to evaluate on");
    if (args_.class_weights == "balanced" && (task_.task == BertTask::MaskedLM || task_.task == BertTask::PreTraining))
        throw Error("class_weights balanced weighs the classes of a classification task, not " +
                    model::taskName(task_.task));
    if (args_.bestMetric() == "f1" && task_.task == BertTask::SequenceClassification &&
        task_.target == TargetKind::SingleLabel && task_.label_names.size() != 2)
        throw Error("metric_for_best_model 'f1' is the positive class's F1 of a two-class task; this one has " +
                    std::to_string(task_.label_names.size()) + " classes: use f1_macro, f1_micro or f1_weighted");
    if (task_.task == BertTask::MaskedLM || task_.task == BertTask::PreTraining)
        masker_ = std::make_unique<MlmMasker>(*tokenizer_, args_.mlm_probability, args_.whole_word_masking);

    state_->optimizer = makeAdamW(*model_, torch::optim::AdamWOptions(args_.learning_rate)
                                               .betas({args_.adam_beta1, args_.adam_beta2})
                                               .eps(args_.adam_epsilon)
                                               .weight_decay(args_.weight_decay));
}

Trainer::~Trainer() = default;

int64_t Trainer::totalSteps() const {
    const int64_t batches = (static_cast<int64_t>(train_.size()) + args_.per_device_train_batch_size - 1) /
                            args_.per_device_train_batch_size;
    const int64_t per_epoch = (batches + args_.gradient_accumulation_steps - 1) / args_.gradient_accumulation_steps;
    if (args_.max_steps > 0) return args_.max_steps;
    return std::max<int64_t>(1, static_cast<int64_t>(std::ceil(args_.num_train_epochs * per_epoch)));
}

LabelLayout Trainer::labelLayout() const {
    switch (task_.task) {
    case BertTask::SequenceClassification:
        return task_.target == TargetKind::SingleLabel ? LabelLayout::SingleLabel : LabelLayout::FloatTargets;
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
    torch::Tensor mlm_positions;  // masked-LM logits only where a token is masked
    if (batch.mlm_labels.defined()) mlm_positions = (batch.mlm_labels.reshape({-1}) != kIgnoreIndex).nonzero().reshape({-1});
    return model_->forward(request, mlm_positions, /*heads_only=*/true);
}

torch::Tensor Trainer::computeLoss(const model::BertOutputs& out, const Batch& batch, EvalPredictions* pred) {
    torch::Tensor loss;
    switch (task_.task) {
    case BertTask::SequenceClassification: {
        if (task_.target == TargetKind::SingleLabel) {
            auto options = F::CrossEntropyFuncOptions().ignore_index(kIgnoreIndex).label_smoothing(args_.label_smoothing_factor);
            if (!task_.class_weights.empty()) options.weight(torch::tensor(task_.class_weights));
            loss = F::cross_entropy(out.logits, batch.labels, options);
            if (pred) {
                auto best = out.logits.argmax(-1);
                for (int64_t b = 0; b < batch.size(); ++b) {
                    pred->predicted.push_back(static_cast<int32_t>(best[b].item<int64_t>()));
                    pred->reference.push_back(static_cast<int32_t>(batch.labels[b].item<int64_t>()));
                }
            }
        } else {
            const bool multi = task_.target == TargetKind::MultiLabel;
            auto bce = F::BinaryCrossEntropyWithLogitsFuncOptions();
            if (multi && !task_.class_weights.empty()) bce.pos_weight(torch::tensor(task_.class_weights));
            loss = multi ? F::binary_cross_entropy_with_logits(out.logits, batch.labels, bce)
                         : F::mse_loss(out.logits.reshape({-1}), batch.labels.reshape({-1}));
            if (pred) {
                auto scores = (multi ? torch::sigmoid(out.logits) : out.logits).contiguous();
                for (int64_t b = 0; b < batch.size(); ++b) {
                    auto row = scores[b], target = batch.labels[b].contiguous();
                    pred->scores.emplace_back(row.data_ptr<float>(), row.data_ptr<float>() + row.numel());
                    pred->targets.emplace_back(target.data_ptr<float>(), target.data_ptr<float>() + target.numel());
                }
            }
        }
        break;
    }
    case BertTask::TokenClassification: {
        const int64_t C = out.logits.size(-1);
        auto options = F::CrossEntropyFuncOptions().ignore_index(kIgnoreIndex).label_smoothing(args_.label_smoothing_factor);
        if (!task_.class_weights.empty()) options.weight(torch::tensor(task_.class_weights));
        loss = F::cross_entropy(out.logits.reshape({-1, C}), batch.labels.reshape({-1}), options);
        if (pred) {
            auto best = out.logits.argmax(-1);  // [B, S]
            auto best_a = best.accessor<int64_t, 2>();
            auto labels_a = batch.labels.accessor<int64_t, 2>();
            for (int64_t b = 0; b < batch.size(); ++b) {
                std::vector<int32_t> p, r;
                for (int64_t s = 0; s < batch.labels.size(1); ++s) {
                    if (labels_a[b][s] == kIgnoreIndex) continue;
                    p.push_back(static_cast<int32_t>(best_a[b][s]));
                    r.push_back(static_cast<int32_t>(labels_a[b][s]));
                }
                pred->predicted_tags.push_back(std::move(p));
                pred->reference_tags.push_back(std::move(r));
            }
        }
        break;
    }
    case BertTask::MaskedLM:
    case BertTask::PreTraining: {
        // Hidden states at the masked positions only (see forwardBatch), in flattened order.
        auto all_labels = batch.mlm_labels.reshape({-1});
        auto flat_labels = all_labels.index_select(0, (all_labels != kIgnoreIndex).nonzero().reshape({-1}));
        const model::MaskedLmLoss mlm = model_->predictions->chunkedLoss(out.masked_hidden_states, flat_labels);
        loss = mlm.loss;
        torch::Tensor nsp_loss;
        if (task_.task == BertTask::PreTraining) {
            nsp_loss = F::cross_entropy(out.seq_relationship_logits, batch.labels);
            loss = mlm.loss + nsp_loss;
        }
        if (pred) {
            torch::NoGradGuard no_grad;
            pred->mlm_correct += mlm.correct;
            pred->mlm_total += mlm.total;
            pred->mlm_loss_sum += mlm.loss.item<double>();
            if (nsp_loss.defined()) {
                pred->nsp_correct += (out.seq_relationship_logits.argmax(-1) == batch.labels).sum().item<int64_t>();
                pred->nsp_total += batch.size();
                pred->nsp_loss_sum += nsp_loss.item<double>();
            }
            pred->batches += 1;
        }
        break;
    }
    default: throw Error("training a " + model::taskName(task_.task) + " model is not supported");
    }
    return loss;
}

SpeedSample Trainer::sampleSpeed(int steps) {
    if (train_.empty()) throw Error("the training set is empty");
    if (steps < 1) throw Error("sampleSpeed needs at least one step");
    model_->train();
    const auto batches = planBatches(train_, args_.per_device_train_batch_size, true, args_.group_by_length, args_.dataSeed(), 0);
    int64_t epoch_tokens = 0;
    for (const auto& indices : batches) {
        size_t longest = 0;
        for (size_t i : indices) longest = std::max(longest, train_[i].size());
        epoch_tokens += static_cast<int64_t>(longest * indices.size());
    }
    auto step = [&](size_t bi) {
        Batch batch = makeBatch(train_, batches[bi], state_->masking);
        computeLoss(forwardBatch(batch), batch, nullptr).backward();
        state_->optimizer->step();
        state_->optimizer->clearGradients();
        return batch.input_ids.numel();
    };
    step(0);  // warm-up: first-touch allocations and lazy initialisation
    int64_t timed_tokens = 0;
    const auto started = Clock::now();
    for (int k = 0; k < steps; ++k) {
        const size_t bi = batches.size() * static_cast<size_t>(k + 1) / static_cast<size_t>(steps + 1);
        timed_tokens += step(bi);
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    SpeedSample sample;
    const auto accumulation = static_cast<size_t>(args_.gradient_accumulation_steps);
    sample.steps_per_epoch = static_cast<int64_t>((batches.size() + accumulation - 1) / accumulation);
    sample.seconds_per_epoch = seconds * static_cast<double>(epoch_tokens) / static_cast<double>(std::max<int64_t>(1, timed_tokens));
    sample.seconds_per_step = sample.seconds_per_epoch / static_cast<double>(sample.steps_per_epoch);
    sample.sequences_per_second = static_cast<double>(train_.size()) / std::max(1e-9, sample.seconds_per_epoch);
    return sample;
}

EvaluationEvent Trainer::evaluate(int64_t step, double epoch) {
    const bool was_training = model_->is_training();
    model_->eval();
    EvalPredictions predictions;
    double loss_sum = 0;
    int64_t examples = 0;
    // The same masks at every evaluation, so evaluations are comparable.
    torch::Generator gen = at::make_generator<at::CPUGeneratorImpl>(args_.seed + 17);
    {
        torch::NoGradGuard no_grad;
        for (const auto& indices : planBatches(eval_, args_.per_device_eval_batch_size, false, true, 0, 0)) {
            Batch batch = makeBatch(eval_, indices, gen);
            auto out = forwardBatch(batch);
            loss_sum += computeLoss(out, batch, &predictions).item<double>() * batch.size();
            examples += batch.size();
        }
    }
    if (was_training) model_->train();
    EvaluationEvent event = summarizeEvaluation(task_, predictions, examples ? loss_sum / examples : 0.0);
    event.step = step;
    event.epoch = epoch;
    return event;
}

fs::path Trainer::saveCheckpoint(int64_t step, const EvaluationEvent* evaluation) {
    const fs::path dir = output_dir_ / ("checkpoint-" + std::to_string(step));
    State& s = *state_;
    nlohmann::json trainer_state = {{"global_step", s.global_step},
                                    {"epoch", s.epoch},
                                    {"batch_in_epoch", s.batch_in_epoch},
                                    {"best_metric", s.best_metric ? nlohmann::json(*s.best_metric) : nlohmann::json(nullptr)},
                                    {"best_model_checkpoint", s.best_checkpoint},
                                    {"best_metrics", s.best_metrics},
                                    {"patience_used", s.patience_used},
                                    {"checkpoints", s.checkpoints},
                                    {"training_args", args_.toJson()}};
    io::saveModelDirectory(dir, *model_, *tokenizer_, io::StorageDtype::Float32, [&](const fs::path& staging) {
        torch::save(*s.optimizer, (staging / "optimizer.pt").string());
        // Dropout draws from the default generator: keep its state for an exact resume.
        torch::save(at::detail::getDefaultCPUGenerator().get_state(), (staging / "rng_state.pt").string());
        writeFileAtomically(staging / "trainer_state.json", trainer_state.dump(2));
    });
    if (std::find(s.checkpoints.begin(), s.checkpoints.end(), dir.string()) == s.checkpoints.end())
        s.checkpoints.push_back(dir.string());
    if (callbacks_.on_checkpoint)
        callbacks_.on_checkpoint({step, dir.string(), s.best_checkpoint == dir.string(),
                                  evaluation ? evaluation->metrics.count(args_.bestMetric())
                                                   ? evaluation->metrics.at(args_.bestMetric()) : 0.0
                                             : 0.0});
    return dir;
}

void Trainer::pruneCheckpoints() {
    State& s = *state_;
    if (args_.save_total_limit <= 0) return;
    while (static_cast<int64_t>(s.checkpoints.size()) > args_.save_total_limit) {
        auto victim = std::find_if(s.checkpoints.begin(), s.checkpoints.end(),
                                   [&](const std::string& c) { return c != s.best_checkpoint; });
        if (victim == s.checkpoints.end()) break;
        std::error_code ignored;
        fs::remove_all(*victim, ignored);
        if (callbacks_.on_checkpoint_removed) callbacks_.on_checkpoint_removed(*victim);
        s.checkpoints.erase(victim);
    }
}

void Trainer::loadCheckpoint(const fs::path& dir) {
    const fs::path state_file = dir / "trainer_state.json";
    std::ifstream in(state_file);
    if (!in) throw Error(dir.string() + ": not a training checkpoint (no trainer_state.json)");
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw Error(state_file.string() + ": not valid JSON: " + e.what());
    }
    io::CheckpointTensors weights = io::readCheckpointDirectory(dir);
    io::loadWeightsInto(*model_, std::move(weights.tensors), {}, dir.string());
    torch::load(*state_->optimizer, (dir / "optimizer.pt").string());
    at::Generator dropout_rng = at::detail::getDefaultCPUGenerator();  // shares the default generator
    {
        std::lock_guard<std::mutex> lock(dropout_rng.mutex());
        dropout_rng.set_state(readTensorFile(dir / "rng_state.pt"));
    }
    State& s = *state_;
    s.global_step = j.at("global_step").get<int64_t>();
    s.epoch = j.at("epoch").get<int64_t>();
    s.batch_in_epoch = j.at("batch_in_epoch").get<size_t>();
    s.best_metric = j.at("best_metric").is_null() ? std::nullopt : std::optional<double>(j["best_metric"].get<double>());
    s.best_checkpoint = j.at("best_model_checkpoint").get<std::string>();
    s.best_metrics = j.at("best_metrics").get<std::map<std::string, double>>();
    s.patience_used = j.at("patience_used").get<int64_t>();
    s.checkpoints = j.at("checkpoints").get<std::vector<std::string>>();
    if (std::find(s.checkpoints.begin(), s.checkpoints.end(), dir.string()) == s.checkpoints.end())
        s.checkpoints.push_back(dir.string());
}

TrainOutcome Trainer::train(const std::optional<fs::path>& resume_from) {
    State& s = *state_;
    if (train_.empty()) throw Error("the training set is empty");
    if (resume_from) loadCheckpoint(*resume_from);
    fs::create_directories(output_dir_);
    model_->train();

    const int64_t total = totalSteps();
    const int64_t warmup =
        args_.warmup_steps > 0 ? args_.warmup_steps : static_cast<int64_t>(std::ceil(args_.warmup_ratio * total));
    const int64_t accumulation = args_.gradient_accumulation_steps;
    const std::string best_name = args_.bestMetric();
    const bool greater = args_.greaterIsBetter();
    std::vector<torch::Tensor> parameters = model_->parameters();

    TrainOutcome outcome;
    outcome.status = "completed";
    const auto started = Clock::now();
    auto window_start = Clock::now();
    int64_t window_sequences = 0, window_steps = 0, total_sequences = 0;
    double window_loss = 0;
    EvalPredictions window_stats;
    double last_grad_norm = 0;
    double current_epoch = static_cast<double>(s.epoch);
    const int64_t first_step = s.global_step;  // ETA counts only the steps of this session
    bool stop = false;

    auto epochNow = [&](size_t batches_in_epoch) {
        return s.epoch + (batches_in_epoch ? static_cast<double>(s.batch_in_epoch) / batches_in_epoch : 0.0);
    };

    // Evaluates, tracks the best metric (saving the best checkpoint) and early stopping.
    auto evaluateAndTrack = [&](double epoch, bool save_anyway) {
        EvaluationEvent evaluation;
        const bool can_evaluate = !eval_.empty();
        bool is_best = false;
        if (can_evaluate) {
            evaluation = evaluate(s.global_step, epoch);
            if (callbacks_.on_evaluate) callbacks_.on_evaluate(evaluation);
            auto it = evaluation.metrics.find(best_name);
            if (it == evaluation.metrics.end())
                throw Error("metric_for_best_model '" + args_.bestMetric() + "' is not computed for this task");
            const double value = it->second;
            const bool improved = !s.best_metric || (greater ? value > *s.best_metric + args_.early_stopping_threshold
                                                             : value < *s.best_metric - args_.early_stopping_threshold);
            if (improved) {
                s.patience_used = 0;
            } else {
                ++s.patience_used;
            }
            if (!s.best_metric || (greater ? value > *s.best_metric : value < *s.best_metric)) {
                s.best_metric = value;
                s.best_metrics = evaluation.metrics;
                is_best = true;
            }
            if (args_.early_stopping_patience > 0 && s.patience_used >= args_.early_stopping_patience) stop = true;
        }
        if (args_.save_strategy != "no" && (save_anyway || is_best)) {
            if (is_best) s.best_checkpoint = (output_dir_ / ("checkpoint-" + std::to_string(s.global_step))).string();
            outcome.last_checkpoint = saveCheckpoint(s.global_step, can_evaluate ? &evaluation : nullptr).string();
            pruneCheckpoints();
        }
    };

    while (s.global_step < total && !stop) {
        const auto batches = planBatches(train_, args_.per_device_train_batch_size, true, args_.group_by_length,
                                         args_.dataSeed(), s.epoch);
        for (size_t bi = s.batch_in_epoch; bi < batches.size() && s.global_step < total && !stop; ++bi) {
            // A stop is taken only where an accumulation group begins: the gradients summed so far
            // are not in the checkpoint, so a stop inside a group would lose them on resume.
            const bool group_start = bi % static_cast<size_t>(accumulation) == 0;
            if (group_start && callbacks_.should_stop && callbacks_.should_stop()) {
                outcome.status = "stopped";
                stop = true;
                break;
            }
            // Masks depend on (seed, micro-batch), never on what ran before: resume replays them exactly.
            s.masking.set_current_seed(args_.dataSeed() * 7919ULL + static_cast<uint64_t>(s.epoch) * 1000003ULL + bi);
            Batch batch = makeBatch(train_, batches[bi], s.masking);
            auto out = forwardBatch(batch);
            torch::Tensor loss = computeLoss(out, batch, masker_ ? &window_stats : nullptr);
            const double loss_value = loss.item<double>();
            if (!std::isfinite(loss_value))
                throw Error("the training loss became " + std::string(std::isnan(loss_value) ? "NaN" : "infinite") +
                            " at step " + std::to_string(s.global_step + 1) +
                            "; lower the learning rate or check the data");
            (loss / static_cast<double>(accumulation)).backward();
            window_loss += loss_value;
            window_sequences += batch.size();
            total_sequences += batch.size();
            ++window_steps;
            s.batch_in_epoch = bi + 1;

            const bool boundary = (bi + 1) % accumulation == 0 || bi + 1 == batches.size();
            if (!boundary) continue;
            if (args_.max_grad_norm > 0)
                last_grad_norm = torch::nn::utils::clip_grad_norm_(parameters, args_.max_grad_norm);
            const double lr = args_.learning_rate * learningRateFactor(args_.lr_scheduler_type, s.global_step, warmup, total);
            for (auto& group : s.optimizer->param_groups())
                static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);
            s.optimizer->step();
            s.optimizer->clearGradients();
            ++s.global_step;

            const double epoch = current_epoch = epochNow(batches.size());
            const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
            if (callbacks_.on_progress) {
                const double per_step = elapsed / std::max<int64_t>(1, s.global_step - first_step);
                callbacks_.on_progress({s.global_step, total, epoch, window_loss / std::max<int64_t>(1, window_steps), lr,
                                        total_sequences / std::max(1e-9, elapsed), per_step * (total - s.global_step)});
            }
            if (s.global_step % args_.logging_steps == 0 || s.global_step == total) {
                const double window_seconds = std::chrono::duration<double>(Clock::now() - window_start).count();
                LogEvent log{s.global_step, epoch, {{"loss", window_loss / window_steps}, {"learning_rate", lr},
                                                    {"sequences_per_second", window_sequences / std::max(1e-9, window_seconds)}}};
                if (args_.max_grad_norm > 0) log.values["grad_norm"] = last_grad_norm;
                if (window_stats.mlm_total > 0) {
                    log.values["mlm_accuracy"] = static_cast<double>(window_stats.mlm_correct) / window_stats.mlm_total;
                    log.values["mlm_loss"] = window_stats.mlm_loss_sum / std::max<int64_t>(1, window_stats.batches);
                }
                if (window_stats.nsp_total > 0) {
                    log.values["nsp_accuracy"] = static_cast<double>(window_stats.nsp_correct) / window_stats.nsp_total;
                    log.values["nsp_loss"] = window_stats.nsp_loss_sum / std::max<int64_t>(1, window_stats.batches);
                }
                if (callbacks_.on_log) callbacks_.on_log(log);
                window_loss = 0;
                window_steps = window_sequences = 0;
                window_stats = EvalPredictions{};
                window_start = Clock::now();
            }
            const bool eval_now = args_.evaluation_strategy == "steps" && s.global_step % args_.eval_steps == 0;
            const bool save_now = args_.save_strategy == "steps" && s.global_step % args_.save_steps == 0;
            if (eval_now) evaluateAndTrack(epoch, save_now);
            else if (save_now) {
                outcome.last_checkpoint = saveCheckpoint(s.global_step, nullptr).string();
                pruneCheckpoints();
            }
        }
        if (stop) break;
        if (s.batch_in_epoch >= batches.size()) {
            ++s.epoch;
            s.batch_in_epoch = 0;
            current_epoch = static_cast<double>(s.epoch);
            if (args_.evaluation_strategy == "epoch") evaluateAndTrack(static_cast<double>(s.epoch), args_.save_strategy == "epoch");
            else if (args_.save_strategy == "epoch") {
                outcome.last_checkpoint = saveCheckpoint(s.global_step, nullptr).string();
                pruneCheckpoints();
            }
        }
    }
    if (stop && outcome.status == "completed") outcome.status = "early_stopped";

    // A stopped run must be resumable from where it stopped.
    if (outcome.status == "stopped" && args_.save_strategy != "no")
        outcome.last_checkpoint = saveCheckpoint(s.global_step, nullptr).string();
    if (outcome.status != "stopped" && args_.load_best_model_at_end && !s.best_checkpoint.empty() &&
        fs::exists(s.best_checkpoint)) {
        io::CheckpointTensors best = io::readCheckpointDirectory(s.best_checkpoint);
        io::loadWeightsInto(*model_, std::move(best.tensors), {}, s.best_checkpoint);
    }
    model_->eval();
    outcome.global_step = s.global_step;
    outcome.epoch = current_epoch;
    outcome.best_checkpoint = s.best_checkpoint;
    outcome.best_metrics = s.best_metrics;
    outcome.train_seconds = std::chrono::duration<double>(Clock::now() - started).count();
    if (!eval_.empty() && outcome.status != "stopped") {
        EvaluationEvent final_eval = evaluate(s.global_step, outcome.epoch);
        outcome.final_metrics = final_eval.metrics;
        outcome.final_details = final_eval.details;
    }
    return outcome;
}

}  // namespace bw::train
