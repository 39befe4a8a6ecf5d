#pragma once
// A BERT small enough for exact comparisons in milliseconds, shared by the model tests.
#include "core/model/bert_config.h"

namespace bw::test {

// H 32, 4 heads, I 64, 64 positions, dropout off (two forwards must draw nothing different).
inline model::BertConfig smallExactConfig(int64_t vocab_size, int64_t layers) {
    model::BertConfig c;
    c.vocab_size = vocab_size;
    c.hidden_size = 32;
    c.num_hidden_layers = layers;
    c.num_attention_heads = 4;
    c.intermediate_size = 64;
    c.max_position_embeddings = 64;
    c.hidden_dropout_prob = 0.0;
    c.attention_probs_dropout_prob = 0.0;
    return c;
}

}  // namespace bw::test
