// bertwork-cli analyses ...: the error analyses in the store (`bertwork-cli analyse` makes them):
// list them, browse the rows a checkpoint gets wrong, a confusion-matrix cell's rows, the
// precision-recall and ROC curves of a binary task, the predictions as CSV. Torch-free.
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"

#include "core/runtime/error.h"
#include "core/store/experiment_store.h"
#include "core/train/error_analysis.h"

#include <algorithm>

namespace bw::cli {
namespace {

store::AnalysisRecord requireAnalysis(store::ExperimentStore& store, int64_t id) {
    auto analysis = store.getAnalysis(id);
    if (!analysis) throw Error(store.path().string() + ": no analysis " + std::to_string(id));
    return *analysis;
}

// A label given by name or by id.
int32_t labelId(const store::AnalysisRecord& analysis, const std::string& label) {
    const auto named = std::find(analysis.labels.begin(), analysis.labels.end(), label);
    if (named != analysis.labels.end()) return static_cast<int32_t>(named - analysis.labels.begin());
    const bool digits = !label.empty() && std::all_of(label.begin(), label.end(), [](unsigned char c) { return std::isdigit(c); });
    if (digits && std::stoll(label) < static_cast<long long>(analysis.labels.size())) return static_cast<int32_t>(std::stoll(label));
    std::string known;
    for (const std::string& name : analysis.labels) known += (known.empty() ? "" : ", ") + name;
    throw Error("analysis " + std::to_string(analysis.id) + " has no label '" + label + "' (it has " + known + ")");
}

nlohmann::json rowJson(const store::AnalysisRecord& analysis, const store::AnalysisRow& row) {
    nlohmann::json out = row.toJson();
    if (row.gold) out["gold"] = train::labelName(analysis, *row.gold);
    if (row.predicted) out["predicted"] = train::labelName(analysis, *row.predicted);
    if (analysis.task == "token-classification") {
        const train::EntityDiff diff = train::entityDiff(row, analysis.labels);
        const auto spans = [](const std::vector<train::EntitySpan>& list) {
            nlohmann::json json = nlohmann::json::array();
            for (const auto& s : list) json.push_back({{"type", s.type}, {"text", s.text}, {"start", s.start}, {"end", s.end}});
            return json;
        };
        out["missed"] = spans(diff.missed);
        out["invented"] = spans(diff.invented);
    }
    return out;
}

}  // namespace

void registerAnalysisCommands(CLI::App& app) {
    struct Options {
        std::string db, format = "json", sort = "loss", contains;
        std::optional<std::string> gold, predicted, positive;
        std::optional<int64_t> run;
        int64_t id = 0, limit = 0;
        bool ascending = false, descending = false, wrong = false;
    };
    auto o = std::make_shared<Options>();
    auto open = [o] { return store::ExperimentStore::open(o->db, store::StoreOptions::existingOnly()); };

    CLI::App* analyses = app.add_subcommand("analyses", "Browse the error analyses in the store (bertwork-cli analyse makes them)");
    analyses->fallthrough();
    analyses->add_option("--db", o->db, "Experiment store")->required();
    analyses->require_subcommand(1);

    CLI::App* list = analyses->add_subcommand("list", "The analyses of a run (JSON lines: metrics, confusion matrix, per class)");
    list->add_option("--run", o->run, "Run id")->required();
    list->callback([o, open] {
        auto store = open();
        if (!store.getRun(*o->run)) throw Error(o->db + ": no run " + std::to_string(*o->run));
        for (const auto& a : store.analyses(*o->run)) printJsonLine(a.toJson());
    });

    CLI::App* rows = analyses->add_subcommand("rows", "Rows of an analysis, worst first (JSON lines or CSV)");
    rows->add_option("id", o->id, "Analysis id")->required();
    rows->add_option("--sort", o->sort, "loss (default), confidence or row")->check(CLI::IsMember({"loss", "confidence", "row"}));
    // Loss and confidence come worst first, rows in split order: each order's useful default.
    CLI::Option* ascending = rows->add_flag("--ascending", o->ascending, "Lowest first (the default for --sort row)");
    rows->add_flag("--descending", o->descending, "Highest first (the default for loss and confidence)")->excludes(ascending);
    rows->add_flag("--wrong", o->wrong, "Only the rows the model gets wrong");
    rows->add_option("--gold", o->gold, "Only rows of this true label (name or id): with --predicted, a confusion-matrix cell");
    rows->add_option("--predicted", o->predicted, "Only rows predicted as this label (name or id)");
    rows->add_option("--contains", o->contains, "Only rows whose text contains this (any case)");
    rows->add_option("--limit", o->limit, "At most this many rows (0: all)")->check(CLI::NonNegativeNumber);
    rows->add_option("--format", o->format, "json (lines) or csv")->check(CLI::IsMember({"json", "csv"}));
    rows->callback([o, open] {
        auto store = open();
        const store::AnalysisRecord analysis = requireAnalysis(store, o->id);
        const std::vector<store::AnalysisRow> all = store.analysisRows(analysis.id);
        train::RowSelection selection;
        selection.wrong_only = o->wrong;
        if (o->gold) selection.gold = labelId(analysis, *o->gold);
        if (o->predicted) selection.predicted = labelId(analysis, *o->predicted);
        if ((o->gold || o->predicted) && analysis.task == "token-classification")
            throw Error("--gold and --predicted pick cells of a classification's confusion matrix; use --wrong for tags");
        selection.text = o->contains;
        selection.order = train::rowOrderFromName(o->sort);
        selection.descending = o->descending || (!o->ascending && o->sort != "row");
        std::vector<size_t> picked = train::selectRows(all, selection);
        if (o->limit > 0 && picked.size() > static_cast<size_t>(o->limit)) picked.resize(static_cast<size_t>(o->limit));
        if (o->format == "csv") {
            printCsvLine(train::analysisCsvHeader(analysis));
            for (size_t i : picked) printCsvLine(train::analysisCsvRow(analysis, all[i]));
            return;
        }
        for (size_t i : picked) printJsonLine(rowJson(analysis, all[i]));
    });

    CLI::App* curves = analyses->add_subcommand(
        "curves", "Precision-recall and ROC curves with their areas: the positive class against the rest");
    curves->add_option("id", o->id, "Analysis id")->required();
    curves->add_option("--positive", o->positive, "The class drawn against the others (name or id; default: id 1)");
    curves->callback([o, open] {
        auto store = open();
        const store::AnalysisRecord analysis = requireAnalysis(store, o->id);
        const int32_t positive = o->positive ? labelId(analysis, *o->positive) : 1;
        nlohmann::json out = train::binaryCurves(store.analysisRows(analysis.id), positive).toJson();
        out["analysis"] = analysis.id;
        out["positive_label"] = train::labelName(analysis, positive);
        printJsonLine(out);
    });

    CLI::App* remove = analyses->add_subcommand("delete", "Delete an analysis and its rows");
    remove->add_option("id", o->id, "Analysis id")->required();
    remove->callback([o, open] {
        auto store = open();
        store.deleteAnalysis(o->id);
        printJsonLine({{"deleted", o->id}});
    });
}

}  // namespace bw::cli
