#!/usr/bin/env bash
# `mu --version` next to a statically linked hello-world Swift program built here with the same toolchain
# and flags (`swiftc -O -static-stdlib`, importing Foundation), medians of BENCH_RUNS (31) runs, as a ratio.
# Also prints what the mu binary links dynamically (no Swift runtime, no libcurl expected).
# Then the argument-parser floor, in the same run: bench/argparse-floor.swift, a root AsyncParsableCommand
# with `version:` and 18 empty subcommands (as many as mu's), built as a throwaway SwiftPM package on the
# same swift-argument-parser as mu's Package.swift, release, --static-swift-stdlib, linked like mu
# (-no-pie, --no-export-dynamic). Its `--version` is what swift-argument-parser and the static runtime
# cost before mu does anything of its own; its ratio to hello is the lowest the goal's ratio can be
# while mu's CLI is built on swift-argument-parser. The package is cached in
# /tmp/mu-bench-floor-<hash of its sources and the toolchain>: the first run builds it (about 35 s on
# 2 cores, measured 2026-11-30: swift-argument-parser in release), later runs reuse it.
# Each line also shows its mean CPU time (perf's task-clock, bench/cpu-ms.sh; "-" without perf) and the
# number of protocol-conformance records in the executable (the Swift runtime scans them all once per
# distinct conformance it looks up, which is much of what argument-parser's start costs).
# Usage: bench/startup.sh   (build first: make release, or set MU=path/to/mu)
# Goal: mu --version <= 2x the static hello world.
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
MU="${MU:-$(cd "$HERE" && swift build -c release --static-swift-stdlib --product mu --show-bin-path 2>/dev/null)/mu}"
[ -x "$MU" ] || { echo "build mu first: make release" >&2; exit 1; }
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
cat > "$WORK/hello.swift" <<'SWIFT'
import Foundation
print("hello \(ProcessInfo.processInfo.processIdentifier)")
SWIFT
swiftc -O -static-stdlib "$WORK/hello.swift" -o "$WORK/hello" 2>/dev/null

# The argument-parser floor: same package URL and version requirement as mu's Package.swift.
AP_LINE="$(grep -m1 'github.com/apple/swift-argument-parser' "$HERE/Package.swift" | sed 's/^ *//; s/,$//')"
[ -n "$AP_LINE" ] || { echo "swift-argument-parser not found in Package.swift" >&2; exit 1; }
FLOOR_MANIFEST="// swift-tools-version: 6.2
import PackageDescription
// bench/startup.sh's argument-parser floor (generated; see bench/argparse-floor.swift).
let package = Package(
    name: \"mu-bench-floor\",
    dependencies: [$AP_LINE],
    targets: [
        .executableTarget(name: \"floor\", dependencies: [
            .product(name: \"ArgumentParser\", package: \"swift-argument-parser\"),
        ], linkerSettings: [.unsafeFlags([\"-Xlinker\", \"-no-pie\", \"-Xlinker\", \"--no-export-dynamic\"])]),
    ]
)
"
FLOOR_KEY="$({ echo "$FLOOR_MANIFEST"; cat "$HERE/bench/argparse-floor.swift"; swift --version 2>/dev/null; } | sha256sum | cut -c1-12)"
FLOOR_DIR="/tmp/mu-bench-floor-$FLOOR_KEY"
FLOOR="$FLOOR_DIR/.build/release/floor"
if [ ! -x "$FLOOR" ]; then
  echo "building the argument-parser floor in $FLOOR_DIR (first run only: about 35 s)..." >&2
  mkdir -p "$FLOOR_DIR/Sources/floor"
  printf '%s' "$FLOOR_MANIFEST" > "$FLOOR_DIR/Package.swift"
  cp "$HERE/bench/argparse-floor.swift" "$FLOOR_DIR/Sources/floor/Floor.swift"
  (cd "$FLOOR_DIR" && swift build -c release --static-swift-stdlib --product floor) > "$WORK/floor-build.log" 2>&1 ||
    { tail -20 "$WORK/floor-build.log" >&2; echo "could not build the argument-parser floor" >&2; exit 1; }
fi
"$FLOOR" --version >/dev/null || { echo "$FLOOR --version failed" >&2; exit 1; }

mu_ms=$(python3 "$HERE/bench/median-ms.py" "$MU" --version)
hello_ms=$(python3 "$HERE/bench/median-ms.py" "$WORK/hello")
floor_ms=$(python3 "$HERE/bench/median-ms.py" "$FLOOR" --version)
mu_cpu=$("$HERE/bench/cpu-ms.sh" "$MU" --version)
hello_cpu=$("$HERE/bench/cpu-ms.sh" "$WORK/hello")
floor_cpu=$("$HERE/bench/cpu-ms.sh" "$FLOOR" --version)
echo "dynamic libraries of $MU:"
ldd "$MU" | awk '{print "  " $1}'
if ldd "$MU" | grep -Eq 'libswift|libFoundation|lib_Foundation|libcurl|libdispatch'; then echo "  (!) Swift runtime or libcurl linked dynamically"; fi
# xratio A B: A/B as "1.23x", or "-" when either is not a number (no perf).
xratio() { python3 -c "import sys; a,b=sys.argv[1:]; print(f'{float(a)/max(float(b),0.01):.2f}x')" "$1" "$2" 2>/dev/null || echo "-"; }
# conformances BIN: the size of its swift5_protocol_conformances section / 4 (one 32-bit offset each).
conformances() {
  local size
  size=$(readelf -SW "$1" 2>/dev/null | awk '{ for (i = 1; i <= NF; i++) if ($i == "swift5_protocol_conformances") print $(i + 4) }')
  if [ -n "$size" ]; then echo $(( 0x$size / 4 )); else echo "-"; fi
}
printf "%-34s %8s ms %8s ms CPU  %6s conformances\n" "static hello world (Foundation)" "$hello_ms" "$hello_cpu" "$(conformances "$WORK/hello")"
printf "%-34s %8s ms %8s ms CPU  %6s conformances   %s hello (%s CPU): the argument-parser floor\n" \
  "argument-parser floor --version" "$floor_ms" "$floor_cpu" "$(conformances "$FLOOR")" \
  "$(xratio "$floor_ms" "$hello_ms")" "$(xratio "$floor_cpu" "$hello_cpu")"
printf "%-34s %8s ms %8s ms CPU  %6s conformances   %s hello (goal <= 2x); %s the floor (%s CPU)\n" \
  "mu --version" "$mu_ms" "$mu_cpu" "$(conformances "$MU")" "$(xratio "$mu_ms" "$hello_ms")" \
  "$(xratio "$mu_ms" "$floor_ms")" "$(xratio "$mu_cpu" "$floor_cpu")"
