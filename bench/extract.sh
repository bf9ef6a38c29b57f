#!/usr/bin/env bash
# mu functions vs ctags alone over the same files: wall time, peak RSS, ratio.
# Usage: bench/extract.sh DIR [DIR...]   (default: the real corpora under /tmp/mu-corpora)
# Build first: swift build -c release --product mu  (or set MU=path/to/mu)
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
MU="${MU:-$(cd "$HERE" && swift build -c release --product mu --show-bin-path 2>/dev/null)/mu}"
[ -x "$MU" ] || { echo "build mu first: swift build -c release --product mu" >&2; exit 1; }
# ctags is the reference command only (mu parses with tree-sitter): apt-get install universal-ctags.
command -v ctags >/dev/null || { echo "bench/extract.sh needs universal-ctags as its reference: apt-get install universal-ctags" >&2; exit 1; }
dirs=("$@"); [ ${#dirs[@]} -eq 0 ] && dirs=(/tmp/mu-corpora/cpython-stdlib /tmp/mu-corpora/swift-nio /tmp/mu-corpora/npm)
measure() { # prints "seconds peak_kb"
  /usr/bin/time -f "%e %M" -o /tmp/mu-bench-time "$@" >/dev/null 2>/dev/null || true
  cat /tmp/mu-bench-time
}
printf "%-34s %8s %8s %9s %9s %7s %s\n" corpus mu_s ctags_s mu_MB ctags_MB ratio functions
for d in "${dirs[@]}"; do
  [ -d "$d" ] || { echo "skip $d (run ../shared/scripts/real-corpora.sh)" >&2; continue; }
  # The files mu reads (ctags languages only: ctags has no Swift parser), one ctags run over all of them.
  "$MU" functions "$d" --json --quiet > /tmp/mu-bench-units
  (cd "$d" && git ls-files -co --exclude-standard | grep -E '\.(py|pyw|pyi|go|rs|js|mjs|cjs|jsx|ts|mts|cts|tsx|java|c|h|cc|cpp|cxx|hpp|hh|hxx|rb|rake|cs|kt|kts|php)$' || true) > /tmp/mu-bench-all
  n=$(wc -l < /tmp/mu-bench-units)
  read -r mu_s mu_kb < <(measure "$MU" functions "$d" --json --quiet)
  read -r ct_s ct_kb < <(cd "$d" && measure ctags --output-format=json --fields=+neKS -L /tmp/mu-bench-all -f -)
  ratio=$(python3 -c "print(f'{$mu_s/max($ct_s,0.01):.2f}')")
  printf "%-34s %8s %8s %9.1f %9.1f %7s %s\n" "$(basename "$d")" "$mu_s" "$ct_s" "$(echo "$mu_kb/1024" | bc -l)" "$(echo "$ct_kb/1024" | bc -l)" "${ratio}x" "$n"
done
echo "ratio = mu wall time / ctags wall time over the tree's files in ctags languages (goal <= 1.3x);"
echo "mu also parses .swift files (SwiftSyntax), which ctags 5.9 cannot read: Swift-heavy trees are not like for like."
