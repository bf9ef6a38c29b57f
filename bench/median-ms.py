#!/usr/bin/env python3
"""Median wall time of a command, in milliseconds, over BENCH_RUNS runs (default 31) after 3 warm-ups.

Usage: bench/median-ms.py CMD [ARG...]   (stdout/stderr of the command are discarded; a failing run aborts)
Prints one number. Each run is a fresh process started with fork/exec, timed with a monotonic clock.
"""
import os, statistics, subprocess, sys, time

runs = int(os.environ.get("BENCH_RUNS", "31"))
cmd = sys.argv[1:]
if not cmd:
    sys.exit("usage: median-ms.py CMD [ARG...]")
times = []
for i in range(3 + runs):
    start = time.perf_counter()
    code = subprocess.call(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = (time.perf_counter() - start) * 1000
    if code not in (0,):
        sys.exit(f"{' '.join(cmd)} exited with {code}")
    if i >= 3:
        times.append(elapsed)
print(f"{statistics.median(times):.2f}")
