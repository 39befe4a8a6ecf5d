"""One fine-tuning epoch the way Hugging Face's Trainer runs it, the peer of compare.sh's epoch-* lines.

usage: /usr/bin/python3 peer_epoch.py --ids IDS.jsonl --examples EXAMPLES.jsonl [--config bert-mini]
                                      [--batch 32] [--threads 2] [--seed 42] [--lr 5e-5] [--peer DIR]

IDS.jsonl: one JSON array of token ids per line (Bertwork's tokenization, [CLS] ... [SEP], already
truncated), in the order of EXAMPLES.jsonl, whose lines carry the "label". The ids are read before
the clock starts: Hugging Face users pre-tokenize with datasets.map, so tokenization is not timed.

What is timed is Trainer's loop with its defaults (group_by_length=False):
  * RandomSampler: a seeded shuffle of the whole training set, batches of --batch, the last one short;
  * DataCollatorWithPadding: each batch padded to its own longest sequence (pad id 0, attention
    mask 0 there, token type ids 0), lists turned into tensors inside the loop as the DataLoader does;
  * forward with labels (cross-entropy), backward, clip_grad_norm_(1.0), AdamW step with
    bench_bert.py's groups (weight decay 0.01 except biases and LayerNorm weights), a linear
    learning-rate decay to 0, zero_grad.
The model is ../shared/peer/ref_bert.py's BertForSequenceClassification, random init, dropout on.
Prints one JSON line: train_seconds, examples, steps, real and padded token counts.
"""
import argparse
import json
import os
import sys
import time

import torch


def parse_args():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ids", required=True, help="JSONL: one array of token ids per example")
    ap.add_argument("--examples", required=True, help="JSONL with a \"label\" per example, same order")
    ap.add_argument("--config", default="bert-mini")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--peer", default=os.path.normpath(os.path.join(here, "..", "..", "..", "shared", "peer")),
                    help="folder of ref_bert.py (default: ../shared/peer beside the repository)")
    return ap.parse_args()


def load_examples(ids_path, examples_path):
    """(ids, label id) pairs; labels are numbered in sorted order, as a label set would."""
    with open(ids_path) as f:
        ids = [json.loads(line) for line in f if line.strip()]
    with open(examples_path) as f:
        labels = [str(json.loads(line)["label"]) for line in f if line.strip()]
    if len(ids) != len(labels):
        sys.exit(f"peer_epoch.py: {ids_path} has {len(ids)} examples but {examples_path} has {len(labels)}")
    names = sorted(set(labels))
    index = {name: i for i, name in enumerate(names)}
    return ids, [index[l] for l in labels], len(names)


def collate(batch_ids, batch_labels):
    """DataCollatorWithPadding: pad to the longest sequence of this batch."""
    longest = max(len(x) for x in batch_ids)
    input_ids = torch.tensor([x + [0] * (longest - len(x)) for x in batch_ids], dtype=torch.long)
    attention_mask = torch.tensor([[1] * len(x) + [0] * (longest - len(x)) for x in batch_ids], dtype=torch.long)
    token_type_ids = torch.zeros_like(input_ids)
    return input_ids, attention_mask, token_type_ids, torch.tensor(batch_labels, dtype=torch.long)


def adamw_groups(model):
    """bench_bert.py's AdamW groups: weight decay 0.01 except biases and LayerNorm weights."""
    no_decay = ("bias", "LayerNorm.weight")
    named = list(model.named_parameters())
    return [
        {"params": [p for n, p in named if not any(nd in n for nd in no_decay)], "weight_decay": 0.01},
        {"params": [p for n, p in named if any(nd in n for nd in no_decay)], "weight_decay": 0.0},
    ]


def main():
    a = parse_args()
    sys.path.insert(0, a.peer)
    from ref_bert import BertForSequenceClassification, make_config

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    ids, labels, num_labels = load_examples(a.ids, a.examples)
    model = BertForSequenceClassification(make_config(a.config, num_labels=num_labels))
    model.train()
    optimizer = torch.optim.AdamW(adamw_groups(model), lr=a.lr)
    steps = (len(ids) + a.batch - 1) // a.batch
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: max(0.0, 1.0 - step / steps))
    order = torch.randperm(len(ids), generator=torch.Generator().manual_seed(a.seed)).tolist()

    real_tokens = padded_tokens = 0
    loss_value = None
    started = time.perf_counter()
    for step in range(steps):
        chosen = order[step * a.batch:(step + 1) * a.batch]
        input_ids, attention_mask, token_type_ids, batch_labels = collate([ids[i] for i in chosen],
                                                                          [labels[i] for i in chosen])
        loss, _ = model(input_ids, attention_mask, token_type_ids, batch_labels)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad()
        loss_value = loss.item()
        real_tokens += int(attention_mask.sum())
        padded_tokens += input_ids.numel()
        if (step + 1) % 50 == 0 or step + 1 == steps:
            elapsed = time.perf_counter() - started
            print(f"  peer_epoch: step {step + 1}/{steps}, {elapsed:.1f} s, loss {loss_value:.4f}", file=sys.stderr, flush=True)
    seconds = time.perf_counter() - started

    print(json.dumps(dict(
        config=a.config, examples=len(ids), batch=a.batch, steps=steps, threads=torch.get_num_threads(),
        train_seconds=seconds, real_tokens=real_tokens, padded_tokens=padded_tokens,
        padding_share=1 - real_tokens / padded_tokens, final_loss=loss_value, torch=torch.__version__,
    )), flush=True)


if __name__ == "__main__":
    main()
