#include "tests/bench/store_load_generator.h"

#include "core/store/experiment_store.h"
#include "core/store/metric_writer.h"
#include "core/store/sqlite_database.h"
#include "core/store/store_clock.h"
#include "core/train/training_job.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <random>

namespace bw::bench {
namespace {

using nlohmann::json;

// What each task logs, as trainer.cpp and evaluation_metrics.cpp name it.
struct TaskShape {
    const char* task;
    const char* dataset;  // nullptr: a corpus file
    std::vector<std::string> eval_names;
    const char* best_metric;  // metric_for_best_model ("" = eval loss)
};

const TaskShape kSequence{"sequence-classification", "sst2",
                          {"accuracy", "f1", "f1_macro", "f1_micro", "f1_weighted", "loss", "matthews_correlation",
                           "precision_macro", "precision_micro", "precision_weighted", "recall_macro", "recall_micro",
                           "recall_weighted"},
                          "accuracy"};
const TaskShape kToken{"token-classification", "conll2003", {"accuracy", "f1", "loss", "precision", "recall"}, "f1"};
const TaskShape kPretraining{"pretraining", nullptr,
                             {"loss", "mlm_loss", "mlm_accuracy", "perplexity", "nsp_loss", "nsp_accuracy"}, ""};

const TaskShape& shapeOf(int64_t run_index) {
    const int64_t k = run_index % 10;  // 6 in 10 fine-tune a classifier, 2 tag tokens, 2 pretrain
    return k < 6 ? kSequence : k < 8 ? kToken : kPretraining;
}

bool isPretraining(const std::string& task) { return task == "pretraining"; }

// A learning curve: starts at `from`, settles at `to`, with noise.
double curve(double from, double to, double progress, double noise, std::mt19937& rng) {
    std::normal_distribution<double> n(0.0, noise);
    return to + (from - to) * std::exp(-4.0 * progress) + n(rng);
}

double linearSchedule(double learning_rate, int64_t step, int64_t total_steps) {
    const int64_t warmup = std::max<int64_t>(1, total_steps / 10);
    if (step < warmup) return learning_rate * static_cast<double>(step) / static_cast<double>(warmup);
    return learning_rate * std::max(0.0, static_cast<double>(total_steps - step) / static_cast<double>(total_steps - warmup));
}

json evalMetrics(const TaskShape& shape, double progress, std::mt19937& rng) {
    json m = json::object();
    const double loss = std::max(0.01, curve(0.7, 0.25, progress, 0.01, rng));
    const double accuracy = std::clamp(curve(0.5, 0.9, progress, 0.005, rng), 0.0, 1.0);
    for (const std::string& name : shape.eval_names) {
        if (name == "loss" || name == "mlm_loss" || name == "nsp_loss") m[name] = name == "loss" ? loss : loss * 0.8;
        else if (name == "perplexity") m[name] = std::exp(loss * 3);
        else if (name == "matthews_correlation") m[name] = 2 * accuracy - 1;
        else m[name] = std::clamp(accuracy + std::normal_distribution<double>(0, 0.01)(rng), 0.0, 1.0);
    }
    return m;
}

json perClass(const std::vector<std::string>& labels, double accuracy, int support) {
    json out = json::object();
    for (const std::string& label : labels)
        out[label] = {{"precision", accuracy}, {"recall", accuracy}, {"f1", accuracy}, {"support", support}};
    return out;
}

store::EvaluationRecord evaluation(const TaskShape& shape, int64_t run, int64_t step, double epoch, const json& metrics) {
    store::EvaluationRecord e;
    e.run_id = run;
    e.step = step;
    e.epoch = epoch;
    e.split = "validation";
    e.metrics = metrics;
    const double accuracy = metrics.value("accuracy", 0.0);
    if (shape.task == kSequence.task) {
        const int right = static_cast<int>(accuracy * 436);
        e.confusion = json::array({json::array({right, 436 - right}), json::array({428 - right, right})});
        e.per_class = perClass({"negative", "positive"}, accuracy, 436);
    } else if (shape.task == kToken.task) {
        e.per_class = perClass({"LOC", "MISC", "ORG", "PER"}, accuracy, 1800);
    }
    return e;
}

store::RunRecord runSpec(const std::filesystem::path& db, int64_t index, const TaskShape& shape,
                         std::optional<int64_t> dataset, int64_t logging_steps, int64_t eval_steps, bool saves,
                         std::mt19937& rng) {
    static const double kRates[] = {1e-5, 2e-5, 3e-5, 5e-5, 1e-4, 3e-4};
    static const int64_t kBatches[] = {16, 32, 64};
    train::TrainingRequest r;
    r.db = db;
    r.task = shape.task;
    if (shape.dataset) r.dataset = shape.dataset;
    else r.corpus = "/data/imdb/unsup.txt";
    if (isPretraining(shape.task)) r.init_config = "mini";
    else r.model_dir = "/models/bert-mini-uncased";
    r.output_dir = "/work/runs/run-" + std::to_string(index);
    r.args.learning_rate = kRates[rng() % 6];
    r.args.per_device_train_batch_size = kBatches[rng() % 3];
    r.args.num_train_epochs = static_cast<double>(1 + rng() % 4);
    r.args.seed = 40 + rng() % 5;
    r.args.logging_steps = logging_steps;
    r.args.evaluation_strategy = "steps";
    r.args.eval_steps = eval_steps;
    r.args.save_strategy = saves ? "steps" : "no";
    r.args.save_steps = saves ? eval_steps : 0;
    r.args.metric_for_best_model = shape.best_metric;
    r.args.warmup_ratio = 0.1;
    r.args.weight_decay = 0.01;
    r.run_name = std::string(shape.task) + " lr=" + json(r.args.learning_rate).dump() + " bs=" +
                 std::to_string(r.args.per_device_train_batch_size) + " seed=" + std::to_string(r.args.seed);

    store::RunRecord run;
    run.name = r.run_name;
    run.task = r.task;
    run.base_model = r.model_dir ? r.model_dir->string() : "scratch:" + *r.init_config;
    run.config = r.toJson();
    run.config["compute"] = {{"device", "cpu"}, {"device_name", "CPU (2 threads, 2 cores)"}, {"device_memory_bytes", 0},
                             {"precision", "fp32"}};
    run.seed = static_cast<int64_t>(r.args.seed);
    run.versions = {{"bertwork", "0.1.0"}, {"libtorch", "1.13.0"}};
    if (shape.dataset) run.data_hashes = {{"train", "facb69e9f72e811a"}, {"validation", "10e685c53a8555f8"}};
    if (index % 7 == 0) run.tags = {"sweep-" + std::to_string(index / 700), "lr"};
    if (index % 23 == 0) run.notes = "rerun after fixing the tokenizer's accent stripping";
    run.output_dir = r.output_dir.string();
    run.dataset_id = dataset;
    return run;
}

// Skewed sizes (log-normal; pretraining runs four times longer) adding up to `total`.
std::vector<int64_t> runSizes(int64_t runs, int64_t total, std::mt19937& rng) {
    std::normal_distribution<double> n(0.0, 1.1);
    std::vector<double> weights(static_cast<size_t>(runs));
    double sum = 0;
    for (int64_t i = 0; i < runs; ++i) {
        weights[static_cast<size_t>(i)] = std::exp(n(rng)) * (isPretraining(shapeOf(i).task) ? 4.0 : 1.0);
        sum += weights[static_cast<size_t>(i)];
    }
    std::vector<int64_t> sizes(static_cast<size_t>(runs));
    int64_t given = 0;
    for (size_t i = 0; i < sizes.size(); ++i) {
        sizes[i] = static_cast<int64_t>(static_cast<double>(total) * weights[i] / sum);
        given += sizes[i];
    }
    for (size_t i = 0; given < total; i = (i + 1) % sizes.size(), ++given) ++sizes[i];
    return sizes;
}

struct Timeline {
    int64_t run;
    double started, ended;
};

// Writes one run as training_job.cpp records it; returns when it trained (the sessions are then
// moved there, since the store stamps them with the generator's own clock).
Timeline writeRun(store::ExperimentStore& store, int64_t index, int64_t points, std::optional<int64_t> dataset,
                  double started, std::mt19937& rng) {
    const TaskShape& shape = shapeOf(index);
    const std::vector<std::string> train_names =
        isPretraining(shape.task)
            ? std::vector<std::string>{"loss", "learning_rate", "grad_norm", "sequences_per_second", "mlm_loss",
                                       "mlm_accuracy", "nsp_loss", "nsp_accuracy"}
            : std::vector<std::string>{"loss", "learning_rate", "grad_norm", "sequences_per_second"};
    static const int64_t kLogging[] = {10, 20, 50};
    const int64_t logging_steps = kLogging[rng() % 3];
    const int64_t logs_per_eval = 5 + static_cast<int64_t>(rng() % 20);
    // Three runs in ten save no checkpoints (save_strategy "no", as sweeps do): their best value is
    // looked for in their evaluations.
    const bool saves = rng() % 10 >= 3;
    const store::RunRecord spec =
        runSpec(store.path(), index, shape, dataset, logging_steps, logging_steps * logs_per_eval, saves, rng);
    const double learning_rate = spec.config["training_args"]["learning_rate"].get<double>();
    const double per_log = static_cast<double>(train_names.size()) +
                           static_cast<double>(shape.eval_names.size()) / static_cast<double>(logs_per_eval);
    const int64_t total_steps = std::max<int64_t>(logging_steps, static_cast<int64_t>(static_cast<double>(points) / per_log) * logging_steps);
    const int64_t steps_per_epoch = std::max<int64_t>(1, total_steps / 3);
    const double seconds_per_step = 0.05 + static_cast<double>(rng() % 100) / 200.0;

    auto tx = store.transaction();  // one commit per run: the generator's speed, not the trainer's
    const int64_t run = store.createRun(spec).id;
    store.markRunning(run);
    double wall = started;
    {
        store::MetricWriter writer(store, run);  // the trainer's batching
        std::deque<store::CheckpointRecord> kept;  // save_total_limit 2, the best kept besides
        std::optional<double> best;
        const bool higher_better = std::string(shape.best_metric) != "";
        int64_t written = 0;
        for (int64_t k = 1; written < points; ++k) {
            const int64_t step = k * logging_steps;
            const double progress = static_cast<double>(step) / static_cast<double>(total_steps);
            const double epoch = static_cast<double>(step) / static_cast<double>(steps_per_epoch);
            wall = started + static_cast<double>(step) * seconds_per_step;
            for (const auto& [name, value] : trainLogValues(shape.task, step, total_steps, learning_rate, rng()))
                if (written < points) {
                    writer.add({run, step, epoch, "train/" + name, value, wall});
                    ++written;
                }
            if (k % logs_per_eval != 0 || written >= points) continue;
            const json metrics = evalMetrics(shape, progress, rng);
            for (const auto& [name, value] : metrics.items())
                if (written < points) {
                    writer.add({run, step, epoch, "eval/" + name, value.get<double>(), wall});
                    ++written;
                }
            writer.flush();
            store.addEvaluation(evaluation(shape, run, step, epoch, metrics));
            if (!saves) continue;
            const double value = metrics.value(higher_better ? std::string(shape.best_metric) : "loss", 0.0);
            const bool is_best = !best || (higher_better ? value > *best : value < *best);
            if (is_best) best = value;
            kept.push_back(store.addCheckpoint({0, run, step, spec.output_dir + "/checkpoint-" + std::to_string(step), value, is_best, ""}));
            if (is_best)
                for (auto& c : kept) c.is_best = c.id == kept.back().id;
            while (kept.size() > 2) {  // the oldest one that is not the best goes
                auto old = std::find_if(kept.begin(), kept.end(), [](const store::CheckpointRecord& c) { return !c.is_best; });
                store.removeCheckpoint(old->id);
                kept.erase(old);
            }
        }
    }
    const uint32_t fate = rng() % 100;  // most complete; some were stopped, failed or interrupted
    if (fate < 88) store.finishRun(run, store::RunStatus::Completed);
    else if (fate < 93) store.finishRun(run, store::RunStatus::Stopped);
    else if (fate < 97) store.finishRun(run, store::RunStatus::Failed, "CUDA out of memory");
    else store.finishRun(run, store::RunStatus::Interrupted, "the process running it ended without finishing it");
    tx.commit();
    return {run, started, wall};
}

// Moves each run's timestamps and session to when its metrics say it trained.
void placeInTime(const std::filesystem::path& path, const std::vector<Timeline>& timelines) {
    store::Database db = store::Database::open(path, 5000, false);
    store::Transaction tx(db);
    auto run = db.prepare("UPDATE runs SET created_at = ?, started_at = ?, finished_at = ? WHERE id = ?");
    auto session = db.prepare("UPDATE run_sessions SET started_at = ?, ended_at = ? WHERE run = ?");
    for (const Timeline& t : timelines) {
        run.bindAll(store::utcTimestamp(t.started - 30), store::utcTimestamp(t.started), store::utcTimestamp(t.ended), t.run)
            .run();
        session.bindAll(t.started, t.ended, t.run).run();
    }
    tx.commit();
}

std::optional<int64_t> datasetFor(store::ExperimentStore& store, const char* name, const char* kind,
                                  const std::vector<std::string>& labels) {
    if (!name) return std::nullopt;
    if (auto found = store.findDataset(name)) return found->id;
    store::DatasetRecord spec;
    spec.name = name;
    spec.task_kind = kind;
    spec.format = kind == std::string("token") ? "conll" : "tsv";
    spec.label_set = labels;
    const int64_t id = store.createDataset(spec).id;
    std::vector<store::DatasetSource> files;
    for (const char* split : {"train", "validation"})
        files.push_back({0, id, split, std::string("/data/") + name + "/" + split, "facb69e9f72e811a", spec.format, 0, 0, "", ""});
    // A few rows each: the runs need their datasets, not their data.
    std::vector<data::Example> rows(100);
    for (size_t i = 0; i < rows.size(); ++i) {
        rows[i].text = "row " + std::to_string(i);
        if (spec.task_kind == "token") {
            rows[i].words = {rows[i].text};
            rows[i].tags = {labels.front()};
        } else {
            rows[i].label = labels[i % labels.size()];
        }
    }
    std::vector<int64_t> staged;
    for (const store::DatasetSource& source : store.stageSources(id, files)) {
        store.appendStagedRows(source.id, rows);
        staged.push_back(source.id);
    }
    store.publishSources(staged, std::nullopt, false);
    return id;
}

}  // namespace

std::vector<std::pair<std::string, double>> trainLogValues(const std::string& task, int64_t step, int64_t total_steps,
                                                            double learning_rate, uint32_t noise_seed) {
    std::mt19937 rng(noise_seed);
    const double progress = static_cast<double>(step) / static_cast<double>(std::max<int64_t>(1, total_steps));
    const double loss = std::max(0.01, curve(isPretraining(task) ? 10.0 : 0.7, isPretraining(task) ? 3.0 : 0.2, progress, 0.04, rng));
    std::vector<std::pair<std::string, double>> values = {
        {"loss", loss},
        {"learning_rate", linearSchedule(learning_rate, step, total_steps)},
        {"grad_norm", std::abs(curve(4.0, 1.0, progress, 0.3, rng))},
        {"sequences_per_second", curve(120.0, 120.0, progress, 4.0, rng)}};
    if (isPretraining(task)) {
        values.push_back({"mlm_loss", loss * 0.9});
        values.push_back({"mlm_accuracy", std::clamp(curve(0.0, 0.45, progress, 0.01, rng), 0.0, 1.0)});
        values.push_back({"nsp_loss", loss * 0.1});
        values.push_back({"nsp_accuracy", std::clamp(curve(0.5, 0.8, progress, 0.01, rng), 0.0, 1.0)});
    }
    return values;
}

void generateStore(const std::filesystem::path& path, const StoreLoadSpec& spec,
                   const std::function<void(int64_t runs, int64_t rows)>& progress) {
    std::mt19937 rng(spec.seed);
    const std::vector<int64_t> sizes = runSizes(spec.runs, spec.metric_rows, rng);
    std::vector<Timeline> timelines;
    {
        auto store = store::ExperimentStore::open(path);
        const auto sst2 = datasetFor(store, kSequence.dataset, "sequence", {"negative", "positive"});
        const auto conll = datasetFor(store, kToken.dataset, "token", {"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"});
        // A year of runs, the newest ending about now.
        double started = store::unixTimeSeconds() - 365.0 * 86400.0;
        const double spacing = 365.0 * 86400.0 / static_cast<double>(std::max<int64_t>(1, spec.runs));
        int64_t rows = 0;
        for (int64_t i = 0; i < spec.runs; ++i) {
            const TaskShape& shape = shapeOf(i);
            const auto dataset = shape.task == kSequence.task ? sst2 : shape.task == kToken.task ? conll : std::nullopt;
            timelines.push_back(writeRun(store, i, sizes[static_cast<size_t>(i)], dataset, started, rng));
            started += spacing;
            rows += sizes[static_cast<size_t>(i)];
            if (progress) progress(i + 1, rows);
        }
    }
    placeInTime(path, timelines);
}

}  // namespace bw::bench
