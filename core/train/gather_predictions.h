#pragma once
// Internal to core (LibTorch). What evaluation keeps of each batch: the predicted and reference
// classes, scores or tags, or, for language modelling, the masked-LM and next-sentence hits and
// losses. core/train/evaluation_metrics turns them into metrics.
#include "core/model/bert_task_model.h"
#include "core/train/batching.h"
#include "core/train/task_spec.h"

namespace bw::train {

void gatherPredictions(const TaskSpec& task, const model::BertOutputs& outputs, const Batch& batch,
                       EvalPredictions& predictions);

}  // namespace bw::train
