#pragma once
// The plain records the experiment store reads and writes. Times are ISO 8601 UTC strings with
// milliseconds ("2025-01-31T12:00:00.123Z", empty = not set); a metric's wall_time is Unix
// seconds, as TensorBoard has it. Ids are SQLite row ids. Each record has toJson() for the
// CLI's JSON output and for export.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace bw::store {

// ---- datasets ------------------------------------------------------------------------------

// Task kinds: "sequence" (classification, pairs), "token" (tagging), "corpus" (pretraining text).
// Splits: "train", "validation", "test".
bool isTaskKind(std::string_view kind);
bool isSplit(std::string_view split);

struct DatasetRecord {
    int64_t id = 0;
    std::string name;                     // unique in the store
    std::string task_kind;                // sequence | token | corpus
    std::string format;                   // csv, tsv, jsonl, conll, text, ...
    nlohmann::json columns = nlohmann::json::object();  // the column mapping the import used
    std::vector<std::string> label_set;   // in label-id order
    std::string created_at;
    std::map<std::string, int64_t> row_counts;  // split -> rows (read back; ignored on create)

    nlohmann::json toJson() const;
};

// One imported file: where a split came from, and the hash of its bytes when imported.
struct DatasetSource {
    int64_t id = 0;
    int64_t dataset_id = 0;
    std::string split;
    std::string path;
    std::string content_hash;
    std::string format;
    int64_t row_count = 0;
    int64_t skipped_rows = 0;  // malformed rows of the file the import skipped (asked to)
    std::string rows_hash;     // of the rows it holds (data::continueRowsHash); "" for an older source
    std::string imported_at;   // set by the store when empty

    // What a run records as the split's data hash: its rows', else (an older source) its file's.
    const std::string& dataHash() const { return rows_hash.empty() ? content_hash : rows_hash; }

    nlohmann::json toJson() const;
};

// ---- runs ----------------------------------------------------------------------------------

enum class RunStatus { Queued, Running, Completed, Failed, Stopped, Interrupted };

std::string_view runStatusName(RunStatus status);                 // "queued", "running", ...
std::optional<RunStatus> parseRunStatus(std::string_view name);
bool isFinished(RunStatus status);  // completed, failed, stopped, interrupted

struct RunRecord {
    int64_t id = 0;
    std::string name;
    std::string task;                     // pretraining, sequence-classification, ...
    std::string base_model;               // path or name of the starting model ("" = from scratch)
    nlohmann::json config = nlohmann::json::object();  // the training arguments
    int64_t seed = 0;
    RunStatus status = RunStatus::Queued;
    std::string created_at, started_at, finished_at;
    nlohmann::json versions = nlohmann::json::object();     // bertwork, libtorch, ... versions
    nlohmann::json data_hashes = nlohmann::json::object();  // split -> content hash
    std::string notes;
    std::vector<std::string> tags;
    int64_t pid = 0;                      // the process that created / runs it
    std::string host;
    std::string output_dir;
    std::string error_message;
    std::optional<int64_t> dataset_id;

    nlohmann::json toJson() const;
};

// A stretch of time one process trained a run (started, or resumed after a stop or a crash).
struct RunSession {
    double started_at = 0;            // Unix seconds
    std::optional<double> ended_at;   // unset while a process trains it

    nlohmann::json toJson() const;
};

// How long the sessions trained up to `until` (Unix seconds): an open session counts up to it.
// Stopped time is left out, so this is the run's duration, and the x of a point logged at `until`
// on a time axis that skips the pauses.
double trainedSecondsUntil(const std::vector<RunSession>& sessions, double until);

// What updateRun changes; fields left empty keep their value.
struct RunUpdate {
    std::optional<std::string> name;
    std::optional<std::string> notes;
    std::optional<std::vector<std::string>> tags;
};

// listRuns filter; empty fields match everything.
struct RunFilter {
    std::optional<RunStatus> status;
    std::optional<int64_t> dataset_id;
    std::optional<std::string> task;
};

// ---- metrics, evaluations, checkpoints, artifacts ------------------------------------------

struct MetricPoint {
    int64_t run_id = 0;
    int64_t step = 0;
    double epoch = 0.0;
    std::string name;      // "train/loss", "learning_rate", "eval/accuracy", ...
    double value = 0.0;    // NaN is kept (a diverged loss is worth seeing)
    double wall_time = 0;  // Unix seconds

    nlohmann::json toJson() const;
};

struct EvaluationRecord {
    int64_t id = 0;
    int64_t run_id = 0;
    int64_t step = 0;
    double epoch = 0.0;
    std::string split;
    nlohmann::json metrics = nlohmann::json::object();    // {"accuracy": 0.91, "f1": ...}
    nlohmann::json confusion = nlohmann::json();          // matrix (null when not computed)
    nlohmann::json per_class = nlohmann::json();          // {"POS": {"precision": ...}, ...}
    std::string created_at;

    nlohmann::json toJson() const;
};

// One metric of one evaluation, read out of its JSON (ExperimentStore::evaluationValues).
struct EvaluationValue {
    int64_t step = 0;
    double value = 0.0;
};

struct CheckpointRecord {
    int64_t id = 0;
    int64_t run_id = 0;
    int64_t step = 0;
    std::string path;
    std::optional<double> metric_value;  // metric_for_best_model at this step
    bool is_best = false;
    std::string created_at;

    nlohmann::json toJson() const;
};

struct ArtifactRecord {
    int64_t id = 0;
    int64_t run_id = 0;
    std::string kind;  // exported-model, predictions, plot, ...
    std::string path;
    std::string created_at;

    nlohmann::json toJson() const;
};

// ---- error analysis ---------------------------------------------------------------------
// A checkpoint's predictions on every row of a split, kept with the metrics of that pass
// (ExperimentStore::addAnalysis). Apart from the training evaluations: an analysis of the test
// split never becomes a point of a run's validation curve or its final result.
struct AnalysisRecord {
    int64_t id = 0;
    int64_t run_id = 0;
    int64_t step = 0;                // the checkpoint's
    std::string checkpoint;          // its directory
    std::optional<int64_t> dataset_id;  // empty when the dataset was deleted since
    std::string split;
    std::string task;                // sequence-classification | token-classification
    std::string problem_type;        // "" (single-label) | multi_label_classification | regression
    std::vector<std::string> labels; // label (or tag) names in id order
    nlohmann::json metrics = nlohmann::json::object();  // {"loss", "accuracy", ...}
    nlohmann::json details = nlohmann::json::object();  // confusion matrix, per class or entity type
    int64_t row_count = 0;
    std::string created_at;

    nlohmann::json toJson() const;
};

// One row of a split as the model saw it and what it made of it. The row's text is kept with the
// prediction, so replacing or deleting the split later never changes an analysis.
struct AnalysisRow {
    int64_t row_index = 0;                 // position in the split (0, 1, ...)
    uint64_t source_line = 0;              // line of the dataset file it starts on (0: analysed before schema 6)
    std::string text;
    std::optional<std::string> text_pair;
    std::vector<std::string> words;        // token tasks
    std::optional<int32_t> gold, predicted;  // class ids (single-label); empty otherwise
    double loss = 0;                       // this row's loss (token tasks: mean over its words)
    double confidence = 0;                 // probability of the predicted class (token tasks: mean over words)
    std::vector<float> scores;             // probability of each class | of each label (multi-label) | regression values
    std::vector<float> targets;            // regression: the true values
    // Token tasks: the tag id of each word the model saw (a truncated row has fewer than its words);
    // multi-label: the ids of the labels that apply (predicted: probability above 0.5).
    std::vector<int32_t> gold_ids, predicted_ids;

    bool isWrong() const;  // the class, a tag or a label set differs; a regression row never is
    nlohmann::json toJson() const;
};

}  // namespace bw::store
