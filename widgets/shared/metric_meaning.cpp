#include "widgets/shared/metric_meaning.h"

#include "core/train/task_catalogue.h"

#include <QCoreApplication>

namespace bw::gui {
namespace {

struct MetricMeaning {
    Q_DECLARE_TR_FUNCTIONS(MetricMeaning)
};

QString scoreName(const QString& score, bool entities) {
    if (score == QLatin1String("f1")) return entities ? MetricMeaning::tr("entity F1") : MetricMeaning::tr("F1");
    if (score == QLatin1String("precision")) return entities ? MetricMeaning::tr("entity precision") : MetricMeaning::tr("precision");
    return entities ? MetricMeaning::tr("entity recall") : MetricMeaning::tr("recall");
}

// f1_macro, precision_weighted, ...: the score and how it is averaged, over what.
QString averaged(const QString& metric, model::BertTask head, const QString& problem_type) {
    const qsizetype cut = metric.lastIndexOf(QLatin1Char('_'));
    const QString score = metric.left(cut), average = metric.mid(cut + 1);
    const bool entities = head == model::BertTask::TokenClassification;
    const QString name = scoreName(score, entities);
    const QString over = entities ? MetricMeaning::tr("entity types")
                         : problem_type == QString::fromStdString(train::kMultiLabel) ? MetricMeaning::tr("labels")
                                                                                      : MetricMeaning::tr("classes");
    if (average == QLatin1String("macro"))
        return MetricMeaning::tr("%1 of each of the %2, averaged with each counting the same").arg(name, over);
    if (average == QLatin1String("weighted"))
        return MetricMeaning::tr("%1 of each of the %2, averaged weighted by its gold count").arg(name, over);
    const bool one_label = problem_type != QString::fromStdString(train::kMultiLabel);
    if (!entities && one_label)
        return MetricMeaning::tr("%1 pooled over every row's decision (equal to accuracy for one label per row)").arg(name);
    return MetricMeaning::tr("%1 pooled over all %2").arg(name, over);
}

// What the metric measures, without which way is better (the catalogue says that).
QString measure(model::BertTask head, const QString& problem_type, const QString& metric) {
    using model::BertTask;
    const bool tagger = head == BertTask::TokenClassification;
    const bool language_model = head == BertTask::MaskedLM || head == BertTask::PreTraining;
    const bool regression = problem_type == QString::fromStdString(train::kRegression);
    const bool multi_label = problem_type == QString::fromStdString(train::kMultiLabel);
    if (metric == QLatin1String("loss")) {
        if (head == BertTask::PreTraining) return MetricMeaning::tr("Masked-LM plus next-sentence cross-entropy");
        if (language_model) return MetricMeaning::tr("Cross-entropy of the masked tokens");
        if (tagger) return MetricMeaning::tr("Cross-entropy over the labelled tokens");
        if (regression) return MetricMeaning::tr("Mean squared error");
        if (multi_label) return MetricMeaning::tr("Binary cross-entropy over every label");
        return MetricMeaning::tr("Cross-entropy of the gold class");
    }
    if (metric == QLatin1String("accuracy"))
        return tagger ? MetricMeaning::tr("Share of labelled tokens given their gold tag (the same as token_accuracy), not of "
                                          "entities or sentences")
                      : MetricMeaning::tr("Share of rows whose predicted class is the gold one");
    if (metric == QLatin1String("token_accuracy")) return MetricMeaning::tr("Share of labelled tokens given their gold tag");
    if (tagger && (metric == QLatin1String("f1") || metric == QLatin1String("precision") || metric == QLatin1String("recall")))
        return MetricMeaning::tr("%1 over whole entities (a span counts only with the right type and both ends), micro "
                                 "over all entities, as seqeval computes it")
            .arg(scoreName(metric, true));
    if (metric == QLatin1String("f1")) return MetricMeaning::tr("F1 of the positive class (label 1) of a two-class task");
    if (metric == QLatin1String("matthews_correlation"))
        return MetricMeaning::tr("Matthews correlation of gold and predicted classes: 1 perfect, 0 chance, −1 inverse");
    if (metric == QLatin1String("subset_accuracy")) return MetricMeaning::tr("Share of rows whose whole set of labels is right");
    if (metric == QLatin1String("hamming_loss")) return MetricMeaning::tr("Share of (row, label) decisions that are wrong");
    if (metric == QLatin1String("mse")) return MetricMeaning::tr("Mean squared error of the predicted values");
    if (metric == QLatin1String("mae")) return MetricMeaning::tr("Mean absolute error of the predicted values");
    if (metric == QLatin1String("pearson")) return MetricMeaning::tr("Pearson correlation of predicted and gold values");
    if (metric == QLatin1String("spearman")) return MetricMeaning::tr("Spearman rank correlation of predicted and gold values");
    if (metric == QLatin1String("mlm_loss")) return MetricMeaning::tr("Cross-entropy of the masked tokens");
    if (metric == QLatin1String("mlm_accuracy")) return MetricMeaning::tr("Share of masked tokens predicted exactly");
    if (metric == QLatin1String("perplexity")) return MetricMeaning::tr("exp(mlm_loss): how many tokens the model hesitates between");
    if (metric == QLatin1String("nsp_loss")) return MetricMeaning::tr("Next-sentence prediction cross-entropy");
    if (metric == QLatin1String("nsp_accuracy")) return MetricMeaning::tr("Share of sentence pairs whose next-sentence label is right");
    return averaged(metric, head, problem_type);
}

}  // namespace

QString metricMeaning(model::BertTask head, const QString& problem_type, const QString& metric) {
    for (const train::MetricDefinition& m : train::reportedMetrics(head, problem_type.toStdString()))
        if (QString::fromStdString(m.name) == metric) {
            const QString text = measure(head, problem_type, metric);
            return m.higher_is_better ? text : MetricMeaning::tr("%1 (lower is better)").arg(text);
        }
    return {};  // a metric this head does not report
}

QString metricMeaning(const QString& task, const QString& problem_type, const QString& metric) {
    try {
        return metricMeaning(model::taskFromName(task.toStdString()), problem_type, metric);
    } catch (const std::exception&) {
        return {};
    }
}

}  // namespace bw::gui
