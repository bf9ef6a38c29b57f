#!/usr/bin/env bash
# `mu query NAME` process time next to the sqlite3 CLI doing the same indexed lookup on the same file,
# medians of BENCH_RUNS (31) runs each, as a ratio; then the first query after a write, which runs the
# corruption check (SQLite's quick_check, docs/troubleshooting.md), next to quick_check in sqlite3.
# Usage: bench/query.sh [DIR] [NAME]   (default /tmp/mu-corpora/cpython-stdlib, urlopen; summarized first if needed)
# Build first: make release (or set MU=path/to/mu).  Goal: <= 3x sqlite3.
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
MU="${MU:-$(cd "$HERE" && swift build -c release --static-swift-stdlib --product mu --show-bin-path 2>/dev/null)/mu}"
[ -x "$MU" ] || { echo "build mu first: make release" >&2; exit 1; }
DIR="${1:-/tmp/mu-corpora/cpython-stdlib}"; NAME="${2:-urlopen}"
command -v sqlite3 >/dev/null || { echo "needs the sqlite3 CLI (apt-get install sqlite3)" >&2; exit 1; }
[ -f "$DIR/.mu/mu.db" ] || "$MU" summarize "$DIR" --quiet >/dev/null
cd "$DIR"
[ -n "$("$MU" query "$NAME")" ] || { echo "mu query $NAME finds nothing in $DIR" >&2; exit 1; }
sql="SELECT f.path, f.start_line, f.end_line, f.signature, s.bullets FROM functions f LEFT JOIN summaries s ON s.key = f.summary_key WHERE f.name = '$NAME' OR f.qualified_name = '$NAME' LIMIT 20;"
mu_ms=$(python3 "$HERE/bench/median-ms.py" "$MU" query "$NAME")
sq_ms=$(python3 "$HERE/bench/median-ms.py" sqlite3 .mu/mu.db "$sql")
functions=$(sqlite3 .mu/mu.db "SELECT count(*) FROM functions")
echo "index: $DIR ($functions functions)"
printf "%-24s %8s ms\n" "sqlite3 CLI" "$sq_ms"
printf "%-24s %8s ms   %sx sqlite3 (goal <= 3x)\n" "mu query $NAME" "$mu_ms" "$(python3 -c "print(f'{$mu_ms/max($sq_ms,0.01):.2f}')")"
# The corruption check: skipped while .mu/mu.db-checked matches the file (the runs above), run when
# the index changed since (emulated by removing the stamp before each run).
checked_ms=$(python3 "$HERE/bench/median-ms.py" sh -c "rm -f .mu/mu.db-checked; exec '$MU' query '$NAME'")
qc_ms=$(python3 "$HERE/bench/median-ms.py" sqlite3 -readonly .mu/mu.db "PRAGMA quick_check(1)")
printf "%-24s %8s ms   (first query after a write: the corruption check runs)\n" "mu query, check" "$checked_ms"
printf "%-24s %8s ms   (sqlite3 PRAGMA quick_check, what the check costs)\n" "sqlite3 quick_check" "$qc_ms"
