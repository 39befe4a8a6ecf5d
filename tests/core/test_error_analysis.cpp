// Error analysis (core/train/error_analysis) and its rows in a real store. The curves are checked
// against scikit-learn's documented examples (roc_curve, precision_recall_curve,
// average_precision_score) and against hand-computed values with tied scores; the area under the
// ROC curve also against the Mann-Whitney count, a different way to the same number.
#include "core/runtime/error.h"
#include "core/store/experiment_store.h"
#include "core/train/error_analysis.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <set>
#include <limits>

using namespace bw;
using store::AnalysisRow;

namespace {

// A two-class row with P(class 1) = p.
AnalysisRow binaryRow(int64_t index, int32_t gold, float p, const std::string& text = "") {
    AnalysisRow r;
    r.row_index = index;
    r.text = text.empty() ? "row " + std::to_string(index) : text;
    r.gold = gold;
    r.predicted = p > 0.5f ? 1 : 0;
    r.scores = {1.0f - p, p};
    r.confidence = std::max(p, 1.0f - p);
    r.loss = -std::log(gold == 1 ? p : 1.0f - p);
    return r;
}

std::vector<AnalysisRow> binaryRows(const std::vector<int32_t>& gold, const std::vector<float>& p) {
    std::vector<AnalysisRow> rows;
    for (size_t i = 0; i < gold.size(); ++i) rows.push_back(binaryRow(static_cast<int64_t>(i), gold[i], p[i]));
    return rows;
}

// P(a positive row outscores a negative one), ties counting half.
double mannWhitneyAuc(const std::vector<AnalysisRow>& rows) {
    double wins = 0, pairs = 0;
    for (const auto& a : rows)
        for (const auto& b : rows)
            if (*a.gold == 1 && *b.gold == 0) {
                pairs += 1;
                wins += a.scores[1] > b.scores[1] ? 1.0 : a.scores[1] == b.scores[1] ? 0.5 : 0.0;
            }
    return wins / pairs;
}

store::AnalysisRecord tokenAnalysis() {
    store::AnalysisRecord a;
    a.task = "token-classification";
    a.labels = {"O", "B-PER", "I-PER", "B-LOC", "I-LOC"};
    return a;
}

}  // namespace

class TestErrorAnalysis : public QObject {
    Q_OBJECT

private slots:
    // sklearn.metrics.roc_curve's example: y = [1, 1, 2, 2], scores [0.1, 0.4, 0.35, 0.8], pos_label 2
    // -> fpr [0, 0, 0.5, 0.5, 1], tpr [0, 0.5, 0.5, 1, 1], thresholds [inf, 0.8, 0.4, 0.35, 0.1].
    void rocCurveMatchesScikitLearnsExample() {
        const train::BinaryCurves c = train::binaryCurves(binaryRows({0, 0, 1, 1}, {0.1f, 0.4f, 0.35f, 0.8f}));
        const std::vector<double> fpr = {0, 0, 0.5, 0.5, 1}, tpr = {0, 0.5, 0.5, 1, 1};
        const std::vector<double> thresholds = {std::numeric_limits<double>::infinity(), 0.8, 0.4, 0.35, 0.1};
        QCOMPARE(c.roc.size(), fpr.size());
        for (size_t i = 0; i < fpr.size(); ++i) {
            QCOMPARE(c.roc[i].false_positive_rate, fpr[i]);
            QCOMPARE(c.roc[i].true_positive_rate, tpr[i]);
            if (i == 0)
                QVERIFY(std::isinf(c.roc[i].threshold));
            else
                QVERIFY(std::abs(c.roc[i].threshold - thresholds[i]) < 1e-7);
        }
        QCOMPARE(c.roc_auc, 0.75);  // roc_auc_score of the same data
        QCOMPARE(c.positives, int64_t{2});
        QCOMPARE(c.negatives, int64_t{2});
    }

    // precision_recall_curve's example: y [0, 0, 1, 1], scores [0.1, 0.4, 0.35, 0.8] -> precision
    // [0.5, 0.667, 0.5, 1, 1], recall [1, 1, 0.5, 0.5, 0], thresholds [0.1, 0.35, 0.4, 0.8];
    // average_precision_score's example on the same data: 0.83.
    void precisionRecallCurveMatchesScikitLearnsExample() {
        const train::BinaryCurves c = train::binaryCurves(binaryRows({0, 0, 1, 1}, {0.1f, 0.4f, 0.35f, 0.8f}));
        const std::vector<double> precision = {0.5, 2.0 / 3.0, 0.5, 1, 1}, recall = {1, 1, 0.5, 0.5, 0};
        const std::vector<double> thresholds = {0.1, 0.35, 0.4, 0.8};
        QCOMPARE(c.precision_recall.size(), precision.size());
        for (size_t i = 0; i < precision.size(); ++i) {
            QVERIFY(std::abs(c.precision_recall[i].precision - precision[i]) < 1e-12);
            QCOMPARE(c.precision_recall[i].recall, recall[i]);
            if (i < thresholds.size()) QVERIFY(std::abs(c.precision_recall[i].threshold - thresholds[i]) < 1e-7);
        }
        QVERIFY(std::abs(c.average_precision - 5.0 / 6.0) < 1e-12);
    }

    // Tied scores make one point. By hand: y [0, 1, 1, 0, 1], p [0.5, 0.5, 0.9, 0.2, 0.2] ->
    // thresholds 0.9 (TP 1, FP 0), 0.5 (2, 1), 0.2 (3, 2); AUC 2/3; AP = 1/3·1 + 1/3·2/3 + 1/3·3/5 = 34/45.
    void tiedScoresShareAPoint() {
        const auto rows = binaryRows({0, 1, 1, 0, 1}, {0.5f, 0.5f, 0.9f, 0.2f, 0.2f});
        const train::BinaryCurves c = train::binaryCurves(rows);
        QCOMPARE(c.roc.size(), size_t{4});
        QVERIFY(std::abs(c.roc_auc - 2.0 / 3.0) < 1e-12);
        QVERIFY(std::abs(c.roc_auc - mannWhitneyAuc(rows)) < 1e-12);
        QVERIFY(std::abs(c.average_precision - 34.0 / 45.0) < 1e-12);
    }

    void areaAgreesWithTheMannWhitneyCount() {
        std::vector<int32_t> gold;
        std::vector<float> p;
        uint32_t state = 12345;
        for (int i = 0; i < 500; ++i) {
            state = state * 1664525u + 1013904223u;
            gold.push_back(static_cast<int32_t>((state >> 16) & 1u));
            // Scores on a coarse grid (many ties), leaning toward the right class.
            const int bucket = static_cast<int>((state >> 8) % 10u) + (gold.back() ? 3 : 0);
            p.push_back(static_cast<float>(std::min(bucket, 10)) / 10.0f);
        }
        const auto rows = binaryRows(gold, p);
        const train::BinaryCurves c = train::binaryCurves(rows);
        QVERIFY2(std::abs(c.roc_auc - mannWhitneyAuc(rows)) < 1e-12, qPrintable(QString::number(c.roc_auc)));
        QVERIFY(c.roc_auc > 0.6 && c.roc_auc < 1.0);
        QCOMPARE(c.roc.back().false_positive_rate, 1.0);
        QCOMPARE(c.roc.back().true_positive_rate, 1.0);
    }

    void curvesNeedBothSidesAndTheClass() {
        QVERIFY_THROWS_EXCEPTION(Error, train::binaryCurves(binaryRows({1, 1}, {0.2f, 0.9f})));  // no negative row
        QVERIFY_THROWS_EXCEPTION(Error, train::binaryCurves(binaryRows({0, 1}, {0.2f, 0.9f}), 2));  // no class 2
        AnalysisRow unlabelled = binaryRow(0, 1, 0.5f);
        unlabelled.gold.reset();
        QVERIFY_THROWS_EXCEPTION(Error, train::binaryCurves({unlabelled, binaryRow(1, 0, 0.1f)}));
    }

    // Three classes, class 2 against the rest (scikit-learn's one-vs-rest: roc_auc_score(y == 2,
    // p[:, 2])). By hand: positives score 0.8 and 0.4, negatives 0.1, 0.3, 0.5, 0.2: 0.8 beats all
    // four, 0.4 beats three, AUC 7/8. Thresholds 0.8 (P 1, R 1/2), 0.5 (1/2, 1/2), 0.4 (2/3, 1), ...:
    // AP = 1/2 * 1 + 1/2 * 2/3 = 5/6.
    void oneClassAgainstTheRest() {
        const std::vector<int32_t> gold = {0, 1, 2, 2, 1, 0};
        const std::vector<float> p2 = {0.1f, 0.3f, 0.8f, 0.4f, 0.5f, 0.2f};
        std::vector<AnalysisRow> rows;
        for (size_t i = 0; i < gold.size(); ++i) {
            AnalysisRow r = binaryRow(static_cast<int64_t>(i), gold[i] == 2 ? 1 : 0, 0.5f);
            r.gold = gold[i];
            const float rest = (1.0f - p2[i]) / 2;
            r.scores = {rest, rest, p2[i]};
            rows.push_back(r);
        }
        const train::BinaryCurves c = train::binaryCurves(rows, 2);
        QCOMPARE(c.positives, int64_t{2});
        QCOMPARE(c.negatives, int64_t{4});
        QVERIFY(std::abs(c.roc_auc - 7.0 / 8.0) < 1e-12);
        QVERIFY(std::abs(c.average_precision - 5.0 / 6.0) < 1e-12);
        store::AnalysisRecord analysis;
        analysis.task = "sequence-classification";
        analysis.labels = {"World", "Sports", "Business"};
        QVERIFY(train::hasClassCurves(analysis, rows));
        analysis.labels.pop_back();  // the rows' scores no longer match the labels
        QVERIFY(!train::hasClassCurves(analysis, rows));
    }

    // Worst first by loss, most confident first, a confusion-matrix cell, a text search; ties keep
    // the split's order.
    void rowsAreSelectedAndOrdered() {
        const auto rows = std::vector<AnalysisRow>{binaryRow(0, 1, 0.9f, "a fine film"), binaryRow(1, 0, 0.8f, "dull"),
                                                   binaryRow(2, 1, 0.3f, "A FINE mess"), binaryRow(3, 0, 0.1f, "bad"),
                                                   binaryRow(4, 0, 0.8f, "dull again")};
        train::RowSelection wrong;
        wrong.wrong_only = true;
        const std::vector<size_t> by_loss = train::selectRows(rows, wrong);
        QCOMPARE(by_loss, (std::vector<size_t>{1, 4, 2}));  // losses -log(0.2) twice, then -log(0.3)
        wrong.order = train::RowOrder::Confidence;
        wrong.descending = false;
        QCOMPARE(train::selectRows(rows, wrong), (std::vector<size_t>{2, 1, 4}));
        train::RowSelection cell;
        cell.gold = 0;
        cell.predicted = 1;
        cell.order = train::RowOrder::Position;
        cell.descending = false;
        QCOMPARE(train::selectRows(rows, cell), (std::vector<size_t>{1, 4}));
        train::RowSelection search;
        search.text = "fine";
        search.order = train::RowOrder::Position;
        search.descending = false;
        QCOMPARE(train::selectRows(rows, search), (std::vector<size_t>{0, 2}));
        QVERIFY_THROWS_EXCEPTION(Error, train::rowOrderFromName("size"));
    }

    // Gold "John lives in New York" = PER, LOC(New York); predicted PER and LOC(York) only: the
    // person is found, New York missed, York invented (wrong boundaries count as both, as in seqeval).
    void entityDiffShowsMissedAndInventedSpans() {
        AnalysisRow row;
        row.words = {"John", "lives", "in", "New", "York"};
        row.gold_ids = {1, 0, 0, 3, 4};
        row.predicted_ids = {1, 0, 0, 0, 3};
        const store::AnalysisRecord analysis = tokenAnalysis();
        const train::EntityDiff diff = train::entityDiff(row, analysis.labels);
        QCOMPARE(diff.found.size(), size_t{1});
        QCOMPARE(diff.found[0].text, std::string("John"));
        QCOMPARE(diff.missed.size(), size_t{1});
        QCOMPARE(diff.missed[0].text, std::string("New York"));
        QCOMPARE(diff.missed[0].type, std::string("LOC"));
        QCOMPARE(diff.invented.size(), size_t{1});
        QCOMPARE(diff.invented[0].text, std::string("York"));
        QVERIFY(row.isWrong());
        const std::vector<std::string> cells = train::analysisCsvRow(analysis, row);
        const std::vector<std::string> header = train::analysisCsvHeader(analysis);
        QCOMPARE(cells.size(), header.size());
        QCOMPARE(cells[1], std::string(""));  // no line: an analysis row as stored before schema 6
        QCOMPARE(cells[3], std::string("B-PER O O B-LOC I-LOC"));
        QCOMPARE(cells[4], std::string("B-PER O O O B-LOC"));
        QCOMPARE(cells[8], std::string("LOC: New York"));
        QCOMPARE(cells[9], std::string("LOC: York"));
    }

    void csvRowsNameTheLabels() {
        store::AnalysisRecord analysis;
        analysis.task = "sequence-classification";
        analysis.labels = {"negative", "positive"};
        const std::vector<std::string> header = train::analysisCsvHeader(analysis);
        QCOMPARE(header, (std::vector<std::string>{"row", "line", "text", "text_pair", "gold", "predicted", "correct",
                                                   "loss", "confidence", "p(negative)", "p(positive)"}));
        AnalysisRow row = binaryRow(7, 0, 0.75f, "so, \"good\"");
        row.source_line = 9;
        const std::vector<std::string> cells = train::analysisCsvRow(analysis, row);
        QCOMPARE(cells[0], std::string("7"));
        QCOMPARE(cells[1], std::string("9"));
        QCOMPARE(cells[2], std::string("so, \"good\""));  // quoting is the writer's
        QCOMPARE(cells[4], std::string("negative"));
        QCOMPARE(cells[5], std::string("positive"));
        QCOMPARE(cells[6], std::string("false"));
        QCOMPARE(cells[10], std::string("0.75"));
    }

    // The store keeps an analysis with its rows' texts: replacing the split afterwards changes
    // neither; deleting the run removes it; a label id outside the labels stores nothing.
    void storeKeepsAnalysesApartFromTheirSplit() {
        QTemporaryDir dir;
        auto s = store::ExperimentStore::open(dir.filePath("runs.db").toStdString());
        store::DatasetRecord spec;
        spec.name = "reviews";
        spec.task_kind = "sequence";
        const store::DatasetRecord dataset = s.createDataset(spec);
        store::RunRecord run_spec;
        run_spec.task = "sequence-classification";
        const store::RunRecord run = s.createRun(run_spec);

        store::AnalysisRecord analysis;
        analysis.run_id = run.id;
        analysis.step = 40;
        analysis.checkpoint = "/runs/a/checkpoint-40";
        analysis.dataset_id = dataset.id;
        analysis.split = "validation";
        analysis.task = "sequence-classification";
        analysis.labels = {"negative", "positive"};
        analysis.metrics = {{"accuracy", 0.5}, {"loss", 0.7}};
        analysis.details = {{"confusion_matrix", {{1, 1}, {0, 0}}}};
        std::vector<AnalysisRow> rows = {binaryRow(0, 0, 0.1f, "first"), binaryRow(1, 0, 0.7f, "second")};
        rows[1].text_pair = "a pair";
        rows[1].source_line = 3;
        const store::AnalysisRecord stored = s.addAnalysis(analysis, rows);
        QVERIFY(stored.id > 0);
        QCOMPARE(stored.row_count, int64_t{2});

        auto listed = s.analyses(run.id);
        QCOMPARE(listed.size(), size_t{1});
        QCOMPARE(listed[0].labels, analysis.labels);
        QCOMPARE(listed[0].metrics, analysis.metrics);
        QCOMPARE(listed[0].details, analysis.details);
        QCOMPARE(*listed[0].dataset_id, dataset.id);
        const std::vector<AnalysisRow> back = s.analysisRows(stored.id);
        QCOMPARE(back.size(), size_t{2});
        QCOMPARE(back[1].text, std::string("second"));
        QCOMPARE(*back[1].text_pair, std::string("a pair"));
        QCOMPARE(back[1].source_line, uint64_t{3});
        QCOMPARE(back[0].source_line, uint64_t{0});
        QCOMPARE(back[1].toJson()["line"], nlohmann::json(3));
        QVERIFY(back[0].toJson()["line"].is_null());
        QCOMPARE(*back[1].gold, 0);
        QCOMPARE(*back[1].predicted, 1);
        QCOMPARE(back[1].scores, (std::vector<float>{0.3f, 0.7f}));  // seven digits: exactly the floats
        QVERIFY(std::abs(back[1].loss - rows[1].loss) < 1e-12);
        QVERIFY(back[1].isWrong());
        QVERIFY(!back[0].isWrong());
        QVERIFY(s.evaluations(run.id).empty());  // never a point of the run's validation curve
        const store::RunRecord bare = s.createRun(run_spec);
        store::CheckpointRecord checkpoint;
        checkpoint.run_id = s.createRun(run_spec).id;
        checkpoint.step = 10;
        checkpoint.path = "/runs/b/checkpoint-10";
        s.addCheckpoint(checkpoint);
        QCOMPARE(s.runsWithCheckpointsOrAnalyses(), (std::set<int64_t>{run.id, checkpoint.run_id}));
        QVERIFY(!s.runsWithCheckpointsOrAnalyses().count(bare.id));

        // The dataset goes; the analysis stays with its rows.
        s.deleteDataset(dataset.id);
        QVERIFY(!s.getAnalysis(stored.id)->dataset_id);
        QCOMPARE(s.analysisRows(stored.id)[0].text, std::string("first"));

        AnalysisRow bad = binaryRow(2, 0, 0.2f);
        bad.predicted = 2;
        QVERIFY_THROWS_EXCEPTION(Error, s.addAnalysis(analysis, {rows[0], bad}));
        QCOMPARE(s.analyses(run.id).size(), size_t{1});

        s.deleteRun(run.id);
        QVERIFY(!s.getAnalysis(stored.id));
        QVERIFY(s.analysisRows(stored.id).empty());
    }
};

QTEST_GUILESS_MAIN(TestErrorAnalysis)
#include "test_error_analysis.moc"
