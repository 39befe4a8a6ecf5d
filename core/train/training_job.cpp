#include "core/train/training_job.h"

#include "core/io/checkpoint_files.h"
#include "core/io/export_target.h"
#include "core/io/model_directory.h"
#include "core/model/gemm_choice.h"
#include "core/runtime/atomic_file.h"
#include "core/runtime/error.h"
#include "core/runtime/torch_device.h"
#include "core/runtime/version.h"
#include "core/store/metric_writer.h"
#include "core/store/store_files.h"
#include "core/train/distributed/job_start.h"
#include "core/train/distributed/launch_environment.h"
#include "core/train/distributed/rank_lost_error.h"
#include "core/train/mixed_precision.h"
#include "core/train/model_card.h"
#include "core/train/resolved_path.h"
#include "core/train/run_results.h"
#include "core/train/split_evaluation.h"
#include "core/train/task_data.h"
#include "core/train/trainer.h"
#include "core/train/training_rows.h"

#include <torch/version.h>

#include <algorithm>
#include <chrono>
#include <cctype>
#include <fstream>
#include <iterator>
#include <map>

namespace bw::train {
namespace fs = std::filesystem;
using model::BertTask;

model::ProblemType TrainingRequest::problemType() const {
    if (problem_type.empty()) return model::ProblemType::SingleLabel;
    return model::problemTypeFromName(problem_type);
}

nlohmann::json TrainingResult::toJson() const {
    return {{"run_id", run_id},           {"status", status},       {"best_checkpoint", best_checkpoint},
            {"last_checkpoint", last_checkpoint}, {"metrics", metrics}, {"global_step", global_step},
            {"train_seconds", seconds}};
}

nlohmann::json TrainingEstimate::toJson() const {
    return {{"data", data_description},         {"train_examples", train_examples},
            {"validation_examples", validation_examples}, {"label_names", label_names},
            {"parameters", parameters},         {"steps_per_epoch", steps_per_epoch},
            {"total_steps", total_steps},       {"seconds_per_step", seconds_per_step},
            {"seconds_per_epoch", seconds_per_epoch}, {"total_seconds", total_seconds},
            {"sequences_per_second", sequences_per_second}, {"evaluations", evaluations},
            {"saves", saves},                   {"seconds_per_evaluation", seconds_per_evaluation},
            {"seconds_per_save", seconds_per_save}, {"setup_seconds", setup_seconds},
            {"data_notes", data_notes.toJson()}};
}

namespace {

// What the data's size notes are computed from: fine-tuning tasks only; classes for single-label classification.
DataSizeFacts dataSizeFacts(const TaskData& data) {
    DataSizeFacts facts;
    const model::BertTask task = data.spec.task;
    facts.fine_tuning = task == model::BertTask::SequenceClassification || task == model::BertTask::TokenClassification;
    facts.single_label = task == model::BertTask::SequenceClassification &&
                         data.spec.problem_type == model::ProblemType::SingleLabel;
    facts.train_rows = static_cast<int64_t>(data.train.size());
    facts.validation_rows = static_cast<int64_t>(data.validation.size());
    if (facts.single_label) {
        facts.label_names = data.spec.label_names;
        for (const Feature& f : data.train) facts.train_label_ids.push_back(f.label);
    }
    return facts;
}

std::string libtorchVersion() {
    return std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) + "." +
           std::to_string(TORCH_VERSION_PATCH);
}

// The device this process trains on: the setting resolved on this machine; a rank of a job on GPUs
// takes its local rank's GPU (cuda:LOCAL_RANK), as torchrun users expect, unless the setting names one.
std::string runDevice(const TrainingArguments& args) {
    const std::string device = resolveComputeDevice(args.device, args.use_cpu);
    const std::optional<distributed::LaunchEnvironment> job = distributed::launchEnvironment();
    const bool named = args.device.rfind("cuda:", 0) == 0;
    if (job && job->world_size > 1 && device.rfind("cuda", 0) == 0 && !named)
        return resolveComputeDevice("cuda:" + std::to_string(job->local_rank));
    return device;
}

// The run's model, tokenizer and config: a model directory loaded as `inspect` and the pipeline
// load it (the head of the task, the dataset's labels, new heads initialised), or a fresh config of
// a named size over a vocabulary. Initialisation is seeded, so a run is reproducible.
io::LoadedModel loadRunModel(const TrainingRequest& r, const TaskSpec& spec,
                             std::shared_ptr<const text::BertTokenizer> tokenizer, bool load_weights) {
    const BertTask task = spec.task;
    const auto configureHead = [&](model::BertConfig& config) {
        if (task == BertTask::SequenceClassification || task == BertTask::TokenClassification) {
            config.id2label = spec.label_names;
            config.problem_type = task == BertTask::SequenceClassification ? spec.problem_type : model::ProblemType::Unset;
        }
        if (r.args.max_seq_length > config.max_position_embeddings)
            throw Error("invalid training setting: max_seq_length " + std::to_string(r.args.max_seq_length) +
                        " is above the model's max_position_embeddings (" +
                        std::to_string(config.max_position_embeddings) + ")");
    };
    torch::manual_seed(static_cast<uint64_t>(r.args.seed));
    const torch::Device device = torchDevice(runDevice(r.args));
    if (r.model_dir) {
        io::ModelLoadOptions options;
        options.task = task;
        options.init_new_heads = true;
        options.configure = configureHead;
        options.load_weights = load_weights;
        options.tokenizer = std::move(tokenizer);
        io::LoadedModel loaded = io::loadModelDirectory(*r.model_dir, options);
        loaded.model->to(device);
        return loaded;
    }
    if (!r.init_config)
        throw Error("give a model to start from (--model DIR) or a size to start from scratch (--init-config tiny|mini|...)");
    io::LoadedModel fresh;
    fresh.tokenizer = std::move(tokenizer);
    fresh.config = fs::path(*r.init_config).extension() == ".json" ? model::BertConfig::fromFile(*r.init_config)
                                                                    : model::BertConfig::preset(*r.init_config);
    fresh.config.vocab_size = static_cast<int64_t>(fresh.tokenizer->vocab().size());
    fresh.config.pad_token_id = fresh.tokenizer->padId();
    configureHead(fresh.config);
    fresh.config.validate("model config");
    fresh.model = model::makeBertTaskModel(fresh.config, task);
    fresh.model->to(device);
    return fresh;
}

// The checks that need nothing but the request itself.
void validateRequest(const TrainingRequest& request) {
    request.args.validateNewRun();
    // A GPU that is not there, or fp16 on the CPU, is refused before any run is stored.
    checkPrecisionSupported(precisionOf(request.args),
                            torchDevice(runDevice(request.args)));
    model::taskFromName(request.task);
    if (request.output_dir.empty()) throw Error("give an output directory (--output-dir DIR)");
    if (request.corpus) store::refuseStoreFile(*request.corpus, request.db, "choose a text file");  // before a run is stored
    if (request.model_dir && request.init_config)
        throw Error("give either --model (fine-tune) or --init-config (from scratch), not both");
}

// Records everything the trainer reports in the store, and passes it on to the observer.
TrainerCallbacks recordingCallbacks(store::ExperimentStore& store, store::MetricWriter& writer, int64_t run_id,
                                    const TrainingObserver& observer) {
    TrainerCallbacks callbacks;
    callbacks.on_progress = observer.on_progress;
    callbacks.should_stop = observer.should_stop;
    callbacks.on_log = [&writer, observer](const LogEvent& e) {
        for (const auto& [name, value] : e.values) writer.add("train/" + name, value, e.step, e.epoch);
        if (observer.on_log) observer.on_log(e);
    };
    callbacks.on_evaluate = [&store, &writer, run_id, observer](const EvaluationEvent& e) {
        for (const auto& [name, value] : e.metrics) writer.add("eval/" + name, value, e.step, e.epoch);
        writer.flush();
        store::EvaluationRecord record;
        record.run_id = run_id;
        record.step = e.step;
        record.epoch = e.epoch;
        record.split = "validation";
        record.metrics = e.metrics;
        record.confusion = e.details.value("confusion_matrix", nlohmann::json());
        record.per_class = e.details.contains("per_class") ? e.details["per_class"] : e.details.value("per_type", nlohmann::json());
        store.addEvaluation(record);
        if (observer.on_evaluate) observer.on_evaluate(e);
    };
    callbacks.on_checkpoint = [&store, &writer, run_id, observer](const CheckpointEvent& c) {
        writer.flush();  // everything up to a checkpoint is durable: a resume never leaves a gap
        store::CheckpointRecord record;
        record.run_id = run_id;
        record.step = c.step;
        record.path = c.path;
        record.metric_value = c.metric;
        record.is_best = c.is_best;
        store.addCheckpoint(record);
        if (observer.on_checkpoint) observer.on_checkpoint(c);
    };
    callbacks.on_checkpoint_removed = [&store, run_id](const std::string& path) {
        for (const auto& c : store.checkpoints(run_id))
            if (c.path == path) store.removeCheckpoint(c.id);
    };
    return callbacks;
}

// What a run trains: its data tokenized and its model built. Made before a new run is recorded, so
// that data or a model the run cannot use is refused without leaving a failed run in the store (as
// Hugging Face's Trainer starts its W&B run only once training begins); a resume refused here leaves
// its run as it was.
struct PreparedRun {
    TaskData data;
    io::LoadedModel loaded;
};

PreparedRun prepareRun(store::ExperimentStore& store, const TrainingRequest& request, bool load_weights) {
    const BertTask task = model::taskFromName(request.task);
    // Read once: the data is tokenized with it, then the model directory takes it.
    auto tokenizer = std::make_shared<const text::BertTokenizer>(trainingTokenizer(request));
    TaskData data = prepareTaskData(store, request, task, *tokenizer);
    io::LoadedModel loaded = loadRunModel(request, data.spec, tokenizer, load_weights);
    return {std::move(data), std::move(loaded)};
}

// Trains a prepared run (from the start or from `resume_from`). In a data-parallel job (`group`)
// only rank 0 records the run; the other ranks only train.
TrainingResult execute(store::ExperimentStore& store, int64_t run_id, const TrainingRequest& request,
                       PreparedRun prepared, const std::optional<fs::path>& resume_from,
                       const TrainingObserver& observer, const std::shared_ptr<distributed::ProcessGroup>& group = nullptr) {
    const bool records = !group || group->isLeader();
    TaskData& data = prepared.data;
    io::LoadedModel& loaded = prepared.loaded;
    if (records && observer.on_model_loaded && request.model_dir && !resume_from) observer.on_model_loaded(loaded.report);

    std::optional<store::MetricWriter> writer;
    TrainerCallbacks callbacks;
    if (records) {
        store.markRunning(run_id);
        if (observer.on_start) observer.on_start(run_id);
        writer.emplace(store, run_id);
        callbacks = recordingCallbacks(store, *writer, run_id, observer);
    } else {
        callbacks.should_stop = observer.should_stop;
    }
    Trainer trainer(loaded.model, loaded.tokenizer, request.args, data.spec, std::move(data.train),
                    std::move(data.validation), request.output_dir, callbacks);
    if (group) trainer.joinDataParallel(group);
    const TrainOutcome outcome = trainer.train(resume_from);
    if (writer) writer->flush();

    TrainingResult result;
    result.run_id = run_id;
    const bool stopped = outcome.status == TrainStatus::Stopped;
    result.status = stopped ? "stopped" : "completed";
    result.best_checkpoint = outcome.best_checkpoint;
    result.last_checkpoint = outcome.last_checkpoint;
    result.metrics = outcome.final_metrics;
    result.details = outcome.final_details;
    result.global_step = outcome.global_step;
    result.seconds = outcome.train_seconds;
    if (records) store.finishRun(run_id, stopped ? store::RunStatus::Stopped : store::RunStatus::Completed);
    return result;
}

// A rank lost on the way leaves the run interrupted (resumable from its last checkpoint), not failed.
TrainingResult executeRecordingFailure(store::ExperimentStore& store, int64_t run_id, const TrainingRequest& request,
                                       PreparedRun prepared, const std::optional<fs::path>& resume_from,
                                       const TrainingObserver& observer,
                                       const std::shared_ptr<distributed::ProcessGroup>& group = nullptr) {
    try {
        return execute(store, run_id, request, std::move(prepared), resume_from, observer, group);
    } catch (const distributed::RankLostError& e) {
        store.finishRun(run_id, store::RunStatus::Interrupted, e.what());
        throw;
    } catch (const std::exception& e) {
        store.finishRun(run_id, store::RunStatus::Failed, e.what());
        throw;
    }
}

// Two runs in one folder would overwrite each other's checkpoint-N, and the store's record of the
// first would then name the second's weights. A run inside a stored checkpoint's folder would lose
// everything it wrote when that checkpoint is rotated out (save_total_limit) or its run resumes.
void requireOwnOutputDir(store::ExperimentStore& store, const fs::path& output_dir) {
    const fs::path mine = resolvedPath(output_dir);
    for (const store::RunRecord& other : store.listRuns()) {
        if (other.output_dir.empty()) continue;
        if (resolvedPath(other.output_dir) == mine && !store.checkpoints(other.id).empty())
            throw Error(output_dir.string() + " is the output directory of run " + std::to_string(other.id) + " ('" +
                        other.name + "'), whose checkpoints the store keeps there: give each run its own output "
                        "directory (--output-dir)");
    }
    for (const store::CheckpointRecord& checkpoint : store.allCheckpoints()) {
        if (liesWithin(mine, checkpoint.path))
            throw Error(output_dir.string() + " lies inside checkpoint " + std::to_string(checkpoint.step) + " of run " +
                        std::to_string(checkpoint.run_id) + " (" + checkpoint.path + "), whose folder is deleted " +
                        "when a newer checkpoint replaces it: choose an output directory outside it (--output-dir)");
    }
}

// The run's row in the store; in a data-parallel job its config records the job's size and backend.
int64_t createRunRecord(store::ExperimentStore& store, const TrainingRequest& request, const TaskData& data,
                        const distributed::ProcessGroup* group) {
    store::RunRecord run;
    run.name = request.run_name.empty() ? request.task + " on " + request.dataset.value_or(request.corpus ? request.corpus->filename().string() : "")
                                        : request.run_name;
    run.task = request.task;
    run.base_model = request.model_dir ? request.model_dir->string() : "scratch:" + request.init_config.value_or("");
    run.config = request.toJson();
    if (group) run.config["distributed"] = distributed::describeJob(*group);
    run.seed = static_cast<int64_t>(request.args.seed);
    run.versions = {{"bertwork", BERTWORK_VERSION}, {"libtorch", libtorchVersion()}};
    // Where it trains, as resolved on this machine (the settings say "auto" where the user did).
    const ComputeDeviceInfo device = computeDeviceInfo(runDevice(request.args));
    run.config["compute"] = {{"device", device.id},
                             {"device_name", device.name},
                             {"device_memory_bytes", device.memory_bytes},
                             {"precision", precisionName(precisionOf(request.args))}};
    // The rows it learns from and is evaluated on, as they are now: a dataset's splits may be replaced later.
    run.config["data_rows"] = {{"train", data.train_rows}, {"validation", data.validation_rows}};
    run.output_dir = request.output_dir.string();
    run.dataset_id = data.dataset_id;
    run.data_hashes = data.data_hashes;
    return store.createRun(run).id;
}

// The run can be continued here: it exists, is stopped, interrupted or failed, has a checkpoint and
// ran on as many ranks as this job has. Its history after that checkpoint is dropped.
store::CheckpointRecord checkResumable(store::ExperimentStore& store, int64_t run_id, const distributed::ProcessGroup* group) {
    auto run = store.getRun(run_id);
    if (!run) throw Error(store.path().string() + ": no run " + std::to_string(run_id));
    if (run->status == store::RunStatus::Completed) throw Error("run " + std::to_string(run_id) + " is completed: nothing to resume");
    if (run->status == store::RunStatus::Running)
        throw Error("run " + std::to_string(run_id) + " is running in process " + std::to_string(run->pid));
    if (!isResumable(run->status))
        throw Error("run " + std::to_string(run_id) + " is " + std::string(store::runStatusName(run->status)) +
                    ": only a stopped, interrupted or failed run can be resumed");
    auto checkpoint = store.latestCheckpoint(run_id);
    if (!checkpoint) throw Error("run " + std::to_string(run_id) + " has no checkpoint to resume from");
    distributed::requireSameWorldSize(run->config, group, run_id);
    store.truncateRunHistory(run_id, checkpoint->step);
    return *checkpoint;
}

// A rank other than 0: waits for rank 0's word, then trains with the store only to read the data.
TrainingResult followRankZero(const TrainingRequest& request, const std::shared_ptr<distributed::ProcessGroup>& group,
                              int64_t run_id, const TrainingObserver& observer) {
    const std::optional<fs::path> resume_from = distributed::awaitStart(*group);
    store::StoreOptions reading = store::StoreOptions::existingOnly();
    reading.recover_interrupted_runs = false;
    store::ExperimentStore store = store::ExperimentStore::open(request.db, reading);
    PreparedRun prepared = prepareRun(store, request, /*load_weights=*/!resume_from);
    return execute(store, run_id, request, std::move(prepared), resume_from, observer, group);
}

}  // namespace

TrainingResult runTraining(const TrainingRequest& given, const TrainingObserver& observer) {
    TrainingRequest request = given;
    // The checkpoint paths the store keeps must mean the same from any working directory: the
    // window's, a later resume's, an analysis's.
    if (!request.output_dir.empty()) request.output_dir = fs::absolute(request.output_dir).lexically_normal();
    validateRequest(request);
    const std::shared_ptr<distributed::ProcessGroup> group = distributed::joinJobFromEnvironment(request.args);
    if (group && !group->isLeader()) return followRankZero(request, group, 0, observer);
    int64_t run_id = 0;
    std::optional<store::ExperimentStore> store;
    std::optional<PreparedRun> prepared;
    try {
        store.emplace(store::ExperimentStore::open(request.db));
        requireOwnOutputDir(*store, request.output_dir);  // before the data: it is quick
        prepared = prepareRun(*store, request, /*load_weights=*/true);
        run_id = createRunRecord(*store, request, prepared->data, group.get());
    } catch (const std::exception& e) {
        distributed::announceFailure(group.get(), e.what());
        throw;
    }
    distributed::announceStart(group.get(), std::nullopt);
    return executeRecordingFailure(*store, run_id, request, std::move(*prepared), std::nullopt, observer, group);
}


TrainingEstimate estimateTraining(const TrainingRequest& request, int timed_steps) {
    validateRequest(request);
    const auto setup_started = std::chrono::steady_clock::now();
    store::ExperimentStore store = store::ExperimentStore::open(request.db);
    PreparedRun prepared = prepareRun(store, request, /*load_weights=*/true);
    TaskData& data = prepared.data;
    io::LoadedModel& loaded = prepared.loaded;

    TrainingEstimate estimate;
    estimate.data_description = data.description;
    estimate.train_examples = static_cast<int64_t>(data.train.size());
    estimate.validation_examples = static_cast<int64_t>(data.validation.size());
    estimate.label_names = data.spec.label_names;
    estimate.parameters = loaded.model->parameterCount();
    estimate.data_notes = dataSizeNotes(dataSizeFacts(data));

    // Nothing here writes to the output directory: the timed checkpoint goes to a temporary folder.
    Trainer trainer(loaded.model, loaded.tokenizer, request.args, data.spec, std::move(data.train),
                    std::move(data.validation), request.output_dir, {});
    estimate.setup_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - setup_started).count();
    const SpeedSample sample = trainer.sampleSpeed(timed_steps);
    estimate.steps_per_epoch = sample.steps_per_epoch;
    estimate.total_steps = trainer.totalSteps();
    estimate.seconds_per_step = sample.seconds_per_step;
    estimate.seconds_per_epoch = sample.seconds_per_epoch;
    estimate.sequences_per_second = sample.sequences_per_second;
    const TrainingControl::Schedule schedule = trainer.schedule();
    if (estimate.validation_examples > 0) {
        estimate.evaluations = schedule.evaluations + 1;  // + the evaluation of the model kept at the end
        estimate.seconds_per_evaluation = trainer.sampleEvaluationSeconds(timed_steps);
    }
    estimate.saves = estimate.validation_examples > 0 ? schedule.savesAtMost() : schedule.saves;
    if (estimate.saves > 0) estimate.seconds_per_save = trainer.sampleSaveSeconds();
    estimate.total_seconds = estimate.setup_seconds + sample.seconds_per_step * static_cast<double>(estimate.total_steps) +
                             estimate.seconds_per_evaluation * static_cast<double>(estimate.evaluations) +
                             estimate.seconds_per_save * static_cast<double>(estimate.saves);
    return estimate;
}

bool isResumable(store::RunStatus status) {
    return status == store::RunStatus::Stopped || status == store::RunStatus::Interrupted ||
           status == store::RunStatus::Failed;
}

TrainingResult resumeTraining(const fs::path& db, int64_t run_id, const TrainingObserver& observer) {
    // Every rank reads the run's settings (its backend among them); only rank 0 checks and changes the run.
    std::optional<TrainingRequest> stored;
    {
        store::StoreOptions reading = store::StoreOptions::existingOnly();
        reading.recover_interrupted_runs = false;
        store::ExperimentStore store = store::ExperimentStore::open(db, reading);
        if (auto run = store.getRun(run_id)) stored = TrainingRequest::fromJson(run->config);
    }
    if (!stored) throw Error(db.string() + ": no run " + std::to_string(run_id));
    stored->db = db;
    const std::shared_ptr<distributed::ProcessGroup> group = distributed::joinJobFromEnvironment(stored->args);
    if (group && !group->isLeader()) return followRankZero(*stored, group, run_id, observer);
    store::ExperimentStore store = store::ExperimentStore::open(db, store::StoreOptions::existingOnly());
    std::optional<store::CheckpointRecord> checkpoint;
    std::optional<PreparedRun> prepared;
    try {
        checkpoint = checkResumable(store, run_id, group.get());
        prepared = prepareRun(store, *stored, /*load_weights=*/false);
    } catch (const std::exception& e) {
        distributed::announceFailure(group.get(), e.what());
        throw;
    }
    distributed::announceStart(group.get(), fs::path(checkpoint->path));
    return executeRecordingFailure(store, run_id, *stored, std::move(*prepared), fs::path(checkpoint->path), observer,
                                   group);
}


nlohmann::json evaluateModel(const EvaluationRequest& request) {
    const ComputeDeviceInfo device = computeDeviceInfo(resolveComputeDevice(request.device));
    if (request.int8) model::requireInt8Inference(device, request.model_dir.string());
    io::ModelLoadOptions options;
    if (!request.task.empty()) options.task = model::taskFromName(request.task);
    io::LoadedModel loaded = io::loadModelDirectory(request.model_dir, options);
    loaded.model->to(torchDevice(device.id));
    // Packed only for int8: float32 evaluation stays on the path training evaluates with.
    if (request.int8) loaded.model->bert->packForInference(model::GemmPrecision::Int8);
    store::ExperimentStore store = store::ExperimentStore::open(request.db, store::StoreOptions::existingOnly());
    const store::DatasetRecord ds = requireDataset(store, request.dataset, request.db);
    const std::vector<data::Example> rows = store.loadRows(ds.id, request.split);
    if (rows.empty()) throw Error("dataset '" + request.dataset + "' has no " + request.split + " rows");

    requireModelLabels(loaded, rows, ds.name, request.split);
    const EvaluationEvent e = evaluateOnSplit(loaded, rows, request.batch_size, request.max_seq_length).event;
    nlohmann::json out = e.metrics;
    out["examples"] = rows.size();
    out["details"] = e.details;
    out["compute"] = {{"device", device.id},
                      {"precision", model::precisionName(request.int8 ? model::GemmPrecision::Int8 : model::GemmPrecision::Float32)}};
    return out;
}

namespace {

io::StorageDtype storageDtype(const std::string& dtype) {
    const std::map<std::string, io::StorageDtype> dtypes = {
        {"float32", io::StorageDtype::Float32}, {"float16", io::StorageDtype::Float16}, {"bfloat16", io::StorageDtype::BFloat16}};
    if (!dtypes.count(dtype)) throw Error("--dtype must be float32, float16 or bfloat16, not '" + dtype + "'");
    return dtypes.at(dtype);
}

std::vector<std::string> filesIn(const fs::path& dir) {
    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator(dir)) files.push_back(entry.path().filename().string());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

std::vector<std::string> exportRun(const fs::path& db, int64_t run_id, const std::string& which, const fs::path& output_dir,
                                   const std::string& dtype, TransformersGeneration generation) {
    const io::StorageDtype storage = storageDtype(dtype);
    store::ExperimentStore store = store::ExperimentStore::open(db, store::StoreOptions::existingOnly());
    const store::CheckpointRecord checkpoint = runCheckpoint(store, run_id, which);
    const store::RunRecord run = *store.getRun(run_id);
    io::requireExportTarget(output_dir, checkpoint.path);
    // Any run's checkpoint looks like a model folder, but replacing it would take its optimizer state.
    if (const auto kept = store.checkpointAtPath(fs::absolute(output_dir).lexically_normal().string()))
        throw Error(output_dir.string() + " is checkpoint " + std::to_string(kept->step) + " of run " +
                    std::to_string(kept->run_id) + ": choose another folder");
    io::LoadedModel loaded = io::loadModelDirectory(checkpoint.path);
    const std::vector<store::EvaluationRecord> evaluations = store.evaluations(run_id);
    std::optional<store::DatasetRecord> dataset;
    if (run.dataset_id) dataset = store.getDataset(*run.dataset_id);
    const std::string card = modelCard(run, checkpoint, evaluations, dataset, loaded);
    const TrainingArguments args = TrainingRequest::fromJson(run.config).args;
    io::saveModelDirectory(
        output_dir, *loaded.model, *loaded.tokenizer, storage,
        [&](const fs::path& staging) {
            writeFileAtomically(staging / "README.md", card);
            writeFileAtomically(staging / "training_args.json", args.toHuggingFaceJson(generation).dump(2) + "\n");
        },
        generation);
    store.addArtifact(run_id, "exported-model", fs::absolute(output_dir).string());
    return filesIn(output_dir);
}

std::vector<std::string> exportModelFolder(const fs::path& model_dir, const fs::path& output_dir, const std::string& dtype,
                                           TransformersGeneration generation) {
    const io::StorageDtype storage = storageDtype(dtype);
    io::requireExportTarget(output_dir, model_dir);
    io::LoadedModel loaded = io::loadModelDirectory(model_dir);
    // The source's model card still describes the same weights: it travels with them.
    std::string card;
    const fs::path source_card = model_dir / "README.md";
    if (fs::is_regular_file(source_card)) {
        std::ifstream in(source_card, std::ios::binary);
        card.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    io::saveModelDirectory(
        output_dir, *loaded.model, *loaded.tokenizer, storage,
        [&](const fs::path& staging) {
            if (!card.empty()) writeFileAtomically(staging / "README.md", card);
        },
        generation);
    return filesIn(output_dir);
}

}  // namespace bw::train
