#include "core/train/runs_csv.h"

#include <charconv>
#include <optional>

namespace bw::train {
namespace {

using nlohmann::json;

// The TrainingArguments a reader compares runs by, under their Hugging Face names.
const char* const kHyperparameters[] = {"learning_rate", "per_device_train_batch_size", "num_train_epochs", "max_steps",
                                        "seed"};

// The shortest text that reads back to `value` (to_chars' round-trip guarantee).
std::string number(double value) {
    char text[64];
    const auto end = std::to_chars(text, text + sizeof text, value).ptr;
    return std::string(text, end);
}

// Seconds to the millisecond: durations and wall times, where more digits are noise.
std::string seconds(double value) {
    char text[64];
    const auto end = std::to_chars(text, text + sizeof text, value, std::chars_format::fixed, 3).ptr;
    return std::string(text, end);
}

template <typename T>
std::string optionalCell(const std::optional<T>& value) {
    if (!value) return {};
    if constexpr (std::is_integral_v<T>) return std::to_string(*value);
    else return number(*value);
}

std::string joined(const std::vector<std::string>& items, const char* separator) {
    std::string text;
    for (const std::string& item : items) text += (text.empty() ? "" : separator) + item;
    return text;
}

}  // namespace

const std::vector<std::string>& runsCsvHeader() {
    static const std::vector<std::string> header = [] {
        std::vector<std::string> h = {"id",          "name",       "status",    "task",     "base_model",
                                      "dataset",     "best_metric", "best_value", "best_step", "trained_seconds"};
        h.insert(h.end(), std::begin(kHyperparameters), std::end(kHyperparameters));
        h.insert(h.end(), {"created_at", "started_at", "finished_at", "tags", "notes"});
        return h;
    }();
    return header;
}

std::vector<std::string> runsCsvRow(const RunSummary& summary) {
    const store::RunRecord& run = summary.run;
    std::vector<std::string> row = {std::to_string(run.id),
                                    run.name,
                                    std::string(store::runStatusName(run.status)),
                                    run.task,
                                    run.base_model,
                                    summary.dataset,
                                    summary.best.metric,
                                    optionalCell(summary.best.value),
                                    optionalCell(summary.best.step),
                                    summary.trained_seconds ? seconds(*summary.trained_seconds) : std::string()};
    const json& args = run.config.is_object() ? run.config.value("training_args", json::object()) : json::object();
    for (const char* name : kHyperparameters)
        row.push_back(args.is_object() && args.contains(name) ? jsonCsvCell(args[name]) : std::string());
    row.insert(row.end(), {run.created_at, run.started_at, run.finished_at, joined(run.tags, ","), run.notes});
    return row;
}

std::string jsonCsvCell(const json& value) {
    if (value.is_null()) return {};
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number_float()) return number(value.get<double>());
    return value.dump();  // integers, booleans; lists and objects as JSON
}

const std::vector<std::string>& curvesCsvHeader() {
    static const std::vector<std::string> header = {"run_id", "run", "metric", "step", "epoch", "wall_time", "value"};
    return header;
}

std::vector<std::string> curvesCsvRow(int64_t run_id, const std::string& run_label, const store::MetricPoint& point) {
    return {std::to_string(run_id),     run_label,          point.name, std::to_string(point.step),
            number(point.epoch),        seconds(point.wall_time), number(point.value)};
}

}  // namespace bw::train
