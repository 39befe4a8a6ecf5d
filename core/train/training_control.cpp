#include "core/train/training_control.h"

#include "core/runtime/error.h"

#include <algorithm>

namespace bw::train {

IntervalStrategy intervalStrategy(const std::string& name) {
    if (name == "no") return IntervalStrategy::No;
    if (name == "steps") return IntervalStrategy::Steps;
    if (name == "epoch") return IntervalStrategy::Epoch;
    throw Error("unknown interval strategy '" + name + "'; expected no, steps or epoch");
}

TrainingControl::TrainingControl(const TrainingArguments& args)
    : evaluate_(intervalStrategy(args.evaluation_strategy)),
      save_(intervalStrategy(args.save_strategy)),
      logging_steps_(args.logging_steps),
      eval_steps_(args.eval_steps),
      save_steps_(args.save_steps),
      best_metric_(args.bestMetric()),
      greater_is_better_(args.greaterIsBetter()),
      threshold_(args.early_stopping_threshold),
      patience_(args.early_stopping_patience),
      budget_seconds_(args.maxTrainSeconds().value_or(0.0)),
      budget_checkpoints_(args.budget_checkpoints) {}

ControlDecision TrainingControl::afterStep(int64_t global_step, int64_t total_steps) const {
    ControlDecision d;
    d.log = global_step % logging_steps_ == 0 || global_step == total_steps;
    d.evaluate = evaluate_ == IntervalStrategy::Steps && global_step % eval_steps_ == 0;
    d.save = save_ == IntervalStrategy::Steps && global_step % save_steps_ == 0;
    return d;
}

ControlDecision TrainingControl::afterEpoch() const {
    ControlDecision d;
    d.evaluate = evaluate_ == IntervalStrategy::Epoch;
    d.save = save_ == IntervalStrategy::Epoch;
    return d;
}

ControlDecision TrainingControl::afterTime(double elapsed_seconds, TrainerState& state) const {
    ControlDecision d;
    if (budget_seconds_ <= 0) return d;
    const auto passed = std::min<int64_t>(
        budget_checkpoints_, static_cast<int64_t>(elapsed_seconds / budget_seconds_ * static_cast<double>(budget_checkpoints_)));
    if (passed <= state.budget_marks) return d;
    state.budget_marks = passed;
    d.log = true;
    d.evaluate = evaluate_ != IntervalStrategy::No;
    d.save = save_ != IntervalStrategy::No;
    return d;
}

EvaluationVerdict TrainingControl::judge(const std::map<std::string, double>& metrics, TrainerState& state) const {
    const auto it = metrics.find(best_metric_);
    if (it == metrics.end()) throw Error("metric_for_best_model '" + best_metric_ + "' is not computed for this task");
    const double value = it->second;
    const auto better = [&](double margin) {
        return greater_is_better_ ? value > *state.best_metric + margin : value < *state.best_metric - margin;
    };
    EvaluationVerdict verdict;
    // Patience counts evaluations that do not beat the best by the threshold (Hugging Face's
    // EarlyStoppingCallback); the best checkpoint follows any improvement.
    state.patience_used = !state.best_metric || better(threshold_) ? 0 : state.patience_used + 1;
    if (!state.best_metric || better(0.0)) {
        state.best_metric = value;
        state.best_metrics = metrics;
        verdict.is_best = true;
    }
    verdict.stop_early = patience_ > 0 && state.patience_used >= patience_;
    return verdict;
}

}  // namespace bw::train
