"""Holds out whole sentences of SST-2's train set, with every phrase cut from them.

GLUE's SST-2 train set is 67,349 phrases of about 6,900 sentences: each sentence and many of its
parse-tree constituents ("contains no wit , only labored gags" and "only labored gags"). A random 5%
of the phrases, held out, finds its sentences' other phrases in training, which rewards memorising
(README, "Each start at its own learning rate"). This script groups the phrases into families (a
phrase belongs to the longest phrase that contains it word for word, taken longest first), holds out
a seeded share of the families, writes their root sentences as the held-out set and every other
family's phrases as the training set. Phrases shared by several sentences ("the film") go to the
longest of them, so only such common pieces can still appear on both sides.

usage: python3 sst2_sentence_holdout.py TRAIN.tsv TRAIN_OUT.jsonl HELDOUT_OUT.jsonl FRACTION [SEED [LIMIT]]
  LIMIT: keep only this many families before holding out (a quick check), 0 = all
Prints {"phrases", "families", "train", "heldout", "heldout_families"}.
"""
import csv
import json
import random
import sys

if len(sys.argv) < 5:
    sys.exit(__doc__)
path, train_out, heldout_out, fraction = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
seed = int(sys.argv[5]) if len(sys.argv) > 5 else 42
limit = int(sys.argv[6]) if len(sys.argv) > 6 else 0

with open(path, newline="", encoding="utf-8") as f:
    reader = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = [(r["sentence"].strip(), r["label"]) for r in reader]

# The phrase -> its rows (a phrase may appear more than once).
by_text = {}
for i, (text, _) in enumerate(rows):
    by_text.setdefault(text, []).append(i)

family_of = {}  # phrase -> root phrase
roots = []
for text in sorted(by_text, key=lambda t: (-len(t.split()), t)):
    if text in family_of:
        continue
    roots.append(text)
    words = text.split()
    for start in range(len(words)):
        for end in range(start + 1, len(words) + 1):
            span = " ".join(words[start:end])
            if span in by_text and span not in family_of:
                family_of[span] = text

rng = random.Random(seed)
if limit > 0:
    roots = rng.sample(roots, min(limit, len(roots)))
kept = set(roots)
held = set(rng.sample(sorted(kept), max(1, round(fraction * len(kept)))))

train_rows, heldout_rows = [], []
for text, indices in by_text.items():
    root = family_of[text]
    if root not in kept:
        continue
    if root in held:
        if text == root:
            heldout_rows.extend(indices)
    else:
        train_rows.extend(indices)

for out, chosen in ((train_out, sorted(train_rows)), (heldout_out, sorted(heldout_rows))):
    with open(out, "w", encoding="utf-8") as f:
        for i in chosen:
            f.write(json.dumps({"text": rows[i][0], "label": rows[i][1]}, ensure_ascii=False) + "\n")
print(json.dumps({"phrases": len(rows), "families": len(family_of and set(family_of.values())),
                  "train": len(train_rows), "heldout": len(heldout_rows), "heldout_families": len(held)}))
