// What the trainer feeds the model: TrainingArguments, learning-rate schedules, batch plans,
// dynamic padding, BERT's masking statistics, NSP pair balance and token-label alignment.
#include "core/runtime/error.h"
#include "core/text/bert_tokenizer.h"
#include "core/train/batching.h"
#include "core/train/lr_schedule.h"
#include "core/train/training_args.h"
#include "core/train/training_settings.h"
#include "test_support.h"

#include <ATen/CPUGeneratorImpl.h>
#include <QtTest>

#include <cmath>
#include <numeric>
#include <set>

using namespace bw;
using namespace bw::train;

namespace {

std::shared_ptr<text::BertTokenizer> uncased() {
    static auto tok = std::make_shared<text::BertTokenizer>(
        text::BertTokenizer::fromVocabFile(test::fixture("vocab/bert-base-uncased/vocab.txt")));
    return tok;
}

std::vector<data::Example> corpus() {
    // Three short "documents" of real sentences (SST-2 style), a blank document boundary each.
    const char* docs[][4] = {
        {"the film is a charming and often affecting journey .", "it never loses its sense of humor .",
         "the actors are excellent .", "i would see it again ."},
        {"a gorgeous , witty , seductive movie .", "the script is smart and the pacing is brisk .",
         "nothing feels forced .", "every scene earns its place ."},
        {"the plot is thin and the jokes fall flat .", "two hours felt like four .",
         "the ending makes no sense .", "save your money ."}};
    std::vector<data::Example> out;
    for (int d = 0; d < 3; ++d)
        for (const char* line : docs[d]) {
            data::Example e;
            e.text = line;
            e.document = d;
            out.push_back(e);
        }
    return out;
}

}  // namespace

class TestTrainingInputs : public QObject {
    Q_OBJECT
private slots:
    void argumentsUseHuggingFaceNames() {
        auto args = TrainingArguments::fromJson(
            nlohmann::json::parse(R"({"learning_rate": 3e-5, "per_device_train_batch_size": 16, "output_dir": "x",
                                      "eval_strategy": "steps", "eval_steps": 50})"),
            "args.json");
        QCOMPARE(args.learning_rate, 3e-5);
        QCOMPARE(args.per_device_train_batch_size, int64_t(16));
        QCOMPARE(args.evaluation_strategy, std::string("steps"));
        args.validate();
        QCOMPARE(args.toJson()["eval_steps"].get<int64_t>(), int64_t(50));
        const std::string typo = test::errorOf([] {
            TrainingArguments::fromJson(nlohmann::json::parse(R"({"learning_rat": 1})"), "args.json");
        });
        QVERIFY2(typo.find("unknown training argument 'learning_rat'") != std::string::npos, typo.c_str());
    }

    // transformers 4.x and 5.x spell some settings differently: both are read, and a file for
    // TrainingArguments(**json) is written in the spelling of the generation asked for.
    void bothGenerationsOfHuggingFaceNames() {
        const auto five = TrainingArguments::fromJson(
            nlohmann::json::parse(R"({"eval_strategy": "steps", "eval_steps": 20, "warmup_steps": 0.06})"), "v5.json");
        QCOMPARE(five.evaluation_strategy, std::string("steps"));
        QCOMPARE(five.warmup_ratio, 0.06);  // below 1: a ratio
        QCOMPARE(five.warmup_steps, int64_t{0});
        const auto four = TrainingArguments::fromJson(
            nlohmann::json::parse(R"({"evaluation_strategy": "steps", "eval_steps": 20, "warmup_ratio": 0.06})"), "v4.json");
        QCOMPARE(four.toJson(), five.toJson());
        QCOMPARE(TrainingArguments::fromJson(nlohmann::json::parse(R"({"warmup_steps": 500})"), "x").warmup_steps, int64_t{500});

        const nlohmann::json v5 = five.toHuggingFaceJson(TransformersGeneration::V5);
        QCOMPARE(v5["eval_strategy"], nlohmann::json("steps"));
        QCOMPARE(v5["warmup_steps"], nlohmann::json(0.06));
        QVERIFY(!v5.contains("evaluation_strategy"));
        QVERIFY(!v5.contains("warmup_ratio"));
        const nlohmann::json v4 = five.toHuggingFaceJson(TransformersGeneration::V4);
        QCOMPARE(v4["evaluation_strategy"], nlohmann::json("steps"));
        QCOMPARE(v4["warmup_ratio"], nlohmann::json(0.06));
        QCOMPARE(v4["warmup_steps"], nlohmann::json(0));
        QVERIFY(!v4.contains("eval_strategy"));
        // Only what TrainingArguments takes: our own settings live elsewhere in Hugging Face.
        for (const char* ours : {"max_seq_length", "class_weights", "mlm_probability", "early_stopping_patience"}) {
            QVERIFY2(!v5.contains(ours), ours);
            QVERIFY2(!v4.contains(ours), ours);
        }
        // The metric for the best model unset is None, as Hugging Face writes it itself: "" would be
        // read there as a metric of that name, higher being better.
        QVERIFY(v5.at("metric_for_best_model").is_null() && v4.at("metric_for_best_model").is_null());
        QVERIFY(v5.at("greater_is_better").is_null());
        QCOMPARE(TrainingArguments::fromJson(v5, "v5").bestMetric(), std::string("loss"));
        QCOMPARE(TrainingArguments::fromJson(nlohmann::json::parse(R"({"metric_for_best_model": "f1"})"), "x")
                     .toHuggingFaceJson()["metric_for_best_model"],
                 nlohmann::json("f1"));
        // Each written file reads back to the same settings.
        QCOMPARE(TrainingArguments::fromJson(v5, "v5").toJson(), five.toJson());
        QCOMPARE(TrainingArguments::fromJson(v4, "v4").toJson(), five.toJson());

        const std::string both = test::errorOf([] {
            TrainingArguments::fromJson(nlohmann::json::parse(R"({"evaluation_strategy": "no", "eval_strategy": "steps"})"), "a.json");
        });
        QVERIFY2(both.find("give one of them") != std::string::npos, both.c_str());
        const std::string fraction = test::errorOf([] {
            TrainingArguments::fromJson(nlohmann::json::parse(R"({"save_steps": 2.5})"), "a.json");
        });
        QVERIFY2(fraction.find("'save_steps' must be a whole number (got 2.5)") != std::string::npos, fraction.c_str());
        QCOMPARE(parseTransformersGeneration("4.46.1"), std::optional<TransformersGeneration>(TransformersGeneration::V4));
        QCOMPARE(parseTransformersGeneration("5"), std::optional<TransformersGeneration>(TransformersGeneration::V5));
        QVERIFY(!parseTransformersGeneration("3.0"));
    }

    // The table the JSON, the CLI and the form are generated from agrees with itself: every
    // default is valid, each setting has one entry, conditions and tasks name what exists.
    void settingsTableIsConsistent() {
        const TrainingArguments defaults;
        defaults.validate();
        std::set<std::string> names;
        const std::set<std::string> tasks = {"sequence-classification", "token-classification", "masked-lm", "pretraining"};
        for (const TrainingSetting& s : trainingSettings()) {
            QVERIFY2(names.insert(s.name).second, s.name.c_str());
            QVERIFY2(s.problem(defaults).empty(), s.problem(defaults).c_str());
            QVERIFY2(std::string(s.help).size() > 10, s.name.c_str());
            TrainingArguments hugging_face;
            s.set(hugging_face, s.huggingFaceDefault());
            QVERIFY2(s.problem(hugging_face).empty(), s.problem(hugging_face).c_str());
            if (s.only_with) QVERIFY2(findTrainingSetting(s.only_with->setting), s.name.c_str());
            for (const std::string& task : s.tasks) QVERIFY2(tasks.count(task), task.c_str());
            QCOMPARE(findTrainingSetting(s.name), &s);
            if (!s.transformers5_name.empty()) QCOMPARE(findTrainingSetting(s.transformers5_name), &s);
        }
        QCOMPARE(names.size(), defaults.toJson().size());
    }

    void impossibleSettingsAreRefused_data() {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("batch 0") << R"({"per_device_train_batch_size": 0})" << "per_device_train_batch_size";
        QTest::newRow("negative lr") << R"({"learning_rate": -1e-5})" << "learning_rate";
        QTest::newRow("scheduler") << R"({"lr_scheduler_type": "wavy"})" << "lr_scheduler_type";
        QTest::newRow("eval steps") << R"({"evaluation_strategy": "steps"})" << "eval_steps";
        QTest::newRow("accumulation") << R"({"gradient_accumulation_steps": 0})" << "gradient_accumulation_steps";
        QTest::newRow("time unit") << R"({"max_train_time": "8x"})" << "max_train_time";
        QTest::newRow("time sign") << R"({"max_train_time": "-5m"})" << "max_train_time";
        QTest::newRow("time zero") << R"({"max_train_time": "0s"})" << "max_train_time";
        QTest::newRow("time warmup steps") << R"({"max_train_time": "1h", "warmup_steps": 100})" << "warmup_ratio";
    }

    void impossibleSettingsAreRefused() {
        QFETCH(QString, json);
        QFETCH(QString, fragment);
        const std::string message = test::errorOf([&] {
            TrainingArguments::fromJson(nlohmann::json::parse(json.toStdString()), "cli").validate();
        });
        QVERIFY2(message.find(fragment.toStdString()) != std::string::npos, message.c_str());
    }

    // What Hugging Face's TrainingArguments refuses with load_best_model_at_end, a new run is refused;
    // the trainer (validate) still takes it, so that a run stored before the rule resumes.
    void bestModelNeedsCheckpointsAtEvaluations_data() {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("fragment");  // empty: accepted
        QTest::newRow("steps against epoch")
            << R"({"evaluation_strategy": "steps", "eval_steps": 50})" << "evaluation_strategy is steps and save_strategy is epoch";
        QTest::newRow("epoch against steps")
            << R"({"save_strategy": "steps", "save_steps": 50})" << "evaluation_strategy is epoch and save_strategy is steps";
        QTest::newRow("save steps not a multiple")
            << R"({"eval_strategy": "steps", "eval_steps": 500, "save_strategy": "steps", "save_steps": 250})"
            << "save_steps (250) must be a multiple of eval_steps (500)";
        QTest::newRow("save steps a multiple")
            << R"({"eval_strategy": "steps", "eval_steps": 250, "save_strategy": "steps", "save_steps": 500})" << "";
        QTest::newRow("best model off")
            << R"({"evaluation_strategy": "steps", "eval_steps": 50, "load_best_model_at_end": false})" << "";
        QTest::newRow("no evaluations") << R"({"evaluation_strategy": "no", "save_strategy": "steps", "save_steps": 5})" << "";
        QTest::newRow("no checkpoints") << R"({"evaluation_strategy": "steps", "eval_steps": 5, "save_strategy": "no"})" << "";
    }

    void bestModelNeedsCheckpointsAtEvaluations() {
        QFETCH(QString, json);
        QFETCH(QString, fragment);
        const TrainingArguments args = TrainingArguments::fromJson(nlohmann::json::parse(json.toStdString()), "cli");
        args.validate();
        const std::string message = test::errorOf([&] { args.validateNewRun(); });
        if (fragment.isEmpty()) QCOMPARE(QString::fromStdString(message), QStringLiteral("<no error>"));
        else QVERIFY2(message.find(fragment.toStdString()) != std::string::npos, message.c_str());
    }

    void schedules() {
        // transformers: linear warmup to 1 over 10 steps, then linear decay to 0 at step 100.
        QCOMPARE(learningRateFactor("linear", 0, 10, 100), 0.0);
        QCOMPARE(learningRateFactor("linear", 5, 10, 100), 0.5);
        QCOMPARE(learningRateFactor("linear", 10, 10, 100), 1.0);
        QCOMPARE(learningRateFactor("linear", 55, 10, 100), 0.5);
        QCOMPARE(learningRateFactor("linear", 100, 10, 100), 0.0);
        QVERIFY(std::abs(learningRateFactor("cosine", 55, 10, 100) - 0.5) < 1e-12);  // half way down the cosine
        QCOMPARE(learningRateFactor("constant_with_warmup", 5, 10, 100), 0.5);
        QCOMPARE(learningRateFactor("constant_with_warmup", 90, 10, 100), 1.0);
        QCOMPARE(learningRateFactor("constant", 0, 10, 100), 1.0);
    }

    // one_cycle: triangular, the peak half way unless a warmup says where; with a time budget the
    // run's progress is the larger of the steps' share and the clock's.
    void budgetSchedules() {
        TrainingArguments a;
        a.learning_rate = 1e-3;
        a.lr_scheduler_type = "one_cycle";
        const LearningRateSchedule by_steps(a, 200);
        QCOMPARE(by_steps.at(0, 0), 0.0);
        QCOMPARE(by_steps.at(50, 0), 0.5e-3);
        QCOMPARE(by_steps.at(100, 0), 1e-3);
        QCOMPARE(by_steps.at(150, 0), 0.5e-3);
        QCOMPARE(by_steps.at(200, 0), 0.0);
        a.warmup_ratio = 0.25;  // the peak a quarter of the way
        QCOMPARE(LearningRateSchedule(a, 200).at(50, 0), 1e-3);

        a.lr_scheduler_type = "linear";
        a.warmup_ratio = 0.1;
        a.max_train_time = "1m40s";  // 100 s
        QCOMPARE(a.maxTrainSeconds().value(), 100.0);
        const LearningRateSchedule by_clock(a, 1000000);
        QVERIFY(std::abs(by_clock.at(0, 5) - 0.5e-3) < 1e-15);                // half the warmup
        QVERIFY(std::abs(by_clock.at(0, 55) - 0.5e-3) < 1e-15);               // half the decay
        QVERIFY(std::abs(by_clock.at(550000, 10) - 0.5e-3) < 1e-15);          // the steps ahead of the clock
        QCOMPARE(by_clock.at(0, 120), 0.0);                                   // past the budget
        a.max_train_time = "1h30m";
        QCOMPARE(a.maxTrainSeconds().value(), 5400.0);
        a.max_train_time = "2.5h";
        QCOMPARE(a.maxTrainSeconds().value(), 9000.0);
        a.max_train_time = "90";
        QCOMPARE(a.maxTrainSeconds().value(), 90.0);
        a.max_train_time = "";
        QVERIFY(!a.maxTrainSeconds());
    }

    // Hugging Face has no one_cycle: its file says linear with the peak half way, the same schedule.
    void oneCycleTravelsToHuggingFaceAsLinear() {
        TrainingArguments a;
        a.lr_scheduler_type = "one_cycle";
        const nlohmann::json v4 = a.toHuggingFaceJson(TransformersGeneration::V4);
        QCOMPARE(v4.at("lr_scheduler_type").get<std::string>(), std::string("linear"));
        QCOMPARE(v4.at("warmup_ratio").get<double>(), 0.5);
        QCOMPARE(a.toHuggingFaceJson().at("warmup_steps").get<double>(), 0.5);
        QVERIFY(!v4.contains("max_train_time") && !v4.contains("packing") && !v4.contains("budget_checkpoints"));
    }

    void lengthGroupedBatchesWasteLittlePadding() {
        std::vector<Feature> features(1000);
        std::mt19937 rng(3);
        for (auto& f : features) f.input_ids.assign(2 + rng() % 126, 5);
        auto padding = [&](bool grouped) {
            size_t padded = 0;
            for (const auto& batch : planBatches(features, 32, true, grouped, 42, 0)) {
                size_t longest = 0;
                for (size_t i : batch) longest = std::max(longest, features[i].size());
                for (size_t i : batch) padded += longest - features[i].size();
            }
            return padded;
        };
        QVERIFY(padding(true) * 5 < padding(false));
        // Every feature exactly once, and the plan is a function of (seed, epoch).
        const auto plan = planBatches(features, 32, true, true, 42, 0);
        std::set<size_t> seen;
        for (const auto& b : plan) seen.insert(b.begin(), b.end());
        QCOMPARE(seen.size(), features.size());
        QVERIFY(plan == planBatches(features, 32, true, true, 42, 0));
        QVERIFY(plan != planBatches(features, 32, true, true, 42, 1));
    }

    void collatePadsWithThePadId() {
        text::BertTokenizer tok = text::BertTokenizer::fromDirectory(test::fixture("golden/seqcls"));
        std::vector<Feature> features(2);
        features[0].input_ids = {11, 18, 13};
        features[0].token_type_ids = {0, 0, 0};
        features[0].label = 2;
        features[1].input_ids = {11, 13};
        features[1].token_type_ids = {0, 0};
        features[1].label = 0;
        Batch b = collate(features, {0, 1}, tok.padId(), LabelLayout::SingleLabel);
        QCOMPARE(b.input_ids[1][2].item<int64_t>(), int64_t(3));  // [PAD] is id 3 in this vocabulary
        QCOMPARE(b.attention_mask.sum().item<int64_t>(), int64_t(5));
        QCOMPARE(b.labels[0].item<int64_t>(), int64_t(2));
    }

    void maskingFollowsBert() {
        auto tok = uncased();
        std::vector<data::Example> examples;
        for (int i = 0; i < 200; ++i) {
            data::Example e;
            e.text = corpus()[i % 12].text;
            e.document = i;
            examples.push_back(e);
        }
        auto features = buildMaskedLmFeatures(examples, *tok, 128);
        std::vector<size_t> all(features.size());
        std::iota(all.begin(), all.end(), 0);
        MlmMasker masker(*tok, 0.15, false);
        torch::Generator gen = at::make_generator<at::CPUGeneratorImpl>(7);
        Batch batch = collate(features, all, tok->padId(), LabelLayout::None);
        const torch::Tensor original = batch.input_ids.clone();
        masker.apply(batch, gen);

        auto chosen = batch.mlm_labels != kIgnoreIndex;
        auto real = batch.attention_mask.to(torch::kBool) & (original != tok->clsId()) & (original != tok->sepId());
        const double rate = chosen.sum().item<double>() / real.sum().item<double>();
        QVERIFY2(std::abs(rate - 0.15) < 0.02, qPrintable(QString::number(rate)));
        QVERIFY(!(chosen & ~real).any().item<bool>());  // never [CLS]/[SEP]/padding
        QVERIFY(torch::equal(batch.mlm_labels.masked_select(chosen), original.masked_select(chosen)));
        const double n = chosen.sum().item<double>();
        const double as_mask = ((batch.input_ids == tok->maskId()) & chosen).sum().item<double>() / n;
        const double kept = ((batch.input_ids == original) & chosen).sum().item<double>() / n;
        QVERIFY2(std::abs(as_mask - 0.8) < 0.04, qPrintable(QString::number(as_mask)));
        QVERIFY2(std::abs(kept - 0.1) < 0.03, qPrintable(QString::number(kept)));
        QVERIFY(torch::equal(batch.input_ids.masked_select(~chosen), original.masked_select(~chosen)));
    }

    // With packing, short documents share rows: fewer rows, the same windows, and the masking
    // probability honoured over the real tokens (never the [CLS]/[SEP] inside a packed row).
    void packedMaskedLmRowsKeepTheWindowsAndTheMaskingRate_data() {
        QTest::addColumn<double>("probability");
        QTest::newRow("0.15") << 0.15;
        QTest::newRow("0.3") << 0.3;
    }
    void packedMaskedLmRowsKeepTheWindowsAndTheMaskingRate() {
        QFETCH(double, probability);
        auto tok = uncased();
        std::vector<data::Example> examples;
        for (int i = 0; i < 300; ++i) {
            data::Example e;
            e.text = corpus()[i % 12].text;
            e.document = i;  // every sentence its own document: short windows
            examples.push_back(e);
        }
        const auto windows = buildMaskedLmFeatures(examples, *tok, 64);
        const auto rows = buildMaskedLmFeatures(examples, *tok, 64, /*pack=*/true);
        QVERIFY2(rows.size() * 3 < windows.size(), qPrintable(QString("%1 rows for %2 windows").arg(rows.size()).arg(windows.size())));
        std::multiset<std::vector<int32_t>> expected, got;
        for (const Feature& w : windows) expected.insert(w.input_ids);
        for (const Feature& row : rows) {
            QVERIFY(row.size() <= 64);
            size_t offset = 0;
            for (int32_t length : row.packed_lengths) {
                got.insert(std::vector<int32_t>(row.input_ids.begin() + offset, row.input_ids.begin() + offset + length));
                offset += static_cast<size_t>(length);
            }
            QCOMPARE(offset, row.size());
        }
        QVERIFY(got == expected);

        Batch batch = collate(rows, [&] { std::vector<size_t> all(rows.size()); std::iota(all.begin(), all.end(), 0); return all; }(),
                              tok->padId(), LabelLayout::None);
        const torch::Tensor original = batch.input_ids.clone();
        torch::Generator gen = at::make_generator<at::CPUGeneratorImpl>(3);
        MlmMasker(*tok, probability, false).apply(batch, gen);
        const auto chosen = batch.mlm_labels != kIgnoreIndex;
        const auto real = batch.attention_mask.to(torch::kBool) & (original != tok->clsId()) & (original != tok->sepId());
        QVERIFY(!(chosen & ~real).any().item<bool>());
        const double n = real.sum().item<double>();
        const double rate = chosen.sum().item<double>() / n;
        // Within 4 standard deviations of a binomial draw over n tokens.
        const double tolerance = 4 * std::sqrt(probability * (1 - probability) / n);
        QVERIFY2(std::abs(rate - probability) < tolerance,
                 qPrintable(QString("rate %1 over %2 tokens").arg(rate).arg(n)));
    }

    void wholeWordMaskingMasksWholeWords() {
        auto tok = uncased();
        data::Example e;
        e.text = "unbelievably miserable storytelling overshadows magnificent cinematography";
        std::vector<data::Example> examples(64, e);
        for (size_t i = 0; i < examples.size(); ++i) examples[i].document = static_cast<int64_t>(i);
        auto features = buildMaskedLmFeatures(examples, *tok, 64);
        std::vector<size_t> all(features.size());
        std::iota(all.begin(), all.end(), 0);
        Batch batch = collate(features, all, tok->padId(), LabelLayout::None);
        torch::Generator gen = at::make_generator<at::CPUGeneratorImpl>(11);
        MlmMasker(*tok, 0.3, true).apply(batch, gen);
        // A "##" piece is chosen exactly when the piece before it is.
        int64_t checked = 0;
        for (int64_t b = 0; b < batch.size(); ++b) {
            const Feature& f = features[batch.feature_indices[b]];
            for (size_t s = 2; s + 1 < f.size(); ++s) {
                if (tok->vocab().token(f.input_ids[s]).rfind("##", 0) != 0) continue;
                QCOMPARE(batch.mlm_labels[b][s].item<int64_t>() != kIgnoreIndex,
                         batch.mlm_labels[b][s - 1].item<int64_t>() != kIgnoreIndex);
                ++checked;
            }
        }
        QVERIFY(checked > 64);
    }

    void nextSentencePairsAreBalanced() {
        auto tok = uncased();
        std::vector<data::Example> examples;
        for (int copy = 0; copy < 40; ++copy)
            for (data::Example e : corpus()) {
                e.document += 3 * copy;
                examples.push_back(e);
            }
        std::mt19937_64 rng(5);
        auto features = buildPretrainingFeatures(examples, *tok, 32, 0.1, 0.5, rng);
        QVERIFY(features.size() > 100);
        double random = 0;
        for (const Feature& f : features) {
            random += f.label;
            QVERIFY(f.size() <= 32);
            QCOMPARE(f.input_ids.front(), tok->clsId());
            QCOMPARE(f.input_ids.back(), tok->sepId());
            QCOMPARE(f.token_type_ids.back(), 1);
            QCOMPARE(std::count(f.input_ids.begin(), f.input_ids.end(), tok->sepId()), 2L);
        }
        const double share = random / features.size();
        QVERIFY2(share > 0.4 && share < 0.65, qPrintable(QString::number(share)));
    }

    void tokenLabelsGoOnFirstPieces() {
        auto tok = uncased();
        data::Example e;
        e.words = {"EU", "rejects", "German", "call", "to", "boycott", "British", "lamb", "."};
        e.tags = {"B-ORG", "O", "B-MISC", "O", "O", "O", "B-MISC", "O", "O"};
        std::map<std::string, int32_t> ids = {{"O", 0}, {"B-ORG", 1}, {"B-MISC", 2}};
        auto features = buildTokenFeatures({e}, *tok, 64, [&](const std::string& t) { return ids.at(t); });
        const Feature& f = features.at(0);
        // [CLS] eu rejects german call to boycott british lamb . [SEP]; "boycott" is one piece here
        std::vector<int32_t> labeled;
        for (size_t i = 0; i < f.size(); ++i)
            if (f.token_labels[i] != kIgnoreIndex) labeled.push_back(f.token_labels[i]);
        QCOMPARE(labeled, (std::vector<int32_t>{1, 0, 2, 0, 0, 0, 2, 0, 0}));
        QCOMPARE(f.token_labels.front(), kIgnoreIndex);
        QCOMPARE(f.token_labels.back(), kIgnoreIndex);

        // A word split into pieces: only its first piece is labelled.
        data::Example split;
        split.words = {"unbelievably"};
        split.tags = {"B-ORG"};
        const Feature g = buildTokenFeatures({split}, *tok, 64, [&](const std::string& t) { return ids.at(t); }).at(0);
        QVERIFY(g.size() > 3);
        QCOMPARE(g.token_labels[1], 1);
        for (size_t i = 2; i < g.size(); ++i) QCOMPARE(g.token_labels[i], kIgnoreIndex);
    }
};

QTEST_GUILESS_MAIN(TestTrainingInputs)
#include "test_training_inputs.moc"
