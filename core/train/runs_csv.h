#pragma once
// The runs table and their curves as CSV cells, one schema for `bertwork-cli runs list --format csv`
// and the Runs page's exports. Cells come unquoted: the writer quotes them (RFC 4180).
//
// Runs, one row per run, a header row first:
//   id, name, status, task, base_model, dataset      the run's record; dataset is its name
//   best_metric, best_value, best_step              bestResult(): the metric that picks the best
//                                                   checkpoint (always set), its best value and step
//   trained_seconds                                 time processes trained it, stops left out, to the
//                                                   millisecond; empty when it never ran
//   learning_rate, per_device_train_batch_size,     its TrainingArguments (config.training_args),
//   num_train_epochs, max_steps, seed               empty where the config does not set one
//   created_at, started_at, finished_at             ISO 8601 UTC, empty when not yet
//   tags, notes                                     tags joined by "," (as `runs update --tags` takes them)
//
// Curves, long format, one row per run, metric and step:
//   run_id, run (the run's label), metric, step, epoch, wall_time (Unix seconds), value
//
// Numbers stay numbers a spreadsheet can sum: integers as integers, other values in the shortest
// form that reads back to the same double ("3e-05", "0.89"), never rounded.
#include "core/store/store_records.h"
#include "core/train/run_summary.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bw::train {

const std::vector<std::string>& runsCsvHeader();
std::vector<std::string> runsCsvRow(const RunSummary& summary);  // in runsCsvHeader()'s order

const std::vector<std::string>& curvesCsvHeader();
std::vector<std::string> curvesCsvRow(int64_t run_id, const std::string& run_label, const store::MetricPoint& point);

// A JSON value as a cell by the rule above: null empty, a string as it is, a float in its shortest
// round-trip form, other values (integers, booleans, lists) as JSON. The HParams table uses it too.
std::string jsonCsvCell(const nlohmann::json& value);

}  // namespace bw::train
