#pragma once
// Which generation of Hugging Face transformers the names we write are for. transformers 5 renamed
// some of them: config.json's torch_dtype is dtype, TrainingArguments' evaluation_strategy is
// eval_strategy, and warmup_ratio is gone (a warmup_steps below 1 is the ratio). We read both
// spellings everywhere and write the generation the user names, 5 by default.
#include <optional>
#include <string>

namespace bw {

enum class TransformersGeneration { V4, V5 };

// "4", "4.46.1", "5", "5.17" ...; nullopt for anything else.
inline std::optional<TransformersGeneration> parseTransformersGeneration(const std::string& version) {
    const std::string major = version.substr(0, version.find('.'));
    if (major == "4") return TransformersGeneration::V4;
    if (major == "5") return TransformersGeneration::V5;
    return std::nullopt;
}

}  // namespace bw
