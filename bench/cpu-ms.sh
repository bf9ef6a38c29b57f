#!/usr/bin/env bash
# Mean CPU time (perf's task-clock: user + system, all threads) of a command, in milliseconds, over
# BENCH_RUNS (31) runs: the cross-check of bench/median-ms.py's wall times when other processes share
# the machine (CPU time barely moves with load; wall time does). Prints "-" when perf is missing or
# not permitted here (linux-perf from Debian), so callers can always print the column.
# Usage: bench/cpu-ms.sh CMD [ARG...]   (the command's output is discarded)
set -uo pipefail
out="$(mktemp)"; trap 'rm -f "$out"' EXIT
if command -v perf >/dev/null 2>&1 &&
   perf stat -x, -r "${BENCH_RUNS:-31}" -e task-clock -o "$out" -- "$@" >/dev/null 2>&1; then
  awk -F, '$3 == "task-clock" && $1 ~ /^[0-9.]+$/ { printf "%.2f\n", $1; found = 1 } END { if (!found) print "-" }' "$out"
else
  echo "-"
fi
