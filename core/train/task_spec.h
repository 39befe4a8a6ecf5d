#pragma once
// What the trainer needs to know about the task beyond the model: its labels and targets, and the
// predictions it gathers while evaluating. Plain C++.
#include "core/model/bert_task.h"
#include "core/train/features.h"

#include <string>
#include <vector>

namespace bw::train {

struct TaskSpec {
    model::BertTask task = model::BertTask::SequenceClassification;
    model::ProblemType problem_type = model::ProblemType::SingleLabel;  // sequence classification
    std::vector<std::string> label_names;  // classes or tags
    // class_weights "balanced": cross-entropy weights of single-label classes and tags, or, for
    // multi-label, BCE's pos_weight per label (negatives / positives). Empty = unweighted.
    std::vector<float> class_weights;
    std::string tag_scheme = "IOB2";       // token classification
};

// Predictions gathered over the evaluation set, in feature order.
struct EvalPredictions {
    std::vector<int32_t> predicted, reference;                        // single-label classes
    std::vector<std::vector<float>> scores, targets;                  // multi-label probabilities / regression
    std::vector<std::vector<int32_t>> predicted_tags, reference_tags; // token classification, first pieces only
    int64_t mlm_correct = 0, mlm_total = 0, nsp_correct = 0, nsp_total = 0;
    double mlm_loss_sum = 0, nsp_loss_sum = 0;
    int64_t batches = 0;
};

}  // namespace bw::train
