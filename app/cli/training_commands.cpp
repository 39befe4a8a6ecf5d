// bertwork-cli train / resume / quickstart: fine-tune or pretrain with Hugging Face TrainingArguments names;
// progress on stderr, the result as the last JSON line on stdout.
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/local_ranks.h"
#include "app/cli/progress_bar.h"

#include "core/runtime/compute_device.h"
#include "core/runtime/error.h"
#include "core/train/quickstart.h"
#include "core/train/task_catalogue.h"
#include "core/train/training_job.h"
#include "core/train/training_settings.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <csignal>
#include <fstream>

namespace bw::cli {
namespace {

namespace fs = std::filesystem;

// Ctrl-C stops training after the current step and saves a checkpoint to resume from.
volatile std::sig_atomic_t interrupted = 0;
void onInterrupt(int) { interrupted = 1; }

std::string kebab(std::string name) {
    for (char& c : name)
        if (c == '_') c = '-';
    return name;
}

// true/false as Python's argparse and Hugging Face users write them ("True", "1", "yes", or nothing).
bool switchValue(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    if (text.empty() || text == "true" || text == "1" || text == "yes") return true;
    if (text == "false" || text == "0" || text == "no") return false;
    throw std::invalid_argument("not a switch value");
}

// Every training setting (core/train/training_settings.h) becomes --kebab-case-name; values are
// kept as text and converted with the setting's type, so the option list never falls behind it.
struct ArgumentOptions {
    std::map<std::string, std::string> values;  // snake_case name -> text given
    std::optional<std::string> config_file;

    void add(CLI::App& cmd, const train::TrainingArguments& base = {}) {
        for (const train::TrainingSetting& s : train::trainingSettings()) {
            std::string choices;  // "no | steps | epoch; "
            for (size_t i = 0; i < s.choices.size(); ++i)
                choices += s.choices[i] + (i + 1 < s.choices.size() ? " | " : "; ");
            CLI::Option* option =
                cmd.add_option_function<std::string>("--" + kebab(s.name),
                                                     [this, name = s.name](const std::string& v) { values[name] = v; },
                                                     std::string(s.help) + " (" + choices + "default " + s.get(base).dump() + ")")
                    ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);  // the last one wins, as in argparse
            // A switch alone means true (--bf16), as with Hugging Face's argument parser.
            if (s.type() == train::SettingType::Switch) option->expected(0, 1);
            // transformers 5's spelling too (--eval-strategy for --evaluation-strategy).
            if (!s.transformers5_name.empty())
                cmd.add_option_function<std::string>("--" + kebab(s.transformers5_name),
                                                     [this, name = s.name](const std::string& v) { values[name] = v; },
                                                     "Same as --" + kebab(s.name) + " (the transformers 5 name)")
                    ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
        }
        cmd.add_option("--config-file", config_file,
                       "JSON file of TrainingArguments, transformers 4.x or 5.x names (flags override it)");
    }

    train::TrainingArguments resolve(train::TrainingArguments args = {}) const {
        if (config_file) {
            std::ifstream in(*config_file);
            if (!in) throw Error(*config_file + ": cannot open the training arguments file");
            try {
                args.update(nlohmann::json::parse(in), *config_file);
            } catch (const nlohmann::json::exception& e) {  // out_of_range for a number like 1e400 too
                throw Error(*config_file + ": not valid JSON: " + e.what());
            }
        }
        nlohmann::json given = nlohmann::json::object();
        for (const auto& [name, text] : values) {
            const train::SettingType type = train::findTrainingSetting(name)->type();
            try {
                if (type == train::SettingType::Text) given[name] = text;
                else if (type == train::SettingType::Switch) given[name] = switchValue(text);
                else given[name] = nlohmann::json::parse(text);  // numbers and null-able options; the
                                                                  // setting checks its type (0.1 steps = a ratio)
            } catch (const std::exception&) {
                throw Error("invalid value '" + text + "' for --" + kebab(name));
            }
        }
        // --eval-steps N alone means evaluate every N steps, as users expect.
        for (const train::TrainingSetting& s : train::trainingSettings())
            if (s.only_with && values.count(s.name) && !values.count(s.only_with->setting))
                given[s.only_with->setting] = s.only_with->value;
        args.update(given, "command line");
        args.validateNewRun();
        return args;
    }
};

// Progress bar on stderr and Ctrl-C to stop (and save) after the current step.
// The --task help: the engine tasks of the task catalogue, and the tasks users know them as.
std::string trainableTasks() {
    std::vector<std::string> heads;
    std::string help;
    for (const train::TaskDefinition& t : train::taskCatalogue()) {
        if (std::find(heads.begin(), heads.end(), t.engineTask()) == heads.end()) heads.push_back(t.engineTask());
        help += (help.empty() ? "" : ", ") + t.id + " = " + t.engineTask() +
                (t.problem_types.front().empty() ? "" : " --problem-type " + t.problem_types.front());
    }
    std::string names;
    for (const std::string& h : heads) names += (names.empty() ? "" : "|") + h;
    return names + " (" + help + ")";
}

train::TrainingObserver observerWith(ProgressBar& bar) {
    interrupted = 0;
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    train::TrainingObserver observer;
    // The same load report as `inspect`: which weights were new, unused or renamed.
    observer.on_model_loaded = [](const io::LoadReport& report) { printNotice("load report: " + report.toJson().dump()); };
    observer.on_start = [](int64_t run_id) { printNotice("run " + std::to_string(run_id) + " started"); };
    observer.on_progress = [&bar](const train::ProgressEvent& e) { bar.update(e); };
    observer.on_evaluate = [&bar](const train::EvaluationEvent& e) {
        bar.finish();
        std::string line = "evaluation at step " + std::to_string(e.step) + ":";
        for (const auto& [name, value] : e.metrics) {
            char text[64];
            std::snprintf(text, sizeof text, " %s %.4f", name.c_str(), value);
            line += text;
        }
        printNotice(line);
    };
    observer.should_stop = [] { return interrupted != 0; };
    return observer;
}

void printResult(const train::TrainingResult& result) {
    if (!isRankZero()) return;  // rank 0 speaks for a data-parallel job
    nlohmann::json out = result.toJson();
    nlohmann::json metrics = nlohmann::json::object();
    for (const auto& [name, value] : result.metrics) metrics[name] = jsonFloat(static_cast<float>(value));
    out["metrics"] = metrics;
    printJsonLine(out);
}

// The quick start: the bundled model fine-tuned on the bundled SST-2 slice with the README's
// settings (each overridable with the usual TrainingArguments flags).
void registerQuickstart(CLI::App& app) {
    struct Options {
        std::string work_dir = "bertwork-quickstart";
        std::optional<std::string> model_dir;
        ArgumentOptions arguments;
    };
    auto o = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "quickstart", "Fine-tune the bundled model on the bundled SST-2 slice for one epoch and print the result");
    cmd->add_option("--work-dir", o->work_dir, "Where the store (runs.sqlite) and checkpoints go (default: ./bertwork-quickstart)");
    cmd->add_option("--model", o->model_dir, "Start from this model directory instead of the bundled one");
    o->arguments.add(*cmd, train::quickstartArguments());
    cmd->callback([o] {
        const train::QuickstartData data = train::findQuickstartData();
        train::TrainingRequest request;
        request.db = fs::path(o->work_dir) / "runs.sqlite";
        fs::create_directories(o->work_dir);
        const store::DatasetRecord dataset = train::ensureQuickstartDataset(request.db, data);
        request.model_dir = o->model_dir ? fs::path(*o->model_dir) : train::findBundledModel();
        request.task = "sequence-classification";
        request.dataset = dataset.name;
        request.args = o->arguments.resolve(train::quickstartArguments());
        request.run_name = "quickstart: " + request.model_dir->filename().string() + " on " + dataset.name;
        int attempt = 1;
        do request.output_dir = fs::path(o->work_dir) / ("run-" + std::to_string(attempt++));
        while (fs::exists(request.output_dir));
        printNotice("fine-tuning " + request.model_dir->string() + " on " + dataset.name + " (" +
                    std::to_string(dataset.row_counts.count("train") ? dataset.row_counts.at("train") : 0) +
                    " training rows); store " + request.db.string());
        ProgressBar bar;
        const train::TrainingResult result = train::runTraining(request, observerWith(bar));
        bar.finish();
        printResult(result);
    });
}

}  // namespace

void registerTrainingCommands(CLI::App& app) {
    struct Options {
        train::TrainingRequest request;
        std::optional<std::string> model_dir, init_config, vocab, corpus, dataset;
        ArgumentOptions arguments;
        int estimate_steps = 0;
        int nproc_per_node = 0;
    };
    auto o = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("train", "Fine-tune or pretrain a BERT; the run is kept in the store");
    cmd->add_option("--db", o->request.db, "Experiment store (SQLite file)")->required();
    auto* model = cmd->add_option("--model", o->model_dir, "Hugging Face model directory to start from");
    auto* init = cmd->add_option("--init-config", o->init_config, "From scratch: tiny|mini|small|medium|base|CONFIG.json");
    model->excludes(init);
    cmd->add_option("--vocab", o->vocab, "From scratch: vocab.txt (the tokenizer settings beside it are kept) or a tokenizer folder")->needs(init);
    cmd->add_option("--task", o->request.task, trainableTasks())->required();
    auto* dataset = cmd->add_option("--dataset", o->dataset, "Dataset in the store");
    auto* corpus = cmd->add_option("--corpus", o->corpus, "Plain-text corpus (masked-lm, pretraining)");
    dataset->excludes(corpus);
    cmd->add_option("--output-dir", o->request.output_dir, "Where checkpoints go")->required();
    cmd->add_option("--corpus-validation-fraction", o->request.corpus_validation_fraction,
                    "Share of the corpus's documents held out for evaluation (default 0.05)")
        ->check(CLI::Range(0.0, 0.5))
        ->needs(corpus);
    cmd->add_option("--run-name", o->request.run_name, "Name of the run in the store");
    cmd->add_option("--problem-type", o->request.problem_type,
                    "single_label_classification (default), multi_label_classification or regression")
        ->check(CLI::IsMember({"single_label_classification", "multi_label_classification", "regression"}));
    cmd->add_option("--estimate", o->estimate_steps,
                    "Do not train: time N real training steps and print the data, steps and time per epoch "
                    "(nothing is stored)")
        ->check(CLI::Range(1, 1000));
    const std::string nproc_help =
        "Data-parallel training on N local processes (ranks; Gloo on the CPU): each trains per_device_train_batch_size "
        "rows of every batch of N times that size; this process starts them and waits. torchrun --no-python "
        "--nproc-per-node N bertwork-cli ... works too";
    cmd->add_option("--nproc-per-node", o->nproc_per_node, nproc_help)->check(CLI::Range(1, 256));
    o->arguments.add(*cmd);
    cmd->callback([o] {
        train::TrainingRequest request = o->request;
        if (o->model_dir) request.model_dir = *o->model_dir;
        request.init_config = o->init_config;
        if (o->vocab) request.vocab = *o->vocab;
        request.dataset = o->dataset;
        if (o->corpus) request.corpus = *o->corpus;
        if (request.problem_type == "single_label_classification") request.problem_type.clear();
        request.args = o->arguments.resolve();
        if (o->estimate_steps > 0) {
            if (o->nproc_per_node > 1) throw Error("--estimate times one process; leave out --nproc-per-node");
            printJsonLine(train::estimateTraining(request, o->estimate_steps).toJson());
            return;
        }
        if (o->nproc_per_node > 1) return runLocalRanks(o->nproc_per_node);
        ProgressBar bar;
        train::TrainingObserver observer = observerWith(bar);
        observer.on_start = [args = request.args](int64_t run_id) {  // once the request is found good
            printNotice("run " + std::to_string(run_id) + " started on " +
                        computeDeviceInfo(resolveComputeDevice(args.device, args.use_cpu)).describe() +
                        (args.bf16 ? " in bf16" : args.fp16 ? " in fp16" : ""));
        };
        const train::TrainingResult result = train::runTraining(request, observer);
        bar.finish();
        printResult(result);
    });

    registerQuickstart(app);

    struct ResumeOptions {
        std::string db;
        int64_t run = 0;
        int nproc_per_node = 0;
    };
    auto resume = std::make_shared<ResumeOptions>();
    CLI::App* res = app.add_subcommand("resume", "Continue a stopped or interrupted run from its last checkpoint");
    res->add_option("--db", resume->db, "Experiment store")->required();
    res->add_option("--run", resume->run, "Run id")->required();
    res->add_option("--nproc-per-node", resume->nproc_per_node,
                    "Resume a data-parallel run on N local processes (as many as it was trained on)")
        ->check(CLI::Range(1, 256));
    res->callback([resume] {
        if (resume->nproc_per_node > 1) return runLocalRanks(resume->nproc_per_node);
        ProgressBar bar;
        const train::TrainingResult result = train::resumeTraining(resume->db, resume->run, observerWith(bar));
        bar.finish();
        printResult(result);
    });
}

}  // namespace bw::cli
