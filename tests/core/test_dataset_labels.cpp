// LabelSet order and errors, and the stratified train/validation split (core/data).
#include "core/data/label_set.h"
#include "core/data/stratified_split.h"
#include "test_support.h"

#include <QtTest>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

using namespace bw::data;
using bw::test::errorOf;
using Strings = std::vector<std::string>;

class TestDatasetLabels : public QObject {
    Q_OBJECT

private slots:
    void classOrder() {
        // All integers: numeric order (as class_encode_column sorts an int column), not "10" < "2".
        QCOMPARE(LabelSet::forClasses(Strings{"10", "2", "-1", "0", "2", "10"}).labels(), (Strings{"-1", "0", "2", "10"}));
        // Strings: sorted, whatever order the rows come in.
        QCOMPARE(LabelSet::forClasses(Strings{"pos", "neutral", "neg", "pos"}).labels(), (Strings{"neg", "neutral", "pos"}));
        QCOMPARE(LabelSet::forClasses(Strings{"pos", "Pos", "négatif", "b"}).labels(), (Strings{"Pos", "b", "négatif", "pos"}));
        // Mixed: all sorted as strings.
        QCOMPARE(LabelSet::forClasses(Strings{"2", "10", "x"}).labels(), (Strings{"10", "2", "x"}));
        QCOMPARE(LabelSet::forClasses(Strings{"true", "false"}).labels(), (Strings{"false", "true"}));
        // "" (unlabelled) is not a class.
        QCOMPARE(LabelSet::forClasses(Strings{"1", "", "0"}).labels(), (Strings{"0", "1"}));

        std::vector<Example> examples(3);
        examples[0].label = "b", examples[1].label = "a", examples[2].label = "b";
        const LabelSet set = LabelSet::forClasses(examples);
        QCOMPARE(set.size(), size_t{2});
        QCOMPARE(set.id("a"), int64_t{0});
        QCOMPARE(set.id("b"), int64_t{1});
        QCOMPARE(set.label(1), std::string("b"));
        QVERIFY(!set.find("c"));
    }

    void tagOrder() {
        const std::vector<Strings> sentences = {{"B-PER", "I-PER", "O"}, {"O", "B-LOC"}, {"I-MISC", "B-MISC"}};
        QCOMPARE(LabelSet::forTags(sentences).labels(), (Strings{"O", "B-LOC", "B-MISC", "B-PER", "I-MISC", "I-PER"}));
        QCOMPARE(LabelSet::forTags(std::vector<Strings>{{"B-X", "A"}}).labels(), (Strings{"A", "B-X"}));  // no "O"
    }

    void jsonRoundTrip() {
        const LabelSet set = LabelSet::forTags(std::vector<Strings>{{"B-PER", "O", "I-PER"}});
        const auto json = set.toJson();
        QCOMPARE(json.dump(), std::string(R"(["O","B-PER","I-PER"])"));
        QVERIFY(LabelSet::fromJson(nlohmann::json::parse(json.dump())) == set);
        QCOMPARE(errorOf([] { LabelSet::fromJson(nlohmann::json::parse(R"({"0": "neg"})")); }),
                 std::string("label set: expected a JSON list of labels, found object"));
        QCOMPARE(errorOf([] { LabelSet::fromJson(nlohmann::json::parse(R"(["a", 1])")); }),
                 std::string("label set: entry 1 is number, not a string"));
        QCOMPARE(errorOf([] { LabelSet::fromJson(nlohmann::json::parse(R"(["a", "b", "a"])")); }),
                 std::string("label set: label 'a' is listed twice"));
    }

    void unseenLabelErrors() {
        const LabelSet set = LabelSet::forClasses(Strings{"1", "0"});
        QCOMPARE(errorOf([&] { set.id("x", LabelOrigin{"validation", "dev.tsv", 17}); }),
                 std::string("validation label 'x' at dev.tsv:17 was not in the training labels (0, 1)"));
        QCOMPARE(errorOf([&] { set.id("2"); }), std::string("label '2' is not one of the 2 labels (0, 1)"));
        QCOMPARE(errorOf([&] { set.label(2); }), std::string("label id 2 is out of range: there are 2 labels"));
        QCOMPARE(set.id("1", LabelOrigin{"validation", "dev.tsv", 3}), int64_t{1});
    }

    void stratifiedProportions() {
        Strings labels;
        for (int i = 0; i < 100; ++i) labels.push_back(i % 5 == 0 ? "b" : "a");  // 80 a, 20 b, interleaved
        labels.push_back("c");                                                    // seen once
        labels.push_back("d"), labels.push_back("d");                             // seen twice
        const auto split = stratifiedSplit(labels, 0.2, 42);
        QCOMPARE(split.size(), labels.size());
        std::map<std::string, int> validation;
        for (size_t i = 0; i < labels.size(); ++i) validation[labels[i]] += split[i];
        QCOMPARE(validation["a"], 16);  // round(80 * 0.2)
        QCOMPARE(validation["b"], 4);   // round(20 * 0.2)
        QCOMPARE(validation["c"], 0);   // a single example stays in training
        QCOMPARE(validation["d"], 1);   // round(0.4) = 0, raised to one

        // Deterministic for a seed; another seed picks other rows.
        QCOMPARE(stratifiedSplit(labels, 0.2, 42), split);
        QVERIFY(stratifiedSplit(labels, 0.2, 43) != split);
        // Never a whole label in validation.
        const auto most = stratifiedSplit(Strings{"x", "x", "x"}, 0.99, 1);
        QCOMPARE(int(std::count(most.begin(), most.end(), true)), 2);
    }

    void stratifiedFractionErrors() {
        for (double f : {0.0, 1.0, -0.1, 1.5}) {
            QVERIFY(errorOf([&] { stratifiedSplit(Strings{"a", "b"}, f, 1); })
                        .rfind("validation fraction must be between 0 and 1 (exclusive)", 0) == 0);
        }
    }
};

QTEST_APPLESS_MAIN(TestDatasetLabels)
#include "test_dataset_labels.moc"
