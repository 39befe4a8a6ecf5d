#pragma once
// Internal to core. A loaded model evaluated on the rows of a stored split, labelled with the
// model's own label names: what `evaluate` prints and what an error analysis keeps.
#include "core/data/example.h"
#include "core/io/model_directory.h"
#include "core/store/store_records.h"
#include "core/train/task_spec.h"
#include "core/train/training_events.h"

#include <functional>
#include <string>
#include <vector>

namespace bw::train {

struct SplitEvaluation {
    EvaluationEvent event;            // loss, metrics and details (confusion matrix, per class)
    TaskSpec spec;                    // as the model's config reads (problem type, label names)
    std::vector<std::string> labels;  // the model's label (or tag) names in id order
};

// Throws, naming the dataset, the split and the file line (and a tag's word), when a row's label (a
// tag, for a tagger) is not one of the model's, or for a regression model is not a number: before
// anything is predicted. Multi-label models are not checked.
void requireModelLabels(const io::LoadedModel& loaded, const std::vector<data::Example>& examples,
                        const std::string& dataset, const std::string& split);

// `max_seq_length` is capped at the model's position embeddings. With `rows`, each row's
// prediction as well (store::AnalysisRow without its text), in the split's order. `progress` is
// called before each batch and may throw to abandon the evaluation.
SplitEvaluation evaluateOnSplit(const io::LoadedModel& loaded, const std::vector<data::Example>& examples,
                                int64_t batch_size, int64_t max_seq_length,
                                std::vector<store::AnalysisRow>* rows = nullptr,
                                const std::function<void(int64_t rows_done, int64_t rows_total)>& progress = {});

}  // namespace bw::train
