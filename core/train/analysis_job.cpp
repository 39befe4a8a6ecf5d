#include "core/train/analysis_job.h"

#include "core/io/model_directory.h"
#include "core/runtime/error.h"
#include "core/runtime/torch_device.h"
#include "core/store/experiment_store.h"
#include "core/train/run_results.h"
#include "core/train/split_evaluation.h"
#include "core/train/task_data.h"
#include "core/train/training_job.h"

namespace bw::train {

store::AnalysisRecord analyseCheckpoint(const AnalysisRequest& request, const AnalysisProgress& progress) {
    store::ExperimentStore store = store::ExperimentStore::open(request.db, store::StoreOptions::existingOnly());
    const std::optional<store::RunRecord> run = store.getRun(request.run_id);
    if (!run) throw Error(request.db.string() + ": no run " + std::to_string(request.run_id));
    const store::CheckpointRecord checkpoint = runCheckpoint(store, run->id, request.checkpoint);

    std::optional<store::DatasetRecord> dataset;
    if (!request.dataset.empty()) {
        dataset = requireDataset(store, request.dataset, request.db);
    } else {
        if (run->dataset_id) dataset = store.getDataset(*run->dataset_id);
        if (!dataset) throw Error("run " + std::to_string(run->id) + " trained on no dataset of this store: name one");
    }
    const std::vector<data::Example> examples = store.loadRows(dataset->id, request.split);
    if (examples.empty()) throw Error("dataset '" + dataset->name + "' has no " + request.split + " rows");

    io::LoadedModel loaded = io::loadModelDirectory(checkpoint.path);
    if (loaded.model->task != model::BertTask::SequenceClassification &&
        loaded.model->task != model::BertTask::TokenClassification)
        throw Error(checkpoint.path + ": error analysis is for classification and token classification models, not " +
                    model::taskName(loaded.model->task));
    requireModelLabels(loaded, examples, dataset->name, request.split);
    loaded.model->to(torchDevice(resolveComputeDevice(request.device)));
    const TrainingArguments run_args = TrainingRequest::fromJson(run->config).args;
    const int64_t max_length = request.max_seq_length > 0 ? request.max_seq_length : run_args.max_seq_length;
    const int64_t batch_size = request.batch_size > 0 ? request.batch_size : run_args.per_device_eval_batch_size;

    std::vector<store::AnalysisRow> rows;
    const auto watch = [&progress](int64_t done, int64_t total) {
        if (progress.cancel && progress.cancel->load()) throw Error("analysis cancelled");
        if (progress.on_progress) progress.on_progress(done, total);
    };
    const SplitEvaluation evaluation = evaluateOnSplit(loaded, examples, batch_size, max_length, &rows, watch);
    for (store::AnalysisRow& row : rows) {
        const data::Example& e = examples.at(static_cast<size_t>(row.row_index));
        row.source_line = e.source_line;
        row.text = e.text;
        row.text_pair = e.text_pair;
        row.words = e.words;
    }

    store::AnalysisRecord analysis;
    analysis.run_id = run->id;
    analysis.step = checkpoint.step;
    analysis.checkpoint = checkpoint.path;
    analysis.dataset_id = dataset->id;
    analysis.split = request.split;
    analysis.task = model::taskName(loaded.model->task);
    if (evaluation.spec.problem_type == model::ProblemType::MultiLabel ||
        evaluation.spec.problem_type == model::ProblemType::Regression)
        analysis.problem_type = model::problemTypeName(evaluation.spec.problem_type);
    analysis.labels = evaluation.labels;
    analysis.metrics = evaluation.event.metrics;
    analysis.details = evaluation.event.details;
    return store.addAnalysis(analysis, rows);
}

}  // namespace bw::train
