#include "core/store/store_records.h"

#include <algorithm>
#include <array>

namespace bw::store {

using nlohmann::json;

namespace {

constexpr std::array<std::string_view, 6> kStatusNames = {"queued",  "running", "completed",
                                                          "failed",  "stopped", "interrupted"};

json optionalJson(const std::optional<int64_t>& v) { return v ? json(*v) : json(); }
json optionalJson(const std::optional<double>& v) { return v ? json(*v) : json(); }

}  // namespace

bool isTaskKind(std::string_view kind) { return kind == "sequence" || kind == "token" || kind == "corpus"; }
bool isSplit(std::string_view split) { return split == "train" || split == "validation" || split == "test"; }

std::string_view runStatusName(RunStatus status) { return kStatusNames.at(static_cast<size_t>(status)); }

std::optional<RunStatus> parseRunStatus(std::string_view name) {
    for (size_t i = 0; i < kStatusNames.size(); ++i)
        if (kStatusNames[i] == name) return static_cast<RunStatus>(i);
    return std::nullopt;
}

bool isFinished(RunStatus status) { return status != RunStatus::Queued && status != RunStatus::Running; }

json DatasetRecord::toJson() const {
    return {{"id", id},           {"name", name},           {"task_kind", task_kind},
            {"format", format},   {"columns", columns},     {"label_set", label_set},
            {"created_at", created_at}, {"row_counts", row_counts}};
}

json DatasetSource::toJson() const {
    return {{"id", id},         {"dataset_id", dataset_id}, {"split", split},
            {"path", path},     {"content_hash", content_hash}, {"format", format},
            {"row_count", row_count}, {"skipped_rows", skipped_rows}, {"rows_hash", rows_hash},
            {"imported_at", imported_at}};
}

json RunRecord::toJson() const {
    return {{"id", id},
            {"name", name},
            {"task", task},
            {"base_model", base_model},
            {"config", config},
            {"seed", seed},
            {"status", std::string(runStatusName(status))},
            {"created_at", created_at},
            {"started_at", started_at},
            {"finished_at", finished_at},
            {"versions", versions},
            {"data_hashes", data_hashes},
            {"notes", notes},
            {"tags", tags},
            {"pid", pid},
            {"host", host},
            {"output_dir", output_dir},
            {"error_message", error_message},
            {"dataset_id", optionalJson(dataset_id)}};
}

json RunSession::toJson() const { return {{"started_at", started_at}, {"ended_at", optionalJson(ended_at)}}; }

double trainedSecondsUntil(const std::vector<RunSession>& sessions, double until) {
    double total = 0;
    for (const RunSession& s : sessions) {
        const double end = std::min(s.ended_at.value_or(until), until);
        if (end > s.started_at) total += end - s.started_at;
    }
    return total;
}

json MetricPoint::toJson() const {
    return {{"run_id", run_id}, {"step", step},   {"epoch", epoch},
            {"name", name},     {"value", value}, {"wall_time", wall_time}};
}

json EvaluationRecord::toJson() const {
    return {{"id", id},           {"run_id", run_id},       {"step", step},
            {"epoch", epoch},     {"split", split},         {"metrics", metrics},
            {"confusion", confusion}, {"per_class", per_class}, {"created_at", created_at}};
}

json AnalysisRecord::toJson() const {
    return {{"id", id},
            {"run_id", run_id},
            {"step", step},
            {"checkpoint", checkpoint},
            {"dataset_id", optionalJson(dataset_id)},
            {"split", split},
            {"task", task},
            {"problem_type", problem_type},
            {"labels", labels},
            {"metrics", metrics},
            {"details", details},
            {"rows", row_count},
            {"created_at", created_at}};
}

bool AnalysisRow::isWrong() const {
    if (gold && predicted) return *gold != *predicted;
    return gold_ids != predicted_ids;
}

json AnalysisRow::toJson() const {
    json out = {{"row", row_index},
                {"line", source_line ? json(source_line) : json()},
                {"text", text},
                {"loss", loss},
                {"confidence", confidence}};
    if (text_pair) out["text_pair"] = *text_pair;
    if (!words.empty()) out["words"] = words;
    if (gold) out["gold"] = *gold;
    if (predicted) out["predicted"] = *predicted;
    if (!scores.empty()) out["scores"] = scores;
    if (!targets.empty()) out["targets"] = targets;
    if (!gold_ids.empty()) out["gold_ids"] = gold_ids;
    if (!predicted_ids.empty()) out["predicted_ids"] = predicted_ids;
    out["wrong"] = isWrong();
    return out;
}

json CheckpointRecord::toJson() const {
    return {{"id", id},     {"run_id", run_id},   {"step", step},
            {"path", path}, {"metric_value", optionalJson(metric_value)},
            {"is_best", is_best}, {"created_at", created_at}};
}

json ArtifactRecord::toJson() const {
    return {{"id", id}, {"run_id", run_id}, {"kind", kind}, {"path", path}, {"created_at", created_at}};
}

}  // namespace bw::store
