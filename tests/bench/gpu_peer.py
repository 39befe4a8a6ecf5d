"""Hugging Face transformers' BERT training step on a GPU, the peer of bench_train --device cuda.

usage: python3 gpu_peer.py CONFIG [--batch 32] [--seq 128] [--bf16] [--warmup 5] [--steps 20] [--repeats 3]
CONFIG: tiny | mini | small | medium | base (Google's BERT shapes, vocabulary 30522).

The peer at its best eager configuration, as a user would run it: BertForSequenceClassification from
transformers (its default attention, scaled_dot_product_attention), AdamW(fused=True) with weight
decay 0.01 except biases and LayerNorm weights, torch.autocast(bfloat16) with --bf16, gradients set
to None. Random ids (first [CLS]=101, last [SEP]=102), full length, made on the GPU once. Each
repeat times N steps after W warm-up steps and synchronizes before its clock stops; prints one JSON
line with the median.
"""
import argparse
import json
import statistics
import time

import torch
import transformers

SHAPES = {"tiny": (2, 128, 2, 512), "mini": (4, 256, 4, 1024), "small": (4, 512, 8, 2048),
          "medium": (8, 512, 8, 2048), "base": (12, 768, 12, 3072)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("config", choices=SHAPES)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--seq", type=int, default=128)
    ap.add_argument("--bf16", action="store_true")
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--repeats", type=int, default=3)
    a = ap.parse_args()

    layers, hidden, heads, intermediate = SHAPES[a.config]
    config = transformers.BertConfig(vocab_size=30522, hidden_size=hidden, num_hidden_layers=layers,
                                     num_attention_heads=heads, intermediate_size=intermediate, num_labels=2)
    torch.manual_seed(0)
    device = torch.device("cuda")
    model = transformers.BertForSequenceClassification(config).to(device).train()
    no_decay = ("bias", "LayerNorm.weight")
    groups = [
        {"params": [p for n, p in model.named_parameters() if not any(nd in n for nd in no_decay)], "weight_decay": 0.01},
        {"params": [p for n, p in model.named_parameters() if any(nd in n for nd in no_decay)], "weight_decay": 0.0},
    ]
    optimizer = torch.optim.AdamW(groups, lr=2e-5, fused=True)
    ids = torch.randint(1000, config.vocab_size, (a.batch, a.seq), device=device)
    ids[:, 0] = 101
    ids[:, -1] = 102
    mask = torch.ones_like(ids)
    types = torch.zeros_like(ids)
    labels = torch.randint(0, 2, (a.batch,), device=device)

    def step():
        with torch.autocast("cuda", dtype=torch.bfloat16, enabled=a.bf16):
            loss = model(input_ids=ids, attention_mask=mask, token_type_ids=types, labels=labels).loss
        loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)

    for _ in range(a.warmup):
        step()
    torch.cuda.synchronize()
    per_step = []
    for _ in range(a.repeats):
        start = time.perf_counter()
        for _ in range(a.steps):
            step()
        torch.cuda.synchronize()
        per_step.append((time.perf_counter() - start) / a.steps)
    median = statistics.median(per_step)
    print(json.dumps({"name": f"peer-train-bert-{a.config}", "batch": a.batch, "seq": a.seq,
                      "precision": "bf16" if a.bf16 else "fp32", "device": torch.cuda.get_device_name(0),
                      "attention": model.config._attn_implementation, "optimizer": "torch AdamW fused",
                      "seq_per_s": a.batch / median, "ms_per_step": median * 1000,
                      "torch": torch.__version__, "transformers": transformers.__version__}), flush=True)


if __name__ == "__main__":
    main()
