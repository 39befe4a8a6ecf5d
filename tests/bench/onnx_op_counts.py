"""Counts the nodes of an ONNX model by operator type, to show which fusions ONNX Runtime made in the
graph it runs (the file ort_peer.js --save-optimized writes): fused Attention,
SkipLayerNormalization, BiasGelu / FastGelu / Gelu, EmbedLayerNormalization, ... against the plain
MatMul / Add / Softmax / LayerNormalization nodes of an unfused graph.

usage: python3 onnx_op_counts.py MODEL.onnx [--layers N]
Prints one JSON line: {"nodes", "op_types": {"domain:op": count, ...}, "fused": {"Attention": n,
"SkipLayerNormalization": n, "BiasGelu": n, "FastGelu": n, "Gelu": n, ...}, "layers", "fully_fused"}.
fully_fused (with --layers): every encoder layer got one Attention, two SkipLayerNormalization
(or one SkipLayerNormalization + the EmbedLayerNormalization's share) and one BiasGelu or FastGelu.

It needs no package: it walks the protobuf wire format of ModelProto -> GraphProto -> NodeProto itself
(field numbers from onnx.proto), skipping the weights without decoding them, and descends into
subgraphs held in node attributes. When the `onnx` package is importable (Debian: python3-onnx) the
counts are checked against onnx.load's.
"""
import json
import sys
from collections import Counter

# onnx.proto field numbers.
MODEL_GRAPH = 7            # ModelProto.graph
GRAPH_NODE = 1             # GraphProto.node (repeated)
NODE_OP_TYPE = 4           # NodeProto.op_type
NODE_ATTRIBUTE = 5         # NodeProto.attribute (repeated)
NODE_DOMAIN = 7            # NodeProto.domain
ATTRIBUTE_G = 6            # AttributeProto.g (a subgraph)
ATTRIBUTE_GRAPHS = 11      # AttributeProto.graphs (repeated subgraphs)

FUSED = ("Attention", "MultiHeadAttention", "SkipLayerNormalization", "BiasGelu", "FastGelu", "Gelu",
         "EmbedLayerNormalization", "LayerNormalization", "FusedMatMul", "FusedGemm", "QuickGelu")


def varint(buf, pos):
    result = shift = 0
    while True:
        byte = buf[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if byte < 0x80:
            return result, pos
        shift += 7


def fields(buf, start, end):
    """(field number, wire type, value) of a message; value: int for varints, (start, end) for bytes."""
    pos = start
    while pos < end:
        key, pos = varint(buf, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = varint(buf, pos)
        elif wire == 1:
            value, pos = None, pos + 8
        elif wire == 5:
            value, pos = None, pos + 4
        elif wire == 2:
            length, pos = varint(buf, pos)
            value, pos = (pos, pos + length), pos + length
        else:
            raise ValueError(f"unsupported protobuf wire type {wire} at byte {pos}")
        if pos > end:
            raise ValueError("truncated protobuf message")
        yield number, wire, value


def count_graph(buf, start, end, counts):
    for number, wire, value in fields(buf, start, end):
        if number == GRAPH_NODE and wire == 2:
            count_node(buf, *value, counts)


def count_node(buf, start, end, counts):
    op_type, domain, subgraphs = "", "", []
    for number, wire, value in fields(buf, start, end):
        if wire != 2:
            continue
        if number == NODE_OP_TYPE:
            op_type = bytes(buf[value[0]:value[1]]).decode()
        elif number == NODE_DOMAIN:
            domain = bytes(buf[value[0]:value[1]]).decode()
        elif number == NODE_ATTRIBUTE:
            for a_number, a_wire, a_value in fields(buf, *value):
                if a_wire == 2 and a_number in (ATTRIBUTE_G, ATTRIBUTE_GRAPHS):
                    subgraphs.append(a_value)
    counts[(domain or "ai.onnx") + ":" + op_type] += 1
    for sub in subgraphs:
        count_graph(buf, *sub, counts)


def count_ops(path):
    with open(path, "rb") as f:
        buf = memoryview(f.read())
    counts = Counter()
    graphs = [value for number, wire, value in fields(buf, 0, len(buf)) if number == MODEL_GRAPH and wire == 2]
    if not graphs:
        raise ValueError(f"{path}: no graph in this ONNX model")
    for graph in graphs:
        count_graph(buf, *graph, counts)
    return counts


def check_with_onnx(path, counts):
    """The same counts through the onnx package, when it is installed: None, True or False."""
    try:
        import onnx
    except ImportError:
        return None
    model = onnx.load(path, load_external_data=False)
    theirs = Counter()

    def walk(graph):
        for node in graph.node:
            theirs[(node.domain or "ai.onnx") + ":" + node.op_type] += 1
            for attribute in node.attribute:
                if attribute.HasField("g"):
                    walk(attribute.g)
                for g in attribute.graphs:
                    walk(g)

    walk(model.graph)
    return theirs == counts


def main():
    args = sys.argv[1:]
    layers = None
    if "--layers" in args:
        i = args.index("--layers")
        layers = int(args[i + 1])
        del args[i:i + 2]
    if len(args) != 1:
        sys.exit(__doc__)
    path = args[0]
    counts = count_ops(path)
    by_op = Counter()
    for key, n in counts.items():
        by_op[key.split(":", 1)[1]] += n
    fused = {op: by_op.get(op, 0) for op in FUSED}
    out = {"model": path, "nodes": sum(counts.values()),
           "op_types": dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))), "fused": fused}
    if layers is not None:
        out["layers"] = layers
        skip = fused["SkipLayerNormalization"] + min(fused["EmbedLayerNormalization"], 1)
        out["fully_fused"] = (fused["Attention"] + fused["MultiHeadAttention"] >= layers and skip >= 2 * layers
                              and fused["BiasGelu"] + fused["FastGelu"] + fused["Gelu"] >= layers)
    out["checked_with_onnx_package"] = check_with_onnx(path, counts)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
