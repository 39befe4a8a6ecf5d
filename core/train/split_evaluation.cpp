#include "core/train/split_evaluation.h"

#include "core/train/task_data.h"
#include "core/train/trainer.h"

#include <algorithm>
#include <filesystem>

namespace bw::train {

SplitEvaluation evaluateOnSplit(const io::LoadedModel& loaded, const std::vector<data::Example>& examples,
                                int64_t batch_size, int64_t max_seq_length, std::vector<store::AnalysisRow>* rows,
                                const std::function<void(int64_t, int64_t)>& progress) {
    SplitEvaluation result;
    // A config without problem_type reads as Hugging Face reads it (one label = regression).
    if (loaded.config.problem_type == model::ProblemType::Regression ||
        (loaded.config.problem_type == model::ProblemType::Unset && loaded.config.numLabels() == 1))
        result.spec.problem_type = model::ProblemType::Regression;
    if (loaded.config.problem_type == model::ProblemType::MultiLabel) result.spec.problem_type = model::ProblemType::MultiLabel;
    for (int64_t i = 0; i < loaded.config.numLabels(); ++i) result.labels.push_back(loaded.config.labelName(i));
    const int max_length = static_cast<int>(std::min(max_seq_length, loaded.config.max_position_embeddings));
    std::vector<Feature> features =
        featuresForEvaluation(examples, loaded.model->task, result.labels, *loaded.tokenizer, max_length, result.spec);

    TrainingArguments args;
    args.per_device_eval_batch_size = batch_size;
    args.max_seq_length = max_length;
    TrainerCallbacks callbacks;
    callbacks.on_evaluation_progress = progress;
    Trainer trainer(loaded.model, loaded.tokenizer, args, result.spec, {}, std::move(features),
                    std::filesystem::temp_directory_path(), callbacks);
    result.event = trainer.evaluate(0, 0, rows);
    return result;
}

}  // namespace bw::train
