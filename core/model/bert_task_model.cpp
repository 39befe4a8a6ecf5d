#include "core/model/bert_task_model.h"

#include <algorithm>
#include <vector>

namespace bw::model {

namespace nn = torch::nn;

namespace {

// The positions sequence-level heads read, per row: [CLS] only. [B, 1]
torch::Tensor clsPositions(int64_t batch) { return torch::zeros({batch, 1}, torch::kInt64); }

// [CLS] and the masked positions of each row, as output_positions [B, K] (K = 1 + the most masked
// positions in a row; shorter rows repeat position 0), and where each of mlm_positions (indices into
// the flattened [B*S]) lands in the flattened [B*K] output.
struct HeadPositions {
    torch::Tensor positions;    // [B, K]
    torch::Tensor masked_rows;  // [N] into [B*K]
};

HeadPositions clsAndMaskedPositions(int64_t batch, int64_t seq_len, const torch::Tensor& mlm_positions) {
    const torch::Tensor flat = mlm_positions.to(torch::kInt64).contiguous();
    const int64_t* p = flat.data_ptr<int64_t>();
    const int64_t n = flat.numel();
    std::vector<int64_t> per_row(static_cast<size_t>(batch), 0);
    for (int64_t i = 0; i < n; ++i) ++per_row[static_cast<size_t>(p[i] / seq_len)];
    const int64_t k = 1 + (batch > 0 ? *std::max_element(per_row.begin(), per_row.end()) : 0);
    HeadPositions out{torch::zeros({batch, k}, torch::kInt64), torch::empty({n}, torch::kInt64)};
    int64_t* positions = out.positions.data_ptr<int64_t>();
    int64_t* rows = out.masked_rows.data_ptr<int64_t>();
    std::fill(per_row.begin(), per_row.end(), 1);  // next free column; column 0 is [CLS]
    for (int64_t i = 0; i < n; ++i) {
        const int64_t b = p[i] / seq_len;
        const int64_t column = per_row[static_cast<size_t>(b)]++;
        positions[b * k + column] = p[i] % seq_len;
        rows[i] = b * k + column;
    }
    return out;
}

}  // namespace

BertTaskModelImpl::BertTaskModelImpl(const BertConfig& c, BertTask t) : config(c), task(t) {
    bert = register_module("bert", BertModel(c, taskHasPooler(t)));
    const bool wants_mlm = t == BertTask::MaskedLM || t == BertTask::PreTraining;
    const bool wants_nsp = t == BertTask::NextSentence || t == BertTask::PreTraining;
    if (wants_mlm || wants_nsp) cls = register_module("cls", std::make_shared<nn::Module>("BertPreTrainingHeads"));
    if (wants_mlm)
        predictions = cls->register_module(
            "predictions", BertLMPredictionHead(c, bert->embeddings->word_embeddings->weight));
    if (wants_nsp) seq_relationship = cls->register_module("seq_relationship", nn::Linear(c.hidden_size, 2));
    if (t == BertTask::SequenceClassification || t == BertTask::TokenClassification) {
        classifier_dropout = register_module(
            "dropout", FastDropout(c.classifier_dropout.value_or(c.hidden_dropout_prob)));
        classifier = register_module("classifier", nn::Linear(c.hidden_size, c.numLabels()));
    }
}

BertOutputs BertTaskModelImpl::forward(const EncoderRequest& request, const TaskTargets& targets, bool heads_only,
                                       bool masked_lm_logits) {
    heads_only = heads_only && !request.output_hidden_states && !request.output_attentions &&
                 !request.output_positions.defined();
    // Masked-LM training reads the hidden states where a token is masked, in flattened [B*S] order.
    // Positions are worked out on the CPU (where the collator made the labels), then moved.
    const torch::Device device = bert->device();
    torch::Tensor flat_mlm_labels, mlm_positions;
    if (predictions && targets.mlm_labels.defined()) {
        const torch::Tensor all = targets.mlm_labels.cpu().reshape({-1});
        mlm_positions = (all != kIgnoreIndex).nonzero().reshape({-1});
        flat_mlm_labels = toDevice(all.index_select(0, mlm_positions), device);
    }
    TaskTargets on_device = targets;
    on_device.labels = toDevice(targets.labels, device);
    on_device.class_weights = toDevice(targets.class_weights, device);
    // Heads that read [CLS] alone; a pretraining model's too when its vocabulary logits are not wanted.
    const bool sequence_heads_only = task == BertTask::SequenceClassification || task == BertTask::NextSentence ||
                                     (task == BertTask::PreTraining && !masked_lm_logits);
    const bool masked_heads_only = mlm_positions.defined();
    EncoderRequest pruned = request;
    torch::Tensor masked_rows = mlm_positions;  // into the flattened last_hidden_state, on the CPU
    if (heads_only && masked_heads_only) {
        HeadPositions heads = clsAndMaskedPositions(request.input_ids.size(0), request.input_ids.size(1), mlm_positions);
        pruned.output_positions = std::move(heads.positions);
        masked_rows = std::move(heads.masked_rows);
    } else if (heads_only && sequence_heads_only) {
        pruned.output_positions = clsPositions(request.input_ids.size(0));
    }

    BertOutputs out;
    static_cast<EncoderOutputs&>(out) = bert(pruned);
    if (masked_heads_only) {
        const int64_t H = out.last_hidden_state.size(-1);
        out.masked_hidden_states = out.last_hidden_state.reshape({-1, H}).index_select(0, toDevice(masked_rows, device));
        out.mlm = predictions->chunkedLoss(out.masked_hidden_states, flat_mlm_labels);
        out.loss = out.mlm.loss;
    } else if (predictions && masked_lm_logits) {
        out.prediction_logits = predictions(out.last_hidden_state);
    }
    if (seq_relationship) {
        out.seq_relationship_logits = seq_relationship(out.pooler_output);
        if (on_device.labels.defined()) {
            out.nsp_loss = nextSentenceLoss(out.seq_relationship_logits, on_device.labels);
            out.loss = out.loss.defined() ? out.loss + out.nsp_loss : out.nsp_loss;
        }
    }
    if (task == BertTask::SequenceClassification) {
        out.logits = classifier(classifier_dropout(out.pooler_output));  // [B, labels]
        if (on_device.labels.defined())
            out.loss = sequenceClassificationLoss(
                out.logits, on_device, effectiveProblemType(config.problem_type, config.numLabels(), on_device.labels));
    } else if (task == BertTask::TokenClassification) {
        out.logits = classifier(classifier_dropout(out.last_hidden_state));  // [B, S, labels]
        if (on_device.labels.defined()) out.loss = tokenClassificationLoss(out.logits, on_device);
    }
    return out;
}

std::vector<std::string> BertTaskModelImpl::parameterNames() const {
    std::vector<std::string> names;
    for (const auto& item : named_parameters(/*recurse=*/true)) names.push_back(item.key());
    return names;
}

bool BertTaskModelImpl::isHeadParameter(const std::string& name) const {
    auto starts = [&](const char* prefix) { return name.rfind(prefix, 0) == 0; };
    return starts("cls.") || starts("classifier.") || starts("bert.pooler.");
}

int64_t BertTaskModelImpl::parameterCount() const {
    int64_t n = 0;
    for (const auto& p : parameters(/*recurse=*/true)) n += p.numel();
    return n;
}

BertTaskModel makeBertTaskModel(const BertConfig& config, BertTask task) {
    BertTaskModel model(config, task);
    initBertWeights(*model, config);
    model->eval();
    return model;
}

}  // namespace bw::model
