#include "widgets/train/training_history.h"

#include "core/store/experiment_store.h"

#include <algorithm>

namespace bw::gui {

void TrainingHistory::clear() {
    series_.clear();
    best_step_.reset();
    sessions_.clear();
}

void TrainingHistory::load(store::ExperimentStore& store, int64_t run_id) {
    clear();
    for (const store::MetricPoint& p : store.metrics(run_id)) add(p.name, {p.step, p.epoch, p.wall_time, p.value});
    if (const auto best = store.bestCheckpoint(run_id)) best_step_ = best->step;
    sessions_ = store.runSessions(run_id);
    // A run that never started has no session: time counts from its first point.
    if (sessions_.empty())
        if (const auto first = pointAtStep(0)) sessions_.push_back({first->wall_time, std::nullopt});
}

void TrainingHistory::beginSession(double wall_time) {
    // The one before ended with its last point (or, when it is empty, never happened).
    if (!sessions_.empty() && !sessions_.back().ended_at) {
        double last = sessions_.back().started_at;
        for (const auto& [name, points] : series_)
            for (const CurvePoint& p : points) last = std::max(last, p.wall_time);
        sessions_.back().ended_at = std::min(last, wall_time);
    }
    sessions_.push_back({wall_time, std::nullopt});
}

void TrainingHistory::add(const std::string& name, const CurvePoint& point) {
    std::vector<CurvePoint>& points = series_[name];
    // The store hands points in step order and the engine reports them so: keep it that way.
    if (!points.empty() && point.step < points.back().step) {
        const auto at = std::upper_bound(points.begin(), points.end(), point.step,
                                         [](int64_t step, const CurvePoint& p) { return step < p.step; });
        points.insert(at, point);
        return;
    }
    points.push_back(point);
}

void TrainingHistory::addLog(const train::LogEvent& event, double wall_time) {
    for (const auto& [key, value] : event.values) add("train/" + key, {event.step, event.epoch, wall_time, value});
}

void TrainingHistory::addEvaluation(const train::EvaluationEvent& event, double wall_time) {
    for (const auto& [key, value] : event.metrics) add("eval/" + key, {event.step, event.epoch, wall_time, value});
}

void TrainingHistory::truncateAfter(int64_t step) {
    for (auto it = series_.begin(); it != series_.end();) {
        auto& points = it->second;
        points.erase(
            std::remove_if(points.begin(), points.end(), [step](const CurvePoint& p) { return p.step > step; }),
            points.end());
        it = points.empty() ? series_.erase(it) : std::next(it);
    }
    if (best_step_ && *best_step_ > step) best_step_.reset();
}

const std::vector<CurvePoint>* TrainingHistory::series(const std::string& name) const {
    const auto it = series_.find(name);
    return it == series_.end() ? nullptr : &it->second;
}

int64_t TrainingHistory::lastStep() const {
    int64_t last = 0;
    for (const auto& [name, points] : series_)
        if (!points.empty()) last = std::max(last, points.back().step);
    return last;
}

std::optional<CurvePoint> TrainingHistory::pointAtStep(int64_t step) const {
    std::optional<CurvePoint> found;
    for (const auto& [name, points] : series_) {
        const auto it = std::lower_bound(points.begin(), points.end(), step,
                                         [](const CurvePoint& p, int64_t s) { return p.step < s; });
        if (it != points.end() && (!found || it->step < found->step)) found = *it;
    }
    return found;
}

}  // namespace bw::gui
