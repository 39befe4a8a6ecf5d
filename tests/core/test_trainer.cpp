// The training loop on real data: a small BERT fine-tuned on SST-2 learns (loss falls, validation
// accuracy beats chance), the same seed gives the same curve, a resumed run equals an uninterrupted
// one, checkpoints are complete Hugging Face directories, and a NaN loss stops the run clearly.
#include "core/data/label_set.h"
#include "core/data/record_reader.h"
#include "core/io/model_directory.h"
#include "core/runtime/compute_setup.h"
#include "core/runtime/core_load.h"
#include "core/runtime/error.h"
#include "core/train/quickstart.h"
#include "core/train/trainer.h"
#include "busy_processes.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <chrono>

namespace fs = std::filesystem;
using namespace bw;
using namespace bw::train;

namespace {

struct Sst2 {
    std::shared_ptr<text::BertTokenizer> tokenizer;
    data::LabelSet labels{std::vector<std::string>{}};
    std::vector<Feature> train, validation;
};

const Sst2& sst2() {
    static const Sst2 data = [] {
        Sst2 d;
        d.tokenizer = std::make_shared<text::BertTokenizer>(
            text::BertTokenizer::fromVocabFile(test::fixture("vocab/bert-base-uncased/vocab.txt")));
        auto train = data::readExamples(test::fixture("data/sst2_train_head2000.tsv"));
        auto dev = data::readExamples(test::fixture("data/sst2_dev.tsv"));
        d.labels = data::LabelSet::forClasses(train);
        auto id = [&](const std::string& l) { return static_cast<int32_t>(d.labels.id(l)); };
        d.train = buildSequenceFeatures(train, *d.tokenizer, 64, bw::model::ProblemType::SingleLabel, id, 2);
        d.validation = buildSequenceFeatures(dev, *d.tokenizer, 64, bw::model::ProblemType::SingleLabel, id, 2);
        return d;
    }();
    return data;
}

model::BertConfig smallConfig() {
    model::BertConfig c;
    c.vocab_size = 30522;
    c.hidden_size = 64;
    c.num_hidden_layers = 2;
    c.num_attention_heads = 2;
    c.intermediate_size = 128;
    c.max_position_embeddings = 128;
    c.id2label = {"0", "1"};
    return c;
}

TrainingArguments quickArgs() {
    TrainingArguments a;
    a.num_train_epochs = 3;
    a.per_device_train_batch_size = 32;
    a.per_device_eval_batch_size = 128;
    a.learning_rate = 1e-3;
    a.warmup_ratio = 0.1;
    a.weight_decay = 0.01;
    a.logging_steps = 5;
    a.metric_for_best_model = "accuracy";
    a.seed = 7;
    return a;
}

// A run that the time budget ends (the epochs asked for would take hours), evaluating nothing.
TrainingArguments budgetArgs(const std::string& budget) {
    TrainingArguments a = quickArgs();
    a.num_train_epochs = 10000;
    a.max_train_time = budget;
    a.evaluation_strategy = "no";
    return a;
}

struct Recorded {
    std::vector<double> losses;
    std::vector<double> learning_rates;
    std::vector<EvaluationEvent> evaluations;
    int64_t checkpoints_written = 0;
    std::vector<double> log_seconds;  // when each log came, on a steady clock
    std::vector<double> threads;      // each log's thread count, where the run adapts it (--threads auto)
};

// What a run trains on, when not the SST-2 slice as it is.
struct Setup {
    model::BertConfig config = smallConfig();
    std::optional<fs::path> pretrained;  // start from this model directory (a new classifier head)
    std::vector<float> class_weights;
    const std::vector<Feature>* train = nullptr;
};

TrainOutcome run(const TrainingArguments& args, const fs::path& out, Recorded& rec,
                 std::function<bool()> stop = {}, std::optional<fs::path> resume = std::nullopt,
                 const Setup& setup = {}) {
    torch::manual_seed(args.seed);
    auto model = setup.pretrained
                     ? io::loadModelDirectory(*setup.pretrained, io::ModelLoadOptions::forTask(model::BertTask::SequenceClassification, true)).model
                     : model::makeBertTaskModel(setup.config, model::BertTask::SequenceClassification);
    TrainerCallbacks callbacks;
    callbacks.on_log = [&](const LogEvent& e) {
        rec.losses.push_back(e.values.at("loss"));
        rec.learning_rates.push_back(e.values.at("learning_rate"));
        rec.log_seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count());
        if (e.values.count("threads")) rec.threads.push_back(e.values.at("threads"));
    };
    callbacks.on_evaluate = [&](const EvaluationEvent& e) { rec.evaluations.push_back(e); };
    callbacks.on_checkpoint = [&](const CheckpointEvent&) { ++rec.checkpoints_written; };
    callbacks.should_stop = std::move(stop);
    TaskSpec task;
    task.label_names = sst2().labels.labels();
    task.class_weights = setup.class_weights;
    Trainer trainer(model, sst2().tokenizer, args, task, setup.train ? *setup.train : sst2().train, sst2().validation,
                    out, callbacks);
    return trainer.train(resume);
}

// The losses of a stopped run and of its resumption, one after the other, equal an uninterrupted
// run's step by step.
void expectJoinedCurve(const Recorded& first, const Recorded& second, const Recorded& whole) {
    std::vector<double> joined = first.losses;
    joined.insert(joined.end(), second.losses.begin(), second.losses.end());
    QCOMPARE(joined.size(), whole.losses.size());
    for (size_t i = 0; i < joined.size(); ++i)
        QVERIFY2(std::abs(joined[i] - whole.losses[i]) < 1e-5,
                 qPrintable(QString("step %1: %2 vs %3").arg(i + 1).arg(joined[i]).arg(whole.losses[i])));
}

// The longest time between two consecutive logs: with a log per step, the longest step.
double longestGap(const std::vector<double>& seconds) {
    double gap = 0;
    for (size_t i = 1; i < seconds.size(); ++i) gap = std::max(gap, seconds[i] - seconds[i - 1]);
    return gap;
}

double recallOf(const nlohmann::json& details, const std::string& label) {
    return details.at("per_class").at(label).at("recall").get<double>();
}

}  // namespace

class TestTrainer : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    fs::path dir(const char* name) { return fs::path(tmp_.path().toStdString()) / name; }

private slots:
    void initTestCase() { torch::set_num_threads(2); }

    void fineTuningLearnsSst2() {
        Recorded rec;
        const TrainOutcome outcome = run(quickArgs(), dir("learn"), rec);
        QCOMPARE(trainStatusName(outcome.status), std::string("completed"));
        QCOMPARE(outcome.global_step, int64_t(3 * 63));  // ceil(2000 / 32) steps per epoch
        QVERIFY(rec.losses.size() > 10);
        const double first = (rec.losses[0] + rec.losses[1]) / 2;
        const double last = (rec.losses[rec.losses.size() - 1] + rec.losses[rec.losses.size() - 2]) / 2;
        QVERIFY2(last < first - 0.1, qPrintable(QString("loss %1 -> %2").arg(first).arg(last)));
        QCOMPARE(rec.evaluations.size(), size_t(3));  // one per epoch
        const double accuracy = outcome.final_metrics.at("accuracy");
        // 872 dev sentences: chance is 0.509 (the majority class); the binomial noise is ~0.017.
        QVERIFY2(accuracy > 0.6, qPrintable(QString::number(accuracy)));
        QVERIFY(outcome.final_details.contains("confusion_matrix"));
        QCOMPARE(outcome.final_metrics.at("accuracy"), outcome.best_metrics.at("accuracy"));  // best model loaded

        // Checkpoints are complete Hugging Face directories plus the trainer state.
        QVERIFY(!outcome.best_checkpoint.empty());
        for (const char* file : {"config.json", "model.safetensors", "vocab.txt", "tokenizer.json", "optimizer.pt",
                                 "rng_state.pt", "trainer_state.json"})
            QVERIFY2(fs::exists(fs::path(outcome.best_checkpoint) / file), file);
        QVERIFY(io::loadModelDirectory(outcome.best_checkpoint).report.clean());
        // save_total_limit = 2: no more than two checkpoints remain.
        int checkpoints = 0;
        for (const auto& entry : fs::directory_iterator(dir("learn"))) checkpoints += entry.is_directory();
        QVERIFY(checkpoints <= 2);
    }

    void sameSeedSameCurve() {
        TrainingArguments args = quickArgs();
        args.max_steps = 20;
        args.evaluation_strategy = args.save_strategy = "no";
        Recorded a, b;
        run(args, dir("seed-a"), a);
        run(args, dir("seed-b"), b);
        QCOMPARE(a.losses, b.losses);
        args.seed = 8;
        Recorded c;
        run(args, dir("seed-c"), c);
        QVERIFY(a.losses != c.losses);
    }

    // data_seed (Hugging Face's name) drives the batch order and the masks: unset it is the seed, and
    // another value changes the curve while the weights start the same.
    void dataSeedChangesTheDataOrderOnly() {
        TrainingArguments args = quickArgs();
        args.max_steps = 20;
        args.evaluation_strategy = args.save_strategy = "no";
        Recorded unset, same, other;
        run(args, dir("data-seed-unset"), unset);
        args.data_seed = args.seed;
        run(args, dir("data-seed-same"), same);
        QCOMPARE(same.losses, unset.losses);
        args.data_seed = 9;
        run(args, dir("data-seed-other"), other);
        QVERIFY(other.losses != unset.losses);
        QCOMPARE(TrainingArguments::fromJson(args.toJson(), "test").data_seed, std::optional<uint64_t>(9));
        QVERIFY(!TrainingArguments::fromJson(quickArgs().toJson(), "test").data_seed);
    }

    void resumeEqualsAnUninterruptedRun() {
        TrainingArguments args = quickArgs();
        args.max_steps = 30;
        args.logging_steps = 1;
        args.evaluation_strategy = "no";
        args.save_strategy = "no";
        Recorded whole;
        run(args, dir("whole"), whole);

        args.save_strategy = "steps";
        args.save_steps = 1000;  // only the checkpoint written when stopping
        Recorded first;
        int steps = 0;
        const TrainOutcome stopped = run(args, dir("parts"), first, [&] { return ++steps > 12; });
        QCOMPARE(trainStatusName(stopped.status), std::string("stopped"));
        QCOMPARE(stopped.global_step, int64_t(12));
        Recorded second;
        const TrainOutcome resumed = run(args, dir("parts"), second, {}, fs::path(stopped.last_checkpoint));
        QCOMPARE(resumed.global_step, int64_t(30));
        expectJoinedCurve(first, second, whole);
    }

    // A time budget (Izsak et al.'s recipe) ends the run when it is spent, within 2% (a step is not
    // taken when it would end more past the budget than short of it), and the schedule follows the
    // clock: one_cycle's learning rate climbs to its peak half way through the budget and falls to
    // nearly 0 at its end, though the epochs asked for would take hours.
    void aTimeBudgetEndsTheRunAndDrivesTheSchedule() {
        TrainingArguments args = budgetArgs("20s");
        args.lr_scheduler_type = "one_cycle";
        args.warmup_ratio = 0;
        args.logging_steps = 1;
        args.save_strategy = "no";
        Recorded rec;
        const TrainOutcome outcome = run(args, dir("budget"), rec);
        QCOMPARE(trainStatusName(outcome.status), std::string("completed"));
        // Within about a step of the budget (a sanitizer on a loaded machine makes steps long).
        QVERIFY2(std::abs(outcome.train_seconds - 20.0) <= std::max(0.4, longestGap(rec.log_seconds)),
                 qPrintable(QString("trained %1 s for a 20 s budget, steps of up to %2 s")
                                .arg(outcome.train_seconds).arg(longestGap(rec.log_seconds))));

        const std::vector<double>& lr = rec.learning_rates;
        QVERIFY(lr.size() > 20);
        const auto peak = std::max_element(lr.begin(), lr.end());
        // Half way through the time, not the steps: a busy machine takes fewer steps in one half.
        const std::vector<double>& t = rec.log_seconds;
        const double share_at_peak = (t[static_cast<size_t>(peak - lr.begin())] - t.front()) / (t.back() - t.front());
        QVERIFY2(share_at_peak > 0.35 && share_at_peak < 0.65, qPrintable(QString::number(share_at_peak)));
        QVERIFY(*peak > 0.9 * args.learning_rate);
        QVERIFY(std::is_sorted(lr.begin(), peak));
        QVERIFY(std::is_sorted(peak, lr.end(), std::greater<>()));
        QVERIFY2(lr.back() < 0.05 * args.learning_rate, qPrintable(QString::number(lr.back())));
    }

    // budget_checkpoints 3 saves at a third, two thirds and the end of the budget; each
    // checkpoint's trainer_state.json says how long the run had trained.
    void aTimeBudgetSavesAtItsShares() {
        TrainingArguments args = budgetArgs("6s");
        args.budget_checkpoints = 3;
        args.save_strategy = "steps";
        args.save_steps = 1000000;  // only the budget's checkpoints
        args.save_total_limit = 0;
        args.logging_steps = 1;  // the logs time the steps
        Recorded rec;
        const TrainOutcome outcome = run(args, dir("budget_shares"), rec);
        QCOMPARE(trainStatusName(outcome.status), std::string("completed"));
        std::vector<double> saved_at;
        for (const auto& entry : fs::directory_iterator(dir("budget_shares")))
            saved_at.push_back(test::readJson(entry.path() / "trainer_state.json").at("train_seconds").get<double>());
        std::sort(saved_at.begin(), saved_at.end());
        QCOMPARE(saved_at.size(), size_t(3));
        QVERIFY2(saved_at[0] >= 2.0 && saved_at[0] < 3.0, qPrintable(QString::number(saved_at[0])));
        QVERIFY2(saved_at[1] >= 4.0 && saved_at[1] < 5.0, qPrintable(QString::number(saved_at[1])));
        // The last step is taken when it ends nearer the budget than it would stop short of it: within
        // about a step of 6 s. A sanitizer on a loaded machine makes a step several times longer.
        QVERIFY2(rec.log_seconds.size() >= 5, qPrintable(QString("%1 logs").arg(rec.log_seconds.size())));
        QVERIFY2(std::abs(saved_at[2] - 6.0) <= std::max(0.12, longestGap(rec.log_seconds)),
                 qPrintable(QString("%1 s, steps of up to %2 s").arg(saved_at[2]).arg(longestGap(rec.log_seconds))));
        QCOMPARE(outcome.last_checkpoint, (dir("budget_shares") / ("checkpoint-" + std::to_string(outcome.global_step))).string());
    }

    // The budget spans a stop and a resume: the resumed session trains only what is left of it.
    void aTimeBudgetSpansAResume() {
        TrainingArguments args = budgetArgs("8s");
        args.budget_checkpoints = 1;
        args.save_strategy = "steps";
        args.save_steps = 1000000;
        Recorded first, second;
        const auto started = std::chrono::steady_clock::now();
        const TrainOutcome stopped = run(args, dir("budget_resume"), first, [&] {
            return std::chrono::steady_clock::now() - started > std::chrono::seconds(3);
        });
        QCOMPARE(trainStatusName(stopped.status), std::string("stopped"));
        const double before = test::readJson(fs::path(stopped.last_checkpoint) / "trainer_state.json").at("train_seconds").get<double>();
        QVERIFY2(before > 2.0 && before < 4.5, qPrintable(QString::number(before)));
        args.logging_steps = 1;
        const TrainOutcome resumed = run(args, dir("budget_resume"), second, {}, fs::path(stopped.last_checkpoint));
        QCOMPARE(trainStatusName(resumed.status), std::string("completed"));
        const double total = test::readJson(fs::path(resumed.last_checkpoint) / "trainer_state.json").at("train_seconds").get<double>();
        // The last step is taken when it ends nearer the budget than it would stop short of it: the
        // total is within about one step of 8 s. A step's length is read from the resumed session's
        // logs (one per step): a sanitizer on a loaded machine makes it several times longer.
        const double step_seconds = longestGap(second.log_seconds);
        QVERIFY2(second.log_seconds.size() >= 5, qPrintable(QString("%1 logs").arg(second.log_seconds.size())));
        QVERIFY2(std::abs(total - 8.0) <= std::max(0.16, step_seconds),
                 qPrintable(QString("%1 s in all, steps of up to %2 s").arg(total).arg(step_seconds)));
        // Not a fresh budget: the session (its last checkpoint's save included) stays well short of 8 s.
        QVERIFY2(resumed.train_seconds < 7.0,
                 qPrintable(QString("%1 s before the stop, %2 s after").arg(before).arg(resumed.train_seconds)));
    }

    // A stop asked for between the micro-batches of an accumulation group is taken where the next
    // group begins, so the checkpoint holds no half-summed gradient and the resumed run equals an
    // uninterrupted one step by step.
    void resumeIsExactWithGradientAccumulation() {
        TrainingArguments args = quickArgs();
        args.max_steps = 12;
        args.per_device_train_batch_size = 8;
        args.gradient_accumulation_steps = 4;
        args.logging_steps = 1;
        args.evaluation_strategy = "no";
        args.save_strategy = "no";
        Recorded whole;
        run(args, dir("accumulated-whole"), whole);
        QCOMPARE(whole.losses.size(), size_t{12});

        args.save_strategy = "steps";
        args.save_steps = 1000;  // only the checkpoint written when stopping
        // The stop is asked for at the 6th poll: with a poll before every micro-batch that fell
        // inside the second group (its second micro-batch).
        int polls = 0;
        Recorded first;
        const TrainOutcome stopped = run(args, dir("accumulated-parts"), first, [&] { return ++polls >= 6; });
        QCOMPARE(trainStatusName(stopped.status), std::string("stopped"));
        const auto state = test::readJson(fs::path(stopped.last_checkpoint) / "trainer_state.json");
        QCOMPARE(state["batch_in_epoch"].get<int64_t>() % 4, int64_t{0});  // on a group boundary
        QCOMPARE(state["batch_in_epoch"].get<int64_t>(), 4 * stopped.global_step);
        Recorded second;
        const TrainOutcome resumed = run(args, dir("accumulated-parts"), second, {}, fs::path(stopped.last_checkpoint));
        QCOMPARE(resumed.global_step, int64_t(12));
        expectJoinedCurve(first, second, whole);
    }

    // Two micro-batches of 16 accumulated are one batch of 32 (dropout off, batches in the same order).
    void accumulationEqualsTheLargerBatch() {
        Setup no_dropout;
        no_dropout.config.hidden_dropout_prob = 0;
        no_dropout.config.attention_probs_dropout_prob = 0;
        TrainingArguments args = quickArgs();
        args.max_steps = 10;
        args.logging_steps = 1;
        args.group_by_length = false;  // a shuffled order cut into batches: 2 x 16 are the same rows as 32
        args.evaluation_strategy = args.save_strategy = "no";
        Recorded whole, accumulated;
        const TrainOutcome a = run(args, dir("batch-32"), whole, {}, std::nullopt, no_dropout);
        args.per_device_train_batch_size = 16;
        args.gradient_accumulation_steps = 2;
        const TrainOutcome b = run(args, dir("accumulated-2x16"), accumulated, {}, std::nullopt, no_dropout);
        QCOMPARE(a.global_step, b.global_step);
        QCOMPARE(accumulated.losses.size(), whole.losses.size());
        for (size_t i = 0; i < whole.losses.size(); ++i)
            QVERIFY2(std::abs(accumulated.losses[i] - whole.losses[i]) < 1e-5,
                     qPrintable(QString("step %1: %2 vs %3").arg(i + 1).arg(accumulated.losses[i]).arg(whole.losses[i])));
    }

    // early_stopping_patience 2: the third evaluation without an improvement (here: a threshold no
    // change can pass) stops the run, and the best checkpoint is the one kept and loaded.
    void earlyStoppingStopsAfterPatienceAndKeepsTheBest() {
        TrainingArguments args = quickArgs();
        args.num_train_epochs = 10;
        args.evaluation_strategy = args.save_strategy = "steps";
        args.eval_steps = args.save_steps = 5;
        args.early_stopping_patience = 2;
        args.early_stopping_threshold = 1.0;  // accuracy can never rise by 1
        Recorded rec;
        const TrainOutcome outcome = run(args, dir("early"), rec);
        QCOMPARE(trainStatusName(outcome.status), std::string("early_stopped"));
        QCOMPARE(outcome.global_step, int64_t{15});
        QCOMPARE(rec.evaluations.size(), size_t{3});
        size_t best = 0;
        for (size_t i = 1; i < rec.evaluations.size(); ++i)
            if (rec.evaluations[i].metrics.at("accuracy") > rec.evaluations[best].metrics.at("accuracy")) best = i;
        const std::string best_dir = (dir("early") / ("checkpoint-" + std::to_string(rec.evaluations[best].step))).string();
        QCOMPARE(outcome.best_checkpoint, best_dir);
        QVERIFY(fs::exists(best_dir));
        QCOMPARE(outcome.final_metrics.at("accuracy"), rec.evaluations[best].metrics.at("accuracy"));  // loaded at the end
    }

    // Balanced class weights on an imbalanced slice (one negative review in ten) raise the recall of
    // the minority class on the dev set, against the same run unweighted.
    void balancedWeightsRaiseMinorityRecall() {
        std::vector<Feature> imbalanced;
        int negatives = 0;
        const int32_t negative = static_cast<int32_t>(sst2().labels.id("0"));
        for (const Feature& f : sst2().train)
            if (f.label != negative || ++negatives % 10 == 0) imbalanced.push_back(f);
        const double n = static_cast<double>(imbalanced.size()), minority = negatives / 10;
        // From the bundled pretrained model (its vocabulary is the fixtures' bert-base-uncased one):
        // a small model from scratch learns too little of SST-2 here for its recall to mean much.
        Setup weighted;
        weighted.pretrained = train::findBundledModel();
        weighted.train = &imbalanced;
        weighted.class_weights = {float(n / (2 * minority)), float(n / (2 * (n - minority)))};  // sklearn's "balanced"
        QCOMPARE(negative, 0);
        Setup unweighted = weighted;
        unweighted.class_weights.clear();
        TrainingArguments args = quickArgs();
        args.num_train_epochs = 2;
        args.learning_rate = 3e-4;
        args.evaluation_strategy = args.save_strategy = "no";
        Recorded a, b;
        const TrainOutcome plain = run(args, dir("unweighted"), a, {}, std::nullopt, unweighted);
        const TrainOutcome balanced = run(args, dir("balanced"), b, {}, std::nullopt, weighted);
        const double before = recallOf(plain.final_details, "0"), after = recallOf(balanced.final_details, "0");
        qInfo("minority-class recall: %.3f unweighted, %.3f balanced", before, after);
        QVERIFY2(after > before + 0.1, qPrintable(QString("minority recall %1 -> %2").arg(before).arg(after)));
    }

    // Settings that would do nothing are refused with the reason.
    void silentNoOpsAreErrors() {
        TrainingArguments args = quickArgs();
        args.early_stopping_patience = 3;
        args.evaluation_strategy = "no";
        const std::string no_eval = test::errorOf([&] { args.validate(); });
        QVERIFY2(no_eval.find("early_stopping_patience counts evaluations") != std::string::npos, no_eval.c_str());

        args.evaluation_strategy = "epoch";
        const std::string no_validation_set = test::errorOf([&] {
            auto model = model::makeBertTaskModel(smallConfig(), model::BertTask::SequenceClassification);
            TaskSpec task;
            task.label_names = sst2().labels.labels();
            Trainer(model, sst2().tokenizer, args, task, sst2().train, {}, dir("no-eval"), {});
        });
        QVERIFY2(no_validation_set.find("no validation set") != std::string::npos, no_validation_set.c_str());

        args = quickArgs();
        args.metric_for_best_model = "f1";
        const std::string three_classes = test::errorOf([&] {
            auto config = smallConfig();
            config.id2label = {"a", "b", "c"};
            auto model = model::makeBertTaskModel(config, model::BertTask::SequenceClassification);
            TaskSpec task;
            task.label_names = {"a", "b", "c"};
            Trainer(model, sst2().tokenizer, args, task, sst2().train, sst2().validation, dir("f1"), {});
        });
        QVERIFY2(three_classes.find("use f1_macro") != std::string::npos, three_classes.c_str());
    }

    // The schedule the estimate and the time left count (TrainingControl::scheduleAfter) is what the
    // loop does: as many evaluations, and saves between the scheduled ones and one per evaluation
    // more; and its closed form equals walking the steps one by one from any step.
    void scheduleCountsWhatTheLoopDoes() {
        struct Case {
            const char *evaluation, *save;
            int64_t eval_steps, save_steps;
        };
        for (const Case& c : {Case{"steps", "steps", 7, 10}, Case{"epoch", "steps", 500, 20}, Case{"steps", "epoch", 25, 500},
                              Case{"no", "steps", 500, 30}, Case{"epoch", "epoch", 500, 500}}) {
            TrainingArguments args = quickArgs();
            args.per_device_train_batch_size = 64;  // 32 steps an epoch: ends at 32 and 64
            args.max_steps = 70;
            args.evaluation_strategy = c.evaluation;
            args.eval_steps = c.eval_steps;
            args.save_strategy = c.save;
            args.save_steps = c.save_steps;
            args.metric_for_best_model = "loss";
            args.load_best_model_at_end = false;
            Recorded rec;
            run(args, dir((std::string("schedule-") + c.evaluation + "-" + c.save).c_str()), rec);
            const int64_t checkpoints = rec.checkpoints_written;  // pruned ones included
            const TrainingControl control(args);
            const TrainingControl::Schedule schedule = control.scheduleAfter(0, 70, 32);
            const QString what = QString("%1/%2: %3 evaluations, %4 checkpoints; schedule %5 evaluations, %6 saves, %7 off saves")
                                     .arg(c.evaluation, c.save).arg(rec.evaluations.size()).arg(checkpoints)
                                     .arg(schedule.evaluations).arg(schedule.saves).arg(schedule.evaluations_off_saves);
            QVERIFY2(static_cast<int64_t>(rec.evaluations.size()) == schedule.evaluations, qPrintable(what));
            QVERIFY2(checkpoints >= schedule.saves && checkpoints <= schedule.savesAtMost(), qPrintable(what));
            for (int64_t after : {int64_t{0}, int64_t{13}, int64_t{32}, int64_t{69}, int64_t{70}}) {
                TrainingControl::Schedule walked;
                for (int64_t step = after + 1; step <= 70; ++step) {
                    ControlDecision due = control.afterStep(step, 70);
                    // An epoch's end, and the last step, where max_steps ends the third epoch early.
                    if (step % 32 == 0 || step == 70) due = TrainingControl::either(due, control.afterEpoch());
                    walked.evaluations += due.evaluate;
                    walked.saves += due.save;
                    walked.evaluations_off_saves += due.evaluate && !due.save && control.savesCheckpoints();
                }
                const TrainingControl::Schedule counted = control.scheduleAfter(after, 70, 32);
                QCOMPARE(counted.evaluations, walked.evaluations);
                QCOMPARE(counted.saves, walked.saves);
                QCOMPARE(counted.evaluations_off_saves, walked.evaluations_off_saves);
            }
        }
    }

    // --threads auto: with all but one of the cores kept busy by other processes, the run goes down to
    // one thread (two would wait for the busy core at every parallel region), logs the count it ran
    // with, and gives the process its count back at the end.
    void autoThreadsGiveWayToBusyProcesses() {
        const int cores = static_cast<int>(usableCpus().size());
        if (cores < 2 || cores > 32) QSKIP("needs 2 to 32 cores");
        configureCompute(ThreadSetting{2, true});
        TrainingArguments args = budgetArgs("5s");
        args.logging_steps = 1;
        args.save_strategy = "no";
        Recorded rec;
        TrainOutcome outcome;
        size_t started = 0;
        {
            test::BusyProcesses busy(cores - 1);
            started = busy.pids.size();
            outcome = run(args, dir("auto_threads"), rec);
        }
        configureCompute(2);  // before any check can return: the tests after this one run fixed
        QCOMPARE(started, size_t(cores - 1));
        QCOMPARE(trainStatusName(outcome.status), std::string("completed"));
        QCOMPARE(rec.threads.size(), rec.losses.size());
        QVERIFY(!rec.threads.empty());
        QVERIFY2(rec.threads.back() == 1.0, qPrintable(QString("ended with %1 threads").arg(rec.threads.back())));
        QCOMPARE(torch::get_num_threads(), 2);
        QVERIFY(std::isfinite(rec.losses.back()));

        // Not asked for: no count is logged and none changes.
        Recorded fixed;
        args.max_train_time = "";
        args.max_steps = 3;
        run(args, dir("fixed_threads"), fixed);
        QVERIFY(fixed.threads.empty());
    }

    // --threads auto also holds for evaluation and error analysis (a whole split, no steps): between
    // batches the count follows the free cores, and the process gets its count back afterwards.
    void autoThreadsEvaluationGivesWayToBusyProcesses() {
        const int cores = static_cast<int>(usableCpus().size());
        if (cores < 2 || cores > 32) QSKIP("needs 2 to 32 cores");
        using test::BatchThreads;
        // One evaluation, beside cores - 1 busy processes. (Each evaluation starts from the count it is
        // given and adapts after a one-second window, so a single long one is observed, not several.)
        auto evaluateOnce = [&](const ThreadSetting& setting, const std::vector<Feature>& eval) {
            configureCompute(setting);
            std::vector<BatchThreads> batches;
            auto started = std::chrono::steady_clock::now();
            TrainerCallbacks callbacks;
            callbacks.on_evaluation_progress = [&](int64_t, int64_t) {
                const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
                batches.push_back({seconds, torch::get_num_threads()});
            };
            TrainingArguments args = quickArgs();
            args.per_device_eval_batch_size = 16;
            torch::manual_seed(args.seed);
            TaskSpec task;
            task.label_names = sst2().labels.labels();
            Trainer trainer(model::makeBertTaskModel(smallConfig(), model::BertTask::SequenceClassification),
                            sst2().tokenizer, args, task, sst2().train, eval, dir("auto_threads_eval"), callbacks);
            test::BusyProcesses busy(cores - 1);
            started = std::chrono::steady_clock::now();
            trainer.evaluate(0, 0.0);
            return batches;
        };
        // The SST-2 slice repeated until one evaluation lasts at least 3 s (the machine's speed varies).
        std::vector<Feature> eval;
        std::vector<BatchThreads> adaptive;
        for (int copies = 4; copies <= 64; copies *= 2) {
            eval.clear();
            for (int copy = 0; copy < copies; ++copy) eval.insert(eval.end(), sst2().train.begin(), sst2().train.end());
            adaptive = evaluateOnce(ThreadSetting{2, true}, eval);
            if (!adaptive.empty() && adaptive.back().seconds >= 3.0) break;
        }
        const int after = torch::get_num_threads();
        const std::vector<BatchThreads> fixed = evaluateOnce(ThreadSetting{2, false}, eval);
        configureCompute(2);  // the tests after this one run fixed
        QCOMPARE(after, 2);
        // After two windows every batch runs with the core the busy process leaves.
        const std::string wrong = test::gaveWayToTheBusyCore(adaptive, fixed);
        QVERIFY2(wrong.empty(), wrong.c_str());
    }

    void divergingLossStopsWithAClearMessage() {
        TrainingArguments args = quickArgs();
        args.learning_rate = 1e6;  // certain to blow up
        args.max_grad_norm = 0;
        args.max_steps = 40;
        args.evaluation_strategy = args.save_strategy = "no";
        Recorded rec;
        const std::string message = test::errorOf([&] { run(args, dir("nan"), rec); });
        QVERIFY2(message.find("loss became") != std::string::npos, message.c_str());
        QVERIFY2(message.find("learning rate") != std::string::npos, message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestTrainer)
#include "test_trainer.moc"
