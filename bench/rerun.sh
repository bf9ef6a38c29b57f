#!/usr/bin/env bash
# mu summarize: cold run, no-op rerun, and rerun after editing one function, each next to
# `git status --porcelain` on the same checkout, as ratios; plus the cold run's peak RSS, and the
# one-edit run again with a full roll-up pass (the reference for incremental roll-ups).
# The git status and no-op figures are medians of BENCH_RUNS (31) runs (bench/median-ms.py).
# Then the libgit2 floor under the no-op goal, in the same run: bench/status-floor.c (built here with
# cc -lgit2) does only what mu's walk asks of libgit2 on a no-op rerun (init, open, read the index,
# one status list with mu's options), next to git status and to mu's no-op; also libgit2's init alone
# and the bare start of a program linking libgit2. Each of those lines also shows its mean CPU time
# (perf's task-clock, bench/cpu-ms.sh; "-" without perf), which barely moves when the machine is busy.
# Usage: bench/rerun.sh [--floors-only] [DIR]   (default /tmp/mu-corpora/cpython-stdlib; the repo is
#   copied to a temp dir). --floors-only (or BENCH_FLOORS_ONLY=1) skips the edits and the cold run's report:
#   it prints git status, the no-op rerun and the floors only (the index is still built first, unreported).
# Goals: no-op rerun <= 3x git status; one-function edit <= 5x git status; cold peak RSS <= 150 MB.
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
FLOORS_ONLY="${BENCH_FLOORS_ONLY:-}"
if [ "${1:-}" = "--floors-only" ]; then FLOORS_ONLY=1; shift; fi
MU="${MU:-$(cd "$HERE" && swift build -c release --static-swift-stdlib --product mu --show-bin-path 2>/dev/null)/mu}"
[ -x "$MU" ] || { echo "build mu first: make release" >&2; exit 1; }
SRC="${1:-/tmp/mu-corpora/cpython-stdlib}"
[ -d "$SRC/.git" ] || { echo "no git repository at $SRC (run ../shared/scripts/real-corpora.sh)" >&2; exit 1; }
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
# shellcheck disable=SC2046 # pkg-config prints several words on purpose
cc -O2 "$HERE/bench/status-floor.c" -o "$WORK/status-floor" $(pkg-config --cflags --libs libgit2)
cp -a "$SRC" "$WORK/repo"; cd "$WORK/repo"; rm -rf .mu
timed() { /usr/bin/time -f "%e %M" -o "$WORK/t" "$@" >/dev/null 2>&1; cat "$WORK/t"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
git status --porcelain >/dev/null 2>&1
read -r cold cold_kb < <(timed "$MU" summarize . --quiet)
gs=$(python3 -c "print(round($(python3 "$HERE/bench/median-ms.py" git status --porcelain)/1000, 5))")
noop=$(python3 -c "print(round($(python3 "$HERE/bench/median-ms.py" "$MU" summarize . --quiet)/1000, 5))")
# The floors, right after the no-op on the same tree (wall medians in ms, then CPU means in ms).
ms() { python3 "$HERE/bench/median-ms.py" "$@"; }
cpu() { "$HERE/bench/cpu-ms.sh" "$@"; }
floor_ms=$(ms "$WORK/status-floor"); floor_cpu=$(cpu "$WORK/status-floor")
init_ms=$(ms "$WORK/status-floor" --init-only); init_cpu=$(cpu "$WORK/status-floor" --init-only)
bare_ms=$(ms "$WORK/status-floor" --nothing); bare_cpu=$(cpu "$WORK/status-floor" --nothing)
gs_cpu=$(cpu git status --porcelain); noop_cpu=$(cpu "$MU" summarize . --quiet)
floors() {
  # xratio A B: A/B as "1.23x", or "-" when either is not a number (no perf).
  xratio() { python3 -c "import sys; a,b=sys.argv[1:]; print(f'{float(a)/max(float(b),0.001):.2f}x')" "$1" "$2" 2>/dev/null || echo "-"; }
  local gs_ms noop_ms; gs_ms=$(python3 -c "print(round($gs*1000, 2))"); noop_ms=$(python3 -c "print(round($noop*1000, 2))")
  echo "floors under the no-op goal (wall: median ms; CPU: perf task-clock mean ms; ratios of each):"
  printf "  %-40s %8s %8s\n" "" "wall" "CPU"
  printf "  %-40s %8s %8s\n" "git status --porcelain (reference)" "$gs_ms" "$gs_cpu"
  printf "  %-40s %8s %8s   %s / %s git status\n" "C + libgit2: start only (--nothing)" "$bare_ms" "$bare_cpu" \
    "$(xratio "$bare_ms" "$gs_ms")" "$(xratio "$bare_cpu" "$gs_cpu")"
  printf "  %-40s %8s %8s   %s / %s git status\n" "C + libgit2: git_libgit2_init only" "$init_ms" "$init_cpu" \
    "$(xratio "$init_ms" "$gs_ms")" "$(xratio "$init_cpu" "$gs_cpu")"
  printf "  %-40s %8s %8s   %s / %s git status (libgit2 status floor)\n" "C + libgit2: init, index, status" \
    "$floor_ms" "$floor_cpu" "$(xratio "$floor_ms" "$gs_ms")" "$(xratio "$floor_cpu" "$gs_cpu")"
  printf "  %-40s %8s %8s   %s / %s the libgit2 status floor\n" "mu summarize, no-op" "$noop_ms" "$noop_cpu" \
    "$(xratio "$noop_ms" "$floor_ms")" "$(xratio "$noop_cpu" "$floor_cpu")"
}
ratio() { python3 -c "print(f'{$1/max($2,0.00001):.2f}x')"; }
if [ -n "$FLOORS_ONLY" ]; then
  echo "tree: $SRC (floors only: cold run not reported, no edits)"
  printf "%-28s %8s  %s\n" "git status --porcelain (med)" "${gs}s" ""
  printf "%-28s %8s  %s\n" "mu summarize, no-op (med)" "${noop}s" "$(ratio "$noop" "$gs") git status (goal <= 3x)"
  floors
  exit 0
fi
# Edit one function body: the first one-line `def` of the first Python file, from the 200th on, that has one.
git ls-files '*.py' > "$WORK/files"
edit_one() { python3 "$HERE/bench/edit-one.py" "$WORK/files" "$1"; }
file=$(edit_one _mu_bench)
read -r edit _ < <(timed "$MU" summarize . --quiet)
# The reference: the same kind of edit with the roll-ups' base forgotten, so the roll-up stage makes
# a full pass (every function and roll-up read and rehashed), as every edit did before incremental roll-ups.
edit_one _mu_bench_full >/dev/null
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"DELETE FROM meta WHERE key IN ('rollups_base','rollups_current')\"); c.commit()" .mu/mu.db
read -r edit_full _ < <(timed "$MU" summarize . --quiet)
"$MU" summarize . --json --quiet > "$WORK/after.json" || true
funcs=$("$MU" status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["functions"])')
echo "tree: $SRC ($funcs functions; edited $file)"
printf "%-28s %8s  %s\n" "git status --porcelain (med)" "${gs}s" ""
printf "%-28s %8s  %s\n" "mu summarize, cold" "${cold}s" "peak RSS $((cold_kb/1024)) MB (goal <= 150 MB)"
printf "%-28s %8s  %s\n" "mu summarize, no-op (med)" "${noop}s" "$(ratio "$noop" "$gs") git status (goal <= 3x)"
printf "%-28s %8s  %s\n" "mu summarize, 1 edit" "${edit}s" "$(ratio "$edit" "$gs") git status (goal <= 5x)"
printf "%-28s %8s  %s\n" "1 edit, full roll-up pass" "${edit_full}s" "$(ratio "$edit_full" "$edit") the incremental edit run (reference)"
echo "after the edit: $(cat "$WORK/after.json")"
floors
