#!/usr/bin/env bash
# mu summarize: cold run, no-op rerun, and rerun after editing one function, each next to
# `git status` on the same checkout, as ratios; plus the cold run's peak RSS.
# Usage: bench/rerun.sh [DIR]   (default /tmp/mu-corpora/cpython-stdlib; the repo is copied to a temp dir)
# Goals: no-op rerun <= 3x git status; one-function edit <= 5x git status; cold peak RSS <= 150 MB.
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
MU="${MU:-$(cd "$HERE" && swift build -c release --product mu --show-bin-path 2>/dev/null)/mu}"
[ -x "$MU" ] || { echo "build mu first: swift build -c release --product mu" >&2; exit 1; }
SRC="${1:-/tmp/mu-corpora/cpython-stdlib}"
[ -d "$SRC/.git" ] || { echo "no git repository at $SRC (run ../shared/scripts/real-corpora.sh)" >&2; exit 1; }
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
cp -a "$SRC" "$WORK/repo"; cd "$WORK/repo"; rm -rf .mu
timed() { /usr/bin/time -f "%e %M" -o "$WORK/t" "$@" >/dev/null 2>&1; cat "$WORK/t"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
git status >/dev/null 2>&1
gs=$(for i in 1 2 3 4 5; do timed git status | cut -d' ' -f1; done | median)
read -r cold cold_kb < <(timed "$MU" summarize . --quiet)
noop=$(for i in 1 2 3 4 5; do timed "$MU" summarize . --quiet | cut -d' ' -f1; done | median)
# Edit one function body: the first Python function of the largest-numbered file list entry.
file=$(git ls-files '*.py' | head -200 | tail -1)
python3 - "$file" <<'PY'
import sys,re
p=sys.argv[1]; s=open(p).read()
m=re.search(r'^(\s*)def \w+\(.*\):\s*$', s, re.M)
i=s.index('\n', m.end())+1
indent=m.group(1)+'    '
s=s[:i]+indent+'_mu_bench = 1\n'+s[i:]
open(p,'w').write(s)
PY
read -r edit _ < <(timed "$MU" summarize . --quiet)
"$MU" summarize . --json --quiet > "$WORK/after.json" || true
funcs=$("$MU" status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["functions"])')
ratio() { python3 -c "print(f'{$1/max($2,0.001):.1f}x')"; }
echo "tree: $SRC ($funcs functions)"
printf "%-28s %8s  %s\n" "git status (median of 5)" "${gs}s" ""
printf "%-28s %8s  %s\n" "mu summarize, cold" "${cold}s" "peak RSS $((cold_kb/1024)) MB (goal <= 150 MB)"
printf "%-28s %8s  %s\n" "mu summarize, no-op (med 5)" "${noop}s" "$(ratio "$noop" "$gs") git status (goal <= 3x)"
printf "%-28s %8s  %s\n" "mu summarize, 1 edit" "${edit}s" "$(ratio "$edit" "$gs") git status (goal <= 5x)"
echo "after the edit: $(cat "$WORK/after.json")"
