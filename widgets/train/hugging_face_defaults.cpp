#include "widgets/train/hugging_face_defaults.h"

namespace bw::gui {

train::TrainingArguments huggingFaceDefaults() {
    train::TrainingArguments args;
    args.evaluation_strategy = "no";
    args.save_strategy = "steps";
    args.save_steps = 500;
    args.save_total_limit = 0;  // None: keep every checkpoint
    args.logging_steps = 500;
    args.load_best_model_at_end = false;
    args.group_by_length = false;
    return args;
}

}  // namespace bw::gui
