#pragma once
// Internal to core (LibTorch). What error analysis keeps of each row of an evaluation batch: its
// own loss, the model's probabilities and its prediction next to the gold answer
// (store::AnalysisRow without the row's text, which the caller adds from the split).
#include "core/model/bert_task_model.h"
#include "core/store/store_records.h"
#include "core/train/batching.h"
#include "core/train/features.h"
#include "core/train/task_spec.h"

#include <vector>

namespace bw::train {

// Appends one AnalysisRow per row of the batch; row_index is the feature's example_index. A row's
// loss is the head's loss for that row alone, without class weights: cross-entropy (token tasks:
// the mean over its words), binary cross-entropy averaged over the labels (multi-label), squared
// error averaged over the outputs (regression).
void gatherRowPredictions(const TaskSpec& task, const model::BertOutputs& outputs, const Batch& batch,
                          const std::vector<Feature>& features, std::vector<store::AnalysisRow>& rows);

}  // namespace bw::train
