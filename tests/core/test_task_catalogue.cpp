// The task catalogue against what the engine really does: every metric it lists is one the
// evaluation reports and the other way round, the names parse both ways, a run maps back to its
// task, and the directions of "better" match the metrics' meaning.
#include "core/runtime/error.h"
#include "core/train/evaluation_metrics.h"
#include "core/train/task_catalogue.h"
#include "core/train/training_job.h"

#include <QtTest>

#include <set>

using namespace bw;
using namespace bw::train;
using model::BertTask;
using model::ProblemType;

namespace {

std::set<std::string> metricKeys(const EvaluationEvent& e) {
    std::set<std::string> keys;
    for (const auto& [name, value] : e.metrics) keys.insert(name);
    return keys;
}

std::set<std::string> listed(BertTask head, const std::string& problem_type, size_t labels) {
    const auto names = reportedMetricNames(head, problem_type, labels);
    return {names.begin(), names.end()};
}

}  // namespace

class TestTaskCatalogue : public QObject {
    Q_OBJECT
private slots:
    void everyTaskNamesARealHeadAndMapsBack() {
        std::set<std::string> ids;
        for (const TaskDefinition& t : taskCatalogue()) {
            QVERIFY2(ids.insert(t.id).second, t.id.c_str());
            QCOMPARE(model::taskFromName(t.engineTask()), t.head);
            QVERIFY(!t.problem_types.empty());
            QVERIFY(!t.title.empty() && !t.description.empty() && !t.short_name.empty());
            QVERIFY(!t.pipeline_tag.empty() && !t.auto_class.empty());
            QCOMPARE(&taskDefinition(t.id), &t);
            // A run made from the task's default problem type comes back as this task.
            const TaskDefinition& back =
                taskForRun(t.engineTask(), t.problem_types.front(), t.input == TaskInput::TextPair);
            QCOMPARE(back.id, t.id);
        }
        QVERIFY_THROWS_EXCEPTION(Error, taskDefinition("summarization"));
        QVERIFY_THROWS_EXCEPTION(Error, taskForRun("next-sentence", "", false));
    }

    void runsMapToTheTaskUsersPicked() {
        QCOMPARE(taskForRun("sequence-classification", "", false).id, std::string("text-classification"));
        QCOMPARE(taskForRun("sequence-classification", "", true).id, std::string("sentence-pairs"));
        QCOMPARE(taskForRun("sequence-classification", kMultiLabel, false).id, std::string("text-classification"));
        // A task made for the problem type wins over one that merely allows it.
        QCOMPARE(taskForRun("sequence-classification", kRegression, true).id, std::string("sentence-similarity"));
        QCOMPARE(taskForRun("sequence-classification", kRegression, false).id, std::string("text-classification"));
        QCOMPARE(taskForRun("token-classification", "", false).id, std::string("token-tagging"));
        QCOMPARE(taskForRun("pretraining", "", false).pipeline_tag, std::string("fill-mask"));
        QCOMPARE(taskForRun("pretraining", "", false).auto_class, std::string("BertForPreTraining"));
    }

    void singleLabelMetricsAreWhatEvaluationReports() {
        TaskSpec binary;
        binary.label_names = {"neg", "pos"};
        EvalPredictions p;
        p.predicted = {0, 1, 1, 0};
        p.reference = {0, 1, 0, 0};
        QCOMPARE(metricKeys(summarizeEvaluation(binary, p, 0.5)), listed(BertTask::SequenceClassification, "", 2));

        TaskSpec three;
        three.label_names = {"a", "b", "c"};
        p.predicted = {0, 1, 2, 2};
        p.reference = {0, 2, 2, 1};
        const auto keys = metricKeys(summarizeEvaluation(three, p, 0.5));
        QCOMPARE(keys, listed(BertTask::SequenceClassification, "", 3));
        QVERIFY(!keys.count("f1"));  // the positive class's F1 is a two-class metric
    }

    void multiLabelAndRegressionMetricsAreWhatEvaluationReports() {
        TaskSpec multi;
        multi.problem_type = ProblemType::MultiLabel;
        multi.label_names = {"x", "y"};
        EvalPredictions p;
        p.scores = {{0.9f, 0.2f}, {0.1f, 0.7f}};
        p.targets = {{1, 0}, {1, 1}};
        QCOMPARE(metricKeys(summarizeEvaluation(multi, p, 0.3)), listed(BertTask::SequenceClassification, kMultiLabel, 2));

        TaskSpec regression;
        regression.problem_type = ProblemType::Regression;
        regression.label_names = {"score"};
        p.scores = {{0.5f}, {1.5f}, {2.0f}};
        p.targets = {{0.4f}, {1.0f}, {2.5f}};
        QCOMPARE(metricKeys(summarizeEvaluation(regression, p, 0.3)), listed(BertTask::SequenceClassification, kRegression, 1));
    }

    void taggingAndLanguageModellingMetricsAreWhatEvaluationReports() {
        TaskSpec tagging;
        tagging.task = BertTask::TokenClassification;
        tagging.label_names = {"O", "B-PER", "I-PER"};
        EvalPredictions p;
        p.predicted_tags = {{1, 2, 0}, {0, 1}};
        p.reference_tags = {{1, 2, 0}, {1, 0}};
        QCOMPARE(metricKeys(summarizeEvaluation(tagging, p, 0.3)), listed(BertTask::TokenClassification, "", 3));

        EvalPredictions lm;
        lm.mlm_correct = 3;
        lm.mlm_total = 10;
        lm.mlm_loss_sum = 4.0;
        lm.nsp_correct = 1;
        lm.nsp_total = 2;
        lm.nsp_loss_sum = 0.6;
        lm.batches = 2;
        TaskSpec mlm;
        mlm.task = BertTask::MaskedLM;
        EvalPredictions mlm_only = lm;
        mlm_only.nsp_total = 0;
        QCOMPARE(metricKeys(summarizeEvaluation(mlm, mlm_only, 2.0)), listed(BertTask::MaskedLM, "", 0));
        TaskSpec pretraining;
        pretraining.task = BertTask::PreTraining;
        QCOMPARE(metricKeys(summarizeEvaluation(pretraining, lm, 2.3)), listed(BertTask::PreTraining, "", 0));
    }

    void betterMeansWhatTheMetricMeans() {
        for (const char* lower : {"loss", "mse", "mae", "perplexity", "hamming_loss", "mlm_loss", "nsp_loss"})
            QVERIFY2(!metricHigherIsBetter(lower), lower);
        for (const char* higher : {"accuracy", "f1", "f1_macro", "matthews_correlation", "pearson", "spearman",
                                   "mlm_accuracy", "subset_accuracy", "token_accuracy"})
            QVERIFY2(metricHigherIsBetter(higher), higher);
        QVERIFY(!metricHigherIsBetter("my_custom_loss"));  // Hugging Face's rule for names we do not report
        TrainingArguments args;
        args.metric_for_best_model = "eval_perplexity";
        QVERIFY(!args.greaterIsBetter());
        args.greater_is_better = true;  // an explicit setting wins
        QVERIFY(args.greaterIsBetter());
    }

    void oneRuleSaysWhichRunsResume() {
        QVERIFY(isResumable(store::RunStatus::Stopped));
        QVERIFY(isResumable(store::RunStatus::Interrupted));
        QVERIFY(isResumable(store::RunStatus::Failed));
        QVERIFY(!isResumable(store::RunStatus::Completed));
        QVERIFY(!isResumable(store::RunStatus::Running));
        QVERIFY(!isResumable(store::RunStatus::Queued));
    }
};

QTEST_APPLESS_MAIN(TestTaskCatalogue)
#include "test_task_catalogue.moc"
