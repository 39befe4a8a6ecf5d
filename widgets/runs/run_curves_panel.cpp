#include "widgets/runs/run_curves_panel.h"

#include "core/store/experiment_store.h"
#include "core/train/runs_csv.h"
#include "widgets/runs/run_curves_plot.h"
#include "widgets/shared/error_text.h"
#include "widgets/shared/run_label.h"
#include "widgets/runs/store_time.h"
#include "widgets/shared/csv_file.h"
#include "widgets/shared/curve_axis_combo.h"
#include "widgets/shared/plot_export.h"
#include "widgets/shared/smoothing_slider.h"
#include "widgets/store/store_connection.h"
#include "widgets/workbench/workspace.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <set>

namespace bw::gui {

namespace {

// A file name from a metric name: "eval/accuracy" -> "eval-accuracy".
QString fileSafe(QString name) {
    for (QChar& c : name)
        if (!c.isLetterOrNumber() && c != QLatin1Char('-') && c != QLatin1Char('_')) c = QLatin1Char('-');
    return name;
}

}  // namespace

RunCurvesPanel::RunCurvesPanel(Workspace& workspace, StoreConnection& store, QWidget* parent)
    : QWidget(parent), workspace_(workspace), store_(store) {
    metric_combo_ = new QComboBox;
    metric_combo_->setObjectName("metricCombo");
    metric_combo_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    axis_combo_ = new CurveAxisCombo;
    axis_combo_->setObjectName("axisCombo");
    auto* export_button = new QPushButton(tr("Export curves…"));
    export_button->setToolTip(tr("Every metric of the selected runs, one row per run, metric and step"));
    auto* save_plot_button = new QPushButton(tr("Save plot…"));
    plot_ = new RunCurvesPlot;
    smoothing_ = new SmoothingSlider;
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Metric:")));
    controls->addWidget(metric_combo_);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("X axis:")));
    controls->addWidget(axis_combo_);
    controls->addSpacing(12);
    controls->addWidget(smoothing_);
    controls->addStretch(1);
    controls->addWidget(export_button);
    controls->addWidget(save_plot_button);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(plot_, 1);

    connect(export_button, &QPushButton::clicked, this, &RunCurvesPanel::exportCurves);
    connect(save_plot_button, &QPushButton::clicked, this, [this] {
        savePlotInteractively(*plot_->plot(), QStringLiteral("curves-%1.png").arg(fileSafe(plot_->metric())), window());
    });
    connect(metric_combo_, qOverload<int>(&QComboBox::activated), this, &RunCurvesPanel::refreshCurves);
    connect(axis_combo_, qOverload<int>(&QComboBox::activated), this, &RunCurvesPanel::refreshCurves);
    connect(smoothing_, &SmoothingSlider::weightChanged, plot_, &RunCurvesPlot::setSmoothing);
}

void RunCurvesPanel::setRuns(const std::vector<const train::RunSummary*>& runs) {
    runs_.clear();
    bool training = false;  // the page polls the store while a run trains: its curves grow
    for (const train::RunSummary* s : runs) {
        runs_.push_back({s->run.id, runLabel(s->run), storeTime(s->run.started_at), s->sessions});
        training = training || s->run.status == store::RunStatus::Running;
    }
    plot_->setLive(training);
    refreshMetricChoices();
    refreshCurves();
}

void RunCurvesPanel::refreshMetricChoices() {
    std::set<std::string> names;
    if (store::ExperimentStore* store = store_.open(workspace_.storePath())) {
        try {
            for (const ShownRun& run : runs_)
                for (const std::string& name : store->metricNames(run.id)) names.insert(name);
        } catch (const std::exception& e) {
            emit failed(errorText(e));
        }
    }
    const QString current = metric_combo_->currentText();
    QSignalBlocker block(metric_combo_);
    metric_combo_->clear();
    for (const std::string& name : names) metric_combo_->addItem(QString::fromStdString(name));
    int index = metric_combo_->findText(current);
    if (index < 0) index = metric_combo_->findText(QStringLiteral("train/loss"));
    metric_combo_->setCurrentIndex(index >= 0 ? index : 0);
}

bool RunCurvesPanel::setMetric(const QString& name) {
    const int index = metric_combo_->findText(name);
    if (index < 0) return false;
    metric_combo_->setCurrentIndex(index);
    refreshCurves();
    return true;
}

void RunCurvesPanel::refreshCurves() {
    const QString metric = metric_combo_->currentText();
    std::vector<RunCurve> curves;
    store::ExperimentStore* store = store_.open(workspace_.storePath());
    if (store && !metric.isEmpty()) {
        try {
            for (const ShownRun& run : runs_) {
                RunCurve curve;
                curve.run_id = run.id;
                curve.label = run.label;
                curve.points = store->metrics(run.id, metric.toStdString());
                curve.sessions = run.sessions;
                curve.start_time = run.started.isValid()    ? static_cast<double>(run.started.toMSecsSinceEpoch()) / 1000.0
                                   : !curve.points.empty() ? curve.points.front().wall_time
                                                           : 0.0;
                curves.push_back(std::move(curve));
            }
        } catch (const std::exception& e) {
            emit failed(errorText(e));
        }
    }
    plot_->setSmoothing(smoothing_->weight());
    plot_->setCurves(std::move(curves), metric, axis_combo_->axis());
    smoothing_->setEnabled(plot_->smoothes());  // evaluations are drawn as they are
}

void RunCurvesPanel::exportCurves() {
    const QString path = QFileDialog::getSaveFileName(window(), tr("Export curves"), QStringLiteral("curves.csv"), tr("CSV (*.csv)"));
    if (!path.isEmpty()) exportTo(path);
}

bool RunCurvesPanel::exportTo(const QString& path) {
    QList<QStringList> rows;
    QString error;
    if (store::ExperimentStore* store = store_.open(workspace_.storePath(), &error)) {
        try {
            for (const ShownRun& run : runs_)
                for (const store::MetricPoint& p : store->metrics(run.id))
                    rows << csvCells(train::curvesCsvRow(run.id, run.label.toStdString(), p));
        } catch (const std::exception& e) {
            error = errorText(e);
        }
    }
    if (error.isEmpty() && writeCsv(path, csvCells(train::curvesCsvHeader()), rows, &error)) return true;
    emit failed(error);
    return false;
}

}  // namespace bw::gui
