#pragma once
// The store's rows read into records. A SELECT names the record's columns (k...Columns, in any order
// and with more besides); each reader reads them by name, so a field never depends on where its
// column sits in the SELECT, and a stored value that does not parse reads as a damaged file.
#include "core/data/example.h"
#include "core/store/sqlite_database.h"
#include "core/store/store_records.h"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bw::store {

inline constexpr const char* kDatasetColumns = "id, name, task_kind, format, columns, label_set, created_at";
inline constexpr const char* kSourceColumns = "id, dataset, split, path, content_hash, format, row_count, skipped_rows, rows_hash, imported_at";
inline constexpr const char* kRunColumns =
    "id, name, task, base_model, config, seed, status, created_at, started_at, finished_at, versions, "
    "data_hashes, notes, tags, pid, host, output_dir, error_message, dataset";
inline constexpr const char* kSessionColumns = "started_at, ended_at";
inline constexpr const char* kMetricColumns = "run, step, epoch, name, value, wall_time";
inline constexpr const char* kEvaluationColumns = "id, run, step, epoch, split, metrics, confusion, per_class, created_at";
inline constexpr const char* kCheckpointColumns = "id, run, step, path, metric_value, is_best, created_at";
inline constexpr const char* kArtifactColumns = "id, run, kind, path, created_at";
inline constexpr const char* kAnalysisColumns =
    "id, run, step, checkpoint, dataset, split, task, problem_type, labels, metrics, details, row_count, created_at";
inline constexpr const char* kAnalysisRowColumns =
    "row_index, source_line, text, text_pair, words, gold, predicted, loss, confidence, scores, targets, gold_ids, "
    "predicted_ids";
inline constexpr const char* kExampleColumns = "text, text_pair, label, words, tags, document, source_line, row_index";

// "SELECT <columns> <rest>".
std::string selectColumns(const char* columns, const std::string& rest);

// The current row of a statement, its columns read by name; made once per query, it reads each row
// the statement steps to. `file` names the store in errors.
class StoreRow {
public:
    StoreRow(const Statement& statement, std::string file) : q_(statement), file_(std::move(file)) {}

    const std::string& file() const { return file_; }

    bool isNull(std::string_view column) const;
    int64_t int64(std::string_view column) const;
    double real(std::string_view column) const;  // NULL reads as NaN
    std::string text(std::string_view column) const;
    std::optional<int64_t> optionalInt64(std::string_view column) const;
    std::optional<double> optionalReal(std::string_view column) const;
    std::optional<std::string> optionalText(std::string_view column) const;
    // JSON text; `what` names it when it does not parse.
    nlohmann::json json(std::string_view column, const std::string& what) const;
    std::vector<std::string> stringList(std::string_view column, const std::string& what) const;

private:
    int index(std::string_view column) const;  // throws when the SELECT lacks the column (a bug here)

    const Statement& q_;
    std::string file_;
    // Column positions found so far: a statement's columns do not move between its rows, and
    // listing 10,000 runs would otherwise search 19 column names 19 times a row.
    mutable std::map<std::string, int, std::less<>> indexes_;
};

// Every row the statement steps to, read by `read` (readRun, ...); the first one only, or none.
template <typename Record>
std::vector<Record> readRows(Statement& statement, std::string file, Record (*read)(const StoreRow&)) {
    const StoreRow row(statement, std::move(file));
    std::vector<Record> records;
    while (statement.step()) records.push_back(read(row));
    return records;
}
template <typename Record>
std::optional<Record> readFirstRow(Statement& statement, std::string file, Record (*read)(const StoreRow&)) {
    if (!statement.step()) return std::nullopt;
    return read(StoreRow(statement, std::move(file)));
}

AnalysisRecord readAnalysis(const StoreRow& row);
AnalysisRow readAnalysisRow(const StoreRow& row);
DatasetRecord readDataset(const StoreRow& row);  // row_counts left empty: they come from dataset_rows
DatasetSource readSource(const StoreRow& row);
RunRecord readRun(const StoreRow& row);
RunSession readSession(const StoreRow& row);
MetricPoint readMetric(const StoreRow& row);
EvaluationRecord readEvaluation(const StoreRow& row);
// Its id, run, step, epoch, split and time alone: its metrics, confusion matrix and per-class
// table left empty (ExperimentStore::evaluationSteps).
EvaluationRecord readEvaluationStep(const StoreRow& row);
CheckpointRecord readCheckpoint(const StoreRow& row);
ArtifactRecord readArtifact(const StoreRow& row);
data::Example readExample(const StoreRow& row, const std::string& split);  // `split` names it in errors

}  // namespace bw::store
