#pragma once
// The experiment store: one SQLite file that keeps imported datasets, every training run with its
// configuration, metrics, evaluations, checkpoints and artifacts.
//
//   auto store = ExperimentStore::open("experiments.sqlite");
//   DatasetRecord spec; spec.name = "sst2"; spec.task_kind = "sequence";
//   const int64_t ds = store.createDataset(spec).id;
//   store.appendRows(ds, "train", examples);
//   RunRecord run; run.name = "baseline"; run.dataset_id = ds;
//   const int64_t id = store.createRun(run).id;
//   store.markRunning(id);
//   MetricWriter metrics(store, id);      // batched writes, see metric_writer.h
//   ...
//   store.finishRun(id, RunStatus::Completed);
//
// Durability: WAL journal, foreign keys on, every operation in a transaction, so a process killed
// at any point leaves the file consistent. Readers (the GUI polling metrics) never block the
// writer (the training process) and see each batch once it is committed.
//
// Crash recovery: open() marks 'interrupted' every 'running' run of this host whose process no
// longer exists, and 'failed' every 'queued' one (its process died before starting it).
//
// Threads: an ExperimentStore is one SQLite connection. Use it from one thread at a time; give
// each thread (GUI, training worker) its own ExperimentStore on the same file.
//
// Errors: bw::Error "<file>: <what is wrong>": unknown ids, duplicate names, a file that is not a
// store or is damaged (left untouched), a schema newer than this code, "the store is locked by
// another process" when a write waited longer than the busy timeout.
#include "core/data/example.h"
#include "core/data/label_renaming.h"
#include "core/store/dataset_row_query.h"
#include "core/store/sqlite_database.h"
#include "core/store/store_records.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace bw::store {

struct StoreOptions {
    // How long a write waits for another process's write to finish before reporting the store locked.
    std::chrono::milliseconds busy_timeout{5000};
    // Mark runs of dead processes 'interrupted' on open (the reason it exists; off only in tools
    // that inspect a store read-only).
    bool recover_interrupted_runs = true;
    // Read every page before use (PRAGMA quick_check) and refuse a damaged file at once, not at the
    // first query that meets the damage. It reads the whole file: for a workspace the user opens,
    // not for every CLI command.
    bool verify_integrity = false;
    // Create the file when it does not exist. Off for everything that only reads or changes what is
    // there (listing, showing, evaluating, exporting, resuming): a typo must not leave an empty store.
    bool create_if_missing = true;

    static StoreOptions existingOnly() {
        StoreOptions options;
        options.create_if_missing = false;
        return options;
    }
};

class ExperimentStore {
public:
    // Opens the store, creating the file when missing (unless options say not to), and migrates an older schema in one
    // transaction. Refuses (bw::Error, file untouched): a file that is not a SQLite database,
    // another application's database, a damaged file, a schema newer than this code.
    static ExperimentStore open(const std::filesystem::path& path, const StoreOptions& options = {});

    ExperimentStore(ExperimentStore&&) noexcept;
    ExperimentStore& operator=(ExperimentStore&&) noexcept;
    ~ExperimentStore();

    const std::filesystem::path& path() const;
    int schemaVersion() const;  // of the file (== kStoreSchemaVersion once open)
    // Runs open() found abandoned by a dead process (ids): interrupted, or failed when never started;
    // for the GUI to tell the user.
    const std::vector<int64_t>& recoveredRuns() const { return recovered_runs_; }

    // Groups several operations into one transaction (each operation alone already is one):
    //   auto tx = store.transaction(); store.appendRows(...); store.setLabelSet(...); tx.commit();
    // Destroyed without commit(), everything done inside is rolled back.
    Transaction transaction();

    // ---- datasets --------------------------------------------------------------------------
    // A split's rows belong to its published sources (the files they came from); an import stages
    // its rows out of sight first (see "staged imports" below).
    // Creates a dataset from spec's name, task_kind, format, columns and label_set; returns it as
    // stored (id, created_at). Throws when the name is taken or the task kind unknown.
    DatasetRecord createDataset(const DatasetRecord& spec);
    std::optional<DatasetRecord> findDataset(const std::string& name);
    std::optional<DatasetRecord> getDataset(int64_t id);
    std::vector<DatasetRecord> listDatasets();  // by name, with row counts per split
    void setLabelSet(int64_t dataset, const std::vector<std::string>& labels);
    // Gives a sequence dataset's labels new names (see data::LabelRenaming) in one transaction: its
    // label set (same order, so the same ids), every row, and the renaming kept with its columns for
    // the splits imported later. Returns the dataset as stored. Refused: a label the dataset does not
    // have, names that make two labels one, a token or corpus dataset, an import adding to it.
    DatasetRecord renameLabels(int64_t dataset, const data::LabelRenaming& renaming);
    // Its rows and sources go too; runs keep, dataset unset. The dataset disappears at once, its rows
    // are removed a chunk per transaction (a big dataset does not hold the store).
    void deleteDataset(int64_t dataset);
    // Removes one split's rows and sources (as deleteDataset, a chunk at a time); the dataset and its
    // other splits stay. Returns the rows removed. The label set stays too: it is the training
    // labels, which runs were trained on.
    int64_t deleteSplit(int64_t dataset, const std::string& split);
    std::vector<DatasetSource> sources(int64_t dataset);  // the published ones, oldest first

    // Appends the examples after the split's existing rows, all in one transaction, visible at once
    // (to the split's newest source; one without a file when it has none).
    void appendRows(int64_t dataset, const std::string& split, const std::vector<data::Example>& rows);
    // Streams the split's rows in order without loading them all; throw from the callback to stop.
    void forEachRow(int64_t dataset, const std::string& split,
                    const std::function<void(const data::Example&)>& callback);
    std::vector<data::Example> loadRows(int64_t dataset, const std::string& split);
    // The distinct labels and tags the rows of every split hold (a label-less row's "" left out),
    // sorted by bytes. The label set says the same of a dataset with a train split; this is for one
    // without (imported as validation or test only), which has no label set.
    std::vector<std::string> labelsInRows(int64_t dataset);
    int64_t rowCount(int64_t dataset, const std::string& split);
    // Up to `limit` rows of the split that match the filter, after `after` (a page's `next`), in
    // `order`; one read snapshot per page.
    DatasetRowPage findRows(int64_t dataset, const std::string& split, const DatasetRowFilter& filter,
                            const DatasetRowCursor& after, int limit, DatasetRowOrder order = DatasetRowOrder::Split);
    // How many rows of the split match (a scan of the split, unless the filter matches everything).
    int64_t countRows(int64_t dataset, const std::string& split, const DatasetRowFilter& filter);

    // ---- staged imports (importDataset in dataset_import.h is their user) ------------------
    // An import writes a file's rows out of sight, a chunk per transaction, and publishes them with
    // one short write: until then readers see the split as it was, and another process's writes
    // (a training run's metrics) wait for one chunk at most, never for the whole file.
    //   const int64_t ds = store.stageDataset(spec).id;   // a new dataset, hidden; or an existing id
    //   auto staged = store.stageSources(ds, {source});    // source: split, path, hash, format
    //   store.appendStagedRows(staged[0].id, chunk);      // as often as needed
    //   store.publishSources({staged[0].id}, labels, replace);
    // One import per dataset at a time: staging refuses a dataset another live import stages into.
    // A failed import calls abandonSources; what a dead process left is removed by the next import's
    // purgeAbandonedImports.
    DatasetRecord stageDataset(const DatasetRecord& spec);  // as createDataset, hidden until published
    std::vector<DatasetSource> stageSources(int64_t dataset, const std::vector<DatasetSource>& sources);
    void appendStagedRows(int64_t source, const std::vector<data::Example>& rows);
    void setStagedSkippedRows(int64_t source, int64_t count);  // DatasetSource::skipped_rows
    // In one transaction: the sources become their splits' rows, the splits' earlier sources are
    // retired (refused unless `replace` when they hold rows), so are the datasets' `retire_splits`
    // (rows moved elsewhere), the label set is set when given and the dataset becomes visible. Then
    // the retired rows are removed, a chunk at a time.
    void publishSources(const std::vector<int64_t>& sources, const std::optional<std::vector<std::string>>& label_set,
                        bool replace, const std::vector<std::string>& retire_splits = {});
    void abandonSources(const std::vector<int64_t>& sources);  // retires and removes them (and a dataset
                                                               // staged for them alone)
    // Retires the staging sources of import processes of this host that no longer run (or of this
    // process, abandoned), then removes retired rows, sources and hidden datasets left without any.
    void purgeAbandonedImports();

    // ---- runs ------------------------------------------------------------------------------
    // Creates a run from spec (name, task, base_model, config, seed, versions, data_hashes, notes,
    // tags, output_dir, dataset_id) with status queued, created_at now, and this process's pid/host.
    RunRecord createRun(const RunRecord& spec);
    std::optional<RunRecord> getRun(int64_t id);
    std::vector<RunRecord> listRuns(const RunFilter& filter = {});  // newest first
    std::vector<std::string> runNames();  // every run's, in id order (a name may repeat)
    // ---- noticing another process's changes (experiment_store_changes.cpp) ------------------
    // A number that changes whenever another connection, of this process or another, commits to
    // the file (PRAGMA data_version): the cheap first test of a window polling for changes.
    int64_t dataVersion();
    // A digest of what the window lists: the visible datasets with their published splits, the runs
    // (name, status, notes, tags, dataset), how many analyses there are and how many checkpoints
    // finished runs keep. Equal digests: no list needs reading again. A running run's metric points,
    // evaluations and checkpoints leave it as it was: the Runs page polls that run on its own, and a
    // digest that changed with every batch would make every page reread the store while it trains.
    uint64_t listingsDigest();
    void updateRun(int64_t id, const RunUpdate& update);
    // Sets the status; 'running' sets started_at when unset and opens a session, a finished status
    // sets finished_at and closes it, 'queued' forgets both.
    void setRunStatus(int64_t id, RunStatus status, const std::string& error_message = {});
    // This process starts (or resumes) the run: status running, pid/host of this process,
    // started_at now, error cleared. Refused while another live process of this host runs it.
    void markRunning(int64_t id);
    // Ends the run with a finished status (completed, failed, stopped, interrupted).
    void finishRun(int64_t id, RunStatus status, const std::string& error_message = {});
    // The stretches of time processes trained the run, oldest first (trainedSecondsUntil adds them
    // up). markRunning opens one; finishing the run, or finding its process dead, closes it.
    std::vector<RunSession> runSessions(int64_t run);
    // runSessions of every run in one query, by run id (runs that never trained are absent): listing
    // thousands of runs must not cost a query each.
    std::map<int64_t, std::vector<RunSession>> allRunSessions();
    // Deletes the run and its metrics, evaluations, checkpoints and artifacts (rows only: files on
    // disk stay). Refused while a live process of this host runs it.
    void deleteRun(int64_t id);

    // ---- metrics ---------------------------------------------------------------------------
    // Writes the points in one transaction. Training code uses MetricWriter, which batches.
    void addMetrics(const std::vector<MetricPoint>& points);
    // Drops the points logged after `step` (and evaluations after it): a resumed run replays those
    // steps from its checkpoint, and its curve must not hold them twice.
    void truncateRunHistory(int64_t run, int64_t step);
    // Points of a run in step order; only `name` when given; only steps > after_step when given
    // (live polling: pass the last step already shown).
    std::vector<MetricPoint> metrics(int64_t run, const std::optional<std::string>& name = std::nullopt,
                                     std::optional<int64_t> after_step = std::nullopt);
    std::vector<std::string> metricNames(int64_t run);  // sorted

    // ---- evaluations, checkpoints, artifacts -----------------------------------------------
    EvaluationRecord addEvaluation(const EvaluationRecord& evaluation);
    std::vector<EvaluationRecord> evaluations(int64_t run);  // by step
    // For each run given (id -> metric name), the values its evaluations hold for that metric, by
    // step; an evaluation where it is missing or not a number is left out. One query for all runs,
    // the metric read out of the JSON by SQLite: listing thousands of runs parses no evaluation.
    std::map<int64_t, std::vector<EvaluationValue>> evaluationValues(const std::map<int64_t, std::string>& metric_of_run);
    // Many runs' evaluations without reading them whole (experiment_store_evaluation_batches.cpp),
    // one query each: every evaluation of the runs by run, then step, with its metrics, confusion
    // and per-class table left empty; every metric name they hold; the metrics of the evaluations given.
    std::map<int64_t, std::vector<EvaluationRecord>> evaluationSteps(const std::vector<int64_t>& runs);
    std::set<std::string> evaluationMetricNames(const std::vector<int64_t>& runs);
    std::map<int64_t, nlohmann::json> evaluationMetrics(const std::vector<int64_t>& evaluations);

    // A checkpoint added with is_best takes the mark from the run's previous best.
    CheckpointRecord addCheckpoint(const CheckpointRecord& checkpoint);
    std::vector<CheckpointRecord> checkpoints(int64_t run);  // by step
    void removeCheckpoint(int64_t checkpoint_id);            // the row; the files stay
    std::optional<CheckpointRecord> bestCheckpoint(int64_t run);
    // bestCheckpoint of every run in one query, by run id (runs without one are absent).
    std::map<int64_t, CheckpointRecord> bestCheckpoints();
    std::optional<CheckpointRecord> latestCheckpoint(int64_t run);  // where a resume starts
    // Every run's checkpoints in one query, by run and step (the model picker lists them all).
    std::vector<CheckpointRecord> allCheckpoints();
    // The newest checkpoint kept at exactly this path (as stored: absolute since training stores
    // absolute paths), if any.
    std::optional<CheckpointRecord> checkpointAtPath(const std::string& path);

    ArtifactRecord addArtifact(int64_t run, const std::string& kind, const std::string& path);
    std::vector<ArtifactRecord> artifacts(int64_t run);

    // ---- error analyses (experiment_store_analyses.cpp) --------------------------------------
    // Stores an analysis and its rows in one transaction; returns it with its id, row count and
    // time. The labels must cover every class id and tag id the rows hold.
    AnalysisRecord addAnalysis(const AnalysisRecord& analysis, const std::vector<AnalysisRow>& rows);
    std::vector<AnalysisRecord> analyses(int64_t run);  // oldest first
    std::optional<AnalysisRecord> getAnalysis(int64_t id);
    std::vector<AnalysisRow> analysisRows(int64_t analysis);  // by row_index
    void deleteAnalysis(int64_t id);
    // The runs that kept a checkpoint or an analysis, in one query: listing thousands of runs must
    // not cost a query each (the Errors page offers these).
    std::set<int64_t> runsWithCheckpointsOrAnalyses();

private:
    explicit ExperimentStore(Database db);

    [[noreturn]] void fail(const std::string& what) const;
    void requireRun(int64_t id);
    void requireDataset(int64_t id);
    void requireSplit(const std::string& split) const;
    void recoverInterruptedRuns();
    void openSession(int64_t run);
    void closeSession(int64_t run, std::optional<double> at);  // unset: the run's last metric in it
    std::map<std::string, int64_t> rowCounts(int64_t dataset);
    void requireFreeName(const std::string& dataset_name);  // also of a hidden dataset
    // createDataset (visible) and stageDataset (hidden until a publish).
    DatasetRecord insertDataset(const DatasetRecord& spec, bool visible);
    // Marks the split's published sources retired (deleteSplit, and a publish that replaces them).
    void retireSplit(int64_t dataset, const std::string& split);
    // Inserts rows into a source after its row_count rows and counts them in row_count.
    void insertRows(int64_t source, const std::string& split, const std::vector<data::Example>& rows);
    // Hashes the rows of the dataset's published sources again (their labels were renamed).
    void rehashRows(int64_t dataset);
    // The rows one source holds, in file order (forEachRow's and rehashRows' one reader of rows).
    void forEachSourceRow(int64_t source, const std::string& split, const std::function<void(const data::Example&)>& callback);
    // Removes the rows of retired sources a chunk per transaction, then the sources, then the
    // hidden datasets left without a source.
    void removeRetiredRows();
    void restartLog();  // after a bulk chunk: see experiment_store_imports.cpp

    std::unique_ptr<Database> db_;
    std::vector<int64_t> recovered_runs_;
};

}  // namespace bw::store
