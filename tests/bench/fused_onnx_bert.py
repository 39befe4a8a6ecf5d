"""Writes the BERT classifier of ../shared/peer/export_onnx.py as an ONNX graph made of ONNX Runtime's
fused transformer operators, for compare.sh's *-ort-fused lines.

Why: ONNX Runtime's online graph optimizer (session option graphOptimizationLevel 'all') does not
fuse the attention of the model export_onnx.py writes (onnx_op_counts.py on the graph it runs shows
0 Attention and 0 SkipLayerNormalization nodes; only BiasGelu is fused). ONNX Runtime's offline tool
for that, the Python `onnxruntime.transformers.optimizer`, needs the onnxruntime Python package,
which Debian does not ship and PyPI cannot be reached from these machines. So this script writes the
graph that tool aims at, from the same weights, so that ONNX Runtime is measured with its fused
kernels too; the faster of the two lines (*-ort, *-ort-fused) is ONNX Runtime at its best. (Seen on
2026-12-04, ONNX Runtime 1.30, 2 threads: the fused graph was no faster, bert-mini batch 32 about 10%
slower, bert-base and batch 1 the same within the noise.)

  Cast (ids, token types, mask to int32)
  EmbedLayerNormalization (word + position + token type embeddings, LayerNorm)
  per layer:
    Attention (Q, K and V in one [H, 3H] GEMM, scaled softmax with the raw 0/1 mask, heads merged)
    MatMul (attention output) -> SkipLayerNormalization (+ bias, + residual, LayerNorm)
    MatMul (intermediate) -> BiasGelu (exact erf GELU) -> MatMul (output)
    -> SkipLayerNormalization (+ bias, + residual, LayerNorm)
  Gather [CLS] -> Gemm + Tanh (pooler) -> Gemm (classifier)

The weights are export_onnx.py's: torch.manual_seed(0), make_config(CONFIG, mask_mode="hf_legacy")
(masked scores get -10000, which is also the Attention operator's default mask_filter_value), eval
mode. The inputs and output have export_onnx.py's names, types and dynamic axes, and OUT.check.json
holds the logits PyTorch gives for export_onnx.py's check ids, so ort_peer.js checks this graph
against PyTorch as it checks the exported one.

usage: /usr/bin/python3 fused_onnx_bert.py CONFIG OUT.onnx [--peer DIR]
Needs Debian's python3-torch and python3-onnx. Prints one JSON line.
"""
import argparse
import json
import os
import sys

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper


def parse_args():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("config", help="bert-tiny, bert-mini, bert-small, bert-medium or bert-base")
    ap.add_argument("out")
    ap.add_argument("--peer", default=os.path.normpath(os.path.join(here, "..", "..", "..", "shared", "peer")),
                    help="folder of ref_bert.py (default: ../shared/peer beside the repository)")
    return ap.parse_args()


class GraphBuilder:
    """Collects nodes and initializers; names are unique by construction."""

    def __init__(self):
        self.nodes, self.initializers = [], []

    def weight(self, name, tensor):
        array = tensor.detach().cpu().numpy() if isinstance(tensor, torch.Tensor) else np.asarray(tensor)
        # copy(order="C"), not np.ascontiguousarray: that one turns a 0-d array into a 1-d one.
        self.initializers.append(numpy_helper.from_array(array.copy(order="C"), name))
        return name

    def node(self, op, inputs, output, domain="", extra_outputs=(), **attributes):
        self.nodes.append(helper.make_node(op, inputs, [output, *extra_outputs], name=output, domain=domain or None,
                                           **attributes))
        return output


def build(model, config):
    g = GraphBuilder()
    bert = model.bert
    H, heads, eps = config.hidden_size, config.num_attention_heads, config.layer_norm_eps
    linear_t = lambda layer: layer.weight.t()  # torch Linear: y = x W^T + b; MatMul wants W^T [in, out]

    ids = g.node("Cast", ["input_ids"], "input_ids_int32", to=TensorProto.INT32)
    types = g.node("Cast", ["token_type_ids"], "token_type_ids_int32", to=TensorProto.INT32)
    mask = g.node("Cast", ["attention_mask"], "attention_mask_int32", to=TensorProto.INT32)

    e = bert.embeddings
    x = g.node("EmbedLayerNormalization",
               [ids, types, g.weight("word_embeddings", e.word_embeddings.weight),
                g.weight("position_embeddings", e.position_embeddings.weight),
                g.weight("token_type_embeddings", e.token_type_embeddings.weight),
                g.weight("embeddings_ln_gamma", e.LayerNorm.weight), g.weight("embeddings_ln_beta", e.LayerNorm.bias),
                mask],
               "embeddings", domain="com.microsoft", epsilon=eps,
               # The operator must output the mask's row sums too; Attention takes the raw mask instead,
               # which stays right for any padding side (the row sums assume padding on the right).
               extra_outputs=["embeddings_mask_index"])

    for i, layer in enumerate(bert.encoder.layer):
        p = f"layer{i}_"
        attention = layer.attention.self
        qkv_weight = torch.cat([linear_t(attention.query), linear_t(attention.key), linear_t(attention.value)], dim=1)
        qkv_bias = torch.cat([attention.query.bias, attention.key.bias, attention.value.bias])
        context = g.node("Attention", [x, g.weight(p + "qkv_weight", qkv_weight), g.weight(p + "qkv_bias", qkv_bias), mask],
                         p + "attention", domain="com.microsoft", num_heads=heads)
        out = layer.attention.output
        projected = g.node("MatMul", [context, g.weight(p + "attention_output_weight", linear_t(out.dense))],
                           p + "attention_output")
        a = g.node("SkipLayerNormalization",
                   [projected, x, g.weight(p + "attention_ln_gamma", out.LayerNorm.weight),
                    g.weight(p + "attention_ln_beta", out.LayerNorm.bias),
                    g.weight(p + "attention_output_bias", out.dense.bias)],
                   p + "attention_ln", domain="com.microsoft", epsilon=eps)
        intermediate = g.node("MatMul", [a, g.weight(p + "intermediate_weight", linear_t(layer.intermediate.dense))],
                              p + "intermediate")
        gelu = g.node("BiasGelu", [intermediate, g.weight(p + "intermediate_bias", layer.intermediate.dense.bias)],
                      p + "gelu", domain="com.microsoft")
        ffn = layer.output
        down = g.node("MatMul", [gelu, g.weight(p + "output_weight", linear_t(ffn.dense))], p + "output")
        x = g.node("SkipLayerNormalization",
                   [down, a, g.weight(p + "output_ln_gamma", ffn.LayerNorm.weight),
                    g.weight(p + "output_ln_beta", ffn.LayerNorm.bias), g.weight(p + "output_bias", ffn.dense.bias)],
                   p + "output_ln", domain="com.microsoft", epsilon=eps)

    cls = g.node("Gather", [x, g.weight("cls_index", np.array(0, dtype=np.int64))], "cls", axis=1)
    pooled = g.node("Gemm", [cls, g.weight("pooler_weight", bert.pooler.dense.weight),
                             g.weight("pooler_bias", bert.pooler.dense.bias)], "pooler_dense", transB=1)
    pooled = g.node("Tanh", [pooled], "pooled")
    g.node("Gemm", [pooled, g.weight("classifier_weight", model.classifier.weight),
                    g.weight("classifier_bias", model.classifier.bias)], "logits", transB=1)

    inputs = [helper.make_tensor_value_info(name, TensorProto.INT64, ["batch", "seq"])
              for name in ("input_ids", "attention_mask", "token_type_ids")]
    outputs = [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", config.num_labels])]
    graph = helper.make_graph(g.nodes, "bert_fused", inputs, outputs, g.initializers)
    return helper.make_model(graph, producer_name="bertwork fused_onnx_bert.py",
                             opset_imports=[helper.make_opsetid("", 14), helper.make_opsetid("com.microsoft", 1)])


def main():
    a = parse_args()
    sys.path.insert(0, a.peer)
    from ref_bert import BertForSequenceClassification, make_config

    # export_onnx.py's model, the same way: the same seed gives the same weights.
    torch.manual_seed(0)
    config = make_config(a.config, mask_mode="hf_legacy")
    model = BertForSequenceClassification(config).eval()
    onnx_model = build(model, config)
    onnx.save(onnx_model, a.out)

    # export_onnx.py's check input, and PyTorch's logits for it.
    g = torch.Generator().manual_seed(42)
    ids = torch.randint(1000, config.vocab_size, (2, 16), generator=g)
    with torch.inference_mode():
        logits = model(ids, torch.ones_like(ids), torch.zeros_like(ids))[1]
    with open(a.out + ".check.json", "w") as f:
        json.dump({"input_ids": ids.tolist(), "logits": logits.tolist()}, f)
    counts = {}
    for node in onnx_model.graph.node:
        counts[node.op_type] = counts.get(node.op_type, 0) + 1
    print(json.dumps({"config": a.config, "out": a.out, "bytes": os.path.getsize(a.out), "op_types": counts}))


if __name__ == "__main__":
    main()
