#include "core/train/training_control.h"

#include "core/runtime/error.h"

#include <algorithm>
#include <numeric>

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

TrainingControl::Schedule TrainingControl::scheduleAfter(int64_t after_step, int64_t total_steps,
                                                         int64_t steps_per_epoch) const {
    // Each strategy acts on the multiples of one period: eval_steps / save_steps, or the epoch (the
    // loop meets an epoch's end only where it falls on a step it takes), and an epoch strategy also
    // on the last step when max_steps ends an epoch early. Counted, not walked: a million-step
    // pretraining asks after every step.
    const auto period = [&](IntervalStrategy strategy, int64_t steps) -> int64_t {
        if (strategy == IntervalStrategy::Steps) return steps;
        if (strategy == IntervalStrategy::Epoch) return steps_per_epoch;
        return 0;
    };
    const auto multiples = [&](int64_t k) { return k > 0 ? total_steps / k - after_step / k : int64_t{0}; };
    const int64_t e = period(evaluate_, eval_steps_), s = period(save_, save_steps_);
    Schedule schedule;
    if (after_step >= total_steps) return schedule;
    const bool cut_epoch = steps_per_epoch > 0 && total_steps % steps_per_epoch != 0;
    const auto endsEarly = [&](IntervalStrategy strategy) { return strategy == IntervalStrategy::Epoch && cut_epoch; };
    const auto actsLast = [&](IntervalStrategy strategy, int64_t k) {
        return endsEarly(strategy) || (k > 0 && total_steps % k == 0);
    };
    schedule.evaluations = multiples(e) + (endsEarly(evaluate_) ? 1 : 0);
    schedule.saves = multiples(s) + (endsEarly(save_) ? 1 : 0);
    int64_t both = 0;
    bool both_at_last = false;  // counted among the common multiples already
    if (e > 0 && s > 0) {
        const int64_t lcm = std::lcm(e, s);  // a period past the run's end meets no step
        both = lcm > 0 && lcm <= total_steps ? multiples(lcm) : 0;
        both_at_last = lcm > 0 && total_steps % lcm == 0;
    }
    if (actsLast(evaluate_, e) && actsLast(save_, s) && !both_at_last) ++both;
    if (savesCheckpoints()) schedule.evaluations_off_saves = schedule.evaluations - both;
    return schedule;
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
