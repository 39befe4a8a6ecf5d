"""One fine-tuning epoch the way Hugging Face's Trainer runs it, the peer of compare.sh's epoch-* lines.

usage: /usr/bin/python3 peer_epoch.py --ids IDS.jsonl --examples EXAMPLES.jsonl [--config bert-mini]
                                      [--batch 32] [--threads 2] [--seed 42] [--lr 5e-5] [--peer DIR]
                                      [--group-by-length] [--foreach 1] [--set-to-none 1]

IDS.jsonl: one JSON array of token ids per line (Bertwork's tokenization, [CLS] ... [SEP], already
truncated), in the order of EXAMPLES.jsonl, whose lines carry the "label". The ids are read before
the clock starts: Hugging Face users pre-tokenize with datasets.map, so tokenization is not timed.

What is timed is Trainer's training loop:
  * the sampler: with --group-by-length, Trainer's LengthGroupedSampler (TrainingArguments
    group_by_length=True), the same grouping Bertwork uses: a seeded shuffle, cut into megabatches
    of min(50, examples // (4 x batch)) x batch examples, each sorted longest first, and the
    megabatch holding the longest example swapped to the front; without it Trainer's default,
    RandomSampler: a seeded shuffle. Batches of --batch, the last one short;
  * DataCollatorWithPadding: each batch padded to its own longest sequence (pad id 0, attention
    mask 0 there, token type ids 0), lists turned into tensors inside the loop as the DataLoader does;
  * forward with labels (cross-entropy), backward, clip_grad_norm_(1.0) (Trainer's max_grad_norm),
    AdamW step with bench_bert.py's groups (weight decay 0.01 except biases and LayerNorm weights),
    a linear learning-rate decay to 0 (Trainer's default schedule, no warmup), then the gradients
    dropped.
The optimizer runs at PyTorch's best on CPU unless told otherwise: torch.optim.AdamW(foreach=True)
(the multi-tensor update instead of a Python loop over the parameters; on torch 1.13's CPU it times
about the same) and zero_grad(set_to_none=True) (gradients dropped, not zero-filled). Trainer's own
default is optim="adamw_torch": torch.optim.AdamW with foreach left to PyTorch, which takes the
per-parameter loop for CPU tensors (from torch 2.8 the default is "adamw_torch_fused", a fused kernel
torch 1.13 does not have on the CPU); it zero-grads with PyTorch's zero_grad() default, which drops
the gradients from torch 2.0 on (1.13's zero-fills them).
The model is ../shared/peer/ref_bert.py's BertForSequenceClassification, random init, dropout on.
Prints one JSON line: train_seconds, examples, steps, real and padded token counts, the settings.
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
    ap.add_argument("--group-by-length", action="store_true",
                    help="Trainer's LengthGroupedSampler (group_by_length=True) instead of RandomSampler")
    ap.add_argument("--foreach", type=int, default=1, choices=[0, 1],
                    help="torch.optim.AdamW(foreach=...): 1 (default) the multi-tensor update, 0 the per-parameter loop")
    ap.add_argument("--set-to-none", type=int, default=1, choices=[0, 1],
                    help="zero_grad(set_to_none=...): 1 (default) drops the gradients, 0 zero-fills them")
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


def length_grouped_order(lengths, batch, generator):
    """Trainer's LengthGroupedSampler order (transformers' get_length_grouped_indices, written anew)."""
    megabatch_mult = max(1, min(len(lengths) // (batch * 4), 50))
    shuffled = torch.randperm(len(lengths), generator=generator).tolist()
    size = megabatch_mult * batch
    megabatches = [sorted(shuffled[i:i + size], key=lambda k: lengths[k], reverse=True)
                   for i in range(0, len(shuffled), size)]
    # The longest example first, so that running out of memory happens at once.
    longest = max(range(len(megabatches)), key=lambda m: lengths[megabatches[m][0]])
    megabatches[0][0], megabatches[longest][0] = megabatches[longest][0], megabatches[0][0]
    return [k for megabatch in megabatches for k in megabatch]


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
    optimizer = torch.optim.AdamW(adamw_groups(model), lr=a.lr, foreach=bool(a.foreach))
    steps = (len(ids) + a.batch - 1) // a.batch
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: max(0.0, 1.0 - step / steps))
    generator = torch.Generator().manual_seed(a.seed)
    if a.group_by_length:
        order = length_grouped_order([len(x) for x in ids], a.batch, generator)
    else:
        order = torch.randperm(len(ids), generator=generator).tolist()

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
        optimizer.zero_grad(set_to_none=bool(a.set_to_none))
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
        sampler="LengthGroupedSampler (group_by_length=True)" if a.group_by_length else "RandomSampler (Trainer's default)",
        group_by_length=a.group_by_length,
        optimizer=f"torch.optim.AdamW(foreach={bool(a.foreach)}), zero_grad(set_to_none={bool(a.set_to_none)})",
        foreach=bool(a.foreach), set_to_none=bool(a.set_to_none),
    )), flush=True)


if __name__ == "__main__":
    main()
