#include "core/train/hparams_table.h"

#include "core/runtime/error.h"
#include "core/store/experiment_store.h"
#include "core/train/run_comparison.h"
#include "core/train/run_results.h"
#include "core/train/runs_csv.h"
#include "core/train/training_args.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace bw::train {
namespace {

using nlohmann::json;

// What a sweep varies first, in this order; every other setting follows by name.
const char* const kLeadingColumns[] = {"model",        "dataset",          "task",
                                       "learning_rate", "per_device_train_batch_size", "num_train_epochs",
                                       "max_steps",    "warmup_steps",     "warmup_ratio",
                                       "weight_decay", "seed",             "max_seq_length",
                                       "lr_scheduler_type", "gradient_accumulation_steps"};

// Config keys that say where a run kept its files or what it was called, not how it trained: they
// differ between any two runs and would hide the settings that do.
const std::set<std::string> kBookkeeping = {"db", "output_dir", "run_name", "compute", "model_dir", "init_config",
                                            "dataset", "corpus", "task", "training_args", "vocab", "data_rows"};

// A setting that is not in effect is unset (null), as Hugging Face prints None, rather than its
// placeholder number: max_steps -1 (the epochs decide), eval_steps and save_steps without the
// "steps" strategy. A plot of max_steps across runs once spanned -1 to 3000.
json withUnusedSettingsUnset(json args) {
    const auto is = [&](const char* key, const char* value) { return args.value(key, json()) == json(value); };
    if (const json& max_steps = args.value("max_steps", json()); max_steps.is_number() && max_steps.get<double>() <= 0)
        args["max_steps"] = nullptr;
    if (args.contains("eval_steps") && !is("evaluation_strategy", "steps")) args["eval_steps"] = nullptr;
    if (args.contains("save_steps") && !is("save_strategy", "steps")) args["save_steps"] = nullptr;
    return args;
}

// Every training argument a run trained with, defaults filled in (a config from an older version
// lacks the settings added since); a config this version cannot read shows what it holds.
json trainingArguments(const store::RunRecord& run) {
    const json stored = run.config.is_object() ? run.config.value("training_args", json::object()) : json::object();
    try {
        return withUnusedSettingsUnset(TrainingArguments::fromJson(stored, "run config").toJson());
    } catch (const std::exception&) {
        return stored.is_object() ? stored : json::object();
    }
}

// The hyperparameters of one run, flat: "model", "dataset", "task", then the other config keys and
// every training argument under its own name.
std::map<std::string, json> hyperparametersOf(const store::RunRecord& run, const std::map<int64_t, std::string>& datasets) {
    std::map<std::string, json> values;
    if (run.config.is_object())
        for (const auto& [key, value] : run.config.items())
            if (!kBookkeeping.count(key)) flattenConfig(value, key, values);
    flattenConfig(trainingArguments(run), "", values);
    values["model"] = run.base_model;
    values["task"] = run.task;
    // The dataset's name as it is now (a rename shows), else the one the config names, else the corpus.
    json dataset;
    if (const auto found = run.dataset_id ? datasets.find(*run.dataset_id) : datasets.end(); found != datasets.end())
        dataset = found->second;
    else if (run.config.is_object() && run.config.value("dataset", json()).is_string())
        dataset = run.config["dataset"];
    else if (run.config.is_object() && run.config.value("corpus", json()).is_string())
        dataset = run.config["corpus"];
    values["dataset"] = dataset;
    return values;
}

std::vector<std::string> columnOrder(const std::set<std::string>& names) {
    std::vector<std::string> order;
    for (const char* lead : kLeadingColumns)
        if (names.count(lead)) order.push_back(lead);
    for (const std::string& name : names)
        if (std::find(order.begin(), order.end(), name) == order.end()) order.push_back(name);
    return order;
}

bool allNumbers(const std::vector<json>& values) {
    bool any = false;
    for (const json& v : values) {
        if (v.is_null()) continue;
        if (!v.is_number()) return false;  // booleans are categories
        any = true;
    }
    return any;
}

// The evaluation `at` picks out of a run's evaluations (in step order), if any.
const store::EvaluationRecord* chosenEvaluation(const std::vector<store::EvaluationRecord>& evaluations,
                                                const MetricsAt& at, const BestResult& best) {
    if (evaluations.empty()) return nullptr;
    // The evaluation at `step`, or the last one before it.
    const auto atStep = [&](int64_t step) -> const store::EvaluationRecord* {
        const store::EvaluationRecord* found = nullptr;
        for (const store::EvaluationRecord& e : evaluations)
            if (e.step <= step) found = &e;
        return found;
    };
    switch (at.kind) {
        case MetricsAt::Kind::Best: return best.step ? atStep(*best.step) : nullptr;
        case MetricsAt::Kind::Last: return &evaluations.back();
        case MetricsAt::Kind::Step: return atStep(at.step);
    }
    return nullptr;
}

}  // namespace

MetricsAt MetricsAt::parse(const std::string& text) {
    if (text == "best") return {Kind::Best, 0};
    if (text == "last") return {Kind::Last, 0};
    const bool digits = !text.empty() && text.size() <= 18 &&
                        std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
    if (!digits) throw Error("the metrics must be taken at best, last or a step number, not '" + text + "'");
    return {Kind::Step, std::stoll(text)};
}

std::string MetricsAt::name() const {
    switch (kind) {
        case Kind::Best: return "best";
        case Kind::Last: return "last";
        case Kind::Step: return std::to_string(step);
    }
    return {};
}

int HParamsTable::hyperparameterIndex(const std::string& name) const {
    for (size_t i = 0; i < hyperparameters.size(); ++i)
        if (hyperparameters[i].name == name) return static_cast<int>(i);
    return -1;
}

int HParamsTable::metricIndex(const std::string& name) const {
    for (size_t i = 0; i < metrics.size(); ++i)
        if (metrics[i].name == name) return static_cast<int>(i);
    return -1;
}

json HParamsTable::toJson() const {
    json hp = json::array(), metric_columns = json::array(), runs = json::array();
    for (const HParamsColumn& c : hyperparameters) hp.push_back({{"name", c.name}, {"numeric", c.numeric}, {"differs", c.differs}});
    for (const HParamsColumn& c : metrics) metric_columns.push_back({{"name", c.name}, {"numeric", c.numeric}});
    for (const HParamsRow& row : rows) {
        json values = json::object(), measured = json::object();
        for (size_t i = 0; i < hyperparameters.size(); ++i) values[hyperparameters[i].name] = row.hyperparameters[i];
        for (size_t i = 0; i < metrics.size(); ++i) measured[metrics[i].name] = row.metrics[i];
        runs.push_back({{"id", row.run_id},
                        {"name", row.name},
                        {"status", row.status},
                        {"step", row.step ? json(*row.step) : json()},
                        {"epoch", row.epoch ? json(*row.epoch) : json()},
                        {"hyperparameters", values},
                        {"metrics", measured}});
    }
    return {{"at", at.name()}, {"hyperparameters", hp}, {"metrics", metric_columns}, {"runs", runs}};
}

std::vector<std::string> HParamsTable::csvHeader(bool only_differing) const {
    std::vector<std::string> header = {"id", "name", "status", "step", "epoch"};
    for (const HParamsColumn& c : hyperparameters)
        if (!only_differing || c.differs) header.push_back(c.name);
    for (const HParamsColumn& c : metrics) header.push_back(c.name);
    return header;
}

std::vector<std::vector<std::string>> HParamsTable::csvRows(bool only_differing) const {
    std::vector<std::vector<std::string>> out;
    for (const HParamsRow& row : rows) {
        std::vector<std::string> cells = {std::to_string(row.run_id), row.name, row.status,
                                          jsonCsvCell(row.step ? json(*row.step) : json()),
                                          jsonCsvCell(row.epoch ? json(*row.epoch) : json())};
        for (size_t i = 0; i < hyperparameters.size(); ++i)
            if (!only_differing || hyperparameters[i].differs) cells.push_back(jsonCsvCell(row.hyperparameters[i]));
        for (const json& value : row.metrics) cells.push_back(jsonCsvCell(value));
        out.push_back(std::move(cells));
    }
    return out;
}

HParamsTable hparamsTable(store::ExperimentStore& store, const std::vector<store::RunRecord>& runs, const MetricsAt& at) {
    HParamsTable table;
    table.at = at;
    std::map<int64_t, std::string> datasets;
    for (const store::DatasetRecord& d : store.listDatasets()) datasets[d.id] = d.name;
    const std::vector<BestResult> best = bestResults(store, runs);

    // The evaluations' steps first; then the metrics of only the one chosen per run.
    std::vector<int64_t> run_ids;
    for (const store::RunRecord& run : runs) run_ids.push_back(run.id);
    const std::map<int64_t, std::vector<store::EvaluationRecord>> steps = store.evaluationSteps(run_ids);
    // Every metric any evaluation logged is a column, whichever evaluation the mode picks.
    const std::set<std::string> metric_names = store.evaluationMetricNames(run_ids);
    std::vector<std::map<std::string, json>> settings;
    std::vector<const store::EvaluationRecord*> chosen;
    std::vector<int64_t> chosen_ids;
    std::set<std::string> setting_names;
    static const std::vector<store::EvaluationRecord> kNone;
    for (size_t r = 0; r < runs.size(); ++r) {
        settings.push_back(hyperparametersOf(runs[r], datasets));
        for (const auto& [name, value] : settings.back()) setting_names.insert(name);
        const auto found = steps.find(runs[r].id);
        chosen.push_back(chosenEvaluation(found == steps.end() ? kNone : found->second, at, best[r]));
        if (chosen.back()) chosen_ids.push_back(chosen.back()->id);
    }
    const std::map<int64_t, json> chosen_metrics = store.evaluationMetrics(chosen_ids);

    const std::vector<std::string> setting_order = columnOrder(setting_names);
    table.rows.resize(runs.size());
    for (size_t r = 0; r < runs.size(); ++r) {
        HParamsRow& row = table.rows[r];
        row.run_id = runs[r].id;
        row.name = runs[r].name;
        row.status = std::string(store::runStatusName(runs[r].status));
        if (chosen[r]) {
            row.step = chosen[r]->step;
            row.epoch = chosen[r]->epoch;
        }
        for (const std::string& name : setting_order) {
            const auto found = settings[r].find(name);
            row.hyperparameters.push_back(found == settings[r].end() ? json() : found->second);
        }
        const json* metrics = nullptr;
        if (chosen[r])
            if (const auto found = chosen_metrics.find(chosen[r]->id); found != chosen_metrics.end()) metrics = &found->second;
        for (const std::string& name : metric_names)
            row.metrics.push_back(metrics && metrics->contains(name) ? (*metrics)[name] : json());
    }
    auto column = [&](size_t c, const std::string& name, bool hyperparameter) {
        std::vector<json> values;
        for (const HParamsRow& row : table.rows) values.push_back(hyperparameter ? row.hyperparameters[c] : row.metrics[c]);
        HParamsColumn column{name, allNumbers(values), false};
        if (hyperparameter)
            column.differs = std::any_of(values.begin(), values.end(), [&](const json& v) { return v != values.front(); });
        return column;
    };
    for (size_t c = 0; c < setting_order.size(); ++c) table.hyperparameters.push_back(column(c, setting_order[c], true));
    size_t c = 0;
    for (const std::string& name : metric_names) table.metrics.push_back(column(c++, name, false));
    return table;
}

}  // namespace bw::train
