#pragma once
// Batched metric writes for a training loop: points are buffered and committed in one
// transaction every `batch_size` points, or at the first point logged `flush_interval` after the
// last commit, and on flush() and destruction. A reader (the GUI, on its own connection) sees each
// batch as soon as it is committed and never blocks the writer (the store runs in WAL mode).
//
//   MetricWriter metrics(store, run_id);
//   metrics.add("train/loss", loss, step, epoch);
//   ...
//   metrics.flush();  // at evaluation / epoch end, so the curves are complete
//
// There is no background thread: a point is committed by the add() that follows the interval,
// so call flush() when the loop pauses. The store must outlive the writer and not be moved;
// use both from one thread.
#include "core/store/experiment_store.h"

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace bw::store {

class MetricWriter {
public:
    struct Options {
        size_t batch_size = 256;
        std::chrono::milliseconds flush_interval{500};
    };

    MetricWriter(ExperimentStore& store, int64_t run_id);
    MetricWriter(ExperimentStore& store, int64_t run_id, Options options);
    // Flushes; an error there cannot be thrown from a destructor and is printed to stderr.
    ~MetricWriter();
    MetricWriter(MetricWriter&&) noexcept = default;
    MetricWriter(const MetricWriter&) = delete;
    MetricWriter& operator=(const MetricWriter&) = delete;
    MetricWriter& operator=(MetricWriter&&) = delete;

    // Wall time is now.
    void add(const std::string& name, double value, int64_t step, double epoch = 0.0);
    void add(MetricPoint point);  // run_id is this writer's; wall_time 0 means now
    // Commits the buffered points. On error (store locked, disk full) they stay buffered and the
    // error is thrown; the next flush tries again.
    void flush();
    size_t pending() const { return buffer_.size(); }
    int64_t runId() const { return run_id_; }

private:
    ExperimentStore* store_;
    int64_t run_id_;
    Options options_;
    std::vector<MetricPoint> buffer_;
    std::chrono::steady_clock::time_point last_flush_;
};

}  // namespace bw::store
