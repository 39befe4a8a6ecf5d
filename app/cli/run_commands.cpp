// bertwork-cli evaluate / analyse / export: a model on a stored split; a run's checkpoint on every
// row of a split, kept in the store for error analysis; a run's checkpoint out of the store as a
// Hugging Face model directory.
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/terminal_progress.h"

#include "core/runtime/error.h"
#include "core/runtime/transformers_generation.h"
#include "core/train/analysis_job.h"
#include "core/train/training_job.h"

namespace bw::cli {

void registerModelCommands(CLI::App& app) {
    struct Options {
        std::string db, checkpoint = "best", output, dataset, split = "validation", model, dtype = "float32",
            transformers = "5", device = "auto", task;
        int64_t run = 0;
        int64_t batch_size = 64, max_seq_length = 128, analysis_batch_size = 0, analysis_max_seq_length = 0;
        bool int8 = false;
    };
    auto o = std::make_shared<Options>();
    CLI::App* evaluate = app.add_subcommand("evaluate", "Loss and metrics of a model on a stored dataset split (JSON)");
    evaluate->add_option("--model", o->model, "Model directory")->required();
    evaluate->add_option("--db", o->db, "Experiment store")->required();
    evaluate->add_option("--dataset", o->dataset, "Dataset name")->required();
    evaluate->add_option("--split", o->split, "train, validation (default) or test")
        ->check(CLI::IsMember({"train", "validation", "test"}));
    evaluate->add_option("--batch-size", o->batch_size)->check(CLI::PositiveNumber);
    evaluate->add_option("--max-seq-length", o->max_seq_length)->check(CLI::PositiveNumber);
    evaluate->add_option("--task", o->task,
                         "Evaluate as this task's model (default: the one config.json names); masked-lm reads a "
                         "pretraining model's masked-LM head alone");
    addDeviceOption(*evaluate, o->device);
    addInt8Option(*evaluate, o->int8);
    evaluate->callback([o] {
        train::EvaluationRequest request;
        request.model_dir = o->model;
        request.db = o->db;
        request.dataset = o->dataset;
        request.split = o->split;
        request.batch_size = o->batch_size;
        request.max_seq_length = o->max_seq_length;
        request.device = o->device;
        request.task = o->task;
        request.int8 = o->int8;
        printJsonLine(train::evaluateModel(request));
    });

    CLI::App* analyse = app.add_subcommand(
        "analyse", "Predict every row of a split with a run's checkpoint and keep the predictions for error analysis");
    analyse->alias("analyze");
    analyse->add_option("--db", o->db, "Experiment store")->required();
    analyse->add_option("--run", o->run, "Run id")->required();
    analyse->add_option("--checkpoint", o->checkpoint, "best (default), last or the step of a checkpoint");
    analyse->add_option("--dataset", o->dataset, "Dataset name (default: the one the run trained on)");
    analyse->add_option("--split", o->split, "train, validation (default) or test")
        ->check(CLI::IsMember({"train", "validation", "test"}));
    analyse->add_option("--batch-size", o->analysis_batch_size,
                        "Default: the run's per_device_eval_batch_size (a tagger's loss is a mean per batch)")
        ->check(CLI::PositiveNumber);
    analyse->add_option("--max-seq-length", o->analysis_max_seq_length, "Default: the run's")->check(CLI::PositiveNumber);
    addDeviceOption(*analyse, o->device);
    analyse->callback([o] {
        train::AnalysisRequest request;
        request.db = o->db;
        request.run_id = o->run;
        request.checkpoint = o->checkpoint;
        request.dataset = o->dataset;
        request.split = o->split;
        request.batch_size = o->analysis_batch_size;
        request.max_seq_length = o->analysis_max_seq_length;
        request.device = o->device;
        TerminalProgress bar("analysing the " + o->split + " split", TerminalProgress::Unit::Items, "rows");
        train::AnalysisProgress progress;
        progress.on_progress = [&bar](int64_t done, int64_t total) {
            bar(static_cast<uint64_t>(done), static_cast<uint64_t>(total));
        };
        nlohmann::json out = train::analyseCheckpoint(request, progress).toJson();
        bar.finish();
        out.erase("details");  // `analyses list` shows the confusion matrix and the per-class table
        printJsonLine(out);
    });

    CLI::App* exporter = app.add_subcommand(
        "export", "Write a run's checkpoint, or any model folder, as a Hugging Face model directory");
    auto* db = exporter->add_option("--db", o->db, "Experiment store");
    auto* run = exporter->add_option("--run", o->run, "Run id")->needs(db);
    db->needs(run);
    exporter->add_option("--checkpoint", o->checkpoint, "best (default), last or the step of a checkpoint")->needs(run);
    exporter->add_option("--model", o->model, "A model folder to write instead of a run's checkpoint")
        ->check(CLI::ExistingDirectory)
        ->excludes(run);
    exporter->add_option("--output", o->output, "Target directory (replaced whole)")->required();
    exporter->add_option("--dtype", o->dtype, "Storage type of the weights: float32 (default), float16 or bfloat16")
        ->check(CLI::IsMember({"float32", "float16", "bfloat16"}));
    exporter->add_option("--transformers", o->transformers,
                         "Spell config.json and training_args.json for this transformers version: 5 (default) or 4")
        ->check(generationCheck());
    exporter->callback([o, run] {
        const TransformersGeneration generation = *parseTransformersGeneration(o->transformers);
        if (!o->model.empty()) {
            const auto files = train::exportModelFolder(o->model, o->output, o->dtype, generation);
            printJsonLine({{"model", o->model}, {"output", o->output}, {"files", files}});
            return;
        }
        if (run->count() == 0) throw Error("export needs --run (with --db) or --model");
        const auto files = train::exportRun(o->db, o->run, o->checkpoint, o->output, o->dtype, generation);
        printJsonLine({{"run", o->run}, {"output", o->output}, {"files", files}});
    });
}

}  // namespace bw::cli
