#!/usr/bin/env bash
# What tree-sitter alone costs on CPython's standard library, next to ctags and `mu functions`:
# the floor under bench/extract.sh's ratio. Builds bench/parse-floor.c (tree-sitter's Python parser
# from the same libmu-tree-sitter.a mu links, parsing every .py file and discarding the trees) and
# runs it on all cores; ctags reads the same files on one core (it has no threads).
# Usage: bench/parse-floor.sh [CORPUS=/tmp/mu-corpora/cpython-stdlib]   (MU=path/to/mu adds mu's line)
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
CORPUS="${1:-/tmp/mu-corpora/cpython-stdlib}"
[ -d "$CORPUS/.git" ] || { echo "no git repository at $CORPUS (../shared/scripts/real-corpora.sh makes it)" >&2; exit 1; }
command -v ctags >/dev/null || { echo "needs universal-ctags: apt-get install universal-ctags" >&2; exit 1; }
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
cc -O2 -I/usr/local/include/mu-tree-sitter "$HERE/bench/parse-floor.c" -o "$WORK/parse" \
   /usr/local/lib/libmu-tree-sitter.a -lpthread -ldl
(cd "$CORPUS" && git ls-files '*.py' | sed "s|^|$CORPUS/|") > "$WORK/files"
CORES="$(nproc)"
measure() { /usr/bin/time -f "%e %U" -o "$WORK/t" "$@" >/dev/null 2>&1 < "${STDIN:-/dev/null}"; cat "$WORK/t"; }
read -r ts1_s ts1_u < <(STDIN="$WORK/files" measure "$WORK/parse" 1)
read -r tsn_s tsn_u < <(STDIN="$WORK/files" measure "$WORK/parse" "$CORES")
read -r ct_s ct_u < <(measure ctags --output-format=json --fields=+neKS -L "$WORK/files" -f -)
echo "$(wc -l < "$WORK/files") Python files, $(cat $(cat "$WORK/files") | wc -c) bytes, $CORES cores"
printf "%-40s %8s s wall %8s s CPU\n" "ctags (1 thread)" "$ct_s" "$ct_u"
printf "%-40s %8s s wall %8s s CPU   %sx ctags CPU\n" "tree-sitter parse only, 1 thread" "$ts1_s" "$ts1_u" \
  "$(python3 -c "print(f'{$ts1_u/max($ct_u,0.01):.2f}')")"
printf "%-40s %8s s wall %8s s CPU   %sx ctags wall (the floor of bench/extract.sh's ratio)\n" \
  "tree-sitter parse only, $CORES threads" "$tsn_s" "$tsn_u" "$(python3 -c "print(f'{$tsn_s/max($ct_s,0.01):.2f}')")"
if [ -n "${MU:-}" ]; then
  cp -R "$CORPUS" "$WORK/corpus" && rm -rf "$WORK/corpus/.mu"
  read -r mu_s mu_u < <(cd "$WORK/corpus" && measure "$MU" functions --json)
  printf "%-40s %8s s wall %8s s CPU   %sx ctags wall (all languages mu reads there)\n" "mu functions --json" "$mu_s" "$mu_u" \
    "$(python3 -c "print(f'{$mu_s/max($ct_s,0.01):.2f}')")"
fi
