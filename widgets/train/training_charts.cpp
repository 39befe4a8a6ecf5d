#include "widgets/train/training_charts.h"

#include "widgets/shared/curve_axis_combo.h"
#include "widgets/shared/elided_label.h"
#include "widgets/shared/smoothing_slider.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>

namespace bw::gui {
namespace {

// Two columns for a fine-tune's four charts; three once there are more (pretraining, the probe).
int columnsFor(size_t cells) { return cells > 4 ? 3 : 2; }

}  // namespace

TrainingCharts::TrainingCharts(QWidget* parent) : QWidget(parent), redraw_timer_(new QTimer(this)) {
    redraw_timer_->setSingleShot(true);
    redraw_timer_->setInterval(kRedrawIntervalMs);
    connect(redraw_timer_, &QTimer::timeout, this, &TrainingCharts::redrawNow);
    buildControls();
}

void TrainingCharts::buildControls() {
    smoothing_ = new SmoothingSlider;
    log_scale_ = new QCheckBox(tr("Log scale"));
    log_scale_->setObjectName("logScaleCheck");
    axis_combo_ = new CurveAxisCombo;
    axis_combo_->setObjectName("xAxisCombo");

    auto* controls = new QHBoxLayout;
    controls->addWidget(smoothing_);
    controls->addSpacing(16);
    controls->addWidget(log_scale_);
    controls->addSpacing(16);
    controls->addWidget(new QLabel(tr("X axis:")));
    controls->addWidget(axis_combo_);
    controls->addStretch(1);
    auto* hint = new ElidedLabel;  // a long hint must not set the window's minimum width
    hint->setFullText(tr("Drag to pan, wheel to zoom, double-click to fit, right-click to save a plot."));
    hint->setEnabled(false);  // the palette's secondary text colour
    controls->addWidget(hint);

    grid_ = new QGridLayout;
    grid_->setSpacing(6);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addLayout(grid_, 1);

    connect(smoothing_, &SmoothingSlider::weightChanged, this, &TrainingCharts::redrawNow);
    connect(log_scale_, &QCheckBox::toggled, this, &TrainingCharts::redrawNow);
    connect(axis_combo_, qOverload<int>(&QComboBox::currentIndexChanged), this, &TrainingCharts::redrawNow);
}

void TrainingCharts::setTask(const std::string& engine_task, const std::string& best_metric, bool evaluates) {
    if (engine_task == task_ && best_metric == best_metric_ && evaluates == evaluates_ && !charts_.empty()) return;
    task_ = engine_task;
    best_metric_ = best_metric;
    evaluates_ = evaluates;
    for (MetricChart* chart : charts_) delete chart;
    charts_.clear();
    for (const ChartSpec& spec : chartsForTask(engine_task, best_metric, evaluates)) {
        charts_.push_back(new MetricChart(spec));
        charts_.back()->setLive(live_);
    }
    layOut();
    redrawNow();
}

void TrainingCharts::setCompanion(QWidget* widget) {
    if (companion_ && companion_ != widget) grid_->removeWidget(companion_);
    companion_ = widget;
    layOut();
}

void TrainingCharts::layOut() {
    std::vector<QWidget*> cells(charts_.begin(), charts_.end());
    if (companion_) cells.push_back(companion_);
    for (QWidget* cell : cells) grid_->removeWidget(cell);
    const int columns = columnsFor(cells.size());
    for (size_t i = 0; i < cells.size(); ++i)
        grid_->addWidget(cells[i], static_cast<int>(i) / columns, static_cast<int>(i) % columns);
    const int rows = (static_cast<int>(cells.size()) + columns - 1) / columns;
    for (int r = 0; r < grid_->rowCount(); ++r) grid_->setRowStretch(r, r < rows ? 1 : 0);
    for (int c = 0; c < grid_->columnCount(); ++c) grid_->setColumnStretch(c, c < columns ? 1 : 0);
}

void TrainingCharts::scheduleRedraw() {
    if (!redraw_timer_->isActive()) redraw_timer_->start();
}

void TrainingCharts::redrawNow() {
    redraw_timer_->stop();
    const CurveOptions o = options();
    // One x range for every chart, from the start to a little past the newest point, so that a
    // step (the best checkpoint) is at the same place in each and the newest point is off the frame.
    double right = 0;
    for (MetricChart* chart : charts_) {
        chart->setCurves(history_, o);
        if (const auto keys = chart->keyRange()) right = std::max(right, keys->upper);
    }
    for (MetricChart* chart : charts_) chart->setFitXRange(0, right > 0 ? right * 1.02 : 1.0);
    ++redraws_;
}

MetricChart* TrainingCharts::chart(const QString& id) const {
    for (MetricChart* chart : charts_)
        if (chart->spec().id == id) return chart;
    return nullptr;
}

void TrainingCharts::setLive(bool live) {
    live_ = live;
    for (MetricChart* chart : charts_) chart->setLive(live);
}

CurveOptions TrainingCharts::options() const {
    CurveOptions o;
    o.smoothing = smoothing_->weight();
    o.log_scale = log_scale_->isChecked();
    o.axis = axis_combo_->axis();
    return o;
}

void TrainingCharts::setSmoothing(double weight) { smoothing_->setWeight(weight); }

void TrainingCharts::setLogScale(bool on) { log_scale_->setChecked(on); }

void TrainingCharts::setAxis(CurveAxis axis) { axis_combo_->setAxis(axis); }

}  // namespace bw::gui
