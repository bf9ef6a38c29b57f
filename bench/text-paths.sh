#!/usr/bin/env bash
# Do the byte-level fast paths of MuSummaryText (PlainText, PlainMarkdown, PlainCodeShape and the
# *Plain halves of SummaryParser) earn their lines? They exist only for speed; each has a general
# implementation (Character, Foundation and regular-expression code) that gives the same answers
# (Tests/MuExtractiveTests/ByteScannerTests: generated texts and every line of this repository).
#
# This script builds mu twice in release mode - as shipped, and with -DMU_GENERAL_TEXT_ONLY, where
# `PlainText.isPlain` and `PlainText.ellipses` always say "not plain", so every text takes the
# general path - and runs bench/extractive.sh (the offline summarizer's functions per second, the
# main user of these helpers) with each. The second build goes to .build-general (a full release
# build: about 25 minutes on two cores).
# Measured 2026-11-30 (release builds, idle machine, CPython, two runs of RUNS=1 each): the offline
# summarizer takes 289 / 287 us per function with the fast paths and 348 / 352 without: 1.22x as fast.
# Usage: bench/text-paths.sh [DIR]   (default /tmp/mu-corpora/cpython-stdlib); RUNS as in extractive.sh;
#        MU=path/to/mu uses that build as the shipped one instead of building it.
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
cd "$HERE"
FLAGS=(-c release --static-swift-stdlib --product mu)   # as `make release`
if [ -n "${MU:-}" ]; then FAST="$MU"; else
  swift build "${FLAGS[@]}" >/dev/null
  FAST="$(swift build "${FLAGS[@]}" --show-bin-path)/mu"
fi
swift build "${FLAGS[@]}" --scratch-path "$HERE/.build-general" -Xswiftc -DMU_GENERAL_TEXT_ONLY >/dev/null
GENERAL="$(swift build "${FLAGS[@]}" --scratch-path "$HERE/.build-general" -Xswiftc -DMU_GENERAL_TEXT_ONLY --show-bin-path)/mu"
OUT="$(mktemp -d)"; trap 'rm -rf "$OUT"' EXIT
echo "== fast paths (as shipped): $FAST"
MU="$FAST" bash "$HERE/bench/extractive.sh" "$@" | tee "$OUT/fast"
echo "== general paths only: $GENERAL"
MU="$GENERAL" bash "$HERE/bench/extractive.sh" "$@" | tee "$OUT/general"
python3 - "$OUT/fast" "$OUT/general" <<'PY'
import re, sys
def per_function(path):
    m = re.search(r"\((\d+) us per function\)", open(path).read())
    return int(m.group(1)) if m else None
fast, general = per_function(sys.argv[1]), per_function(sys.argv[2])
if fast and general:
    print(f"offline summarizer: {fast} us per function with the fast paths, {general} without: "
          f"the fast paths make it {general / fast:.2f}x as fast")
else:
    print("no per-function figure to compare (see the runs above)")
PY
