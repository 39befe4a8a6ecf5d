#pragma once
// What a metric measures, in a sentence for a tooltip. One name means different things for different
// heads, as in Hugging Face's examples: "f1" is the positive class's F1 for a two-class classifier but
// the entity F1 (seqeval: whole spans of the right type, micro over entities) for a tagger, whose
// "accuracy" counts tokens. The HParams table and the Runs table set them side by side.
#include "core/model/bert_task.h"

#include <QString>

namespace bw::gui {

// `problem_type` as in config.json ("", "regression", "multi_label_classification"); an empty string
// for a name this head does not report.
QString metricMeaning(model::BertTask head, const QString& problem_type, const QString& metric);
// The same from a run's task name ("token-classification"); empty for a name not a task's.
QString metricMeaning(const QString& task, const QString& problem_type, const QString& metric);

}  // namespace bw::gui
