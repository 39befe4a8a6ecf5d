#pragma once
// Internal to core. Puts a checkpoint's tensors into a BertTaskModel the way from_pretrained does:
// old gamma/beta LayerNorm names, the "bert." prefix added (base checkpoint -> task model) or
// removed, tied and redundant keys ignored; every missing, unexpected and mismatched key reported.
// Unlike Hugging Face, a missing key is an error unless it belongs to a head the caller asked to
// initialise (fine-tuning a base model); encoder weights are never silently re-initialised.
#include "core/io/load_report.h"
#include "core/io/tensor_map.h"
#include "core/model/bert_task_model.h"

namespace bw::io {

struct WeightLoadOptions {
    bool init_new_heads = false;  // keep the fresh initialisation of missing / resized head weights
};

// `source` names the checkpoint in error messages. Values are converted to float32.
LoadReport loadWeightsInto(model::BertTaskModelImpl& model, TensorMap tensors, const WeightLoadOptions& options,
                           const std::string& source);

// The state dict to save: Hugging Face names, tied decoder weight left out, and for a bare
// encoder (BertModel) no "bert." prefix, as Hugging Face writes them.
TensorMap stateDictForSaving(const model::BertTaskModelImpl& model);

}  // namespace bw::io
