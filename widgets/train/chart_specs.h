#pragma once
// Which charts the Train page draws for a task and what each holds, under the store's metric
// names. Train series (logged every logging_steps) are dense and drawn smoothed over their faint
// raw curve; evaluation series are a few points, drawn as dots joined by lines. Colours keep one
// meaning across charts: train blue, eval orange; NSP (pretraining) red and pink.
#include <QColor>
#include <QString>

#include <string>
#include <vector>

namespace bw::gui {

struct SeriesSpec {
    std::string metric;  // "train/loss"
    QString label;       // in the legend
    QColor colour;
    bool smoothed = false;  // dense train series: EMA over the faint raw curve
};

struct ChartSpec {
    QString id;  // "loss", "metrics", ...: object names and file names
    QString title;
    QString empty_hint;  // shown until the first point arrives
    std::vector<SeriesSpec> series;
};

// For an engine task name ("sequence-classification", "pretraining", ...). `best_metric`, the run's
// metric_for_best_model as evaluations name it, joins the evaluation metrics chart when the task's
// usual ones leave it out (a tagger picked by f1_macro), so the best checkpoint's marker can be read.
// `evaluates`: whether the run evaluates while it trains (else its evaluation chart says it does not).
std::vector<ChartSpec> chartsForTask(const std::string& engine_task, const std::string& best_metric = {},
                                     bool evaluates = true);

}  // namespace bw::gui
