#pragma once
// The Train page's charts of one run in a grid, with the controls they share: EMA smoothing, log
// scale, and the x axis (step, epoch or time).
#include "widgets/train/metric_chart.h"
#include "widgets/train/training_history.h"

#include <QWidget>

#include <string>
#include <vector>

class QCheckBox;
class QGridLayout;
class QTimer;

namespace bw::gui {

class CurveAxisCombo;
class SmoothingSlider;

// The task decides the charts: loss, evaluation metrics or MLM/NSP loss and accuracy, learning
// rate, gradient norm. Live events arrive far more often than a screen needs: scheduleRedraw()
// coalesces them into at most one redraw every 100 ms.
class TrainingCharts : public QWidget {
    Q_OBJECT
public:
    static constexpr int kRedrawIntervalMs = 100;

    explicit TrainingCharts(QWidget* parent = nullptr);

    // Shows the charts of an engine task ("sequence-classification", "pretraining", ...).
    // `best_metric`: the run's metric_for_best_model (chart_specs.h), "" for the task's usual charts.
    void setTask(const std::string& engine_task, const std::string& best_metric = {}, bool evaluates = true);
    const std::string& task() const { return task_; }

    TrainingHistory& history() { return history_; }
    const TrainingHistory& history() const { return history_; }
    void scheduleRedraw();
    void redrawNow();
    int redrawCount() const { return redraws_; }

    // A widget shown in the grid cell after the last chart (the probe, for language modelling), or null.
    void setCompanion(QWidget* widget);

    const std::vector<MetricChart*>& charts() const { return charts_; }
    MetricChart* chart(const QString& id) const;  // null when the task has no such chart

    // While a run trains: each chart follows its new points, and says so when the user's view stops it.
    void setLive(bool live);
    bool isLive() const { return live_; }

    CurveOptions options() const;
    void setSmoothing(double weight);
    void setLogScale(bool on);
    void setAxis(CurveAxis axis);

private:
    void buildControls();
    void layOut();

    TrainingHistory history_;
    std::string task_;
    std::string best_metric_;
    bool evaluates_ = true;
    std::vector<MetricChart*> charts_;
    QWidget* companion_ = nullptr;
    int redraws_ = 0;
    bool live_ = false;

    SmoothingSlider* smoothing_;
    QCheckBox* log_scale_;
    CurveAxisCombo* axis_combo_;
    QGridLayout* grid_;
    QTimer* redraw_timer_;
};

}  // namespace bw::gui
