"""Writes the examples of an epoch-* comparison as JSONL ({"text", "label"} per line): a seeded random
sample of a labelled TSV file (SST-2's sentence/label, IMDB's label/rating/id/text), or all of it.

usage: python3 epoch_sample.py TSV OUT.jsonl SIZE [SEED]     (SIZE 0: every row, in file order)
Prints {"rows": rows in the file, "examples": rows written}.
"""
import csv
import json
import random
import sys

if len(sys.argv) < 4:
    sys.exit(__doc__)
path, out, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
seed = int(sys.argv[4]) if len(sys.argv) > 4 else 0
csv.field_size_limit(1 << 24)
with open(path, newline="", encoding="utf-8") as f:
    reader = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
    text_column = "sentence" if "sentence" in reader.fieldnames else "text"
    rows = [{"text": r[text_column], "label": r["label"]} for r in reader]
chosen = rows if size <= 0 or size >= len(rows) else random.Random(seed).sample(rows, size)
with open(out, "w", encoding="utf-8") as f:
    for r in chosen:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
print(json.dumps({"rows": len(rows), "examples": len(chosen)}))
