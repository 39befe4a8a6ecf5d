// ExperimentStore's error analyses: a checkpoint's predictions on every row of a split, with the
// metrics of that pass. Each row keeps its own text, so an analysis outlives its split.
#include "core/store/experiment_store.h"

#include "core/store/store_clock.h"
#include "core/store/store_json.h"
#include "core/store/store_row_readers.h"

#include <cmath>
#include <cstdio>
#include <string>

namespace bw::store {

using nlohmann::json;

namespace {

// Seven significant digits (a float's precision): "0.1", not the double nearest 0.1f.
json compactNumbers(const std::vector<float>& values) {
    json list = json::array();
    for (float v : values) {
        if (!std::isfinite(v)) {
            list.push_back(nullptr);
            continue;
        }
        char text[32];
        std::snprintf(text, sizeof text, "%.7g", static_cast<double>(v));
        list.push_back(std::stod(text));
    }
    return list;
}

}  // namespace

AnalysisRecord ExperimentStore::addAnalysis(const AnalysisRecord& analysis, const std::vector<AnalysisRow>& rows) {
    const std::string file = path().string();
    const auto label_count = static_cast<int64_t>(analysis.labels.size());
    const auto checkId = [&](int64_t id, int64_t row, const char* what) {
        if (id < 0 || id >= label_count)
            fail("analysis row " + std::to_string(row) + ": " + what + " " + std::to_string(id) + " is not one of the " +
                 std::to_string(label_count) + " labels");
    };
    for (const AnalysisRow& r : rows) {
        if (r.gold) checkId(*r.gold, r.row_index, "class");
        if (r.predicted) checkId(*r.predicted, r.row_index, "class");
        for (int32_t id : r.gold_ids) checkId(id, r.row_index, "label");
        for (int32_t id : r.predicted_ids) checkId(id, r.row_index, "label");
    }

    Transaction tx(*db_);
    requireRun(analysis.run_id);
    if (analysis.dataset_id) requireDataset(*analysis.dataset_id);
    requireSplit(analysis.split);
    AnalysisRecord stored = analysis;
    stored.created_at = utcTimestamp();
    stored.row_count = static_cast<int64_t>(rows.size());
    db_->prepare("INSERT INTO analyses (run, step, checkpoint, dataset, split, task, problem_type, labels, metrics, "
                 "details, row_count, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bindAll(stored.run_id, stored.step, stored.checkpoint, stored.dataset_id, stored.split, stored.task,
                 stored.problem_type, jsonColumnText(json(stored.labels), file, "the analysis labels"),
                 jsonColumnText(stored.metrics, file, "the analysis metrics"),
                 jsonColumnText(stored.details, file, "the analysis details"), stored.row_count, stored.created_at)
        .run();
    stored.id = db_->lastInsertId();

    auto insert = db_->prepare(
        "INSERT INTO analysis_rows (analysis, row_index, source_line, text, text_pair, words, gold, predicted, loss, "
        "confidence, scores, targets, gold_ids, predicted_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const AnalysisRow& r : rows) {
        const std::string where = "analysis row " + std::to_string(r.row_index);
        std::optional<std::string> words;
        if (!r.words.empty()) words = jsonColumnText(json(r.words), file, where + " words");
        insert.bindAll(stored.id, r.row_index, static_cast<int64_t>(r.source_line), r.text, r.text_pair, words, r.gold, r.predicted, r.loss, r.confidence,
                       compactNumbers(r.scores).dump(), compactNumbers(r.targets).dump(), json(r.gold_ids).dump(),
                       json(r.predicted_ids).dump());
        insert.run();
    }
    tx.commit();
    return stored;
}

std::vector<AnalysisRecord> ExperimentStore::analyses(int64_t run) {
    auto q = db_->prepare(selectColumns(kAnalysisColumns, "FROM analyses WHERE run = ? ORDER BY id"));
    q.bind(1, run);
    return readRows(q, path().string(), readAnalysis);
}

std::optional<AnalysisRecord> ExperimentStore::getAnalysis(int64_t id) {
    auto q = db_->prepare(selectColumns(kAnalysisColumns, "FROM analyses WHERE id = ?"));
    q.bind(1, id);
    return readFirstRow(q, path().string(), readAnalysis);
}

std::vector<AnalysisRow> ExperimentStore::analysisRows(int64_t analysis) {
    auto q = db_->prepare(selectColumns(kAnalysisRowColumns, "FROM analysis_rows WHERE analysis = ? ORDER BY row_index"));
    q.bind(1, analysis);
    return readRows(q, path().string(), readAnalysisRow);
}

void ExperimentStore::deleteAnalysis(int64_t id) {
    Transaction tx(*db_);
    if (!getAnalysis(id)) fail("no analysis with id " + std::to_string(id));
    db_->prepare("DELETE FROM analyses WHERE id = ?").bind(1, id).run();  // its rows go with it
    tx.commit();
}

std::set<int64_t> ExperimentStore::runsWithCheckpointsOrAnalyses() {
    auto q = db_->prepare("SELECT run FROM checkpoints UNION SELECT run FROM analyses");
    std::set<int64_t> runs;
    while (q.step()) runs.insert(q.int64At(0));
    return runs;
}

}  // namespace bw::store
