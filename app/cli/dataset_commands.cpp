// bertwork-cli import / datasets / dataset-stats / dataset-rows / hold-out / return-to-train / delete-split /
// rename-labels: datasets into the experiment store and a look at what is there, one JSON line per answer (or per row).
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/terminal_progress.h"

#include "core/data/dataset_statistics.h"
#include "core/runtime/error.h"
#include "core/store/dataset_import.h"
#include "core/store/validation_hold_out.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <vector>

namespace bw::cli {
namespace {

namespace fs = std::filesystem;

struct ImportOptions {
    std::string db, name, input, split = "train";
    std::optional<std::string> format, label_column, join_separator, delimiter, quoting;
    std::string on_bad_lines = "error";
    std::vector<std::string> text_columns, text_pair_columns;  // several: joined, in this order
    std::vector<std::string> label_names;                      // LABEL=NAME each
    std::optional<double> validation_fraction;
    uint64_t seed = 42;
    bool replace = false;
};

// "LABEL=NAME" arguments (the label ends at the first '=').
data::LabelRenaming parseLabelNames(const std::vector<std::string>& arguments) {
    std::map<std::string, std::string> names;
    for (const std::string& argument : arguments) {
        const size_t equals = argument.find('=');
        if (equals == std::string::npos)
            throw Error("label name '" + argument + "': write it as LABEL=NAME, e.g. 1=World");
        const std::string label = argument.substr(0, equals);
        if (!names.emplace(label, argument.substr(equals + 1)).second)
            throw Error("label '" + label + "' is named twice");
    }
    return data::LabelRenaming(std::move(names));
}

void registerImport(CLI::App& app) {
    auto o = std::make_shared<ImportOptions>();
    CLI::App* cmd = app.add_subcommand("import", "Import a dataset file as a split of a named dataset (JSON summary)");
    cmd->add_option("--db", o->db, "Experiment store (SQLite file, created when missing)")->required();
    cmd->add_option("--name", o->name, "Dataset name (a new one, or an existing one to add a split to)")->required();
    cmd->add_option("--input", o->input, "CSV, TSV, JSONL, CoNLL or plain-text file")->required();
    cmd->add_option("--format", o->format, "csv, tsv, jsonl, conll or text (default: detected)");
    cmd->add_option("--delimiter", o->delimiter,
                    "CSV / TSV field delimiter: one character, or 'tab' (default: ',' for csv, a tab for tsv, detected)");
    cmd->add_option("--quoting", o->quoting,
                    "CSV / TSV quoted fields: auto (quoted in CSV, not in TSV, where quotes are usually text), rfc4180 "
                    "(quoted fields, doubled quotes, line breaks inside quotes) or none")
        ->check(CLI::IsMember({"auto", "rfc4180", "none"}));
    cmd->add_option("--on-bad-lines", o->on_bad_lines,
                    "A malformed row (wrong number of fields, a line that is not a JSON object, a CoNLL sentence with "
                    "a short line): error (refuse the file, the default) or skip (import the rest; the summary "
                    "counts and lists them)")
        ->check(CLI::IsMember({"error", "skip"}));
    // One value per flag, so that "--text-column title --text-column description" joins the two.
    cmd->add_option("--text-column", o->text_columns,
                    "Column of the text (name or 0-based index); repeat it to join several columns")
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    cmd->add_option("--text-pair-column", o->text_pair_columns,
                    "Column of the second text of a pair; repeat it to join several columns")
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    cmd->add_option("--join-separator", o->join_separator,
                    "Put between joined columns (default: a space); empty cells are left out");
    cmd->add_option("--label-column", o->label_column, "Column of the label");
    cmd->add_option("--split", o->split, "Split the file becomes (default: train)")
        ->check(CLI::IsMember({"train", "validation", "test"}));
    cmd->add_option("--validation-fraction", o->validation_fraction,
                    "Hold out this share of a train file as the validation split (stratified by label)");
    cmd->add_option("--seed", o->seed, "Seed of the validation split (default: 42)");
    cmd->add_flag("--replace", o->replace, "Replace the split's rows when the dataset already has that split");
    cmd->add_option("--label-name", o->label_names,
                    "LABEL=NAME: store the label under this name (repeat it for each label: 1=World 2=Sports ...); "
                    "the dataset's later splits are renamed the same way")
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);

    cmd->callback([o] {
        store::ImportRequest request;
        request.input = o->input;
        request.name = o->name;
        if (o->format) {
            const auto format = data::parseFormat(*o->format);
            if (!format) throw Error("unknown format '" + *o->format + "' (expected csv, tsv, jsonl, conll or text)");
            request.format = *format;
        }
        if (o->delimiter) {
            if (*o->delimiter == "tab" || *o->delimiter == "\\t") o->delimiter = "\t";
            if (o->delimiter->size() != 1) throw Error("--delimiter is one character (or 'tab'), not '" + *o->delimiter + "'");
            request.delimiter = o->delimiter->front();
        }
        if (o->quoting) request.quoting = *data::parseQuoting(*o->quoting);
        if (!o->text_columns.empty()) {
            request.mapping.text = o->text_columns.front();
            request.mapping.text_joined.assign(o->text_columns.begin() + 1, o->text_columns.end());
        }
        if (!o->text_pair_columns.empty()) {
            request.mapping.text_pair = o->text_pair_columns.front();
            request.mapping.text_pair_joined.assign(o->text_pair_columns.begin() + 1, o->text_pair_columns.end());
        }
        if (o->join_separator) {
            if (!data::joinsColumns(request.mapping))
                throw Error("--join-separator joins columns: give --text-column (or --text-pair-column) more than once");
            request.mapping.join_separator = *o->join_separator;
        }
        request.mapping.label = o->label_column;
        request.split = o->split;
        request.validation_fraction = o->validation_fraction;
        request.seed = o->seed;
        request.replace = o->replace;
        request.label_names = parseLabelNames(o->label_names);
        request.skip_bad_rows = o->on_bad_lines == "skip";
        TerminalProgress progress("importing " + fs::path(o->input).filename().string());
        request.progress = std::ref(progress);
        auto store = store::ExperimentStore::open(o->db);
        store::ImportSummary summary;
        try {
            summary = store::importDataset(store, request);
        } catch (const data::BadRowError& e) {
            throw Error(std::string(e.what()) + " (--on-bad-lines skip imports the file without its malformed rows)");
        }
        progress.finish();
        if (summary.skipped.count > 0)
            printNotice("skipped " + std::to_string(summary.skipped.count) + " malformed row" +
                        (summary.skipped.count == 1 ? "" : "s") + "; the first: " + summary.skipped.first.front());
        printJsonLine(summary.toJson());
    });
}

void registerDatasets(CLI::App& app) {
    auto db = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand("datasets", "List the datasets of a store (one JSON line each)");
    cmd->add_option("--db", *db, "Experiment store (SQLite file)")->required();
    cmd->callback([db] {
        auto store = openExistingStore(*db);
        for (const store::DatasetRecord& d : store.listDatasets()) {
            nlohmann::json sources = nlohmann::json::array();
            for (const store::DatasetSource& s : store.sources(d.id)) sources.push_back(s.toJson());
            printJsonLine({{"name", d.name},
                           {"task_kind", d.task_kind},
                           {"format", d.format},
                           {"rows", d.row_counts},
                           {"labels", d.label_set},
                           {"columns", d.columns},
                           {"created_at", d.created_at},
                           {"sources", sources}});
        }
    });
}

struct StatsOptions {
    std::string db, name, model_dir, split = "train";
    int max_length = 128;
};

void registerDatasetStats(CLI::App& app) {
    auto o = std::make_shared<StatsOptions>();
    CLI::App* cmd = app.add_subcommand("dataset-stats", "A split through a model's tokenizer: lengths, truncation, "
                                                        "[UNK] rate, labels, duplicates (JSON)");
    cmd->add_option("--db", o->db, "Experiment store (SQLite file)")->required();
    cmd->add_option("--name", o->name, "Dataset name")->required();
    cmd->add_option("--model", o->model_dir, "Hugging Face model directory (its tokenizer is used)")->required();
    cmd->add_option("--max-length", o->max_length, "Truncation length the figures are about (default: 128)")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--split", o->split, "Split to describe (default: train)")
        ->check(CLI::IsMember({"train", "validation", "test"}));
    cmd->callback([o] {
        const text::BertTokenizer tokenizer = text::BertTokenizer::fromDirectory(o->model_dir);
        auto store = openExistingStore(o->db);
        const store::DatasetRecord dataset = findDataset(store, o->name);
        const std::vector<data::Example> rows = store.loadRows(dataset.id, o->split);
        if (rows.empty())
            throw Error(store.path().string() + ": dataset '" + o->name + "' has no " + o->split + " rows");
        nlohmann::json stats = data::computeStatistics(rows, tokenizer, o->max_length).toJson();
        stats["dataset"] = dataset.name;
        stats["split"] = o->split;
        printJsonLine(stats);
    });
}

// A browsed row as `dataset-rows` prints it: its place in the split (from 0, as `analyses rows`), the
// line of its file, and the fields its kind of dataset has.
nlohmann::json browsedRowJson(const store::BrowsedRow& row, bool corpus) {
    const data::Example& e = row.example;
    nlohmann::json j = {{"row", row.number}, {"line", e.source_line}, {"text", e.text}};
    if (e.text_pair) j["text_pair"] = *e.text_pair;
    if (!e.label.empty()) j["label"] = e.label;
    if (!e.words.empty()) j["words"] = e.words;
    if (!e.tags.empty()) j["tags"] = e.tags;
    if (corpus) j["document"] = e.document;
    return j;
}

void registerDatasetRows(CLI::App& app) {
    struct Options {
        std::string db, name, split = "train", format = "json", sort = "split";
        store::DatasetRowFilter filter;
        int64_t offset = 0, limit = 20;
        bool count = false;
    };
    auto o = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("dataset-rows", "A split's rows, filtered (one JSON line per row, or CSV; "
                                                       "--count: how many match)");
    cmd->add_option("--db", o->db, "Experiment store (SQLite file)")->required();
    cmd->add_option("--name", o->name, "Dataset name")->required();
    cmd->add_option("--split", o->split, "Split to read (default: train)")
        ->check(CLI::IsMember({"train", "validation", "test"}));
    cmd->add_option("--contains", o->filter.contains,
                    "Only rows whose text or second text contains this (ASCII letters in either case)");
    cmd->add_option("--label", o->filter.label,
                    "Only rows with this label, or with it among a multi-label row's comma-separated labels (a tagging "
                    "dataset: with this tag)");
    cmd->add_option("--sort", o->sort,
                    "split (the split's order, default), shortest or longest (characters of the text and its pair)")
        ->check(CLI::IsMember({"split", "shortest", "longest"}));
    cmd->add_option("--offset", o->offset, "Skip this many matching rows first (default: 0)")->check(CLI::NonNegativeNumber);
    cmd->add_option("--limit", o->limit, "At most this many rows (default: 20; 0: all)")->check(CLI::NonNegativeNumber);
    cmd->add_option("--format", o->format, "json (lines) or csv")->check(CLI::IsMember({"json", "csv"}));
    cmd->add_flag("--count", o->count, "Print {\"rows\": N, \"matching\": M} instead of the rows");
    cmd->callback([o] {
        auto store = openExistingStore(o->db);
        const store::DatasetRecord dataset = findDataset(store, o->name);
        if (o->count) {
            const auto total = dataset.row_counts.count(o->split) ? dataset.row_counts.at(o->split) : 0;
            printJsonLine({{"dataset", dataset.name}, {"split", o->split}, {"rows", total},
                           {"matching", store.countRows(dataset.id, o->split, o->filter)}});
            return;
        }
        if (o->format == "csv") printCsvLine(std::vector<std::string>{"row", "line", "text", "text_pair", "label", "tags"});
        const store::DatasetRowOrder order = o->sort == "shortest"  ? store::DatasetRowOrder::ShortestFirst
                                             : o->sort == "longest" ? store::DatasetRowOrder::LongestFirst
                                                                    : store::DatasetRowOrder::Split;
        // By length every page reads the whole split: pages as long as the rows asked for.
        const int kPage = order == store::DatasetRowOrder::Split || o->limit == 0
                              ? 1000
                              : static_cast<int>(std::min<int64_t>(o->offset + o->limit, 100000));
        store::DatasetRowCursor cursor;
        int64_t skip = o->offset, printed = 0;
        for (;;) {
            const store::DatasetRowPage page = store.findRows(dataset.id, o->split, o->filter, cursor, kPage, order);
            for (const store::BrowsedRow& row : page.rows) {
                if (skip > 0) {
                    --skip;
                    continue;
                }
                if (o->limit > 0 && printed == o->limit) return;
                ++printed;
                if (o->format == "json") {
                    printJsonLine(browsedRowJson(row, dataset.task_kind == "corpus"));
                    continue;
                }
                std::string tags;
                for (const std::string& tag : row.example.tags) tags += (tags.empty() ? "" : " ") + tag;
                printCsvLine(std::vector<std::string>{std::to_string(row.number), std::to_string(row.example.source_line),
                                                      row.example.text, row.example.text_pair.value_or(""),
                                                      row.example.label, tags});
            }
            if (page.at_end) return;
            cursor = page.next;
        }
    });
}

void registerHoldOut(CLI::App& app) {
    struct Options {
        std::string db, name;
        double fraction = 0.1;
        uint64_t seed = 42;
    };
    auto o = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("hold-out", "Move a stratified share of a dataset's train rows into a new "
                                                   "validation split (JSON summary)");
    cmd->add_option("--db", o->db, "Experiment store (SQLite file)")->required();
    cmd->add_option("--name", o->name, "Dataset name")->required();
    cmd->add_option("--fraction", o->fraction, "Share of the train rows held out (default: 0.1)");
    cmd->add_option("--seed", o->seed, "Seed of the stratified split (default: 42)");
    cmd->callback([o] {
        auto store = store::ExperimentStore::open(o->db, store::StoreOptions::existingOnly());
        const store::DatasetRecord dataset = findDataset(store, o->name);
        const store::HoldOutSummary summary = store::holdOutValidation(store, {dataset.id, o->fraction, o->seed});
        printJsonLine({{"dataset", dataset.name}, {"fraction", o->fraction}, {"seed", o->seed},
                       {"rows", {{"train", summary.train_rows}, {"validation", summary.validation_rows}}}});
    });
}

void registerRenameLabels(CLI::App& app) {
    struct Options {
        std::string db, name;
        std::vector<std::string> names;
    };
    auto o = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("rename-labels", "Give a sequence dataset's labels names (JSON summary): its rows, "
                                                        "its label set and the splits imported later");
    cmd->add_option("--db", o->db, "Experiment store (SQLite file)")->required();
    cmd->add_option("--name", o->name, "Dataset name")->required();
    cmd->add_option("names", o->names, "LABEL=NAME for each label to rename (1=World 2=Sports ...)")->required();
    cmd->callback([o] {
        auto store = openExistingStore(o->db);
        const store::DatasetRecord dataset = findDataset(store, o->name);
        const store::DatasetRecord renamed = store.renameLabels(dataset.id, parseLabelNames(o->names));
        printJsonLine({{"dataset", renamed.name}, {"labels", renamed.label_set},
                       {"label_names", renamed.columns.value("label_names", nlohmann::json::object())}});
    });
}

void registerDeleteSplit(CLI::App& app) {
    auto o = std::make_shared<StatsOptions>();
    CLI::App* cmd = app.add_subcommand("delete-split", "Remove one split of a dataset (its other splits stay)");
    cmd->add_option("--db", o->db, "Experiment store (SQLite file)")->required();
    cmd->add_option("--name", o->name, "Dataset name")->required();
    cmd->add_option("--split", o->split, "train, validation or test")
        ->required()
        ->check(CLI::IsMember({"train", "validation", "test"}));
    cmd->callback([o] {
        auto store = openExistingStore(o->db);
        const store::DatasetRecord dataset = findDataset(store, o->name);
        if (!dataset.row_counts.count(o->split) || dataset.row_counts.at(o->split) == 0)
            throw Error(store.path().string() + ": dataset '" + o->name + "' has no " + o->split + " split");
        const int64_t removed = store.deleteSplit(dataset.id, o->split);
        printJsonLine({{"dataset", o->name}, {"split", o->split}, {"rows_removed", removed},
                       {"total_rows", store.getDataset(dataset.id)->row_counts}});
    });
}

void registerReturnToTrain(CLI::App& app) {
    auto o = std::make_shared<StatsOptions>();
    o->split = "validation";
    CLI::App* cmd = app.add_subcommand("return-to-train", "Move a split's rows back into train, in the file's order "
                                                          "after a hold-out (undoes hold-out; JSON summary)");
    cmd->add_option("--db", o->db, "Experiment store (SQLite file)")->required();
    cmd->add_option("--name", o->name, "Dataset name")->required();
    cmd->add_option("--split", o->split, "The split whose rows go back (default: validation)")
        ->check(CLI::IsMember({"validation", "test"}));
    cmd->callback([o] {
        auto store = openExistingStore(o->db);
        const store::DatasetRecord dataset = findDataset(store, o->name);
        const store::HoldOutSummary moved = store::returnToTrain(store, dataset.id, o->split);
        printJsonLine({{"dataset", o->name}, {"split", o->split}, {"rows_returned", moved.validation_rows},
                       {"total_rows", store.getDataset(dataset.id)->row_counts}});
    });
}

}  // namespace

void registerDatasetCommands(CLI::App& app) {
    registerImport(app);
    registerDeleteSplit(app);
    registerRenameLabels(app);
    registerDatasets(app);
    registerDatasetStats(app);
    registerDatasetRows(app);
    registerHoldOut(app);
    registerReturnToTrain(app);
}

}  // namespace bw::cli
