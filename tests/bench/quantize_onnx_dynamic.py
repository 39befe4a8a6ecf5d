"""Writes the dynamically quantized (int8) version of a BERT ONNX graph, as ONNX Runtime's
onnxruntime.quantization.quantize_dynamic does with its defaults, for compare.sh's *-int8-ort lines.

Why here: quantize_dynamic is in the onnxruntime Python package, which Debian does not ship and PyPI
cannot be reached from these machines; so this script applies the same rewrite with python3-onnx.
What quantize_dynamic does by default (weight_type QInt8, per_channel False), and so what this does:
  - every MatMul whose second input is a weight (an initializer [K, N]): the weight becomes int8,
    symmetric, one scale for the tensor (max |w| / 127), zero point 0; the node becomes
    com.microsoft DynamicQuantizeMatMul (the input quantized to uint8 per call from its min and max,
    u8 x s8 GEMM, rescaled to float32), the node ONNX Runtime's optimizer fuses quantize_dynamic's
    DynamicQuantizeLinear + MatMulInteger + Cast + Mul into;
  - every com.microsoft Attention (fused_onnx_bert.py's graph): DynamicQuantizeLinear on its input,
    then QAttention with the int8 QKV weight, as quantize_dynamic writes it;
  - Gemm (pooler, classifier), the embeddings and LayerNorm stay float32, as quantize_dynamic leaves
    them (its integer-op registry has no Gemm; Bertwork's --int8 keeps the heads float32 too).

usage: /usr/bin/python3 quantize_onnx_dynamic.py IN.onnx OUT.onnx
Copies IN.onnx.check.json to OUT.onnx.check.json (ort_peer.js then reports the int8 logits' distance
from PyTorch's float32 ones). Prints one JSON line.
"""
import argparse
import json
import os
import shutil

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def quantize_weight(w):
    """Symmetric per-tensor int8: (int8 array, scale)."""
    largest = float(np.abs(w).max())
    scale = largest / 127.0 if largest > 0 else 1.0
    return np.clip(np.rint(w / scale), -127, 127).astype(np.int8), np.float32(scale)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input")
    ap.add_argument("output")
    a = ap.parse_args()

    model = onnx.load(a.input)
    graph = model.graph
    weights = {init.name: init for init in graph.initializer}
    new_initializers, nodes, quantized_inputs = [], [], {}
    counts = {"DynamicQuantizeMatMul": 0, "QAttention": 0}

    def add_weight(name, array):
        new_initializers.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def quantized_weight(name):
        w_q, scale = quantize_weight(numpy_helper.to_array(weights[name]).astype(np.float32))
        return (add_weight(name + "_quantized", w_q), add_weight(name + "_scale", scale),
                add_weight(name + "_zero_point", np.int8(0)))

    def quantized_input(name):
        """One DynamicQuantizeLinear per tensor, shared by every node that reads it."""
        if name not in quantized_inputs:
            outs = [name + "_quantized", name + "_scale", name + "_zero_point"]
            nodes.append(helper.make_node("DynamicQuantizeLinear", [name], outs, name=name + "_quantize"))
            quantized_inputs[name] = outs
        return quantized_inputs[name]

    for node in graph.node:
        if node.op_type == "MatMul" and node.input[1] in weights and len(weights[node.input[1]].dims) == 2:
            w, scale, zero_point = quantized_weight(node.input[1])
            nodes.append(helper.make_node("DynamicQuantizeMatMul", [node.input[0], w, scale, zero_point],
                                          list(node.output), name=node.name + "_int8", domain="com.microsoft"))
            counts["DynamicQuantizeMatMul"] += 1
        elif node.op_type == "Attention" and node.domain == "com.microsoft" and node.input[1] in weights:
            x_q, x_scale, x_zero_point = quantized_input(node.input[0])
            w, scale, zero_point = quantized_weight(node.input[1])
            mask = node.input[3] if len(node.input) > 3 else ""
            nodes.append(helper.make_node("QAttention", [x_q, w, node.input[2], x_scale, scale, mask, x_zero_point, zero_point],
                                          list(node.output), name=node.name + "_int8", domain="com.microsoft",
                                          num_heads=helper.get_attribute_value(next(
                                              attr for attr in node.attribute if attr.name == "num_heads"))))
            counts["QAttention"] += 1
        else:
            nodes.append(node)

    used = {name for node in nodes for name in node.input}
    kept = [init for init in graph.initializer if init.name in used]
    del graph.node[:]
    graph.node.extend(nodes)
    del graph.initializer[:]
    graph.initializer.extend(kept + new_initializers)
    if not any(op.domain == "com.microsoft" for op in model.opset_import):
        model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    onnx.save(model, a.output)
    if os.path.exists(a.input + ".check.json"):
        shutil.copyfile(a.input + ".check.json", a.output + ".check.json")
    print(json.dumps({"input": a.input, "out": a.output, "bytes": os.path.getsize(a.output), "quantized": counts}))


if __name__ == "__main__":
    main()
