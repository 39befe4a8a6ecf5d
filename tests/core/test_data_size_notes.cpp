// What a dataset's size means for a run: the notes against hand-computed values. The accuracy
// margin is the 95% normal interval at accuracy 0.5, 1.96 * sqrt(0.5 * 0.5 / n), worked out here
// by hand for 30, 384 and 385 rows.
#include "core/train/data_size_notes.h"

#include <QtTest>

using namespace bw::train;

namespace {

DataSizeFacts classification(int64_t train, int64_t validation, std::vector<std::string> labels,
                             std::vector<int32_t> ids) {
    DataSizeFacts facts;
    facts.fine_tuning = true;
    facts.single_label = true;
    facts.train_rows = train;
    facts.validation_rows = validation;
    facts.label_names = std::move(labels);
    facts.train_label_ids = std::move(ids);
    return facts;
}

}  // namespace

class TestDataSizeNotes : public QObject {
    Q_OBJECT
private slots:
    void marginOfAnAccuracy() {
        QVERIFY(qAbs(accuracyMarginPoints(30) - 17.892) < 1e-3);   // 1.96 * 0.0912871
        QVERIFY(qAbs(accuracyMarginPoints(384) - 5.0010) < 1e-4);  // 1.96 * 0.0255155
        QVERIFY(qAbs(accuracyMarginPoints(385) - 4.9945) < 1e-4);  // 1.96 * 0.0254824
        QVERIFY(qAbs(accuracyMarginPoints(872) - 3.3187) < 1e-4);  // SST-2 dev
    }

    // The walkthrough's MRPC-like file: 270 training rows, 30 validation rows, two classes.
    void aSmallClassificationDatasetGetsEveryNote() {
        std::vector<int32_t> ids(270, 0);
        std::fill(ids.begin(), ids.begin() + 180, 1);
        const DataSizeNotes notes = dataSizeNotes(classification(270, 30, {"0", "1"}, ids));
        QCOMPARE(notes.few_training_rows.value_or(-1), int64_t(270));
        QVERIFY(notes.validation_margin_points.has_value());
        QVERIFY(qAbs(*notes.validation_margin_points - 17.892) < 1e-3);
        QCOMPARE(notes.validation_rows, int64_t(30));
        QVERIFY(notes.rare_labels.empty());
        const nlohmann::json j = notes.toJson();
        QCOMPARE(j["few_training_rows"].get<int64_t>(), int64_t(270));
        QCOMPARE(j["validation_rows"].get<int64_t>(), int64_t(30));
        QVERIFY(!j.contains("rare_labels"));
    }

    void theThresholdsAreWhereTheyAreSaid() {
        const std::vector<int32_t> ids(10000, 0);
        QVERIFY(dataSizeNotes(classification(10000, 385, {"a"}, ids)).empty());
        const DataSizeNotes at384 = dataSizeNotes(classification(9999, 384, {"a"}, std::vector<int32_t>(9999, 0)));
        QCOMPARE(at384.few_training_rows.value_or(-1), int64_t(9999));
        QVERIFY(at384.validation_margin_points.has_value());
        // No validation split: nothing to say about its accuracy.
        QVERIFY(!dataSizeNotes(classification(10000, 0, {"a"}, ids)).validation_margin_points);
    }

    // Labels with fewer than 10 training rows, rarest first, a label with none included; ids out of
    // range (never produced for single-label rows) are not counted.
    void rareLabelsRarestFirst() {
        std::vector<int32_t> ids;
        for (int i = 0; i < 20000; ++i) ids.push_back(0);
        for (int i = 0; i < 9; ++i) ids.push_back(1);
        for (int i = 0; i < 10; ++i) ids.push_back(2);
        for (int i = 0; i < 3; ++i) ids.push_back(4);
        ids.push_back(-100);
        const DataSizeNotes notes = dataSizeNotes(
            classification(static_cast<int64_t>(ids.size()), 1000, {"World", "Sports", "Business", "Sci/Tech", "Other"}, ids));
        QVERIFY(!notes.few_training_rows);
        QVERIFY(!notes.validation_margin_points);
        QCOMPARE(notes.rare_labels.size(), size_t(3));
        QCOMPARE(notes.rare_labels[0].label, std::string("Sci/Tech"));
        QCOMPARE(notes.rare_labels[0].rows, int64_t(0));
        QCOMPARE(notes.rare_labels[1].label, std::string("Other"));
        QCOMPARE(notes.rare_labels[1].rows, int64_t(3));
        QCOMPARE(notes.rare_labels[2].label, std::string("Sports"));
        QCOMPARE(notes.rare_labels[2].rows, int64_t(9));
        QCOMPARE(notes.toJson()["rare_labels"][1]["rows"].get<int64_t>(), int64_t(3));
    }

    // Tagging and regression have no per-row class or accuracy; pretraining has no seeds to compare.
    void onlyWhatTheTaskMeasures() {
        DataSizeFacts tagging;
        tagging.fine_tuning = true;
        tagging.train_rows = 40;
        tagging.validation_rows = 20;
        const DataSizeNotes notes = dataSizeNotes(tagging);
        QCOMPARE(notes.few_training_rows.value_or(-1), int64_t(40));
        QVERIFY(!notes.validation_margin_points);
        QVERIFY(notes.rare_labels.empty());
        DataSizeFacts pretraining;
        pretraining.train_rows = 40;
        pretraining.validation_rows = 20;
        QVERIFY(dataSizeNotes(pretraining).empty());
    }
};

QTEST_APPLESS_MAIN(TestDataSizeNotes)
#include "test_data_size_notes.moc"
