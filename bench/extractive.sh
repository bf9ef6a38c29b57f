#!/usr/bin/env bash
# Functions per second of the offline summarizer alone, on CPython's standard library.
# Usage: bench/extractive.sh [DIR]   (default /tmp/mu-corpora/cpython-stdlib; cloned to a temp dir: tracked files only)
# Build first: swift build -c release --product mu  (or set MU=path/to/mu)
#
# How the summarizer is isolated (no debug subcommand, no test executable in the product):
#   A  cold `mu summarize --provider extractive`: walk, extract, hash, summarize every distinct body,
#      store summaries, index functions.
#   B  the same cold run on a second copy whose database already holds A's summaries (the summary
#      cache is kept, the index and file states are emptied): everything A does except summarizing
#      and storing new summaries - every body is a disk cache hit.
#   summarizer time = A - B (CPU seconds, user + system, medians of RUNS each);
#   functions/s = distinct bodies summarized / that time.
# `mu functions --json` on the same tree is printed beside them as the extraction-only reference.
# Measured 2026-11-29 (debug builds, 2 busy cores, RUNS=1 on CPython, CPU seconds):
#   extractive-v1 (c721e87): A 103.94 s, B 51.07 s -> 1,041 functions/s (961 us per function)
#   extractive-v2:           A  97.24 s, B 49.37 s -> 1,155 functions/s (866 us per function)
#   npm, RUNS=3, v2 with / without the regex literal prefilter (RequiredLiterals + ScanText):
#   970 / 1,052 us per function.
# Measured 2026-11-30, release build (make release), RUNS=1, load 2-4:
#   extractive-v2: A 44.66 s, B 29.28 s -> 3,691 functions/s (271 us per function); mu functions 7.01 s
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
MU="${MU:-$(cd "$HERE" && swift build -c release --product mu --show-bin-path 2>/dev/null)/mu}"
MU="$(cd "$(dirname "$MU")" && pwd)/$(basename "$MU")"
[ -x "$MU" ] || { echo "build mu first: swift build -c release --product mu" >&2; exit 1; }
SRC="${1:-/tmp/mu-corpora/cpython-stdlib}"
RUNS="${RUNS:-3}"
[ -d "$SRC/.git" ] || { echo "no git repository at $SRC (run ../shared/scripts/real-corpora.sh)" >&2; exit 1; }
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
# No user or repository settings: the offline provider with its defaults.
export HOME="$WORK/home" MU_CONFIG="$WORK/empty.toml"; mkdir -p "$HOME"; : > "$MU_CONFIG"
# CPU seconds (user + system): on a busy machine wall time measures the neighbours, CPU time the work.
seconds() { /usr/bin/time -f "%U %S" -o "$WORK/t" "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
            awk '{printf "%.2f\n", $1 + $2}' "$WORK/t"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
fresh() { rm -rf "$WORK/repo"; git clone -q --local "$SRC" "$WORK/repo"; }   # tracked files only, no .mu
# Empties the index and file states of a database, keeping its summary cache.
keep_cache_only() {
  python3 - "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table')")}
for t in ("functions_fts", "calls", "rollups", "functions", "files", "runs", "meta"):
    if t in tables:
        db.execute(f"DELETE FROM {t}")
db.commit(); db.execute("VACUUM"); db.close()
PY
}

a=(); b=()
for i in $(seq "$RUNS"); do
  fresh; a+=("$(cd "$WORK/repo" && seconds "$MU" summarize . --provider extractive --quiet --yes)")
done
(cd "$WORK/repo" && "$MU" summarize . --provider extractive --json --quiet --yes) > "$WORK/summary.json" || true
cp "$WORK/repo/.mu/mu.db" "$WORK/cache.db"; keep_cache_only "$WORK/cache.db"
bodies=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM summaries').fetchone()[0])" "$WORK/cache.db")
functions=$(cd "$WORK/repo" && "$MU" status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["functions"])')
for i in $(seq "$RUNS"); do
  fresh; mkdir -p "$WORK/repo/.mu"; cp "$WORK/cache.db" "$WORK/repo/.mu/mu.db"
  b+=("$(cd "$WORK/repo" && seconds "$MU" summarize . --provider extractive --quiet --yes)")
done
f=$(for i in $(seq "$RUNS"); do seconds "$MU" functions "$WORK/repo" --json --quiet; done | median)
ma=$(printf "%s\n" "${a[@]}" | median); mb=$(printf "%s\n" "${b[@]}" | median)
echo "tree: $SRC ($functions functions, $bodies distinct bodies summarized); mu: $MU"
printf "%-58s %8ss  (runs: %s)\n" "A  mu summarize --provider extractive, cold (CPU)" "$ma" "${a[*]}"
printf "%-58s %8ss  (runs: %s)\n" "B  the same with every summary already cached (CPU)" "$mb" "${b[*]}"
printf "%-58s %8ss\n" "   mu functions --json (extraction only, reference, CPU)" "$f"
python3 - "$ma" "$mb" "$bodies" <<'PY'
import sys
a, b, n = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
d = a - b
if d <= 0.005:
    print(f"summarizer time A-B = {d:.2f}s: below the timer's resolution on this tree")
else:
    print(f"summarizer CPU time A-B = {d:.2f}s -> {n/d:,.0f} functions/s ({1e6*d/n:.0f} us per function)")
PY
