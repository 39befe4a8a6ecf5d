#include "widgets/train/chart_specs.h"

#include "widgets/train/training_setup.h"

#include <QCoreApplication>

#include <algorithm>

namespace bw::gui {
namespace {

struct TrainCharts {
    Q_DECLARE_TR_FUNCTIONS(TrainCharts)
};

// Tableau 10, as the Runs page's curves.
const QColor kBlue(0x4E79A7), kOrange(0xF28E2B), kRed(0xE15759), kPink(0xFF9DA7), kGreen(0x59A14F), kPurple(0xB07AA1),
    kBrown(0x9C755F), kYellow(0xEDC948);

// A train series is smoothed; its legend says "train" unless told otherwise.
SeriesSpec train(const char* metric, const QColor& colour, const QString& label = TrainCharts::tr("train")) {
    return {std::string("train/") + metric, label, colour, true};
}

// An evaluation series, named "eval" in the legend, or by its metric when a chart holds several.
SeriesSpec eval(const char* metric, const QColor& colour, const QString& label = TrainCharts::tr("eval")) {
    return {std::string("eval/") + metric, label, colour, false};
}

SeriesSpec evalMetric(const char* metric, const QColor& colour) {
    return eval(metric, colour, QString::fromLatin1(metric));
}

ChartSpec chart(const char* id, const QString& title, const QString& empty_hint, std::vector<SeriesSpec> series) {
    return {QString::fromLatin1(id), title, empty_hint, std::move(series)};
}

}  // namespace

std::vector<ChartSpec> chartsForTask(const std::string& task, const std::string& best_metric, bool evaluates) {
    const QString before_log = TrainCharts::tr("Appears after the first logging_steps.");
    const QString before_evaluation = evaluates ? TrainCharts::tr("Appears after the first evaluation.")
                                                : TrainCharts::tr("This run does not evaluate (evaluation_strategy “no”).");
    std::vector<ChartSpec> charts;
    charts.push_back(chart("loss", TrainCharts::tr("Loss"), before_log, {train("loss", kBlue), eval("loss", kOrange)}));
    if (isLanguageModellingTask(task)) {
        // MLM and NSP apart: their losses differ by an order of magnitude, and a masked-LM run has
        // no NSP (and its loss is the MLM loss).
        const bool nsp = task == model::taskName(model::BertTask::PreTraining);
        if (nsp)
            charts.push_back(chart("mlm-loss", TrainCharts::tr("MLM loss"), before_log,
                                   {train("mlm_loss", kBlue), eval("mlm_loss", kOrange)}));
        charts.push_back(chart("mlm-accuracy", TrainCharts::tr("MLM accuracy (masked tokens)"), before_log,
                               {train("mlm_accuracy", kBlue), eval("mlm_accuracy", kOrange)}));
        if (nsp) {
            charts.push_back(chart("nsp-loss", TrainCharts::tr("NSP loss"), before_log,
                                   {train("nsp_loss", kRed), eval("nsp_loss", kPink)}));
            charts.push_back(chart("nsp-accuracy", TrainCharts::tr("NSP accuracy"), before_log,
                                   {train("nsp_accuracy", kRed), eval("nsp_accuracy", kPink)}));
        }
    } else if (const train::TaskDefinition* tagging = train::firstTaskWithHead(task);
               tagging && tagging->predictsPerToken()) {
        charts.push_back(chart("metrics", TrainCharts::tr("Evaluation metrics"), before_evaluation,
                               {evalMetric("f1_micro", kOrange), evalMetric("precision_micro", kPurple),
                                evalMetric("recall_micro", kBrown), evalMetric("token_accuracy", kYellow)}));
    } else {
        // Single-label runs report accuracy, multi-label subset_accuracy, regression pearson and
        // spearman: only the ones the run reports are drawn.
        charts.push_back(chart(
            "metrics", TrainCharts::tr("Evaluation metrics"), before_evaluation,
            {evalMetric("accuracy", kOrange), evalMetric("f1_macro", kPurple), evalMetric("subset_accuracy", kBrown),
             evalMetric("pearson", kOrange), evalMetric("spearman", kPurple)}));
    }
    if (!best_metric.empty() && best_metric != "loss")
        for (ChartSpec& spec : charts)
            if (spec.id == QLatin1String("metrics")) {
                const std::string name = "eval/" + best_metric;
                const bool shown = std::any_of(spec.series.begin(), spec.series.end(),
                                               [&](const SeriesSpec& s) { return s.metric == name; });
                if (!shown) spec.series.push_back(evalMetric(best_metric.c_str(), kBlue));
            }
    charts.push_back(chart("learning-rate", TrainCharts::tr("Learning rate"), before_log,
                           {{"train/learning_rate", QStringLiteral("learning_rate"), kGreen, false}}));
    charts.push_back(chart("grad-norm", TrainCharts::tr("Gradient norm (before clipping)"), before_log,
                           {train("grad_norm", kPurple, QStringLiteral("grad_norm"))}));
    return charts;
}

}  // namespace bw::gui
