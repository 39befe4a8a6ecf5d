#pragma once
// What an evaluation notebook does with a checkpoint's predictions on a split (the rows of an
// analysis, ExperimentStore::addAnalysis): the rows it gets wrong, worst first; the rows of one
// confusion-matrix cell; precision-recall and ROC curves with their areas for a binary task; the
// entities a token model misses or invents; the predictions as CSV. Torch-free: the CLI's `runs
// errors` and the Runs page's error browser share it.
#include "core/store/store_records.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace bw::train {

// Whether runs of this task can be analysed: their predictions are labels, per row or per word
// (sequence and token classification); a language model's are not.
bool canAnalyseErrors(const std::string& task);

// How rows are ordered: by their loss, by the model's confidence in its prediction, or as in the split.
enum class RowOrder { Loss, Confidence, Position };
RowOrder rowOrderFromName(const std::string& name);  // loss | confidence | row; throws otherwise

struct RowSelection {
    bool wrong_only = false;
    std::optional<int32_t> gold, predicted;  // a confusion-matrix cell, or a row or column of it
    std::string text;                        // rows whose text (or pair, or words) contains it, any case
    RowOrder order = RowOrder::Loss;
    bool descending = true;                  // highest loss / confidence first
};

// Indices into `rows` of the rows selected, in the order asked (ties keep the split's order).
std::vector<size_t> selectRows(const std::vector<store::AnalysisRow>& rows, const RowSelection& selection);

// scikit-learn's roc_curve (drop_intermediate=False) and precision_recall_curve, roc_auc_score and
// average_precision_score, of the positive class's probability. Thresholds are the distinct scores,
// highest first; tied scores make one point. With more than two classes, one class against the
// rest (scikit-learn's one-vs-rest: the class's probability, the class's rows as positives).
struct RocPoint {
    double false_positive_rate = 0, true_positive_rate = 0, threshold = 0;
};
struct PrecisionRecallPoint {
    double precision = 0, recall = 0, threshold = 0;
};
struct BinaryCurves {
    std::vector<RocPoint> roc;  // from (0, 0) (threshold +inf) to (1, 1)
    std::vector<PrecisionRecallPoint> precision_recall;  // from recall 1 down; ends at (precision 1, recall 0)
    double roc_auc = 0;            // trapezoids under the ROC curve
    double average_precision = 0;  // sum over thresholds of (R_n - R_(n-1)) * P_n
    int64_t positives = 0, negatives = 0;

    nlohmann::json toJson() const;
};
// Throws bw::Error when the rows are not a single-label analysis with that class, or when every row
// or no row is of that class (the curves are undefined, as scikit-learn warns).
BinaryCurves binaryCurves(const std::vector<store::AnalysisRow>& rows, int32_t positive_class = 1);
// Whether the analysis is single-label classification, whose classes can each be drawn against the rest.
bool hasClassCurves(const store::AnalysisRecord& analysis, const std::vector<store::AnalysisRow>& rows);

// Token classification: the entities of a row, gold and predicted, as seqeval finds them (IOB2).
struct EntitySpan {
    std::string type, text;
    size_t start = 0, end = 0;  // words [start, end)
};
struct EntityDiff {
    std::vector<EntitySpan> found;    // in both
    std::vector<EntitySpan> missed;   // gold only
    std::vector<EntitySpan> invented; // predicted only (or with the wrong type or boundaries)
};
EntityDiff entityDiff(const store::AnalysisRow& row, const std::vector<std::string>& tag_names);

// The predictions as CSV cells (unquoted; the writer quotes): a header, then one row per row. Each
// starts with the row's place in the split (from 0) and its line of the dataset file ("" for an
// analysis stored before lines were kept).
// Classification: row, line, text, text_pair, gold, predicted, correct, loss, confidence, p(<label>)...
// Multi-label: row, line, text, text_pair, gold, predicted (label names joined by "|"), correct, loss,
// p(<label>)...
// Regression: row, line, text, text_pair, target, prediction, loss.
// Token tasks: row, line, words, gold_tags, predicted_tags (space-joined, one per word seen), correct,
// loss, confidence, missed, invented (entities as "TYPE: words", joined by "; ").
std::vector<std::string> analysisCsvHeader(const store::AnalysisRecord& analysis);
std::vector<std::string> analysisCsvRow(const store::AnalysisRecord& analysis, const store::AnalysisRow& row);

// The name of a class or tag id ("7" when the analysis has no name for it).
std::string labelName(const store::AnalysisRecord& analysis, int64_t id);

}  // namespace bw::train
