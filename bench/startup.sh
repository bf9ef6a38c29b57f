#!/usr/bin/env bash
# `mu --version` next to a statically linked hello-world Swift program built here with the same toolchain
# and flags (`swiftc -O -static-stdlib`, importing Foundation), medians of BENCH_RUNS (31) runs, as a ratio.
# Also prints what the mu binary links dynamically (no Swift runtime, no libcurl expected).
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
mu_ms=$(python3 "$HERE/bench/median-ms.py" "$MU" --version)
hello_ms=$(python3 "$HERE/bench/median-ms.py" "$WORK/hello")
echo "dynamic libraries of $MU:"
ldd "$MU" | awk '{print "  " $1}'
if ldd "$MU" | grep -Eq 'libswift|libFoundation|lib_Foundation|libcurl|libdispatch'; then echo "  (!) Swift runtime or libcurl linked dynamically"; fi
printf "%-34s %8s ms\n" "static hello world (Foundation)" "$hello_ms"
printf "%-34s %8s ms   %sx hello (goal <= 2x)\n" "mu --version" "$mu_ms" "$(python3 -c "print(f'{$mu_ms/max($hello_ms,0.01):.2f}')")"
