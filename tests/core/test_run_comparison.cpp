// Comparing runs: flattened config keys, only the differing ones kept, and `runs compare`'s JSON
// with each run's final metrics, checked against values worked out by hand.
#include "core/store/experiment_store.h"
#include "core/train/run_comparison.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace bw;
using nlohmann::json;

namespace QTest {
template <>
inline char* toString(const json& j) { return qstrdup(j.dump().c_str()); }
}  // namespace QTest

class TestRunComparison : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;

private slots:
    void flattenJoinsNestedKeysWithDots() {
        std::map<std::string, json> flat;
        train::flattenConfig({{"task", "ner"}, {"training_args", {{"seed", 42}, {"extra", json::object()}}}, {"layers", {1, 2}}},
                             "", flat);
        const std::map<std::string, json> expected = {{"task", "ner"}, {"training_args.seed", 42}, {"layers", {1, 2}}};
        QVERIFY(flat == expected);  // arrays are leaves; an empty object adds no key
    }

    void diffKeepsOnlyTheKeysThatDiffer() {
        const json first = {{"task", "ner"}, {"args", {{"lr", 1e-3}, {"epochs", 3}}}};
        const json second = {{"task", "ner"}, {"args", {{"lr", 5e-4}}}};
        const train::ConfigDiff diff = train::diffConfigs(std::vector<json>{first, second, first});
        QCOMPARE(diff.keys, (std::vector<std::string>{"args.epochs", "args.lr"}));  // sorted
        QCOMPARE(json(diff.values[0]), json({3, nullptr, 3}));                    // null where a run lacks it
        QCOMPARE(json(diff.values[1]), json({1e-3, 5e-4, 1e-3}));
        QVERIFY(train::diffConfigs(std::vector<json>{first, first}).keys.empty());
        QVERIFY(train::diffConfigs(std::vector<json>{{{"a", json::object()}}, json::object()}).keys.empty());
    }

    // `runs compare`: a finished run's final evaluation is its last one when it saved no checkpoint;
    // a run without evaluations has null metrics.
    void compareRunsJson() {
        auto store = store::ExperimentStore::open((tmp_.path() + "/compare.sqlite").toStdString());
        store::RunRecord spec;
        spec.name = "a";
        spec.config = {{"training_args", {{"learning_rate", 1e-3}, {"seed", 42}}}};
        const store::RunRecord a = store.createRun(spec);
        for (const auto& [step, accuracy] : {std::pair<int64_t, double>{10, 0.84}, {20, 0.81}}) {
            store::EvaluationRecord e;
            e.run_id = a.id;
            e.step = step;
            e.split = "validation";
            e.metrics = {{"accuracy", accuracy}, {"loss", 0.5}};
            store.addEvaluation(e);
        }
        spec.name = "b";
        spec.config = {{"training_args", {{"learning_rate", 5e-4}, {"seed", 42}}}};
        const store::RunRecord b = store.createRun(spec);
        const json expected = {{"runs", {a.id, b.id}},
                               {"config_diff", {{"training_args.learning_rate", {1e-3, 5e-4}}}},
                               {"metrics", {{"accuracy", {0.81, nullptr}}, {"loss", {0.5, nullptr}}}}};
        QCOMPARE(train::compareRuns(store, {a, b}), expected);
    }
};

QTEST_GUILESS_MAIN(TestRunComparison)
#include "test_run_comparison.moc"
