#include "core/store/metric_writer.h"

#include "core/store/store_clock.h"

#include <cstdio>
#include <exception>
#include <utility>

namespace bw::store {

MetricWriter::MetricWriter(ExperimentStore& store, int64_t run_id) : MetricWriter(store, run_id, Options{}) {}

MetricWriter::MetricWriter(ExperimentStore& store, int64_t run_id, Options options)
    : store_(&store), run_id_(run_id), options_(options), last_flush_(std::chrono::steady_clock::now()) {
    if (options_.batch_size == 0) options_.batch_size = 1;
    buffer_.reserve(options_.batch_size);
}

MetricWriter::~MetricWriter() {
    if (buffer_.empty()) return;
    try {
        flush();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bertwork: %zu metric points of run %lld were not saved: %s\n", buffer_.size(),
                     static_cast<long long>(run_id_), e.what());
    }
}

void MetricWriter::add(const std::string& name, double value, int64_t step, double epoch) {
    add(MetricPoint{run_id_, step, epoch, name, value, unixTimeSeconds()});
}

void MetricWriter::add(MetricPoint point) {
    point.run_id = run_id_;
    if (point.wall_time <= 0) point.wall_time = unixTimeSeconds();
    buffer_.push_back(std::move(point));
    if (buffer_.size() >= options_.batch_size ||
        std::chrono::steady_clock::now() - last_flush_ >= options_.flush_interval)
        flush();
}

void MetricWriter::flush() {
    if (!buffer_.empty()) {
        store_->addMetrics(buffer_);  // throws with the points still buffered
        buffer_.clear();
    }
    last_flush_ = std::chrono::steady_clock::now();
}

}  // namespace bw::store
