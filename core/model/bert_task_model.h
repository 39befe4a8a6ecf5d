#pragma once
// Internal to core (LibTorch). One module for every Hugging Face BERT class: the encoder under
// "bert." plus the heads the task needs (BertForPreTraining = cls.predictions + cls.seq_relationship,
// BertForSequenceClassification = classifier, ...). Its named_parameters() are exactly the keys of
// the Hugging Face state dict (less the tied cls.predictions.decoder.*).
#include "core/model/bert_heads.h"
#include "core/model/bert_task.h"
#include "core/model/head_losses.h"

namespace bw::model {

struct BertOutputs : EncoderOutputs {
    torch::Tensor logits;                   // sequence [B, labels] or token [B, S, labels] classification
    torch::Tensor prediction_logits;        // masked LM [B, S, V] (not made when mlm_positions are given)
    // With heads_only, last_hidden_state holds only the positions the heads read (see forward).
    torch::Tensor masked_hidden_states;     // [N, H] encoder output at the requested mlm_positions
    torch::Tensor seq_relationship_logits;  // next sentence [B, 2]: 0 = is next, 1 = random
    // With targets: the head's loss (a scalar with grad; masked LM + next sentence for pretraining)
    // and, for masked LM and next sentence, their parts.
    torch::Tensor loss;
    MaskedLmLoss mlm;
    torch::Tensor nsp_loss;
};

struct BertTaskModelImpl : torch::nn::Module {
    BertTaskModelImpl(const BertConfig& config, BertTask task);
    // `targets` (optional, Hugging Face's `labels`): the outputs carry the head's loss. With
    // mlm_labels, the masked-LM logits are made only where a token is masked, a chunk at a time
    // (predictions->chunkedLoss), and masked_hidden_states holds the hidden states there instead of
    // prediction_logits: the vocabulary projection is most of a small model's compute.
    // `heads_only`: the last layer is computed only where the heads read it (output_positions): the
    // [CLS] position for sequence classification and next sentence prediction, plus the
    // masked positions for masked LM. The logits, losses and gradients are the same; last_hidden_state
    // is then [B, K, H]. Ignored where every position is needed (token classification, full
    // masked-LM logits, hidden states or attentions asked for).
    // `masked_lm_logits` false: no [B, S, V] vocabulary logits from the masked-LM head, most of a
    // pretraining model's inference work, where nothing reads them (NSP alone, attentions).
    BertOutputs forward(const EncoderRequest& request, const TaskTargets& targets = {}, bool heads_only = false,
                        bool masked_lm_logits = true);

    // The Hugging Face names of every parameter, "bert."-prefixed for the encoder.
    std::vector<std::string> parameterNames() const;
    bool isHeadParameter(const std::string& name) const;  // cls.*, classifier.*, bert.pooler.*
    int64_t parameterCount() const;

    BertConfig config;
    BertTask task;
    BertModel bert{nullptr};
    std::shared_ptr<torch::nn::Module> cls;  // "cls": predictions / seq_relationship
    BertLMPredictionHead predictions{nullptr};
    torch::nn::Linear seq_relationship{nullptr};
    FastDropout classifier_dropout{nullptr};
    torch::nn::Linear classifier{nullptr};
};
TORCH_MODULE(BertTaskModel);

// A model with freshly initialised weights (Hugging Face's init), in eval mode.
BertTaskModel makeBertTaskModel(const BertConfig& config, BertTask task);

}  // namespace bw::model
