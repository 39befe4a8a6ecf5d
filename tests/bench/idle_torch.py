"""The PyTorch peer's idle process: Python with torch and the peer's model code imported, the thread
count set and the intra-op thread pool started by one small matmul, and no model. compare.sh runs
it under peak_rss.py and subtracts its peak RSS from the peer's, as it subtracts our idle process
(bench_train / bench_forward --idle, bertwork-cli with no job) from ours: the net figures are the
memory the BERT work itself takes on each side, without the interpreter's and the libraries' share.

usage: /usr/bin/python3 idle_torch.py THREADS [PEER_DIR]     (prints one JSON line)
"""
import json
import os
import sys

import torch

if len(sys.argv) < 2:
    sys.exit(__doc__)
threads = int(sys.argv[1])
peer = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "peer")
sys.path.insert(0, peer)
import ref_bert  # noqa: E402,F401  (what bench_bert.py and peer_epoch.py import before their model)

torch.set_num_threads(threads)
a = torch.ones(256, 256)
check = float(torch.mm(a, a).sum())
print(json.dumps({"name": "torch-idle", "idle": True, "threads": torch.get_num_threads(), "check": check,
                  "torch": torch.__version__}))
