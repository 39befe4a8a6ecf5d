#include "widgets/runs/run_curves_panel.h"

#include "core/store/experiment_store.h"
#include "core/train/runs_csv.h"
#include "widgets/runs/run_curves_plot.h"
#include "widgets/shared/error_text.h"
#include "widgets/shared/file_dialog.h"
#include "widgets/shared/file_name_part.h"
#include "widgets/shared/run_label.h"
#include "widgets/runs/store_time.h"
#include "widgets/shared/csv_file.h"
#include "widgets/shared/curve_axis_combo.h"
#include "widgets/shared/plot_export.h"
#include "widgets/shared/smoothing_slider.h"
#include "widgets/store/store_connection.h"
#include "widgets/workbench/workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>
#include <set>

namespace bw::gui {

namespace {

constexpr int kGridColumns = 3;
constexpr int kGridPlotHeight = 230;

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
    grid_check_ = new QCheckBox(tr("All metrics"));
    grid_check_->setObjectName("gridCheck");
    grid_check_->setToolTip(tr("A small plot per metric, side by side, with the same smoothing and x axis"));
    grid_note_ = new QLabel;
    grid_note_->setWordWrap(true);
    grid_note_->hide();
    grid_legend_ = new QLabel;
    grid_legend_->setObjectName("gridLegend");
    grid_legend_->setWordWrap(true);
    grid_legend_->setTextFormat(Qt::RichText);
    grid_legend_->hide();
    auto* grid = new QWidget;
    grid_layout_ = new QGridLayout(grid);
    grid_layout_->setContentsMargins(0, 0, 0, 0);
    grid_area_ = new QScrollArea;
    grid_area_->setWidget(grid);
    grid_area_->setWidgetResizable(true);
    grid_area_->setFrameShape(QFrame::NoFrame);
    grid_area_->hide();
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Metric:")));
    controls->addWidget(metric_combo_);
    controls->addWidget(grid_check_);
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
    layout->addWidget(grid_note_);
    layout->addWidget(grid_legend_);
    layout->addWidget(grid_area_, 1);

    connect(export_button, &QPushButton::clicked, this, &RunCurvesPanel::exportCurves);
    connect(save_plot_button, &QPushButton::clicked, this, [this] {
        savePlotInteractively(*plot_->plot(), QStringLiteral("curves-%1.png").arg(fileNamePart(plot_->metric())), window());
    });
    connect(metric_combo_, qOverload<int>(&QComboBox::activated), this, &RunCurvesPanel::refreshCurves);
    connect(axis_combo_, qOverload<int>(&QComboBox::activated), this, &RunCurvesPanel::refreshCurves);
    connect(smoothing_, &SmoothingSlider::weightChanged, plot_, &RunCurvesPlot::setSmoothing);
    connect(smoothing_, &SmoothingSlider::weightChanged, this, [this](double weight) {
        for (RunCurvesPlot* small : grid_plots_) small->setSmoothing(weight);
    });
    connect(grid_check_, &QCheckBox::toggled, this, &RunCurvesPanel::setGridShown);
}

void RunCurvesPanel::setGridShown(bool shown) {
    if (grid_check_->isChecked() != shown) grid_check_->setChecked(shown);  // comes back here through toggled
    plot_->setVisible(!shown);
    grid_area_->setVisible(shown);
    grid_legend_->setVisible(shown);
    metric_combo_->setEnabled(!shown);
    refreshCurves();
}

bool RunCurvesPanel::isGridShown() const { return grid_check_->isChecked(); }

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
    if (isGridShown()) {
        refreshGrid();
        return;
    }
    const QString metric = metric_combo_->currentText();
    plot_->setSmoothing(smoothing_->weight());
    plot_->setCurves(curvesOf(metric), metric, axis_combo_->axis());
    smoothing_->setEnabled(plot_->smoothes());  // evaluations are drawn as they are
}

void RunCurvesPanel::refreshGrid() {
    const int shown = std::min(metric_combo_->count(), kGridMetrics);
    grid_note_->setVisible(metric_combo_->count() > kGridMetrics);
    grid_note_->setText(tr("The first %1 of %2 metrics; choose any one with “All metrics” unticked.")
                            .arg(kGridMetrics)
                            .arg(metric_combo_->count()));
    // The plots are kept while the metrics stay the same, so that a poll does not rebuild them.
    bool same = static_cast<int>(grid_plots_.size()) == shown;
    for (int i = 0; same && i < shown; ++i) same = grid_plots_[static_cast<size_t>(i)]->metric() == metric_combo_->itemText(i);
    if (!same) {
        for (RunCurvesPlot* small : grid_plots_) delete small;
        grid_plots_.clear();
        for (int i = 0; i < shown; ++i) {
            auto* small = new RunCurvesPlot;
            small->setInGrid(true);  // a legend per plot made the grid wider than the window
            small->setMinimumHeight(kGridPlotHeight);
            grid_layout_->addWidget(small, i / kGridColumns, i % kGridColumns);
            grid_plots_.push_back(small);
        }
    }
    bool smoothes = false;
    for (int i = 0; i < shown; ++i) {
        RunCurvesPlot* small = grid_plots_[static_cast<size_t>(i)];
        const QString metric = metric_combo_->itemText(i);
        small->setLive(plot_->isLive());
        small->setSmoothing(smoothing_->weight());
        small->setCurves(curvesOf(metric), metric, axis_combo_->axis());
        smoothes = smoothes || small->smoothes();
    }
    smoothing_->setEnabled(smoothes);
    QStringList legend;
    std::vector<int64_t> ids;
    for (const ShownRun& run : runs_) ids.push_back(run.id);
    const std::vector<QColor> colours = RunCurvesPlot::runColours(ids);
    for (size_t i = 0; i < runs_.size(); ++i)
        legend << QStringLiteral("<span style='color:%1'>&#9632;</span>&nbsp;%2")
                      .arg(colours[i].name(), runs_[i].label.toHtmlEscaped());
    grid_legend_->setText(legend.join(QStringLiteral("&nbsp;&nbsp;&nbsp; ")));
}

std::vector<RunCurve> RunCurvesPanel::curvesOf(const QString& metric) {
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
    return curves;
}

void RunCurvesPanel::exportCurves() {
    const QString path = FileDialog::getSaveFileName(window(), tr("Export curves"), QStringLiteral("curves.csv"), tr("CSV (*.csv)"));
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
