#pragma once
// The curves of one run as the Train page draws them, under the store's metric names
// ("train/loss", "train/learning_rate", "eval/accuracy", ...), so that a run reloaded from the store
// and the same run watched live hold the same points. Plain data: no widgets.
#include "core/store/store_records.h"
#include "core/train/training_events.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bw::store {
class ExperimentStore;
}

namespace bw::gui {

struct CurvePoint {
    int64_t step = 0;
    double epoch = 0;
    double wall_time = 0;  // Unix seconds
    double value = 0;
};

class TrainingHistory {
public:
    void clear();
    // Replaces everything by the run's stored curves, best checkpoint and training sessions (the
    // time axis adds those up, so a stop leaves no gap). Throws bw::Error when the store cannot be read.
    void load(store::ExperimentStore& store, int64_t run_id);

    void add(const std::string& name, const CurvePoint& point);
    void addLog(const train::LogEvent& event, double wall_time);                // as "train/<key>"
    void addEvaluation(const train::EvaluationEvent& event, double wall_time);  // as "eval/<key>"
    // Drops the points after `step`: a resumed run replays the steps after its checkpoint.
    void truncateAfter(int64_t step);

    void setBestStep(std::optional<int64_t> step) { best_step_ = step; }
    std::optional<int64_t> bestStep() const { return best_step_; }
    // Training (re)starts now, at `wall_time`: the time axis goes on from what the sessions before add up to.
    void beginSession(double wall_time);
    // A point's x on the time axis: the training time up to its wall time, stops left out.
    double trainingTimeAt(double wall_time) const { return store::trainedSecondsUntil(sessions_, wall_time); }

    // Null when nothing was recorded under that name.
    const std::vector<CurvePoint>* series(const std::string& name) const;
    bool empty() const { return series_.empty(); }
    int64_t lastStep() const;
    // The first point at or after `step` of any series (its epoch and time), to place a step on
    // the epoch and time axes.
    std::optional<CurvePoint> pointAtStep(int64_t step) const;

private:
    std::map<std::string, std::vector<CurvePoint>> series_;
    std::optional<int64_t> best_step_;
    std::vector<store::RunSession> sessions_;
};

}  // namespace bw::gui
