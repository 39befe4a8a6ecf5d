#pragma once
// Every training setting declared once: its Hugging Face name, type, defaults, valid values, help,
// place in the settings form and the tasks it applies to. JSON, the CLI and the form come from it.
#include "core/train/training_args.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace bw::train {

// The group box of the settings form that shows a setting; None: not on that form (another
// wizard page sets it, or only the CLI and config files do).
enum class SettingGroup { None, Essentials, Schedule, Optimizer, Evaluation, BatchesAndLoss, Hardware };

// The type of a setting's TrainingArguments field, in the order of TrainingSetting::Field.
enum class SettingType { Real, Integer, Unsigned, Switch, Text, OptionalUnsigned, OptionalSwitch };

struct TrainingSetting {
    using Field = std::variant<double TrainingArguments::*, int64_t TrainingArguments::*, uint64_t TrainingArguments::*,
                               bool TrainingArguments::*, std::string TrainingArguments::*,
                               std::optional<uint64_t> TrainingArguments::*, std::optional<bool> TrainingArguments::*>;
    struct Bound {
        double value;
        bool inclusive;
    };
    // The setting means something only while another one has this value (eval_steps: only with
    // evaluation_strategy "steps").
    struct Condition {
        std::string setting, value;
    };

    std::string name;                // Hugging Face's (transformers 4.x) name, the stored key too
    std::string transformers5_name;  // where transformers 5 renamed it ("eval_strategy"), else ""
    Field field;
    bool in_hugging_face = true;     // false: ours (Hugging Face has it in a collator, callback or script)
    std::optional<nlohmann::json> hugging_face_default;  // where Hugging Face's default is not ours
    std::optional<Bound> min, max;   // what validate() accepts
    std::vector<std::string> choices;  // the only values a Text setting may take (empty: any)
    bool is_duration = false;          // a Text setting holding a time span ("45m", "8h"; "" = off)
    bool lists_devices = false;        // a Text setting whose values are this machine's devices (auto, cpu, cuda:N)
    std::optional<Condition> only_with;
    std::vector<std::string> tasks;  // engine task names it applies to; empty: every task
    // English, marked for Qt Linguist: the GUI translates them in its settings form's context.
    const char* title = "";
    const char* help = "";
    // The form's editor: its group; the text shown for the value that turns the setting off (the
    // spin box's minimum, or an optional setting left unset); for an optional switch, what true
    // and false read as; a number's decimals and step; the largest number offered where the
    // range has no top; a number written as 5e-05 (it spans orders of magnitude).
    SettingGroup group = SettingGroup::None;
    const char* off_text = nullptr;
    double off_value = 0;
    const char* true_text = nullptr;
    const char* false_text = nullptr;
    int decimals = 0;
    double step = 1;
    std::optional<double> largest;
    bool scientific = false;

    SettingType type() const { return static_cast<SettingType>(field.index()); }
    nlohmann::json get(const TrainingArguments& args) const;
    // Throws nlohmann::json::exception for a value of the wrong type and std::domain_error for a
    // fraction given where a whole number goes (nlohmann would silently truncate it).
    void set(TrainingArguments& args, const nlohmann::json& value) const;
    nlohmann::json defaultValue() const;             // TrainingArguments{}'s
    nlohmann::json huggingFaceDefault() const;       // ours where Hugging Face has no such setting
    bool appliesTo(const std::string& task) const;   // "sequence-classification", "masked-lm", ...
    bool inEffect(const TrainingArguments& args) const;  // its only_with condition holds (or it has none)
    // Why args' value is not valid ("learning_rate must be positive (got 0.0)"), or "" when it is.
    std::string problem(const TrainingArguments& args) const;
};

// In the order the settings form shows them.
const std::vector<TrainingSetting>& trainingSettings();
// By either generation's name; nullptr for a name no setting has.
const TrainingSetting* findTrainingSetting(const std::string& name);
// The settings form's title of a group ("Steps and schedule"), marked as the settings' texts are.
const char* settingGroupTitle(SettingGroup group);

}  // namespace bw::train
