#include "core/store/store_row_readers.h"

#include "core/runtime/error.h"
#include "core/store/store_json.h"

namespace bw::store {

std::string selectColumns(const char* columns, const std::string& rest) { return std::string("SELECT ") + columns + " " + rest; }

int StoreRow::index(std::string_view column) const {
    if (const auto known = indexes_.find(column); known != indexes_.end()) return known->second;
    const int i = q_.columnIndex(column);
    if (i < 0) throw Error(file_ + ": internal error: the query does not select the column '" + std::string(column) + "'");
    indexes_.emplace(std::string(column), i);
    return i;
}

bool StoreRow::isNull(std::string_view column) const { return q_.isNull(index(column)); }
int64_t StoreRow::int64(std::string_view column) const { return q_.int64At(index(column)); }
double StoreRow::real(std::string_view column) const { return q_.doubleAt(index(column)); }
std::string StoreRow::text(std::string_view column) const { return q_.textAt(index(column)); }
std::optional<int64_t> StoreRow::optionalInt64(std::string_view column) const { return q_.optionalInt64At(index(column)); }
std::optional<double> StoreRow::optionalReal(std::string_view column) const { return q_.optionalDoubleAt(index(column)); }
std::optional<std::string> StoreRow::optionalText(std::string_view column) const { return q_.optionalTextAt(index(column)); }

nlohmann::json StoreRow::json(std::string_view column, const std::string& what) const {
    return parseJsonColumn(text(column), file_, what);
}

std::vector<std::string> StoreRow::stringList(std::string_view column, const std::string& what) const {
    return parseStringListColumn(text(column), file_, what);
}

DatasetRecord readDataset(const StoreRow& row) {
    DatasetRecord d;
    d.id = row.int64("id");
    d.name = row.text("name");
    d.task_kind = row.text("task_kind");
    d.format = row.text("format");
    const std::string what = "dataset '" + d.name + "'";
    d.columns = row.json("columns", what + " columns");
    d.label_set = row.stringList("label_set", what + " label set");
    d.created_at = row.text("created_at");
    return d;
}

DatasetSource readSource(const StoreRow& row) {
    DatasetSource s;
    s.id = row.int64("id");
    s.dataset_id = row.int64("dataset");
    s.split = row.text("split");
    s.path = row.text("path");
    s.content_hash = row.text("content_hash");
    s.format = row.text("format");
    s.row_count = row.int64("row_count");
    s.skipped_rows = row.int64("skipped_rows");
    s.rows_hash = row.text("rows_hash");
    s.imported_at = row.text("imported_at");
    return s;
}

RunRecord readRun(const StoreRow& row) {
    RunRecord r;
    r.id = row.int64("id");
    const std::string what = "run " + std::to_string(r.id);
    r.name = row.text("name");
    r.task = row.text("task");
    r.base_model = row.text("base_model");
    r.config = row.json("config", what + " config");
    r.seed = row.int64("seed");
    const std::string status = row.text("status");
    if (const auto parsed = parseRunStatus(status)) r.status = *parsed;
    else throw Error(row.file() + ": the store file is damaged (" + what + " has status '" + status + "')");
    r.created_at = row.text("created_at");
    r.started_at = row.text("started_at");
    r.finished_at = row.text("finished_at");
    r.versions = row.json("versions", what + " versions");
    r.data_hashes = row.json("data_hashes", what + " data hashes");
    r.notes = row.text("notes");
    r.tags = row.stringList("tags", what + " tags");
    r.pid = row.int64("pid");
    r.host = row.text("host");
    r.output_dir = row.text("output_dir");
    r.error_message = row.text("error_message");
    r.dataset_id = row.optionalInt64("dataset");
    return r;
}

RunSession readSession(const StoreRow& row) {
    RunSession s;
    s.started_at = row.real("started_at");
    s.ended_at = row.optionalReal("ended_at");
    return s;
}

MetricPoint readMetric(const StoreRow& row) {
    return {row.int64("run"), row.int64("step"), row.real("epoch"), row.text("name"), row.real("value"), row.real("wall_time")};
}

EvaluationRecord readEvaluationStep(const StoreRow& row) {
    EvaluationRecord e;
    e.id = row.int64("id");
    e.run_id = row.int64("run");
    e.step = row.int64("step");
    e.epoch = row.real("epoch");
    e.split = row.text("split");
    e.created_at = row.text("created_at");
    return e;
}

EvaluationRecord readEvaluation(const StoreRow& row) {
    EvaluationRecord e = readEvaluationStep(row);
    const std::string what = "evaluation " + std::to_string(e.id);
    e.metrics = row.json("metrics", what + " metrics");
    e.confusion = row.json("confusion", what + " confusion matrix");
    e.per_class = row.json("per_class", what + " per-class metrics");
    return e;
}

AnalysisRecord readAnalysis(const StoreRow& row) {
    AnalysisRecord a;
    a.id = row.int64("id");
    a.run_id = row.int64("run");
    a.step = row.int64("step");
    a.checkpoint = row.text("checkpoint");
    a.dataset_id = row.optionalInt64("dataset");
    a.split = row.text("split");
    a.task = row.text("task");
    a.problem_type = row.text("problem_type");
    const std::string what = "analysis " + std::to_string(a.id);
    a.labels = row.stringList("labels", what + " labels");
    a.metrics = row.json("metrics", what + " metrics");
    a.details = row.json("details", what + " details");
    a.row_count = row.int64("row_count");
    a.created_at = row.text("created_at");
    return a;
}

namespace {

template <typename Number>
std::vector<Number> numberList(const StoreRow& row, std::string_view column, const std::string& what) {
    const nlohmann::json list = row.json(column, what);
    std::vector<Number> out;
    if (!list.is_array()) throw Error(row.file() + ": " + what + " is not a list");
    for (const auto& v : list) {
        if (!v.is_number()) throw Error(row.file() + ": " + what + " holds " + v.dump() + ", not a number");
        out.push_back(v.get<Number>());
    }
    return out;
}

std::optional<int32_t> optionalInt32(const StoreRow& row, std::string_view column) {
    const std::optional<int64_t> v = row.optionalInt64(column);
    return v ? std::optional<int32_t>(static_cast<int32_t>(*v)) : std::nullopt;
}

}  // namespace

AnalysisRow readAnalysisRow(const StoreRow& row) {
    AnalysisRow r;
    r.row_index = row.int64("row_index");
    r.source_line = static_cast<uint64_t>(row.int64("source_line"));
    const std::string what = "analysis row " + std::to_string(r.row_index);
    r.text = row.text("text");
    r.text_pair = row.optionalText("text_pair");
    if (!row.isNull("words")) r.words = row.stringList("words", what + " words");
    r.gold = optionalInt32(row, "gold");
    r.predicted = optionalInt32(row, "predicted");
    r.loss = row.real("loss");
    r.confidence = row.real("confidence");
    r.scores = numberList<float>(row, "scores", what + " scores");
    r.targets = numberList<float>(row, "targets", what + " targets");
    r.gold_ids = numberList<int32_t>(row, "gold_ids", what + " gold ids");
    r.predicted_ids = numberList<int32_t>(row, "predicted_ids", what + " predicted ids");
    return r;
}

CheckpointRecord readCheckpoint(const StoreRow& row) {
    CheckpointRecord c;
    c.id = row.int64("id");
    c.run_id = row.int64("run");
    c.step = row.int64("step");
    c.path = row.text("path");
    c.metric_value = row.optionalReal("metric_value");
    c.is_best = row.int64("is_best") != 0;
    c.created_at = row.text("created_at");
    return c;
}

ArtifactRecord readArtifact(const StoreRow& row) {
    ArtifactRecord a;
    a.id = row.int64("id");
    a.run_id = row.int64("run");
    a.kind = row.text("kind");
    a.path = row.text("path");
    a.created_at = row.text("created_at");
    return a;
}

data::Example readExample(const StoreRow& row, const std::string& split) {
    data::Example e;
    e.text = row.text("text");
    e.text_pair = row.optionalText("text_pair");
    e.label = row.text("label");
    const std::string where = split + " row " + std::to_string(row.int64("row_index"));
    if (!row.isNull("words")) e.words = row.stringList("words", where + " words");
    if (!row.isNull("tags")) e.tags = row.stringList("tags", where + " tags");
    e.document = row.int64("document");
    e.source_line = static_cast<uint64_t>(row.int64("source_line"));
    return e;
}

}  // namespace bw::store
