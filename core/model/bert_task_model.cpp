#include "core/model/bert_task_model.h"

namespace bw::model {

namespace nn = torch::nn;

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
            "dropout", nn::Dropout(c.classifier_dropout.value_or(c.hidden_dropout_prob)));
        classifier = register_module("classifier", nn::Linear(c.hidden_size, c.numLabels()));
    }
}

BertOutputs BertTaskModelImpl::forward(const EncoderRequest& request, const torch::Tensor& mlm_positions) {
    BertOutputs out;
    static_cast<EncoderOutputs&>(out) = bert(request);
    if (predictions && mlm_positions.defined()) {
        const int64_t H = out.last_hidden_state.size(-1);
        out.masked_hidden_states = out.last_hidden_state.reshape({-1, H}).index_select(0, mlm_positions);
    } else if (predictions) {
        out.prediction_logits = predictions(out.last_hidden_state);
    }
    if (seq_relationship) out.seq_relationship_logits = seq_relationship(out.pooler_output);
    if (task == BertTask::SequenceClassification)
        out.logits = classifier(classifier_dropout(out.pooler_output));  // [B, labels]
    else if (task == BertTask::TokenClassification)
        out.logits = classifier(classifier_dropout(out.last_hidden_state));  // [B, S, labels]
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
