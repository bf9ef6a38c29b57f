#!/usr/bin/env bash
# mu export in every format over an indexed corpus (offline summaries), next to reading the same
# functions table with sqlite3 (`select * from functions`), as ratios; plus each export's peak RSS,
# and the JSONL export of a small slice (--paths) to show memory does not grow with the index.
# The times are medians of BENCH_RUNS (default 5) runs.
# Usage: bench/export.sh [DIR]   (default /tmp/mu-corpora/cpython-stdlib; cloned to a temp dir first)
# Build first: swift build -c release --product mu  (or set MU=path/to/mu)
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
MU="${MU:-$(cd "$HERE" && swift build -c release --product mu --show-bin-path 2>/dev/null)/mu}"
[ -x "$MU" ] || { echo "build mu first: swift build -c release --product mu" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "bench/export.sh needs sqlite3 as its reference: apt-get install sqlite3" >&2; exit 1; }
SRC="${1:-/tmp/mu-corpora/cpython-stdlib}"
[ -d "$SRC/.git" ] || { echo "no git repository at $SRC (run ../shared/scripts/real-corpora.sh)" >&2; exit 1; }
RUNS="${BENCH_RUNS:-5}"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
git clone -q "$SRC" "$WORK/repo"; cd "$WORK/repo"
export HOME="$WORK/home"; mkdir -p "$HOME"
"$MU" summarize . --provider extractive --quiet >/dev/null
timed() { # median seconds and the largest peak RSS (KB) of RUNS runs
  local i out=() kb=0
  for i in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M" -o "$WORK/t" "$@" >/dev/null 2>"$WORK/err" || { cat "$WORK/err" >&2; exit 1; }
    read -r s k < "$WORK/t"; out+=("$s"); [ "$k" -gt "$kb" ] && kb=$k
  done
  printf '%s\n' "${out[@]}" | sort -n | awk -v kb="$kb" '{a[NR]=$1} END {print a[int((NR+1)/2)], kb}'
}
ratio() { python3 -c "print(f'{$1/max($2,0.001):.1f}x')"; }
functions=$(sqlite3 .mu/mu.db "select count(*) from functions")
summarized=$(sqlite3 .mu/mu.db "select count(*) from functions f join summaries s on s.key = f.summary_key")
read -r ref ref_kb < <(timed sqlite3 .mu/mu.db "select * from functions")
echo "tree: $SRC ($functions functions, $summarized with a summary; index $(du -h .mu/mu.db | cut -f1))"
printf "%-44s %8s %8s %9s %10s\n" command median ratio peak_MB output
printf "%-44s %7ss %8s %9d %10s\n" "sqlite3 mu.db 'select * from functions'" "$ref" "1.0x" "$((ref_kb/1024))" "-"
for format in jsonl json markdown html; do
  read -r s kb < <(timed "$MU" export --format "$format" --out "$WORK/out.$format")
  printf "%-44s %7ss %8s %9d %10s\n" "mu export --format $format" "$s" "$(ratio "$s" "$ref")" "$((kb/1024))" "$(du -h "$WORK/out.$format" | cut -f1)"
done
rows=$(wc -l < "$WORK/out.jsonl")
[ "$rows" = "$functions" ] || { echo "jsonl has $rows rows, the index $functions functions" >&2; exit 1; }
slice="${BENCH_SLICE:-email/**}"
read -r s kb < <(timed "$MU" export --format jsonl --paths "$slice" --out "$WORK/slice.jsonl")
printf "%-44s %7ss %8s %9d %10s\n" "mu export --paths '$slice' ($(wc -l < "$WORK/slice.jsonl") rows)" "$s" "$(ratio "$s" "$ref")" "$((kb/1024))" "$(du -h "$WORK/slice.jsonl" | cut -f1)"
echo "ratio = export wall time / sqlite3 reading the functions table of the same index (medians of $RUNS runs);"
echo "peak RSS of the whole export next to the slice's: flat memory means they are close."
