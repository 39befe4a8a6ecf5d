#include "core/train/model_card.h"

#include "core/train/model_origin.h"
#include "core/train/run_results.h"
#include "core/train/task_catalogue.h"
#include "core/train/training_settings.h"

#include <cctype>
#include <filesystem>
#include <sstream>

namespace bw::train {
namespace {

std::string number(double v) {
    std::ostringstream out;
    out.precision(4);
    out << std::fixed << v;
    return out.str();
}

// 4370569 -> "4,370,569", as the card's readers write it.
std::string thousands(int64_t n) {
    std::string digits = std::to_string(n);
    for (int i = static_cast<int>(digits.size()) - 3; i > 0 && std::isdigit(static_cast<unsigned char>(digits[i - 1])); i -= 3)
        digits.insert(static_cast<size_t>(i), ",");
    return digits;
}

// Where the texts and labels came from, as the import mapped the file's columns.
std::string columnsText(const nlohmann::json& columns) {
    const auto column = [&](const char* key) {
        const nlohmann::json& v = columns.value(key, nlohmann::json());
        return v.is_string() ? "`" + v.get<std::string>() + "`" : v.is_number() ? "column " + v.dump() : std::string();
    };
    std::string text;
    if (const std::string t = column("text"); !t.empty()) {
        text += "Text from " + t;
        if (const nlohmann::json& joined = columns.value("text_joined", nlohmann::json()); joined.is_array() && !joined.empty()) {
            for (const nlohmann::json& j : joined) text += " + `" + j.get<std::string>() + "`";
            text += " (joined with " + columns.value("join_separator", nlohmann::json(" ")).dump() + ")";
        }
        if (const std::string pair = column("text_pair"); !pair.empty()) text += ", second text from " + pair;
        if (const std::string label = column("label"); !label.empty()) text += ", label from " + label;
        text += ".\n";
    } else if (const std::string tokens = column("token_column"); !tokens.empty()) {
        text += "Words from " + tokens + ", tags from " + column("tag_column") + ".\n";
    }
    return text;
}

}  // namespace

std::string modelCard(const store::RunRecord& run, const store::CheckpointRecord& checkpoint,
                      const std::vector<store::EvaluationRecord>& evaluations,
                      const std::optional<store::DatasetRecord>& dataset, const io::LoadedModel& model) {
    const model::BertConfig& c = model.config;
    const nlohmann::json args = run.config.value("training_args", nlohmann::json::object());
    std::ostringstream md;
    const TaskDefinition& task = taskOfRun(run, dataset);
    md << "---\nlibrary_name: transformers\npipeline_tag: " << task.pipeline_tag
       << "\ntags:\n- bert\n- bertwork\n";
    if (dataset) md << "datasets:\n- " << dataset->name << "\n";
    md << "---\n\n# " << run.name << "\n\n"
       << "A BERT " << run.task << " model (`" << model::architectureName(model.model->task) << "`, "
       << c.num_hidden_layers << " layers, hidden size " << c.hidden_size << ", " << c.num_attention_heads
       << " heads, " << thousands(model.model->parameterCount()) << " parameters) trained with Bertwork (run " << run.id
       << ", checkpoint at step " << checkpoint.step << ").\n\n";
    // A checkpoint of a run that has not finished is part of its training: the settings below
    // (max_steps, epochs) describe the whole run, not these weights.
    if (run.status != store::RunStatus::Completed)
        md << "The run was " << store::runStatusName(run.status) << " when this model was exported: these weights are "
           << "from step " << checkpoint.step << " of a training the settings below describe in full.\n\n";

    md << "## Base model\n\n"
       << (run.base_model.rfind("scratch:", 0) == 0 ? "Trained from random initialisation (" + run.base_model + ").\n\n"
                                                    : "Fine-tuned from `" + modelFolderName(run.base_model) + "`.\n\n");
    md << "## Training data\n\n";
    if (dataset) {
        md << "Dataset `" << dataset->name << "` (" << dataset->task_kind << ", " << dataset->format << "): ";
        // The splits the run read, with their rows when it started (a split replaced since differs);
        // a run recorded before that gives the splits it used with today's rows.
        const nlohmann::json& used = run.config.value("data_rows", nlohmann::json());
        if (used.is_object()) {
            md << "trained on its train split (" << thousands(used.value("train", int64_t{0})) << " rows)";
            if (used.value("validation", int64_t{0}) > 0)
                md << ", evaluated on its validation split (" << thousands(used["validation"].get<int64_t>()) << " rows)";
            md << ".\n";
        } else {
            std::vector<std::string> splits;
            for (const auto& [split, rows] : dataset->row_counts)
                if (run.data_hashes.contains(split)) splits.push_back(split + " " + thousands(rows) + " rows");
            md << "its ";
            for (size_t i = 0; i < splits.size(); ++i) md << (i ? ", " : "") << splits[i];
            md << " split" << (splits.size() == 1 ? "" : "s") << " (as the dataset holds them now).\n";
        }
        md << columnsText(dataset->columns);
        if (!dataset->label_set.empty()) {
            md << "Labels:";
            for (const auto& l : dataset->label_set) md << " `" << l << "`";
            md << "\n";
        }
    } else {
        // The file's name: a card is shared, the folders of the machine it was made on are not its business.
        const nlohmann::json corpus = run.config.value("corpus", nlohmann::json());
        const nlohmann::json named = run.config.value("dataset", nlohmann::json());
        if (corpus.is_string())
            md << "Text file `" << std::filesystem::path(corpus.get<std::string>()).filename().string() << "`";
        else if (named.is_string())
            md << "Dataset `" << named.get<std::string>() << "` (deleted from the workspace since)";
        else
            md << "Not recorded";
        const nlohmann::json used = run.config.value("data_rows", nlohmann::json::object());
        if (used.value("train", int64_t{0}) > 0) {
            md << ": " << thousands(used["train"].get<int64_t>()) << " rows for training";
            if (used.value("validation", int64_t{0}) > 0)
                md << ", " << thousands(used["validation"].get<int64_t>()) << " held out for evaluation";
        }
        md << ".\n";
    }
    // Bertwork's names (the CLI's and the stored ones), with where transformers 5 spells one otherwise
    // (training_args.json holds those spellings) and which settings are Bertwork's own.
    md << "\n## Training settings\n\n| argument | value | note |\n|---|---|---|\n";
    for (const auto& [key, value] : args.items()) {
        const TrainingSetting* setting = findTrainingSetting(key);
        const std::string note = !setting                             ? ""
                                 : !setting->in_hugging_face          ? "Bertwork's own"
                                 : !setting->transformers5_name.empty() ? "`" + setting->transformers5_name + "` in transformers 5"
                                                                        : "";
        md << "| " << key << " | " << value.dump() << " | " << note << " |\n";
    }

    md << "\n## Results\n\n";
    // The evaluation of these weights, not the run's last one: an exported best checkpoint is
    // usually not the last step.
    const std::optional<store::EvaluationRecord> shown = evaluationAtStep(evaluations, checkpoint.step);
    if (!shown) {
        md << "No evaluation was run on this checkpoint.\n";
    } else {
        md << "Evaluation on the validation split at step " << shown->step
           << (shown->step == checkpoint.step ? " (this checkpoint)" : " (the last one before this checkpoint)")
           << ":\n\n| metric | value |\n|---|---|\n";
        for (const auto& [key, value] : shown->metrics.items())
            if (value.is_number()) md << "| " << key << " | " << number(value.get<double>()) << " |\n";
    }
    const std::string& auto_class = task.auto_class;
    md << "\n## Use\n\n```python\nfrom transformers import AutoTokenizer, " << auto_class
       << "\ntokenizer = AutoTokenizer.from_pretrained(\"path/to/this/directory\")\n"
       << "model = " << auto_class << ".from_pretrained(\"path/to/this/directory\")\n```\n\n";
    // training_args.json holds what Hugging Face's TrainingArguments knows; the table above has every
    // setting (max_seq_length, class_weights, packing, ... too).
    md << "## Reproduce\n\nThe settings table above is the run's whole configuration; `training_args.json` holds "
          "the part that Hugging Face's `TrainingArguments` reads. The run (id "
       << run.id << ", seed " << run.seed << ", started " << run.started_at << ", Bertwork "
       << run.versions.value("bertwork", "") << ", LibTorch " << run.versions.value("libtorch", "")
       << ") is kept in the experiment store.\n";
    return md.str();
}

}  // namespace bw::train
