#!/usr/bin/env bash
# The post-commit hook's cost and incremental updates, on a clone of a large tree.
#  1. `git commit` wall time with mu's hook installed next to without it (hooks switched off with
#     core.hooksPath=/dev/null), the same one-line change each time, interleaved, median of N.
#     Goal: <= 50 ms added. Each hooked commit's background run is waited for before the next
#     commit, so this is the commit's own latency, not contention with the previous run.
#  2. `mu summarize --since HEAD~1` after a one-function commit next to `git diff --stat HEAD~1`
#     (medians of N); plus a plain `mu summarize` after the same kind of commit, for comparison.
#     Goal: --since <= 5x git diff --stat.
# Usage: bench/hook.sh [DIR] [N]   (default /tmp/mu-corpora/cpython-stdlib, made by
#        ../shared/scripts/real-corpora.sh; N = 9). MU=/path/to/mu picks the binary (default: release).
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
MU="${MU:-$(cd "$HERE" && swift build -c release --product mu --show-bin-path 2>/dev/null)/mu}"
[ -x "$MU" ] || { echo "build mu first: swift build -c release --product mu (or set MU=)" >&2; exit 1; }
SRC="${1:-/tmp/mu-corpora/cpython-stdlib}"
N="${2:-9}"
[ -d "$SRC/.git" ] || { echo "no git repository at $SRC (run ../shared/scripts/real-corpora.sh)" >&2; exit 1; }
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
git clone -q "$SRC" "$WORK/repo"
cd "$WORK/repo"
git config user.email bench@example.com; git config user.name bench; git config commit.gpgsign false
export MU_PROVIDER=extractive

now_ms() { date +%s%N | awk '{printf "%.3f", $1 / 1000000}'; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f\n", a - b}'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# Waits until the background hook run for HEAD has finished (bounded: 120 s).
wait_hook() {
  local head; head=$(git rev-parse HEAD)
  for _ in $(seq 1 1200); do
    if [ ! -e .mu/hook.rerun ] && python3 -c 'import json, sys
r = json.load(open(".mu/hook-status.json"))
sys.exit(0 if r.get("head") == sys.argv[1] and r.get("outcome") != "running" else 1)' "$head" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "hook run for $head did not finish; log:" >&2; tail -5 .mu/hook.log >&2; exit 1
}
# Inserts one line into the body of the k-th Python function of a file: a one-function change.
edit_function() {
  python3 - "$1" "$2" <<'PY'
import re, sys
path, k = sys.argv[1], int(sys.argv[2])
s = open(path).read()
m = list(re.finditer(r'^(\s*)def \w+\(.*\):\s*$', s, re.M))[k]
i = s.index('\n', m.end()) + 1
s = s[:i] + m.group(1) + '    _mu_bench_%d = %d\n' % (k, k) + s[i:]
open(path, 'w').write(s)
PY
}

echo "indexing $SRC once (mu summarize, cold) ..." >&2
"$MU" summarize . --quiet >/dev/null || true   # exit 2 = some functions failed: still indexed
"$MU" hook install . >/dev/null 2>&1
funcs=$("$MU" status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["functions"])')

# 1. git commit with and without the hook, interleaved.
target=$(git ls-files '*.py' | sed -n 50p)
: > "$WORK/with"; : > "$WORK/without"
for i in $(seq 1 "$N"); do
  echo "# bench $i a" >> "$target"; git add "$target"
  s=$(now_ms); git -c core.hooksPath=/dev/null commit -q -m "without $i"; e=$(now_ms)
  minus "$e" "$s" >> "$WORK/without"
  echo "# bench $i b" >> "$target"; git add "$target"
  s=$(now_ms); git commit -q -m "with $i"; e=$(now_ms)
  minus "$e" "$s" >> "$WORK/with"
  wait_hook
done
without=$(median < "$WORK/without"); with=$(median < "$WORK/with")
added=$(minus "$with" "$without")

# 2. --since HEAD~1 after a one-function commit, next to git diff --stat HEAD~1 and a plain summarize.
files=$(git grep -l -E '^\s*def \w+\(.*\):\s*$' -- '*.py' | awk -v n="$N" 'NR % 97 == 0 && c < n {print; c++}')
: > "$WORK/since"; : > "$WORK/diff"; : > "$WORK/plain"; k=0
for f in $files; do
  edit_function "$f" 0; git add "$f"; git -c core.hooksPath=/dev/null commit -q -m "one function $k"
  s=$(now_ms); git diff --stat HEAD~1 >/dev/null; e=$(now_ms); minus "$e" "$s" >> "$WORK/diff"
  s=$(now_ms); "$MU" summarize . --since HEAD~1 --quiet >/dev/null || true; e=$(now_ms); minus "$e" "$s" >> "$WORK/since"
  edit_function "$f" 1 2>/dev/null || edit_function "$f" 0; git add "$f"; git -c core.hooksPath=/dev/null commit -q -m "one more $k"
  s=$(now_ms); "$MU" summarize . --quiet >/dev/null || true; e=$(now_ms); minus "$e" "$s" >> "$WORK/plain"
  k=$((k + 1))
done
diff_ms=$(median < "$WORK/diff"); since_ms=$(median < "$WORK/since"); plain_ms=$(median < "$WORK/plain")
ratio() { python3 -c "print(f'{$1/max($2,0.001):.1f}x')"; }

echo "tree: $SRC ($(git ls-files | wc -l) files, $funcs functions); mu: $MU"
printf "%-44s %9s ms\n" "git commit, no hook (median of $N)" "$without"
printf "%-44s %9s ms  added %s ms (goal <= 50 ms)\n" "git commit, mu hook installed (median of $N)" "$with" "$added"
printf "%-44s %9s ms\n" "git diff --stat HEAD~1 (median of $N)" "$diff_ms"
printf "%-44s %9s ms  %s git diff --stat (goal <= 5x)\n" "mu summarize --since HEAD~1 (median of $N)" "$since_ms" "$(ratio "$since_ms" "$diff_ms")"
printf "%-44s %9s ms  %s git diff --stat (for comparison)\n" "mu summarize, plain (median of $N)" "$plain_ms" "$(ratio "$plain_ms" "$diff_ms")"
echo "last hook run: $(tail -1 .mu/hook.log)"
missing=$("$MU" status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["without_summary"])')
if [ "$missing" -gt 0 ]; then
  echo "note: $missing functions have no summary (they failed); every run, --since included, retries them and"
  echo "      re-reads their files, which is most of the time above on this tree"
fi
