#pragma once
// Internal to core. Turns the predictions gathered over an evaluation set into the metrics users
// know for the task (accuracy, F1s, confusion matrix, entity F1, MLM accuracy, perplexity, ...).
#include "core/train/trainer.h"

namespace bw::train {

// `loss` is the mean evaluation loss; the result's metrics hold "loss" plus the task's metrics.
EvaluationEvent summarizeEvaluation(const TaskSpec& task, const EvalPredictions& predictions, double loss);

}  // namespace bw::train
