#include "core/train/training_settings.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <type_traits>

// Qt Linguist reads the texts of this file (translations/CMakeLists.txt names it and these two
// macros): TRANSLATION_CONTEXT gives them the settings form's context, FORM_TEXT marks each one.
// To the compiler they are plain English.
#define TRANSLATION_CONTEXT(context)
#define FORM_TEXT(text) text

namespace bw::train {
namespace {

using nlohmann::json;
using A = TrainingArguments;
using Group = SettingGroup;

const std::vector<std::string> kClassifiers = {"sequence-classification", "token-classification"};
const std::vector<std::string> kLanguageModels = {"masked-lm", "pretraining"};
const std::vector<std::string> kStrategies = {"no", "steps", "epoch"};

// One declaration, read as a sentence: Declare("learning_rate", ...).above(0).scientific().
class Declare {
public:
    Declare(const char* name, TrainingSetting::Field field, Group group, const char* title, const char* help) {
        s_.name = name;
        s_.field = field;
        s_.group = group;
        s_.title = title;
        s_.help = help;
    }
    Declare& atLeast(double v) { s_.min = TrainingSetting::Bound{v, true}; return *this; }
    Declare& above(double v) { s_.min = TrainingSetting::Bound{v, false}; return *this; }
    Declare& atMost(double v) { s_.max = TrainingSetting::Bound{v, true}; return *this; }
    Declare& below(double v) { s_.max = TrainingSetting::Bound{v, false}; return *this; }
    Declare& oneOf(std::vector<std::string> choices) { s_.choices = std::move(choices); return *this; }
    Declare& devices() { s_.lists_devices = true; return *this; }
    Declare& duration() { s_.is_duration = true; return *this; }
    Declare& onlyWith(const char* setting, const char* value) {
        s_.only_with = TrainingSetting::Condition{setting, value};
        return *this;
    }
    Declare& forTasks(std::vector<std::string> tasks) { s_.tasks = std::move(tasks); return *this; }
    Declare& ours() { s_.in_hugging_face = false; return *this; }
    Declare& huggingFaceDefault(json value) { s_.hugging_face_default = std::move(value); return *this; }
    Declare& inTransformers5As(const char* name) { s_.transformers5_name = name; return *this; }
    Declare& offText(const char* text, double value = 0) {
        s_.off_text = text;
        s_.off_value = value;
        return *this;
    }
    Declare& switchTexts(const char* yes, const char* no) {
        s_.true_text = yes;
        s_.false_text = no;
        return *this;
    }
    Declare& decimals(int decimals, double step) {
        s_.decimals = decimals;
        s_.step = step;
        return *this;
    }
    Declare& upTo(double largest) { s_.largest = largest; return *this; }
    Declare& scientific() { s_.scientific = true; return *this; }
    operator TrainingSetting() const { return s_; }

private:
    TrainingSetting s_;
};

struct Table {
    TRANSLATION_CONTEXT(bw::gui::TrainingArgumentsForm)
    static std::vector<TrainingSetting> declare();
    static const char* groupTitle(Group group);
};

std::vector<TrainingSetting> Table::declare() {
    return {
        Declare("num_train_epochs", &A::num_train_epochs, Group::Essentials, FORM_TEXT("Epochs"),
                FORM_TEXT("Passes over the training data (a fraction stops part way through the last one); "
                          "max_steps overrides it."))
            .decimals(2, 1)
            .upTo(10000),
        Declare("per_device_train_batch_size", &A::per_device_train_batch_size, Group::Essentials,
                FORM_TEXT("Batch size"), FORM_TEXT("Training examples per batch."))
            .atLeast(1),
        Declare("learning_rate", &A::learning_rate, Group::Essentials, FORM_TEXT("Learning rate"),
                FORM_TEXT("AdamW's peak learning rate: the schedule warms up to it, then moves as lr_scheduler_type "
                          "says."))
            .above(0)
            .scientific(),
        Declare("warmup_ratio", &A::warmup_ratio, Group::Essentials, FORM_TEXT("Warmup ratio"),
                FORM_TEXT("Share of the training steps that warm the learning rate up from 0 (when warmup_steps is "
                          "0)."))
            .atLeast(0)
            .below(1)
            .decimals(3, 0.01),
        Declare("weight_decay", &A::weight_decay, Group::Essentials, FORM_TEXT("Weight decay"),
                FORM_TEXT("AdamW's decoupled weight decay (1e-4 to 0.01 is common)."))
            .atLeast(0)
            .scientific(),
        Declare("seed", &A::seed, Group::Essentials, FORM_TEXT("Seed"),
                FORM_TEXT("Seeds the new weights and dropout, and the batch order and masks unless data_seed is "
                          "set.")),

        Declare("max_steps", &A::max_steps, Group::Schedule, FORM_TEXT("Max steps"),
                FORM_TEXT("Train this many optimizer steps, whatever num_train_epochs says."))
            .offText(FORM_TEXT("off: epochs decide"), -1),
        Declare("warmup_steps", &A::warmup_steps, Group::Schedule, FORM_TEXT("Warmup steps"),
                FORM_TEXT("Steps that warm the learning rate up from 0; 0 uses warmup_ratio (transformers 5 reads "
                          "a value below 1 as the ratio)."))
            .atLeast(0)
            .offText(FORM_TEXT("0: use the ratio")),
        Declare("lr_scheduler_type", &A::lr_scheduler_type, Group::Schedule, FORM_TEXT("Schedule"),
                FORM_TEXT("The learning rate after the warmup: linear or cosine decay to 0, or constant "
                          "(constant itself has no warmup); one_cycle rises to the peak half way (or where the "
                          "warmup ends) and falls to 0, as the budget pretraining recipes train."))
            .oneOf({"linear", "cosine", "constant", "constant_with_warmup", "one_cycle"}),
        Declare("max_train_time", &A::max_train_time, Group::Schedule, FORM_TEXT("Time budget"),
                FORM_TEXT("Wall-clock budget such as 8h, 45m or 1h30m: training stops when it is spent (or at the "
                          "epochs or max_steps, if sooner), and the schedule follows the clock."))
            .duration()
            .ours(),
        Declare("budget_checkpoints", &A::budget_checkpoints, Group::Schedule, FORM_TEXT("Budget checkpoints"),
                FORM_TEXT("With a time budget: checkpoints (and evaluations, unless evaluation_strategy is no) at "
                          "each 1/N of it, the last when it is spent."))
            .atLeast(1)
            .upTo(1000)
            .ours(),
        Declare("gradient_accumulation_steps", &A::gradient_accumulation_steps, Group::Schedule,
                FORM_TEXT("Gradient accumulation"),
                FORM_TEXT("Batches whose gradients add up to one optimizer step: a batch that many times larger in "
                          "the memory of one."))
            .atLeast(1),
        Declare("max_grad_norm", &A::max_grad_norm, Group::Schedule, FORM_TEXT("Gradient clipping"),
                FORM_TEXT("Scales the gradients down to this global norm before each step (0: no clipping)."))
            .atLeast(0)
            .offText(FORM_TEXT("off"))
            .decimals(2, 0.1)
            .upTo(1000),
        Declare("logging_steps", &A::logging_steps, Group::Schedule, FORM_TEXT("Logging steps"),
                FORM_TEXT("Steps between the points of the training loss and learning rate curves."))
            .atLeast(1)
            .huggingFaceDefault(500),

        Declare("adam_beta1", &A::adam_beta1, Group::Optimizer, FORM_TEXT("β1"),
                FORM_TEXT("AdamW's decay of the gradients' running mean."))
            .atLeast(0)
            .below(1)
            .decimals(4, 0.001),
        Declare("adam_beta2", &A::adam_beta2, Group::Optimizer, FORM_TEXT("β2"),
                FORM_TEXT("AdamW's decay of the squared gradients' running mean."))
            .atLeast(0)
            .below(1)
            .decimals(4, 0.001),
        Declare("adam_epsilon", &A::adam_epsilon, Group::Optimizer, FORM_TEXT("ε"),
                FORM_TEXT("Added to AdamW's denominator, for numerical stability."))
            .scientific(),

        Declare("per_device_eval_batch_size", &A::per_device_eval_batch_size, Group::Evaluation,
                FORM_TEXT("Evaluation batch size"), FORM_TEXT("Validation examples per batch."))
            .atLeast(1),
        Declare("evaluation_strategy", &A::evaluation_strategy, Group::Evaluation, FORM_TEXT("Evaluate every"),
                FORM_TEXT("When the validation split is evaluated: never, every eval_steps steps, or after each "
                          "epoch."))
            .oneOf(kStrategies)
            .inTransformers5As("eval_strategy")
            .huggingFaceDefault("no"),
        Declare("eval_steps", &A::eval_steps, Group::Evaluation, FORM_TEXT("Evaluation steps"),
                FORM_TEXT("Steps between evaluations."))
            .above(0)
            .onlyWith("evaluation_strategy", "steps"),
        Declare("save_strategy", &A::save_strategy, Group::Evaluation, FORM_TEXT("Save every"),
                FORM_TEXT("When a checkpoint is saved: never, every save_steps steps, or after each epoch."))
            .oneOf(kStrategies)
            .huggingFaceDefault("steps"),
        Declare("save_steps", &A::save_steps, Group::Evaluation, FORM_TEXT("Save steps"),
                FORM_TEXT("Steps between checkpoints."))
            .above(0)
            .onlyWith("save_strategy", "steps")
            .huggingFaceDefault(500),
        Declare("save_total_limit", &A::save_total_limit, Group::Evaluation, FORM_TEXT("Checkpoints kept"),
                FORM_TEXT("Checkpoints kept besides the best one, the oldest deleted first (0 or less: all)."))
            .offText(FORM_TEXT("all"))
            .huggingFaceDefault(0),  // None: every checkpoint
        Declare("metric_for_best_model", &A::metric_for_best_model, Group::Evaluation, FORM_TEXT("Best model by"),
                FORM_TEXT("The evaluation metric that picks the best checkpoint, with or without eval_ (empty: the "
                          "evaluation loss).")),
        Declare("greater_is_better", &A::greater_is_better, Group::Evaluation, FORM_TEXT("Better is"),
                FORM_TEXT("Whether a higher metric_for_best_model is better (unset: not for a loss, an error "
                          "(mse, mae) or perplexity, else yes)."))
            .offText(FORM_TEXT("from the metric"))
            .switchTexts(FORM_TEXT("higher is better"), FORM_TEXT("lower is better")),
        Declare("load_best_model_at_end", &A::load_best_model_at_end, Group::Evaluation,
                FORM_TEXT("Load the best model at the end"),
                FORM_TEXT("The run ends with its best checkpoint's weights rather than its last ones."))
            .huggingFaceDefault(false),
        Declare("early_stopping_patience", &A::early_stopping_patience, Group::Evaluation,
                FORM_TEXT("Early stopping patience"),
                FORM_TEXT("Stop after this many evaluations without a better best metric (Hugging Face's "
                          "EarlyStoppingCallback)."))
            .atLeast(0)
            .offText(FORM_TEXT("off"))
            .ours(),
        Declare("early_stopping_threshold", &A::early_stopping_threshold, Group::Evaluation,
                FORM_TEXT("Early stopping threshold"),
                FORM_TEXT("How much the metric must beat the best one by to count as better."))
            .scientific()
            .ours(),

        Declare("group_by_length", &A::group_by_length, Group::BatchesAndLoss, FORM_TEXT("Group by length"),
                FORM_TEXT("Batches of examples of similar length, each padded only to its longest: faster."))
            .huggingFaceDefault(false),
        Declare("label_smoothing_factor", &A::label_smoothing_factor, Group::BatchesAndLoss,
                FORM_TEXT("Label smoothing"),
                FORM_TEXT("Share of each target's probability the loss spreads over the other labels."))
            .atLeast(0)
            .below(1)
            .decimals(3, 0.01)
            .forTasks(kClassifiers),
        Declare("class_weights", &A::class_weights, Group::BatchesAndLoss, FORM_TEXT("Class weights"),
                FORM_TEXT("balanced: the loss weighs each label by its inverse frequency in the train split."))
            .oneOf({"none", "balanced"})
            .forTasks(kClassifiers)
            .ours(),
        Declare("mlm_probability", &A::mlm_probability, Group::BatchesAndLoss, FORM_TEXT("Masking probability"),
                FORM_TEXT("Share of the tokens masked for the model to predict (the data collator's)."))
            .above(0)
            .below(1)
            .decimals(3, 0.01)
            .forTasks(kLanguageModels)
            .ours(),
        Declare("whole_word_masking", &A::whole_word_masking, Group::BatchesAndLoss, FORM_TEXT("Whole-word masking"),
                FORM_TEXT("Masks all the pieces of a word together."))
            .forTasks(kLanguageModels)
            .ours(),
        Declare("packing", &A::packing, Group::BatchesAndLoss, FORM_TEXT("Sequence packing"),
                FORM_TEXT("Lays short windows of text end to end in one row instead of padding each: attention "
                          "and positions stay within each window, so the model learns the same, with less "
                          "padding to compute."))
            .forTasks({"masked-lm"})
            .ours(),
        Declare("short_seq_probability", &A::short_seq_probability, Group::BatchesAndLoss,
                FORM_TEXT("Short sequence probability"),
                FORM_TEXT("Chance that a pretraining pair is cut shorter than max_seq_length, as BERT's pretraining "
                          "data was."))
            .atLeast(0)
            .atMost(1)
            .decimals(3, 0.01)
            .forTasks({"pretraining"})
            .ours(),
        Declare("nsp_probability", &A::nsp_probability, Group::BatchesAndLoss, FORM_TEXT("Next-sentence probability"),
                FORM_TEXT("Chance that a pair's second part comes from another document (next-sentence "
                          "prediction's negatives)."))
            .atLeast(0)
            .atMost(1)
            .decimals(3, 0.01)
            .forTasks({"pretraining"})
            .ours(),

        Declare("device", &A::device, Group::Hardware, FORM_TEXT("Device"),
                FORM_TEXT("Where the model trains: auto (the first GPU where there is one, else the CPU), cpu, "
                          "cuda or cuda:N."))
            .devices()
            .ours(),
        Declare("use_cpu", &A::use_cpu, Group::None, FORM_TEXT("Use the CPU"),
                FORM_TEXT("Train on the CPU even where a GPU is found.")),
        Declare("bf16", &A::bf16, Group::Hardware, FORM_TEXT("bfloat16"),
                FORM_TEXT("Mixed precision: matrix products in bfloat16, weights and optimizer state in float32.")),
        Declare("fp16", &A::fp16, Group::Hardware, FORM_TEXT("float16"),
                FORM_TEXT("Mixed precision in float16 with dynamic loss scaling (a step whose gradients overflow is "
                          "skipped and the scale lowered); weights and optimizer state stay float32.")),
        Declare("ddp_backend", &A::ddp_backend, Group::None, FORM_TEXT("Data-parallel backend"),
                FORM_TEXT("The collective library of a multi-process run: gloo or nccl (empty: gloo on the CPU, "
                          "nccl on CUDA).")),
        Declare("max_seq_length", &A::max_seq_length, Group::None, FORM_TEXT("Max length"),
                FORM_TEXT("Tokens per input; longer inputs are truncated."))
            .atLeast(8)
            .ours(),
        Declare("data_seed", &A::data_seed, Group::None, FORM_TEXT("Data seed"),
                FORM_TEXT("Seeds the batch order, masks and next-sentence pairs (unset: seed).")),
    };
}

const char* Table::groupTitle(Group group) {
    switch (group) {
        case Group::Essentials: return FORM_TEXT("Essentials");
        case Group::Schedule: return FORM_TEXT("Steps and schedule");
        case Group::Optimizer: return FORM_TEXT("AdamW");
        case Group::Evaluation: return FORM_TEXT("Evaluation and checkpoints");
        case Group::BatchesAndLoss: return FORM_TEXT("Batches and loss");
        case Group::Hardware: return FORM_TEXT("Device and precision");
        case Group::None: break;
    }
    return "";
}

// nlohmann's get<int64_t>() truncates 0.5 to 0 without a word: a whole number must be one.
template <typename T>
T checkedGet(const json& v) {
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>)
        if (v.is_number_float()) throw std::domain_error("not a whole number");
    return v.get<T>();
}

template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};

std::string number(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", v);
    return text;
}

std::string rangeText(const TrainingSetting& s) {
    if (s.min && s.max)
        return "be in " + std::string(s.min->inclusive ? "[" : "(") + number(s.min->value) + ", " + number(s.max->value) +
               (s.max->inclusive ? "]" : ")");
    if (s.min && s.min->value == 0) return s.min->inclusive ? "not be negative" : "be positive";
    if (s.min) return (s.min->inclusive ? "be at least " : "be above ") + number(s.min->value);
    return (s.max->inclusive ? "be at most " : "be below ") + number(s.max->value);
}

}  // namespace

json TrainingSetting::get(const TrainingArguments& args) const {
    return std::visit(
        [&](auto member) {
            const auto& value = args.*member;
            if constexpr (IsOptional<std::decay_t<decltype(value)>>::value) return value ? json(*value) : json(nullptr);
            else return json(value);
        },
        field);
}

void TrainingSetting::set(TrainingArguments& args, const json& value) const {
    std::visit(
        [&](auto member) {
            auto& target = args.*member;
            using T = std::decay_t<decltype(target)>;
            if constexpr (IsOptional<T>::value)
                target = value.is_null() ? T() : T(checkedGet<typename T::value_type>(value));
            else if constexpr (std::is_same_v<T, std::string>)
                target = value.is_null() ? std::string() : checkedGet<T>(value);  // Hugging Face's None: unset
            else target = checkedGet<T>(value);
        },
        field);
}

json TrainingSetting::defaultValue() const { return get(TrainingArguments{}); }

json TrainingSetting::huggingFaceDefault() const { return hugging_face_default.value_or(defaultValue()); }

bool TrainingSetting::appliesTo(const std::string& task) const {
    return tasks.empty() || std::find(tasks.begin(), tasks.end(), task) != tasks.end();
}

bool TrainingSetting::inEffect(const TrainingArguments& args) const {
    return !only_with || findTrainingSetting(only_with->setting)->get(args) == json(only_with->value);
}

std::string TrainingSetting::problem(const TrainingArguments& args) const {
    const json value = get(args);
    if (!choices.empty()) {
        if (std::find(choices.begin(), choices.end(), value.get<std::string>()) != choices.end()) return "";
        std::string list;
        for (size_t i = 0; i < choices.size(); ++i)
            list += (i == 0 ? "" : i + 1 == choices.size() ? " or " : ", ") + choices[i];
        return name + " must be " + list + " (got '" + value.get<std::string>() + "')";
    }
    if ((!min && !max) || !value.is_number() || !inEffect(args)) return "";
    const double v = value.get<double>();
    const bool too_low = min && (min->inclusive ? v < min->value : !(v > min->value));
    const bool too_high = max && (max->inclusive ? v > max->value : !(v < max->value));
    if (!too_low && !too_high) return "";
    const std::string condition = only_with ? " with " + only_with->setting + " " + only_with->value : "";
    return name + " must " + rangeText(*this) + condition + " (got " + value.dump() + ")";
}

const std::vector<TrainingSetting>& trainingSettings() {
    static const std::vector<TrainingSetting> table = Table::declare();
    return table;
}

const TrainingSetting* findTrainingSetting(const std::string& name) {
    for (const TrainingSetting& s : trainingSettings())
        if (s.name == name || (!s.transformers5_name.empty() && s.transformers5_name == name)) return &s;
    return nullptr;
}

const char* settingGroupTitle(SettingGroup group) { return Table::groupTitle(group); }

}  // namespace bw::train
