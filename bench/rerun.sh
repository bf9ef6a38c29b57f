#!/usr/bin/env bash
# mu summarize: cold run, no-op rerun, and rerun after editing one function, each next to
# `git status --porcelain` on the same checkout, as ratios; plus the cold run's peak RSS, and the
# one-edit run again with a full roll-up pass (the reference for incremental roll-ups).
# The git status and no-op figures are medians of BENCH_RUNS (31) runs (bench/median-ms.py).
# Usage: bench/rerun.sh [DIR]   (default /tmp/mu-corpora/cpython-stdlib; the repo is copied to a temp dir)
# Goals: no-op rerun <= 3x git status; one-function edit <= 5x git status; cold peak RSS <= 150 MB.
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
MU="${MU:-$(cd "$HERE" && swift build -c release --static-swift-stdlib --product mu --show-bin-path 2>/dev/null)/mu}"
[ -x "$MU" ] || { echo "build mu first: make release" >&2; exit 1; }
SRC="${1:-/tmp/mu-corpora/cpython-stdlib}"
[ -d "$SRC/.git" ] || { echo "no git repository at $SRC (run ../shared/scripts/real-corpora.sh)" >&2; exit 1; }
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
cp -a "$SRC" "$WORK/repo"; cd "$WORK/repo"; rm -rf .mu
timed() { /usr/bin/time -f "%e %M" -o "$WORK/t" "$@" >/dev/null 2>&1; cat "$WORK/t"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
git status --porcelain >/dev/null 2>&1
read -r cold cold_kb < <(timed "$MU" summarize . --quiet)
gs=$(python3 -c "print($(python3 "$HERE/bench/median-ms.py" git status --porcelain)/1000)")
noop=$(python3 -c "print($(python3 "$HERE/bench/median-ms.py" "$MU" summarize . --quiet)/1000)")
# Edit one function body: the first one-line `def` of the first Python file, from the 200th on, that has one.
git ls-files '*.py' > "$WORK/files"
edit_one() {
python3 - "$WORK/files" "$1" <<'PY'
import sys, re
paths = open(sys.argv[1]).read().split('\n')
for p in [x for x in paths[199:] + paths[:199] if x]:
    s = open(p, errors='replace').read()
    m = re.search(r'^(\s*)def \w+\(.*\):\s*$', s, re.M)
    if not m:
        continue
    i = s.index('\n', m.end()) + 1
    s = s[:i] + m.group(1) + '    ' + sys.argv[2] + ' = 1\n' + s[i:]
    open(p, 'w').write(s)
    print(p)
    break
PY
}
file=$(edit_one _mu_bench)
read -r edit _ < <(timed "$MU" summarize . --quiet)
# The reference: the same kind of edit with the roll-ups' base forgotten, so the roll-up stage makes
# a full pass (every function and roll-up read and rehashed), as every edit did before incremental roll-ups.
edit_one _mu_bench_full >/dev/null
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"DELETE FROM meta WHERE key IN ('rollups_base','rollups_current')\"); c.commit()" .mu/mu.db
read -r edit_full _ < <(timed "$MU" summarize . --quiet)
"$MU" summarize . --json --quiet > "$WORK/after.json" || true
funcs=$("$MU" status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["functions"])')
ratio() { python3 -c "print(f'{$1/max($2,0.00001):.2f}x')"; }
echo "tree: $SRC ($funcs functions; edited $file)"
printf "%-28s %8s  %s\n" "git status --porcelain (med)" "${gs}s" ""
printf "%-28s %8s  %s\n" "mu summarize, cold" "${cold}s" "peak RSS $((cold_kb/1024)) MB (goal <= 150 MB)"
printf "%-28s %8s  %s\n" "mu summarize, no-op (med)" "${noop}s" "$(ratio "$noop" "$gs") git status (goal <= 3x)"
printf "%-28s %8s  %s\n" "mu summarize, 1 edit" "${edit}s" "$(ratio "$edit" "$gs") git status (goal <= 5x)"
printf "%-28s %8s  %s\n" "1 edit, full roll-up pass" "${edit_full}s" "$(ratio "$edit_full" "$edit") the incremental edit run (reference)"
echo "after the edit: $(cat "$WORK/after.json")"
