"""Runs a command and writes {"peak_rss_mb", "wall_s"} of it to a JSON file; the command's output
passes through and its exit status is returned. compare.sh wraps every measured process with it.

usage: python3 peak_rss.py OUT.json COMMAND [ARG...]
"""
import json
import resource
import subprocess
import sys
import time

if len(sys.argv) < 3:
    sys.exit(__doc__)
start = time.perf_counter()
status = subprocess.call(sys.argv[2:])
wall = time.perf_counter() - start
# RUSAGE_CHILDREN: the largest peak among the waited-for children, here the one command (Linux: KiB).
peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
with open(sys.argv[1], "w") as f:
    json.dump({"peak_rss_mb": round(peak_mb, 1), "wall_s": round(wall, 2)}, f)
sys.exit(status if status >= 0 else 128 - status)
