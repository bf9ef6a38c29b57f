#!/usr/bin/env bash
# `mu query NAME` process time next to the sqlite3 CLI doing the same indexed lookup.
# Usage: bench/query.sh [DIR] [NAME]   (DIR must have been summarized; default /tmp/mu-corpora/cpython-stdlib)
# Goal: <= 2x sqlite3.
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
MU="${MU:-$(cd "$HERE" && swift build -c release --product mu --show-bin-path 2>/dev/null)/mu}"
DIR="${1:-/tmp/mu-corpora/cpython-stdlib}"; NAME="${2:-urlopen}"
command -v sqlite3 >/dev/null || { echo "needs the sqlite3 CLI (apt-get install sqlite3)" >&2; exit 1; }
[ -f "$DIR/.mu/mu.db" ] || "$MU" summarize "$DIR" --quiet >/dev/null
cd "$DIR"
run() { local s e; s=$(date +%s%N); for i in $(seq 20); do "$@" >/dev/null; done; e=$(date +%s%N); echo $(( (e - s) / 20000 )); }
mu_us=$(run "$MU" query "$NAME")
sql="SELECT f.path, f.start_line, f.end_line, f.signature, s.bullets FROM functions f LEFT JOIN summaries s ON s.key = f.summary_key WHERE f.name = '$NAME' OR f.qualified_name = '$NAME' LIMIT 20;"
sq_us=$(run sqlite3 .mu/mu.db "$sql")
echo "mu query $NAME: $((mu_us/1000)).$(( (mu_us%1000)/100 )) ms per process; sqlite3: $((sq_us/1000)).$(( (sq_us%1000)/100 )) ms; ratio $(python3 -c "print(f'{$mu_us/max($sq_us,1):.2f}x')") (goal <= 2x)"
