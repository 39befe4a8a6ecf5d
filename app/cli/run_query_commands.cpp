// bertwork-cli runs ...: what the experiment store holds about runs, as JSON lines or CSV. Torch-free:
// the one binary bertwork-cli runs itself (see main.cpp).
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"

#include "core/runtime/error.h"
#include "core/store/experiment_store.h"
#include "core/store/run_tags.h"
#include "core/train/hparams_table.h"
#include "core/train/run_comparison.h"
#include "core/train/run_summary.h"
#include "core/train/runs_csv.h"
#include "core/train/training_args.h"
#include "core/train/training_job.h"

#include <algorithm>
#include <charconv>
#include <iostream>
#include <sstream>

namespace bw::cli {
namespace {

// Rows of flat JSON objects as JSON lines, or as CSV with the given columns.
void printRows(const std::vector<nlohmann::json>& rows, const std::vector<std::string>& columns, const std::string& format) {
    if (format == "json") {
        for (const auto& row : rows) printJsonLine(row);
        return;
    }
    printCsvLine(columns);
    for (const auto& row : rows) {
        std::vector<nlohmann::json> cells;
        for (const std::string& column : columns) cells.push_back(row.contains(column) ? row[column] : nlohmann::json());
        printCsvLine(cells);
    }
}

// A cell of `runs hparams --format table`: numbers to six significant digits (csv and json keep
// every digit), text as it is.
std::string tableCell(const nlohmann::json& value) {
    if (value.is_number_float()) {
        char text[32];
        const auto end = std::to_chars(text, text + sizeof text, value.get<double>(), std::chars_format::general, 6).ptr;
        return std::string(text, end);
    }
    return train::jsonCsvCell(value);
}

// Columns padded to their widest cell, two spaces apart; the last one unpadded.
void printTable(const std::vector<std::vector<std::string>>& lines) {
    std::vector<size_t> widths;
    for (const auto& line : lines)
        for (size_t c = 0; c < line.size(); ++c) {
            if (widths.size() <= c) widths.push_back(0);
            widths[c] = std::max(widths[c], line[c].size());
        }
    for (const auto& line : lines) {
        std::string text;
        for (size_t c = 0; c < line.size(); ++c)
            text += c + 1 < line.size() ? line[c] + std::string(widths[c] - line[c].size() + 2, ' ') : line[c];
        std::cout << text << '\n';
    }
}

// `runs hparams --format table`: the run, the step its metrics come from, the hyperparameters that
// differ between the runs and every metric; a note says how many settings are the same in all.
void printHParamsTable(const train::HParamsTable& table) {
    std::vector<std::string> header = {"id", "name", "status", "step"};
    std::vector<size_t> shown;
    for (size_t i = 0; i < table.hyperparameters.size(); ++i)
        if (table.hyperparameters[i].differs) {
            shown.push_back(i);
            header.push_back(table.hyperparameters[i].name);
        }
    for (const auto& metric : table.metrics) header.push_back(metric.name);
    std::vector<std::vector<std::string>> lines = {header};
    for (const train::HParamsRow& row : table.rows) {
        std::vector<std::string> line = {std::to_string(row.run_id), row.name, row.status,
                                         row.step ? std::to_string(*row.step) : std::string("-")};
        for (size_t i : shown) line.push_back(tableCell(row.hyperparameters[i]));
        for (const auto& value : row.metrics) line.push_back(value.is_null() ? "-" : tableCell(value));
        lines.push_back(std::move(line));
    }
    printTable(lines);
    const size_t same = table.hyperparameters.size() - shown.size();
    std::cout << "metrics at " << table.at.name() << "; " << same
              << " setting(s) the same in every run are not shown (--format csv or json has them)\n";
}

store::RunRecord requireRun(store::ExperimentStore& store, int64_t id) {
    auto run = store.getRun(id);
    if (!run) throw Error(store.path().string() + ": no run " + std::to_string(id));
    return *run;
}

}  // namespace

void registerRunQueryCommands(CLI::App& app) {
    struct Options {
        std::string db, format = "json", transformers = "5";
        std::optional<std::string> metric, new_name, notes, tags;
        int64_t run = 0;
        std::vector<int64_t> runs;
    };
    auto o = std::make_shared<Options>();
    // Every runs command reads or edits what is there: a mistyped --db must not create a store.
    auto open = [o] { return store::ExperimentStore::open(o->db, store::StoreOptions::existingOnly()); };

    CLI::App* runs = app.add_subcommand("runs", "List, show, compare and edit runs in the experiment store");
    runs->fallthrough();  // "runs --db F list --format csv" works as well as "runs --db F --format csv list"
    runs->add_option("--db", o->db, "Experiment store")->required();
    runs->add_option("--format", o->format, "json (lines) or csv")->check(CLI::IsMember({"json", "csv"}));
    runs->require_subcommand(1);

    runs->add_subcommand("list", "Every run, newest first")->callback([o, open] {
        auto store = open();
        const std::vector<train::RunSummary> summaries = train::summarizeRuns(store);
        if (o->format == "json") {
            for (const auto& summary : summaries) printJsonLine(summary.toJson());
            return;
        }
        printCsvLine(train::runsCsvHeader());  // the Runs page exports the same columns
        for (const auto& summary : summaries) printCsvLine(train::runsCsvRow(summary));
    });

    CLI::App* show = runs->add_subcommand("show", "One run: config, evaluations, checkpoints, artifacts, training sessions");
    show->add_option("id", o->run)->required();
    show->callback([o, open] {
        auto store = open();
        printJsonLine(train::runDetailsJson(store, requireRun(store, o->run)));
    });

    CLI::App* metrics = runs->add_subcommand("metrics", "A run's curves (train/loss, eval/accuracy, ...)");
    metrics->add_option("id", o->run)->required();
    metrics->add_option("--name", o->metric, "Only this metric");
    metrics->callback([o, open] {
        auto store = open();
        requireRun(store, o->run);
        std::vector<nlohmann::json> rows;
        for (const auto& p : store.metrics(o->run, o->metric)) rows.push_back(p.toJson());
        printRows(rows, {"step", "epoch", "name", "value", "wall_time"}, o->format);
    });

    CLI::App* compare = runs->add_subcommand("compare", "Config differences and final metrics side by side");
    compare->add_option("ids", o->runs)->required()->expected(2, -1);
    compare->callback([o, open] {
        auto store = open();
        std::vector<store::RunRecord> compared;
        for (int64_t id : o->runs) compared.push_back(requireRun(store, id));
        const nlohmann::json result = train::compareRuns(store, compared);
        if (o->format == "json") return printJsonLine(result);
        std::vector<nlohmann::json> rows;
        std::vector<std::string> columns = {"key"};
        for (int64_t id : o->runs) columns.push_back("run " + std::to_string(id));
        for (const char* section : {"config_diff", "metrics"})
            for (const auto& [key, values] : result[section].items()) {
                nlohmann::json row = {{"key", key}};
                for (size_t i = 0; i < values.size(); ++i) row[columns[i + 1]] = values[i];
                rows.push_back(row);
            }
        printRows(rows, columns, "csv");
    });

    // TensorBoard's HParams: every run's settings and metrics side by side (core/train/hparams_table.h).
    struct HParamsOptions {
        std::string at = "best", format = "table";
        std::vector<int64_t> runs;
        bool differing = false;
    };
    auto h = std::make_shared<HParamsOptions>();
    CLI::App* hparams = runs->add_subcommand("hparams", "Hyperparameters and metrics of runs side by side (TensorBoard's HParams)");
    hparams->add_option("--runs", h->runs, "These runs, in this order (default: every run, newest first)")->delimiter(',');
    hparams->add_option("--at", h->at, "Metrics of the best checkpoint (best, the default), the last evaluation (last), "
                                       "or the evaluation at a step or the last one before it (a step number)");
    CLI::Option* own_format = hparams->add_option("--format", h->format, "table (default), csv or json")
                                  ->check(CLI::IsMember({"table", "csv", "json"}));
    hparams->add_flag("--differing", h->differing, "csv: only the hyperparameters that differ between the runs");
    CLI::Option* runs_format = runs->get_option("--format");
    hparams->callback([o, h, open, own_format, runs_format] {
        const train::MetricsAt at = train::MetricsAt::parse(h->at);  // a bad --at fails before the store opens
        // `runs --format csv hparams` means csv as it does for the other runs commands.
        const std::string format = own_format->count() == 0 && runs_format->count() > 0 ? o->format : h->format;
        auto store = open();
        std::vector<store::RunRecord> chosen;
        if (h->runs.empty()) chosen = store.listRuns();
        for (int64_t id : h->runs) chosen.push_back(requireRun(store, id));
        const train::HParamsTable table = train::hparamsTable(store, chosen, at);
        if (format == "json") return printJsonLine(table.toJson());
        if (format == "table") return printHParamsTable(table);
        printCsvLine(table.csvHeader(h->differing));
        for (const auto& row : table.csvRows(h->differing)) printCsvLine(row);
    });

    CLI::App* update = runs->add_subcommand("update", "Rename, annotate or tag a run");
    update->add_option("id", o->run)->required();
    update->add_option("--name,--run-name", o->new_name, "The run's new name (--run-name, as train spells it, works too)");
    update->add_option("--notes", o->notes);
    update->add_option("--tags", o->tags, "Comma-separated tags (replaces the run's tags)");
    update->callback([o, open] {
        auto store = open();
        requireRun(store, o->run);
        store::RunUpdate change{o->new_name, o->notes, std::nullopt};
        if (o->tags) change.tags = store::parseRunTags(*o->tags);
        store.updateRun(o->run, change);
        printJsonLine(train::summarizeRun(store, requireRun(store, o->run)).toJson());
    });

    CLI::App* args = runs->add_subcommand("training-args", "A run's settings as JSON for Hugging Face's TrainingArguments(**json)");
    args->add_option("id", o->run)->required();
    args->add_option("--transformers", o->transformers, "Spell them for this transformers version: 5 (default) or 4")
        ->check(generationCheck());
    args->callback([o, open] {
        auto store = open();
        const store::RunRecord run = requireRun(store, o->run);
        const train::TrainingArguments settings = train::TrainingRequest::fromJson(run.config).args;
        printJsonLine(settings.toHuggingFaceJson(*parseTransformersGeneration(o->transformers)));
    });

    CLI::App* remove = runs->add_subcommand("delete", "Delete a run and its curves (checkpoint files stay on disk)");
    remove->add_option("id", o->run)->required();
    remove->callback([o, open] {
        auto store = open();
        requireRun(store, o->run);
        store.deleteRun(o->run);
        printJsonLine({{"deleted", o->run}});
    });
}

}  // namespace bw::cli
