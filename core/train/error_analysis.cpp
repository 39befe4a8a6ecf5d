#include "core/train/error_analysis.h"

#include "core/metrics/entity_extraction.h"
#include "core/runtime/error.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <numeric>

namespace bw::train {

bool canAnalyseErrors(const std::string& task) {
    return task == "sequence-classification" || task == "token-classification";
}

namespace {

using store::AnalysisRecord;
using store::AnalysisRow;

std::string lowered(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

bool rowContains(const AnalysisRow& row, const std::string& needle_lowered) {
    if (lowered(row.text).find(needle_lowered) != std::string::npos) return true;
    return row.text_pair && lowered(*row.text_pair).find(needle_lowered) != std::string::npos;
}

// The shortest text that reads back as the same double ("0.25", "1e-05").
std::string number(double value) {
    if (std::isnan(value)) return "nan";
    char text[64];
    const auto end = std::to_chars(text, text + sizeof text, value).ptr;
    return std::string(text, end);
}

std::string joined(const std::vector<std::string>& items, const char* separator) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) out += (i ? separator : "") + items[i];
    return out;
}

std::vector<std::string> namesOf(const AnalysisRecord& analysis, const std::vector<int32_t>& ids) {
    std::vector<std::string> names;
    for (int32_t id : ids) names.push_back(labelName(analysis, id));
    return names;
}

std::string spansText(const std::vector<EntitySpan>& spans) {
    std::vector<std::string> items;
    for (const EntitySpan& s : spans) items.push_back(s.type + ": " + s.text);
    return joined(items, "; ");
}

enum class Kind { SingleLabel, MultiLabel, Regression, Tokens };

Kind kindOf(const AnalysisRecord& analysis) {
    if (analysis.task == "token-classification") return Kind::Tokens;
    if (analysis.problem_type == "multi_label_classification") return Kind::MultiLabel;
    if (analysis.problem_type == "regression") return Kind::Regression;
    return Kind::SingleLabel;
}

}  // namespace

RowOrder rowOrderFromName(const std::string& name) {
    if (name == "loss") return RowOrder::Loss;
    if (name == "confidence") return RowOrder::Confidence;
    if (name == "row") return RowOrder::Position;
    throw Error("rows are sorted by loss, confidence or row, not '" + name + "'");
}

std::vector<size_t> selectRows(const std::vector<AnalysisRow>& rows, const RowSelection& selection) {
    const std::string needle = lowered(selection.text);
    std::vector<size_t> picked;
    for (size_t i = 0; i < rows.size(); ++i) {
        const AnalysisRow& r = rows[i];
        if (selection.wrong_only && !r.isWrong()) continue;
        if (selection.gold && r.gold != selection.gold) continue;
        if (selection.predicted && r.predicted != selection.predicted) continue;
        if (!needle.empty() && !rowContains(r, needle)) continue;
        picked.push_back(i);
    }
    if (selection.order == RowOrder::Position) {
        if (selection.descending) std::reverse(picked.begin(), picked.end());
        return picked;
    }
    // NaN sorts last either way: a diverged row is worth seeing, but not above every real one.
    const auto key = [&](size_t i) { return selection.order == RowOrder::Loss ? rows[i].loss : rows[i].confidence; };
    std::stable_sort(picked.begin(), picked.end(), [&](size_t a, size_t b) {
        const double ka = key(a), kb = key(b);
        if (std::isnan(ka) || std::isnan(kb)) return !std::isnan(ka) && std::isnan(kb);
        return selection.descending ? ka > kb : ka < kb;
    });
    return picked;
}

nlohmann::json BinaryCurves::toJson() const {
    nlohmann::json roc_json = nlohmann::json::array(), pr_json = nlohmann::json::array();
    const auto threshold = [](double t) { return std::isinf(t) ? nlohmann::json() : nlohmann::json(t); };
    for (const RocPoint& p : roc)
        roc_json.push_back({{"fpr", p.false_positive_rate}, {"tpr", p.true_positive_rate}, {"threshold", threshold(p.threshold)}});
    for (const PrecisionRecallPoint& p : precision_recall)
        pr_json.push_back({{"precision", p.precision}, {"recall", p.recall}, {"threshold", threshold(p.threshold)}});
    return {{"roc_auc", roc_auc}, {"average_precision", average_precision}, {"positives", positives},
            {"negatives", negatives}, {"roc", roc_json}, {"precision_recall", pr_json}};
}

bool hasClassCurves(const AnalysisRecord& analysis, const std::vector<AnalysisRow>& rows) {
    if (kindOf(analysis) != Kind::SingleLabel || analysis.labels.size() < 2 || rows.empty()) return false;
    return std::all_of(rows.begin(), rows.end(),
                       [&](const AnalysisRow& r) { return r.gold && r.scores.size() == analysis.labels.size(); });
}

BinaryCurves binaryCurves(const std::vector<AnalysisRow>& rows, int32_t positive_class) {
    struct Scored {
        double score;
        bool positive;
    };
    std::vector<Scored> scored;
    for (const AnalysisRow& r : rows) {
        if (!r.gold || r.scores.size() < 2 || positive_class < 0 || static_cast<size_t>(positive_class) >= r.scores.size())
            throw Error("precision-recall and ROC curves need a single-label analysis with class " +
                        std::to_string(positive_class));
        scored.push_back({r.scores[static_cast<size_t>(positive_class)], *r.gold == positive_class});
    }
    BinaryCurves curves;
    for (const Scored& s : scored) (s.positive ? curves.positives : curves.negatives) += 1;
    if (curves.positives == 0 || curves.negatives == 0)
        throw Error(std::string("precision-recall and ROC curves need rows of the class and of the others; the split has ") +
                    (curves.positives == 0 ? "none of the class" : "only the class"));
    std::stable_sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) { return a.score > b.score; });

    // Counts at each distinct threshold, highest first: everything scored at or above it is predicted positive.
    struct Count {
        double threshold;
        int64_t tp, fp;
    };
    std::vector<Count> counts;
    int64_t tp = 0, fp = 0;
    for (size_t i = 0; i < scored.size(); ++i) {
        (scored[i].positive ? tp : fp) += 1;
        if (i + 1 == scored.size() || scored[i + 1].score != scored[i].score) counts.push_back({scored[i].score, tp, fp});
    }
    const auto P = static_cast<double>(curves.positives), N = static_cast<double>(curves.negatives);
    const double inf = std::numeric_limits<double>::infinity();
    curves.roc.push_back({0, 0, inf});
    double previous_recall = 0;
    for (const Count& c : counts) {
        const RocPoint point{static_cast<double>(c.fp) / N, static_cast<double>(c.tp) / P, c.threshold};
        const RocPoint& last = curves.roc.back();
        curves.roc_auc += (point.false_positive_rate - last.false_positive_rate) *
                          (point.true_positive_rate + last.true_positive_rate) / 2;
        curves.roc.push_back(point);
        const double precision = static_cast<double>(c.tp) / static_cast<double>(c.tp + c.fp);
        const double recall = static_cast<double>(c.tp) / P;
        curves.average_precision += (recall - previous_recall) * precision;
        previous_recall = recall;
    }
    // scikit-learn's order: lowest threshold (recall 1) first, then (precision 1, recall 0).
    for (auto c = counts.rbegin(); c != counts.rend(); ++c)
        curves.precision_recall.push_back({static_cast<double>(c->tp) / static_cast<double>(c->tp + c->fp),
                                           static_cast<double>(c->tp) / P, c->threshold});
    curves.precision_recall.push_back({1, 0, inf});
    return curves;
}

EntityDiff entityDiff(const AnalysisRow& row, const std::vector<std::string>& tag_names) {
    const auto tags = [&](const std::vector<int32_t>& ids) {
        std::vector<std::string> names;
        for (int32_t id : ids)
            names.push_back(id >= 0 && static_cast<size_t>(id) < tag_names.size() ? tag_names[static_cast<size_t>(id)] : "O");
        return names;
    };
    const auto spanOf = [&](const metrics::Entity& e) {
        EntitySpan span{e.type, "", e.start, e.end};
        for (size_t w = e.start; w < e.end && w < row.words.size(); ++w) span.text += (w > e.start ? " " : "") + row.words[w];
        return span;
    };
    // Tags that are not BIO (a corpus of plain classes) find no entities rather than failing the view.
    std::vector<metrics::Entity> gold, predicted;
    try {
        gold = metrics::extractEntities(tags(row.gold_ids));
        predicted = metrics::extractEntities(tags(row.predicted_ids));
    } catch (const Error&) {
        return {};
    }
    EntityDiff diff;
    for (const metrics::Entity& g : gold)
        (std::find(predicted.begin(), predicted.end(), g) != predicted.end() ? diff.found : diff.missed).push_back(spanOf(g));
    for (const metrics::Entity& p : predicted)
        if (std::find(gold.begin(), gold.end(), p) == gold.end()) diff.invented.push_back(spanOf(p));
    return diff;
}

std::string labelName(const AnalysisRecord& analysis, int64_t id) {
    if (id >= 0 && static_cast<size_t>(id) < analysis.labels.size()) return analysis.labels[static_cast<size_t>(id)];
    return std::to_string(id);
}

std::vector<std::string> analysisCsvHeader(const AnalysisRecord& analysis) {
    std::vector<std::string> header;
    const auto probabilities = [&] {
        for (const std::string& label : analysis.labels) header.push_back("p(" + label + ")");
    };
    switch (kindOf(analysis)) {
    case Kind::SingleLabel:
        header = {"row", "line", "text", "text_pair", "gold", "predicted", "correct", "loss", "confidence"};
        probabilities();
        break;
    case Kind::MultiLabel:
        header = {"row", "line", "text", "text_pair", "gold", "predicted", "correct", "loss"};
        probabilities();
        break;
    case Kind::Regression: header = {"row", "line", "text", "text_pair", "target", "prediction", "loss"}; break;
    case Kind::Tokens:
        header = {"row", "line", "words", "gold_tags", "predicted_tags", "correct", "loss", "confidence", "missed", "invented"};
        break;
    }
    return header;
}

std::vector<std::string> analysisCsvRow(const AnalysisRecord& analysis, const AnalysisRow& row) {
    const std::string correct = row.isWrong() ? "false" : "true";
    const std::string pair = row.text_pair.value_or("");
    const std::string line = row.source_line ? std::to_string(row.source_line) : "";  // "": analysed before lines were kept
    std::vector<std::string> cells;
    const auto scores = [&] {
        for (float s : row.scores) cells.push_back(number(static_cast<double>(s)));
    };
    switch (kindOf(analysis)) {
    case Kind::SingleLabel:
        cells = {std::to_string(row.row_index), line, row.text, pair, row.gold ? labelName(analysis, *row.gold) : "",
                 row.predicted ? labelName(analysis, *row.predicted) : "", correct, number(row.loss), number(row.confidence)};
        scores();
        break;
    case Kind::MultiLabel:
        cells = {std::to_string(row.row_index), line, row.text, pair, joined(namesOf(analysis, row.gold_ids), "|"),
                 joined(namesOf(analysis, row.predicted_ids), "|"), correct, number(row.loss)};
        scores();
        break;
    case Kind::Regression: {
        std::vector<std::string> targets, predictions;
        for (float t : row.targets) targets.push_back(number(static_cast<double>(t)));
        for (float s : row.scores) predictions.push_back(number(static_cast<double>(s)));
        cells = {std::to_string(row.row_index), line, row.text, pair, joined(targets, " "), joined(predictions, " "), number(row.loss)};
        break;
    }
    case Kind::Tokens: {
        const EntityDiff diff = entityDiff(row, analysis.labels);
        cells = {std::to_string(row.row_index), line, joined(row.words, " "), joined(namesOf(analysis, row.gold_ids), " "),
                 joined(namesOf(analysis, row.predicted_ids), " "), correct, number(row.loss), number(row.confidence),
                 spansText(diff.missed), spansText(diff.invented)};
        break;
    }
    }
    return cells;
}

}  // namespace bw::train
