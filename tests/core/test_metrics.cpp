// Evaluation metrics: classification (sklearn), multi-label, regression, seqeval entities and
// language-model numbers. Every expected value is worked out by hand in the comment above it (or is
// a published sklearn / seqeval example), never taken from this code.
#include "core/metrics/classification_metrics.h"
#include "core/metrics/entity_extraction.h"
#include "core/metrics/entity_metrics.h"
#include "core/metrics/language_model_metrics.h"
#include "core/metrics/multilabel_metrics.h"
#include "core/metrics/regression_metrics.h"
#include "test_support.h"

#include <QtTest>

#include <cmath>
#include <string>
#include <vector>

using namespace bw::metrics;
using bw::test::errorOf;

#define BW_COMPARE_NEAR(actual, expected)                                                                   \
    do {                                                                                                    \
        const double a_ = (actual), e_ = (expected);                                                        \
        QVERIFY2(std::abs(a_ - e_) < 1e-9, qPrintable(QString("%1 = %2, expected %3")                       \
                                                          .arg(#actual)                                     \
                                                          .arg(a_, 0, 'g', 17)                              \
                                                          .arg(e_, 0, 'g', 17)));                           \
    } while (false)

#define BW_VERIFY_ERROR(call, fragment)                                                                     \
    do {                                                                                                    \
        const QString m_ = QString::fromStdString(errorOf([&] { call; }));                                  \
        QVERIFY2(m_.contains(fragment), qPrintable("message '" + m_ + "' lacks '" + QString(fragment) + "'")); \
    } while (false)

namespace {

using Tags = std::vector<std::string>;

// "PER 0-2, LOC 3-4" (end exclusive)
QString show(const std::vector<Entity>& entities) {
    QString s;
    for (const auto& e : entities)
        s += (s.isEmpty() ? "" : ", ") + QString::fromStdString(e.type) + QString(" %1-%2").arg(e.start).arg(e.end);
    return s;
}

QString entitiesOf(const Tags& tags, TagScheme scheme, EntityMode mode) {
    return show(extractEntities(tags, EntityOptions{scheme, mode}));
}

// The 3-class example worked out by hand below.
const std::vector<int64_t> kTrue3 = {0, 0, 0, 0, 1, 1, 2, 2, 2};
const std::vector<int64_t> kPred3 = {0, 0, 1, 2, 1, 0, 2, 2, 1};

}  // namespace

class TestMetrics : public QObject {
    Q_OBJECT

private slots:
    // ---- single-label classification ----

    void threeClassByHand() {
        // y_true = 0 0 0 0 1 1 2 2 2, y_pred = 0 0 1 2 1 0 2 2 1
        // confusion [true][pred]: true 0 -> preds 0,0,1,2 = [2 1 1]; true 1 -> 1,0 = [1 1 0];
        //                         true 2 -> 2,2,1 = [0 1 2]
        // accuracy = (2+1+2)/9 = 5/9
        // column sums (predicted): 3, 3, 3; row sums (support): 4, 2, 3
        // class 0: P 2/3, R 2/4, F1 = 2*2/(2*2+1+2) = 4/7
        // class 1: P 1/3, R 1/2, F1 = 2/(2+2+1) = 2/5
        // class 2: P 2/3, R 2/3, F1 = 4/(4+1+1) = 2/3
        // macro P = (2/3+1/3+2/3)/3 = 5/9; R = (1/2+1/2+2/3)/3 = 5/9
        // macro F1 = (4/7+2/5+2/3)/3 = (60+42+70)/105/3 = 172/315
        // weighted P = (4*2/3 + 2*1/3 + 3*2/3)/9 = (16/3)/9 = 16/27; R = (2+1+2)/9 = 5/9
        // weighted F1 = (4*4/7 + 2*2/5 + 3*2/3)/9 = (80+28+70)/35/9 = 178/315
        // micro P = R = F1 = 5/9 (single-label)
        const auto r = classificationReport(kPred3, kTrue3, 3, {"neg", "neu", "pos"});
        QCOMPARE(r.examples, int64_t{9});
        BW_COMPARE_NEAR(r.accuracy, 5.0 / 9);
        QVERIFY(r.confusion == (std::vector<std::vector<int64_t>>{{2, 1, 1}, {1, 1, 0}, {0, 1, 2}}));
        BW_COMPARE_NEAR(r.per_class[0].precision, 2.0 / 3);
        BW_COMPARE_NEAR(r.per_class[0].recall, 0.5);
        BW_COMPARE_NEAR(r.per_class[0].f1, 4.0 / 7);
        QCOMPARE(r.per_class[0].support, int64_t{4});
        BW_COMPARE_NEAR(r.per_class[1].precision, 1.0 / 3);
        BW_COMPARE_NEAR(r.per_class[1].recall, 0.5);
        BW_COMPARE_NEAR(r.per_class[1].f1, 0.4);
        QCOMPARE(r.per_class[1].support, int64_t{2});
        BW_COMPARE_NEAR(r.per_class[2].precision, 2.0 / 3);
        BW_COMPARE_NEAR(r.per_class[2].recall, 2.0 / 3);
        BW_COMPARE_NEAR(r.per_class[2].f1, 2.0 / 3);
        QCOMPARE(r.per_class[2].support, int64_t{3});
        BW_COMPARE_NEAR(r.macro.precision, 5.0 / 9);
        BW_COMPARE_NEAR(r.macro.recall, 5.0 / 9);
        BW_COMPARE_NEAR(r.macro.f1, 172.0 / 315);
        BW_COMPARE_NEAR(r.weighted.precision, 16.0 / 27);
        BW_COMPARE_NEAR(r.weighted.recall, 5.0 / 9);
        BW_COMPARE_NEAR(r.weighted.f1, 178.0 / 315);
        BW_COMPARE_NEAR(r.micro.precision, 5.0 / 9);
        BW_COMPARE_NEAR(r.micro.recall, 5.0 / 9);
        BW_COMPARE_NEAR(r.micro.f1, 5.0 / 9);
        BW_COMPARE_NEAR(accuracy(kPred3, kTrue3), 5.0 / 9);
    }

    void reportJson() {
        const auto j = classificationReport(kPred3, kTrue3, 3, {"neg", "neu", "pos"}).toJson();
        for (const char* key : {"accuracy", "precision_macro", "recall_macro", "f1_macro", "precision_micro",
                                "recall_micro", "f1_micro", "precision_weighted", "recall_weighted", "f1_weighted"})
            QVERIFY2(j.contains(key), key);
        BW_COMPARE_NEAR(j["f1_macro"].get<double>(), 172.0 / 315);  // worked out in threeClassByHand
        BW_COMPARE_NEAR(j["f1_weighted"].get<double>(), 178.0 / 315);
        QCOMPARE(j["support"].get<int64_t>(), int64_t{9});
        QCOMPARE(QString::fromStdString(j["labels"].dump()), QString(R"(["neg","neu","pos"])"));
        BW_COMPARE_NEAR(j["per_class"]["neu"]["precision"].get<double>(), 1.0 / 3);
        BW_COMPARE_NEAR(j["per_class"]["neu"]["f1"].get<double>(), 0.4);
        QCOMPARE(j["per_class"]["pos"]["support"].get<int64_t>(), int64_t{3});
        QCOMPARE(QString::fromStdString(j["confusion_matrix"].dump()), QString("[[2,1,1],[1,1,0],[0,1,2]]"));
        // no label names: "0", "1", "2"
        QVERIFY(classificationReport(kPred3, kTrue3, 3).toJson()["per_class"].contains("2"));
    }

    void sklearnExample() {
        // sklearn docs: y_true = [0,1,2,0,1,2], y_pred = [0,2,1,0,0,1]
        // f1_score(average='macro') = 0.2667, accuracy_score = 0.3333
        // class 0: tp 2, predicted 3 (positions 0,3,4), support 2 -> P 2/3, R 1, F1 4/5
        // classes 1, 2: no true positives -> 0
        // macro F1 = 0.8/3 = 0.26667; macro P = (2/3)/3 = 2/9 (sklearn: 0.2222); macro R = 1/3
        // micro F1 = accuracy = 2/6; weighted F1 = (2*0.8)/6 = 0.26667 (sklearn: 0.2667)
        const auto r = classificationReport({0, 2, 1, 0, 0, 1}, {0, 1, 2, 0, 1, 2}, 3);
        BW_COMPARE_NEAR(r.accuracy, 1.0 / 3);
        BW_COMPARE_NEAR(r.macro.f1, 0.8 / 3);
        QVERIFY(std::abs(r.macro.f1 - 0.2667) < 5e-5);
        BW_COMPARE_NEAR(r.macro.precision, 2.0 / 9);
        BW_COMPARE_NEAR(r.macro.recall, 1.0 / 3);
        BW_COMPARE_NEAR(r.micro.f1, 1.0 / 3);
        BW_COMPARE_NEAR(r.weighted.f1, 1.6 / 6);
    }

    // What GLUE reports: the positive class's F1 (MRPC, QQP) and Matthews' correlation (CoLA).
    void binaryF1AndMatthewsByHand() {
        // y_true = [1,1,1,0,0,0,1,0], y_pred = [1,0,1,0,1,0,1,1]: TP 3, FN 1, FP 2, TN 2.
        // f1_score = 2*3 / (2*3 + 2 + 1) = 2/3 (sklearn: 0.6667);
        // matthews_corrcoef = (3*2 - 2*1) / sqrt(5*4*4*3) = 4/sqrt(240) (sklearn: 0.2582).
        const auto j = classificationReport({1, 0, 1, 0, 1, 0, 1, 1}, {1, 1, 1, 0, 0, 0, 1, 0}, 2).toJson();
        BW_COMPARE_NEAR(j["f1"].get<double>(), 2.0 / 3);
        BW_COMPARE_NEAR(j["matthews_correlation"].get<double>(), 4.0 / std::sqrt(240.0));
        // sklearn's docstring: y_true = [+1,+1,+1,-1], y_pred = [+1,-1,+1,+1] -> -0.33 (class 0 = -1).
        BW_COMPARE_NEAR(classificationReport({1, 0, 1, 1}, {1, 1, 1, 0}, 2).matthews_correlation, -1.0 / 3);
        // One class predicted throughout: sklearn returns 0.
        BW_COMPARE_NEAR(classificationReport({1, 1, 1, 1}, {1, 0, 1, 0}, 2).matthews_correlation, 0.0);
        QVERIFY(!classificationReport(kPred3, kTrue3, 3).toJson().contains("f1"));  // binary only
    }

    void multiclassMatthewsByHand() {
        // y_true = [0,1,2,0,1,2]. With y_pred = [0,2,1,0,0,1]: c = 2, s = 6, t = (2,2,2), p = (3,2,1):
        // (2*6 - 12) / ... = 0. With y_pred = [0,1,1,0,1,2]: c = 5, p = (2,3,1), sum p*t = 12:
        // (30 - 12) / sqrt((36 - 14)(36 - 12)) = 18/sqrt(528) = 0.7833 (sklearn: 0.7833).
        BW_COMPARE_NEAR(classificationReport({0, 2, 1, 0, 0, 1}, {0, 1, 2, 0, 1, 2}, 3).matthews_correlation, 0.0);
        BW_COMPARE_NEAR(classificationReport({0, 1, 1, 0, 1, 2}, {0, 1, 2, 0, 1, 2}, 3).matthews_correlation,
                        18.0 / std::sqrt(528.0));
        BW_COMPARE_NEAR(classificationReport({0, 1, 2}, {0, 1, 2}, 3).matthews_correlation, 1.0);
    }

    void zeroDivisionClass() {
        // y_true = 0 1 2 2, y_pred = 0 1 1 1 (class 2 is never predicted)
        // class 0: P 1, R 1, F1 1; class 1: tp 1, predicted 3, support 1 -> P 1/3, R 1, F1 2/(2+2) = 1/2
        // class 2: nothing predicted -> P 0 (zero_division=0), R 0/2 = 0, F1 0; support 2
        // macro F1 = (1 + 1/2 + 0)/3 = 1/2; macro P = (1 + 1/3 + 0)/3 = 4/9
        const auto r = classificationReport({0, 1, 1, 1}, {0, 1, 2, 2}, 3);
        BW_COMPARE_NEAR(r.per_class[2].precision, 0.0);
        BW_COMPARE_NEAR(r.per_class[2].recall, 0.0);
        BW_COMPARE_NEAR(r.per_class[2].f1, 0.0);
        QCOMPARE(r.per_class[2].support, int64_t{2});
        BW_COMPARE_NEAR(r.per_class[1].f1, 0.5);
        BW_COMPARE_NEAR(r.macro.f1, 0.5);
        BW_COMPARE_NEAR(r.macro.precision, 4.0 / 9);

        // A fourth class absent from both sides is listed (all 0, support 0) but, as with sklearn's
        // default labels, left out of the macro average: still (1 + 1/2 + 0)/3.
        const auto r4 = classificationReport({0, 1, 1, 1}, {0, 1, 2, 2}, 4);
        QCOMPARE(r4.per_class.size(), size_t{4});
        QCOMPARE(r4.per_class[3].support, int64_t{0});
        BW_COMPARE_NEAR(r4.per_class[3].f1, 0.0);
        BW_COMPARE_NEAR(r4.macro.f1, 0.5);
        // weighted F1 = (1*1 + 1*1/2 + 2*0)/4 = 3/8, the same with or without the absent class
        BW_COMPARE_NEAR(r4.weighted.f1, 3.0 / 8);
    }

    void confusionOrientation() {
        // Two examples of true class 0 predicted as 1: row = true class, column = predicted class.
        const auto m = confusionMatrix({1, 1}, {0, 0}, 2);
        QCOMPARE(m[0][1], int64_t{2});
        QCOMPARE(m[1][0], int64_t{0});
        QCOMPARE(m[0][0] + m[1][1], int64_t{0});
    }

    void incrementalMatchesOneShot() {
        ClassificationAccumulator acc(3, {"neg", "neu", "pos"});
        acc.add(std::vector<int64_t>{0, 0, 1, 2}, std::vector<int64_t>{0, 0, 0, 0});
        acc.add(std::vector<int64_t>{}, std::vector<int64_t>{});  // an empty batch is fine
        acc.add(std::vector<int64_t>{1, 0}, std::vector<int64_t>{1, 1});
        // after 6 examples the report can already be read, and more can follow
        QCOMPARE(acc.finish().examples, int64_t{6});
        const int64_t last_pred[] = {2, 2, 1}, last_true[] = {2, 2, 2};
        acc.add(last_pred, last_true, 3);
        const auto r = acc.finish();
        // same data as threeClassByHand
        QVERIFY(r.confusion == (std::vector<std::vector<int64_t>>{{2, 1, 1}, {1, 1, 0}, {0, 1, 2}}));
        BW_COMPARE_NEAR(r.macro.f1, 172.0 / 315);
        QCOMPARE(r.toJson(), classificationReport(kPred3, kTrue3, 3, {"neg", "neu", "pos"}).toJson());
    }

    void classificationErrors() {
        BW_VERIFY_ERROR(classificationReport({0, 1}, {0}, 2), "2 predictions but 1 references");
        BW_VERIFY_ERROR(classificationReport({0, 3}, {0, 1}, 3), "prediction 3 at position 1");
        BW_VERIFY_ERROR(classificationReport({0, 1}, {-1, 1}, 3), "reference -1 at position 0");
        BW_VERIFY_ERROR(classificationReport({}, {}, 3), "no examples");
        BW_VERIFY_ERROR(classificationReport({0}, {0}, 0), "at least 1");
        BW_VERIFY_ERROR(classificationReport({0}, {0}, 2, {"a"}), "1 label names given for 2 classes");
        BW_VERIFY_ERROR(classificationReport({0}, {0}, 2, {"a", "a"}), "'a' is given twice");
        BW_VERIFY_ERROR(accuracy({}, {}), "no examples");
        BW_VERIFY_ERROR(accuracy({1}, {1, 2}), "1 predictions but 2 references");
        BW_VERIFY_ERROR(ClassificationAccumulator(3).finish(), "no examples");
        BW_VERIFY_ERROR(reportFromConfusion({{1, 0}, {0}}), "not square");

        // A bad batch is rejected whole: the good first entry is not counted.
        ClassificationAccumulator acc(2);
        BW_VERIFY_ERROR(acc.add(std::vector<int64_t>{0, 5}, std::vector<int64_t>{0, 0}), "prediction 5 at position 1");
        QCOMPARE(acc.examples(), int64_t{0});
    }

    // ---- multi-label ----

    void multiLabelByHand() {
        // references  predictions
        //   1 0 1       1 0 0
        //   0 1 0       0 1 1
        //   1 1 0       1 1 0
        //   0 0 0       0 0 0
        // label 0: tp 2, fp 0, fn 0 -> P R F1 = 1, support 2
        // label 1: tp 2, fp 0, fn 0 -> 1, support 2
        // label 2: tp 0, fp 1, fn 1 -> 0, support 1
        // micro: tp 4, fp 1, fn 1 -> P = R = 4/5, F1 = 8/(8+1+1) = 0.8
        // macro F1 = P = R = (1+1+0)/3 = 2/3; weighted F1 = (2*1 + 2*1 + 1*0)/5 = 0.8
        // subset accuracy: rows 3 and 4 match exactly -> 2/4; Hamming loss: 2 wrong of 12 entries = 1/6
        const std::vector<std::vector<int>> refs = {{1, 0, 1}, {0, 1, 0}, {1, 1, 0}, {0, 0, 0}};
        const std::vector<std::vector<int>> preds = {{1, 0, 0}, {0, 1, 1}, {1, 1, 0}, {0, 0, 0}};
        const auto r = multiLabelReport(preds, refs, {"sports", "politics", "tech"});
        BW_COMPARE_NEAR(r.micro.precision, 0.8);
        BW_COMPARE_NEAR(r.micro.recall, 0.8);
        BW_COMPARE_NEAR(r.micro.f1, 0.8);
        BW_COMPARE_NEAR(r.macro.f1, 2.0 / 3);
        BW_COMPARE_NEAR(r.macro.precision, 2.0 / 3);
        BW_COMPARE_NEAR(r.weighted.f1, 0.8);
        BW_COMPARE_NEAR(r.subset_accuracy, 0.5);
        BW_COMPARE_NEAR(r.hamming_loss, 1.0 / 6);
        QCOMPARE(r.per_label[2].support, int64_t{1});
        BW_COMPARE_NEAR(r.per_label[2].f1, 0.0);
        const auto j = r.toJson();
        BW_COMPARE_NEAR(j["f1_micro"].get<double>(), 0.8);
        BW_COMPARE_NEAR(j["f1_macro"].get<double>(), 2.0 / 3);
        BW_COMPARE_NEAR(j["hamming_loss"].get<double>(), 1.0 / 6);
        QCOMPARE(j["per_label"]["politics"]["support"].get<int64_t>(), int64_t{2});

        // the same rows one by one
        MultiLabelAccumulator acc(3, {"sports", "politics", "tech"});
        for (size_t i = 0; i < refs.size(); ++i) acc.add(preds[i], refs[i]);
        QCOMPARE(acc.finish().toJson(), j);
    }

    void multiLabelErrors() {
        BW_VERIFY_ERROR(multiLabelReport({{1, 2}}, {{1, 0}}), "predicted entry 1 is 2, not 0 or 1");
        BW_VERIFY_ERROR(multiLabelReport({{1, 0}, {1}}, {{1, 0}, {1, 0}}), "example 1 has 1 predicted and 2 reference");
        BW_VERIFY_ERROR(multiLabelReport({{1, 0}}, {}), "1 predictions but 0 references");
        BW_VERIFY_ERROR(multiLabelReport({}, {}), "no examples");
        BW_VERIFY_ERROR(multiLabelReport({{1}}, {{1}}, {"a", "b"}), "2 label names given for 1 labels");
    }

    // ---- regression ----

    void regressionByHand() {
        // predictions 1 2 3 4, references 1 3 2 6; errors 0 -1 1 -2
        // MSE = (0+1+1+4)/4 = 1.5; MAE = (0+1+1+2)/4 = 1
        // Pearson: deviations x -1.5 -0.5 0.5 1.5, y -2 0 -1 3 -> sxy = 3+0-0.5+4.5 = 7,
        //          sxx = 5, syy = 14 -> r = 7/sqrt(70) = sqrt(0.7) = 0.8366600265
        // Spearman: ranks x 1 2 3 4, y 1 3 2 4 -> d^2 = 0+1+1+0 = 2 -> 1 - 6*2/(4*15) = 0.8
        const std::vector<double> pred = {1, 2, 3, 4}, ref = {1, 3, 2, 6};
        const auto r = regressionReport(pred, ref);
        BW_COMPARE_NEAR(r.mse, 1.5);
        BW_COMPARE_NEAR(r.mae, 1.0);
        BW_COMPARE_NEAR(r.pearson, 0.83666002653407556);
        BW_COMPARE_NEAR(r.spearman, 0.8);
        QCOMPARE(r.examples, int64_t{4});
        BW_COMPARE_NEAR(r.toJson()["pearson"].get<double>(), 0.83666002653407556);
    }

    void spearmanTies() {
        // [10 20 20 30] -> ranks 1, (2+3)/2, (2+3)/2, 4
        QVERIFY(averageRanks({10, 20, 20, 30}) == (std::vector<double>{1, 2.5, 2.5, 4}));
        // x = 1 2 2 3 -> ranks 1 2.5 2.5 4 (deviations -1.5 0 0 1.5); y = 1 2 3 4 -> ranks 1..4
        // (deviations -1.5 -0.5 0.5 1.5): sxy = 2.25+2.25 = 4.5, sxx = 4.5, syy = 5
        // rho = 4.5/sqrt(22.5) = sqrt(0.9) = 0.9486832981
        BW_COMPARE_NEAR(spearmanCorrelation({1, 2, 2, 3}, {1, 2, 3, 4}), 0.94868329805051377);
        // perfectly reversed order -> -1
        BW_COMPARE_NEAR(spearmanCorrelation({1, 2, 3}, {30, 20, 10}), -1.0);
    }

    void constantCorrelationIsUndefined() {
        // A constant side has no variance: scipy returns nan, and so do we (null in JSON).
        const auto r = regressionReport({2, 2, 2}, {1, 2, 3});
        QVERIFY(std::isnan(r.pearson));
        QVERIFY(std::isnan(r.spearman));
        BW_COMPARE_NEAR(r.mse, 2.0 / 3);  // (1 + 0 + 1)/3
        QVERIFY(r.toJson()["pearson"].is_null());
    }

    void regressionErrors() {
        BW_VERIFY_ERROR(meanSquaredError({1, 2}, {1}), "2 predictions but 1 references");
        BW_VERIFY_ERROR(meanAbsoluteError({}, {}), "no examples");
        BW_VERIFY_ERROR(pearsonCorrelation({1, std::nan("")}, {1, 2}), "prediction at position 1 is not a finite");
        BW_VERIFY_ERROR(regressionReport({1, 2}, {INFINITY, 2}), "reference at position 0 is not a finite");
    }

    // ---- language model ----

    void languageModel() {
        BW_COMPARE_NEAR(maskedLmAccuracy(30, 40), 0.75);
        BW_COMPARE_NEAR(perplexityFromMeanLoss(0.0), 1.0);                  // exp(0)
        BW_COMPARE_NEAR(perplexityFromMeanLoss(std::log(20.0)), 20.0);      // exp(ln 20)
        BW_COMPARE_NEAR(perplexityFromLossSum(6.0, 3), 7.3890560989306504);  // exp(6/3) = e^2
        // exp(710) overflows a double (log(DBL_MAX) = 709.78): +infinity, as HF's run_mlm reports
        QVERIFY(std::isinf(perplexityFromMeanLoss(710.0)));
        QVERIFY(std::isinf(perplexityFromMeanLoss(1e300)));
        QVERIFY(std::isfinite(perplexityFromMeanLoss(709.0)));

        BW_VERIFY_ERROR(maskedLmAccuracy(0, 0), "no masked tokens");
        BW_VERIFY_ERROR(maskedLmAccuracy(41, 40), "41 correct is not within [0, 40]");
        BW_VERIFY_ERROR(maskedLmAccuracy(-1, 40), "-1 correct");
        BW_VERIFY_ERROR(perplexityFromMeanLoss(-0.5), "negative");
        BW_VERIFY_ERROR(perplexityFromMeanLoss(std::nan("")), "NaN");
        BW_VERIFY_ERROR(perplexityFromLossSum(3.0, 0), "no tokens");
    }

    // ---- entities (seqeval) ----

    void seqevalReadmeExample() {
        // seqeval README: MISC 0/0/0 support 1, PER 1/1/1 support 1, micro avg 0.50 0.50 0.50 2,
        // accuracy_score 0.80. By hand: true MISC = tokens 3-5, predicted MISC = tokens 2-5 (no
        // match); PER 0-1 matches. micro: 1 correct of 2 predicted, 2 true -> P = R = F1 = 1/2;
        // macro = (0+1)/2; weighted = (1*0 + 1*1)/2. Tags: 2 of 7 differ in sentence 1 -> 8/10.
        const std::vector<Tags> y_true = {{"O", "O", "O", "B-MISC", "I-MISC", "I-MISC", "O"}, {"B-PER", "I-PER", "O"}};
        const std::vector<Tags> y_pred = {{"O", "O", "B-MISC", "I-MISC", "I-MISC", "I-MISC", "O"},
                                          {"B-PER", "I-PER", "O"}};
        for (EntityMode mode : {EntityMode::Default, EntityMode::Strict}) {
            const auto r = entityReport(y_pred, y_true, EntityOptions{TagScheme::IOB2, mode});
            QVERIFY(r.types == (std::vector<std::string>{"MISC", "PER"}));
            BW_COMPARE_NEAR(r.per_type[0].precision, 0.0);
            BW_COMPARE_NEAR(r.per_type[0].recall, 0.0);
            BW_COMPARE_NEAR(r.per_type[0].f1, 0.0);
            QCOMPARE(r.per_type[0].support, int64_t{1});
            BW_COMPARE_NEAR(r.per_type[1].precision, 1.0);
            BW_COMPARE_NEAR(r.per_type[1].recall, 1.0);
            BW_COMPARE_NEAR(r.per_type[1].f1, 1.0);
            QCOMPARE(r.per_type[1].support, int64_t{1});
            BW_COMPARE_NEAR(r.micro.precision, 0.5);
            BW_COMPARE_NEAR(r.micro.recall, 0.5);
            BW_COMPARE_NEAR(r.micro.f1, 0.5);
            QCOMPARE(r.micro.support, int64_t{2});
            BW_COMPARE_NEAR(r.macro.f1, 0.5);
            BW_COMPARE_NEAR(r.weighted.f1, 0.5);
            BW_COMPARE_NEAR(r.token_accuracy, 0.8);
        }
        const auto j = entityReport(y_pred, y_true).toJson();
        BW_COMPARE_NEAR(j["f1_micro"].get<double>(), 0.5);
        // The overall names Hugging Face's NER example prints (seqeval's overall_*).
        BW_COMPARE_NEAR(j["precision"].get<double>(), 0.5);
        BW_COMPARE_NEAR(j["recall"].get<double>(), 0.5);
        BW_COMPARE_NEAR(j["f1"].get<double>(), 0.5);
        BW_COMPARE_NEAR(j["accuracy"].get<double>(), 0.8);
        QCOMPARE(j["support"].get<int64_t>(), int64_t{2});
        QCOMPARE(j["per_type"]["PER"]["support"].get<int64_t>(), int64_t{1});
        BW_COMPARE_NEAR(j["per_type"]["MISC"]["f1"].get<double>(), 0.0);
        QCOMPARE(j["mode"].get<std::string>(), std::string("default"));
        QCOMPARE(j["scheme"].get<std::string>(), std::string("IOB2"));
    }

    void entityAveragesByHand() {
        // references                                predictions
        // s1: B-PER I-PER O B-LOC O B-ORG           B-PER I-PER O B-LOC O O
        // s2: B-LOC O B-LOC                         B-LOC O B-PER
        // true: PER s1 0-2, LOC s1 3-4, ORG s1 5-6, LOC s2 0-1, LOC s2 2-3  (PER 1, LOC 3, ORG 1)
        // pred: PER s1 0-2, LOC s1 3-4, LOC s2 0-1, PER s2 2-3              (PER 2, LOC 2, ORG 0)
        // correct: PER 1, LOC 2, ORG 0
        // LOC: P 2/2, R 2/3, F1 4/5; ORG: nothing predicted -> 0 0 0; PER: P 1/2, R 1, F1 2/3
        // micro: 3 correct, 4 predicted, 5 true -> P 0.75, R 0.6, F1 6/9
        // macro: P (1+0+1/2)/3 = 1/2, R (2/3+0+1)/3 = 5/9, F1 (4/5+0+2/3)/3 = 22/45
        // weighted (supports 3 1 1): P (3+0+1/2)/5 = 0.7, R (2+0+1)/5 = 0.6, F1 (12/5+2/3)/5 = 46/75
        // token accuracy: s1 5 of 6 equal, s2 2 of 3 -> 7/9
        const std::vector<Tags> refs = {{"B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG"}, {"B-LOC", "O", "B-LOC"}};
        const std::vector<Tags> preds = {{"B-PER", "I-PER", "O", "B-LOC", "O", "O"}, {"B-LOC", "O", "B-PER"}};
        EntityAccumulator acc;
        acc.add(preds[0], refs[0]);
        acc.add(preds[1], refs[1]);
        const auto r = acc.finish();
        QVERIFY(r.types == (std::vector<std::string>{"LOC", "ORG", "PER"}));
        BW_COMPARE_NEAR(r.per_type[0].precision, 1.0);
        BW_COMPARE_NEAR(r.per_type[0].recall, 2.0 / 3);
        BW_COMPARE_NEAR(r.per_type[0].f1, 0.8);
        QCOMPARE(r.per_type[0].support, int64_t{3});
        BW_COMPARE_NEAR(r.per_type[1].precision, 0.0);
        QCOMPARE(r.per_type[1].support, int64_t{1});
        BW_COMPARE_NEAR(r.per_type[2].precision, 0.5);
        BW_COMPARE_NEAR(r.per_type[2].f1, 2.0 / 3);
        BW_COMPARE_NEAR(r.micro.precision, 0.75);
        BW_COMPARE_NEAR(r.micro.recall, 0.6);
        BW_COMPARE_NEAR(r.micro.f1, 2.0 / 3);
        BW_COMPARE_NEAR(r.macro.precision, 0.5);
        BW_COMPARE_NEAR(r.macro.recall, 5.0 / 9);
        BW_COMPARE_NEAR(r.macro.f1, 22.0 / 45);
        BW_COMPARE_NEAR(r.weighted.precision, 0.7);
        BW_COMPARE_NEAR(r.weighted.recall, 0.6);
        BW_COMPARE_NEAR(r.weighted.f1, 46.0 / 75);
        BW_COMPARE_NEAR(r.token_accuracy, 7.0 / 9);
        QCOMPARE(r.sentences, int64_t{2});
        QCOMPARE(r.tokens, int64_t{9});
        // sentence by sentence == all at once
        QCOMPARE(r.toJson(), entityReport(preds, refs).toJson());

        // A type seen only in the predictions is listed too (support 0), as in seqeval 1.x.
        const auto only_pred = entityReport({{"B-MISC"}}, {{"B-PER"}});
        QVERIFY(only_pred.types == (std::vector<std::string>{"MISC", "PER"}));
        QCOMPARE(only_pred.per_type[0].support, int64_t{0});
    }

    void defaultVersusStrict() {
        // An I- with no B- before it: seqeval's default starts an entity there (conlleval); strict
        // IOB2 only starts at B-, so the prediction has no entity at all.
        // default: pred PER 0-2 == true PER 0-2 -> P = R = F1 = 1
        // strict: 0 predicted, 1 true -> P 0 (zero division), R 0, F1 0
        const std::vector<Tags> refs = {{"B-PER", "I-PER", "O"}};
        const std::vector<Tags> preds = {{"I-PER", "I-PER", "O"}};
        const auto lenient = entityReport(preds, refs, {TagScheme::IOB2, EntityMode::Default});
        BW_COMPARE_NEAR(lenient.micro.f1, 1.0);
        const auto strict = entityReport(preds, refs, {TagScheme::IOB2, EntityMode::Strict});
        BW_COMPARE_NEAR(strict.micro.precision, 0.0);
        BW_COMPARE_NEAR(strict.micro.recall, 0.0);
        BW_COMPARE_NEAR(strict.micro.f1, 0.0);
        QCOMPARE(strict.micro.support, int64_t{1});
        QCOMPARE(strict.toJson()["mode"].get<std::string>(), std::string("strict"));
    }

    void iob2Extraction() {
        // seqeval's get_entities docstring: B-PER I-PER O B-LOC -> PER 0-1, LOC 3-3 (inclusive)
        QCOMPARE(entitiesOf({"B-PER", "I-PER", "O", "B-LOC"}, TagScheme::IOB2, EntityMode::Default),
                 QString("PER 0-2, LOC 3-4"));
        // default, tag by tag (prev -> cur):
        //  O->I-PER starts PER at 1; I-PER->I-LOC: type change ends PER 1-3, starts LOC at 3;
        //  I-LOC->B-LOC ends LOC 3-4, starts at 4; B-LOC->B-LOC ends LOC 4-5, starts at 5;
        //  B-LOC->(final O) ends LOC 5-6
        const Tags tags = {"O", "I-PER", "I-PER", "I-LOC", "B-LOC", "B-LOC"};
        QCOMPARE(entitiesOf(tags, TagScheme::IOB2, EntityMode::Default), QString("PER 1-3, LOC 3-4, LOC 4-5, LOC 5-6"));
        // strict IOB2 starts only at B-: the two B-LOC chunks
        QCOMPARE(entitiesOf(tags, TagScheme::IOB2, EntityMode::Strict), QString("LOC 4-5, LOC 5-6"));
        // untyped chunk tags get seqeval's type "_"
        QCOMPARE(entitiesOf({"B", "I", "O"}, TagScheme::IOB2, EntityMode::Default), QString("_ 0-2"));
        QCOMPARE(entitiesOf({}, TagScheme::IOB2, EntityMode::Strict), QString());
    }

    void iob1AndIoeExtraction() {
        // IOB1: B- only separates two adjacent chunks of one type. I-PER B-PER O -> PER 0-1, PER 1-2
        // strict: O->I-PER starts (O,I); B-PER is not inside after I-PER; end (I,B) holds -> 0-1;
        //         I-PER->B-PER starts (I,B,same); final O ends (B,O) -> 1-2
        for (EntityMode mode : {EntityMode::Default, EntityMode::Strict})
            QCOMPARE(entitiesOf({"I-PER", "B-PER", "O"}, TagScheme::IOB1, mode), QString("PER 0-1, PER 1-2"));
        // IOE2: E- closes every chunk. I-LOC E-LOC E-LOC O -> LOC 0-2, LOC 2-3
        for (EntityMode mode : {EntityMode::Default, EntityMode::Strict})
            QCOMPARE(entitiesOf({"I-LOC", "E-LOC", "E-LOC", "O"}, TagScheme::IOE2, mode), QString("LOC 0-2, LOC 2-3"));
        // IOE1: E- only before an adjacent chunk of its type. I-X E-X I-X O -> X 0-2, X 2-3
        for (EntityMode mode : {EntityMode::Default, EntityMode::Strict})
            QCOMPARE(entitiesOf({"I-X", "E-X", "I-X", "O"}, TagScheme::IOE1, mode), QString("X 0-2, X 2-3"));
    }

    void bioesExtraction() {
        // B-PER E-PER O S-LOC B-ORG I-ORG E-ORG -> PER 0-2, LOC 3-4, ORG 4-7 in both modes
        const Tags tags = {"B-PER", "E-PER", "O", "S-LOC", "B-ORG", "I-ORG", "E-ORG"};
        QCOMPARE(entitiesOf(tags, TagScheme::IOBES, EntityMode::Default), QString("PER 0-2, LOC 3-4, ORG 4-7"));
        QCOMPARE(entitiesOf(tags, TagScheme::IOBES, EntityMode::Strict), QString("PER 0-2, LOC 3-4, ORG 4-7"));
        // B-PER I-PER O never reaches E-: strict drops it (the token after I-PER must follow an E/S),
        // the default mode ends the chunk at O
        QCOMPARE(entitiesOf({"B-PER", "I-PER", "O"}, TagScheme::IOBES, EntityMode::Strict), QString());
        QCOMPARE(entitiesOf({"B-PER", "I-PER", "O"}, TagScheme::IOBES, EntityMode::Default), QString("PER 0-2"));
        QCOMPARE(tagSchemeFromName("bioes"), TagScheme::IOBES);
    }

    void bmesExtraction() {
        // B-PER M-PER E-PER S-LOC O B-ORG E-ORG -> PER 0-3, LOC 3-4, ORG 5-7
        const Tags tags = {"B-PER", "M-PER", "E-PER", "S-LOC", "O", "B-ORG", "E-ORG"};
        QCOMPARE(entitiesOf(tags, TagScheme::BMES, EntityMode::Default), QString("PER 0-3, LOC 3-4, ORG 5-7"));
        QCOMPARE(entitiesOf(tags, TagScheme::BMES, EntityMode::Strict), QString("PER 0-3, LOC 3-4, ORG 5-7"));
        // no closing E-: strict drops it, default ends it at O
        QCOMPARE(entitiesOf({"B-PER", "M-PER", "O"}, TagScheme::BMES, EntityMode::Strict), QString());
        QCOMPARE(entitiesOf({"B-PER", "M-PER", "O"}, TagScheme::BMES, EntityMode::Default), QString("PER 0-2"));
        // M- belongs to BMES only
        BW_VERIFY_ERROR(extractEntities({"B-PER", "M-PER"}, {TagScheme::IOB2, EntityMode::Default}),
                        "'M-PER' at position 1");
        QCOMPARE(tagSchemeFromName("BMES"), TagScheme::BMES);
    }

    void entityErrors() {
        // mismatched lengths, named by sentence
        BW_VERIFY_ERROR(entityReport({{"O"}, {"O", "B-PER"}}, {{"O"}, {"O"}}),
                        "sentence 1 has 2 predicted tags but 1 reference tags");
        BW_VERIFY_ERROR(entityReport({{"O"}}, {{"O"}, {"O"}}), "1 predicted sentences but 2 reference sentences");
        BW_VERIFY_ERROR(entityReport({}, {}), "no tags");
        BW_VERIFY_ERROR(entityReport({{}}, {{}}), "no tags");
        // prefixes the strict scheme does not know (seqeval raises too)
        BW_VERIFY_ERROR(extractEntities({"O", "S-PER"}, {TagScheme::IOB2, EntityMode::Strict}),
                        "tag 'S-PER' at position 1");
        BW_VERIFY_ERROR(extractEntities({"B-PER"}, {TagScheme::IOE2, EntityMode::Strict}), "allowed: O, I, E");
        // malformed tags
        for (const char* bad : {"PER", "B_PER", "", "B-", "O-PER", "X-PER"})
            BW_VERIFY_ERROR(extractEntities({bad}), "neither 'O' nor a prefix letter");
        // the message says which side and which sentence
        BW_VERIFY_ERROR(entityReport({{"O"}, {"Q-PER"}}, {{"O"}, {"O"}}), "predictions, sentence 1");
        BW_VERIFY_ERROR(tagSchemeFromName("BILOU"), "unknown tag scheme 'BILOU'");

        // a bad sentence in a batch leaves the accumulator untouched
        EntityAccumulator acc;
        BW_VERIFY_ERROR(acc.add(std::vector<Tags>{{"B-PER"}, {"O"}}, std::vector<Tags>{{"B-PER"}, {"O", "O"}}),
                        "sentence 1");
        QCOMPARE(acc.sentences(), int64_t{0});
    }
};

QTEST_APPLESS_MAIN(TestMetrics)
#include "test_metrics.moc"
