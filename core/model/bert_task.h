#pragma once
// Which head sits on the encoder, named as Hugging Face's architecture classes are.
#include <cstdint>
#include <string>

namespace bw::model {

constexpr int32_t kIgnoreIndex = -100;  // labels the losses skip, as PyTorch's ignore_index

enum class BertTask { Base, MaskedLM, NextSentence, PreTraining, SequenceClassification, TokenClassification };

std::string architectureName(BertTask task);   // "BertForSequenceClassification", ...
// Throws bw::Error for an architecture that is not a BERT one we can build.
BertTask taskFromArchitecture(const std::string& architecture);
// CLI names: base, masked-lm, next-sentence, pretraining, sequence-classification, token-classification.
std::string taskName(BertTask task);
BertTask taskFromName(const std::string& name);

bool taskHasPooler(BertTask task);  // Hugging Face builds MLM and token models without the pooler

}  // namespace bw::model
