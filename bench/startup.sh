#!/usr/bin/env bash
# `mu --version` next to a statically linked hello-world Swift program built here with the same toolchain
# and flags (`swiftc -O -static-stdlib`, importing Foundation), medians of BENCH_RUNS (31) runs, as a ratio.
# Also prints what the mu binary links dynamically (no Swift runtime, no libcurl expected).
#
# Then two floors, in the same run, to show which part of the ratio mu can still win:
# - the argument-parser floor: bench/argparse-floor.swift, a root AsyncParsableCommand with `version:`
#   and 18 empty subcommands (as many as mu's), built as a throwaway SwiftPM package on the same
#   swift-argument-parser as mu's Package.swift, release, --static-swift-stdlib, linked like mu
#   (-no-pie, --no-export-dynamic): what swift-argument-parser and the static runtime cost alone.
# - the same program built like mu: padded with empty conformances up to mu's number of
#   protocol-conformance records (the Swift runtime scans all of them once per distinct conformance
#   it looks up, and argument-parser looks up many) and linked (--no-as-needed) against mu's shared
#   libraries (libgit2 and its ~15 dependencies, libsqlite3, libcrypto, libz): the cost of
#   argument-parser in a binary as large as mu's, with the libraries mu loads at every start.
# The package is cached in /tmp/mu-bench-floor-<hash of its sources and the toolchain>: the first run
# builds it (about 1 minute on 2 cores, measured 2026-11-30: swift-argument-parser in release, then
# ~11 k generated empty structs); later runs reuse it (the padded one is rebuilt, ~20 s, when mu's
# record count or libraries change).
# Two C lines show what loading mu's shared libraries costs alone: an empty main without and with those
# that a static Swift program does not load anyway.
# Each line also shows its mean CPU time (perf's task-clock, bench/cpu-ms.sh; "-" without perf) and the
# executable's number of protocol-conformance records.
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
# mu's shared libraries beyond those every static Swift program loads (libc, libm, libstdc++, libgcc_s):
# libgit2 (and its own ~15), libsqlite3, libcrypto, libz. An empty C main, alone and linked against them,
# shows what loading them costs by itself.
mu_libs=(); mu_lib_names=()
for lib in $(readelf -d "$MU" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
  case "$lib" in libc.so.*|ld-linux*|libm.so.*|libstdc++.so.*|libgcc_s.so.*) ;;
  *) mu_libs+=("-l:$lib"); mu_lib_names+=("${lib%%.so*}") ;;
  esac
done
echo 'int main(void) { return 0; }' > "$WORK/empty.c"
cc -O2 "$WORK/empty.c" -o "$WORK/empty"
cc -O2 "$WORK/empty.c" -o "$WORK/empty-libs" -Wl,--no-as-needed "${mu_libs[@]}"

# conformances BIN: the size of its swift5_protocol_conformances section / 4 (one 32-bit offset each).
conformances() {
  local size
  size=$(readelf -SW "$1" 2>/dev/null | awk '{ for (i = 1; i <= NF; i++) if ($i == "swift5_protocol_conformances") print $(i + 4) }')
  if [ -n "$size" ]; then echo $(( 0x$size / 4 )); else echo "-"; fi
}

# The floors' package: same package URL and version requirement as mu's Package.swift.
AP_LINE="$(grep -m1 'github.com/apple/swift-argument-parser' "$HERE/Package.swift" | sed 's/^ *//; s/,$//')"
[ -n "$AP_LINE" ] || { echo "swift-argument-parser not found in Package.swift" >&2; exit 1; }
floor_target() { # NAME: an executable target on ArgumentParser, linked like mu's release build
  echo "        .executableTarget(name: \"$1\", dependencies: [
            .product(name: \"ArgumentParser\", package: \"swift-argument-parser\"),
        ], linkerSettings: [.unsafeFlags([\"-Xlinker\", \"-no-pie\", \"-Xlinker\", \"--no-export-dynamic\"])]),"
}
FLOOR_MANIFEST="// swift-tools-version: 6.2
import PackageDescription
// bench/startup.sh's argument-parser floors (generated; see bench/argparse-floor.swift).
let package = Package(
    name: \"mu-bench-floor\",
    dependencies: [$AP_LINE],
    targets: [
$(floor_target floor)
$(floor_target floorlikemu)
    ]
)
"
FLOOR_KEY="$({ echo "$FLOOR_MANIFEST"; cat "$HERE/bench/argparse-floor.swift"; swift --version 2>/dev/null; } | sha256sum | cut -c1-12)"
FLOOR_DIR="/tmp/mu-bench-floor-$FLOOR_KEY"
FLOOR="$FLOOR_DIR/.build/release/floor"
FLOOR_MU="$FLOOR_DIR/.build/release/floorlikemu"
build_floor() { # PRODUCT [swift build flags]: builds it in FLOOR_DIR, or stops with the build's last lines
  (cd "$FLOOR_DIR" && swift build -c release --static-swift-stdlib --product "$@") > "$WORK/floor-build.log" 2>&1 ||
    { tail -20 "$WORK/floor-build.log" >&2; echo "could not build the floor $1 in $FLOOR_DIR" >&2; exit 1; }
}
if [ ! -x "$FLOOR" ]; then
  echo "building the argument-parser floor in $FLOOR_DIR (first run only: about 35 s)..." >&2
  mkdir -p "$FLOOR_DIR/Sources/floor" "$FLOOR_DIR/Sources/floorlikemu"
  printf '%s' "$FLOOR_MANIFEST" > "$FLOOR_DIR/Package.swift"
  cp "$HERE/bench/argparse-floor.swift" "$FLOOR_DIR/Sources/floor/Floor.swift"
  cp "$HERE/bench/argparse-floor.swift" "$FLOOR_DIR/Sources/floorlikemu/Floor.swift"
  echo "public protocol FloorPadding {}" > "$FLOOR_DIR/Sources/floorlikemu/Padding.swift"
  rm -f "$FLOOR_DIR/padding.stamp"
  build_floor floor
fi
"$FLOOR" --version >/dev/null || { echo "$FLOOR --version failed" >&2; exit 1; }
# Built like mu: as many conformance records as mu (one per empty struct), mu's shared libraries.
mu_records=$(conformances "$MU"); floor_records=$(conformances "$FLOOR")
padding=0
if [ "$mu_records" != "-" ] && [ "$floor_records" != "-" ] && [ "$mu_records" -gt "$floor_records" ]; then
  padding=$((mu_records - floor_records))
fi
link_flags=()
for lib in "${mu_libs[@]}"; do link_flags+=(-Xlinker "$lib"); done
stamp="$padding ${link_flags[*]}"
if [ ! -x "$FLOOR_MU" ] || [ "$(cat "$FLOOR_DIR/padding.stamp" 2>/dev/null)" != "$stamp" ]; then
  echo "building the argument-parser floor like mu ($padding padding records; about 20 s)..." >&2
  python3 - "$padding" > "$FLOOR_DIR/Sources/floorlikemu/Padding.swift" <<'PY'
import sys
print("// Generated by bench/startup.sh: one protocol-conformance record per struct.")
print("public protocol FloorPadding {}")
for i in range(int(sys.argv[1])):
    print(f"public struct FloorPadding{i}: FloorPadding {{}}")
PY
  build_floor floorlikemu -Xlinker --no-as-needed "${link_flags[@]}"
  echo "$stamp" > "$FLOOR_DIR/padding.stamp"
fi
"$FLOOR_MU" --version >/dev/null || { echo "$FLOOR_MU --version failed" >&2; exit 1; }

mu_ms=$(python3 "$HERE/bench/median-ms.py" "$MU" --version)
hello_ms=$(python3 "$HERE/bench/median-ms.py" "$WORK/hello")
floor_ms=$(python3 "$HERE/bench/median-ms.py" "$FLOOR" --version)
floor_mu_ms=$(python3 "$HERE/bench/median-ms.py" "$FLOOR_MU" --version)
mu_cpu=$("$HERE/bench/cpu-ms.sh" "$MU" --version)
hello_cpu=$("$HERE/bench/cpu-ms.sh" "$WORK/hello")
floor_cpu=$("$HERE/bench/cpu-ms.sh" "$FLOOR" --version)
floor_mu_cpu=$("$HERE/bench/cpu-ms.sh" "$FLOOR_MU" --version)
empty_ms=$(python3 "$HERE/bench/median-ms.py" "$WORK/empty"); empty_cpu=$("$HERE/bench/cpu-ms.sh" "$WORK/empty")
libs_ms=$(python3 "$HERE/bench/median-ms.py" "$WORK/empty-libs"); libs_cpu=$("$HERE/bench/cpu-ms.sh" "$WORK/empty-libs")
echo "dynamic libraries of $MU:"
ldd "$MU" | awk '{print "  " $1}'
if ldd "$MU" | grep -Eq 'libswift|libFoundation|lib_Foundation|libcurl|libdispatch'; then echo "  (!) Swift runtime or libcurl linked dynamically"; fi
# xratio A B: A/B as "1.23x", or "-" when either is not a number (no perf).
xratio() { python3 -c "import sys; a,b=sys.argv[1:]; print(f'{float(a)/max(float(b),0.01):.2f}x')" "$1" "$2" 2>/dev/null || echo "-"; }
line() { # LABEL WALL CPU BINARY NOTE
  printf "%-40s %7s ms %7s ms CPU %6s records  %s\n" "$1" "$2" "$3" "$(conformances "$4")" "$5"
}
echo "(wall: median; CPU: perf task-clock mean; records: protocol conformances in the executable)"
line "C, empty main" "$empty_ms" "$empty_cpu" "$WORK/empty" ""
line "C, empty main + mu's other libraries" "$libs_ms" "$libs_cpu" "$WORK/empty-libs" \
  "+$(python3 -c "print(f'{$libs_ms-$empty_ms:.2f} ms = {($libs_ms-$empty_ms)/max($hello_ms,0.01):.2f}x hello')") to load ${mu_lib_names[*]}"
line "static hello world (Foundation)" "$hello_ms" "$hello_cpu" "$WORK/hello" ""
line "argument-parser floor --version" "$floor_ms" "$floor_cpu" "$FLOOR" \
  "$(xratio "$floor_ms" "$hello_ms") hello ($(xratio "$floor_cpu" "$hello_cpu") CPU)"
line "  built like mu (records, shared libs)" "$floor_mu_ms" "$floor_mu_cpu" "$FLOOR_MU" \
  "$(xratio "$floor_mu_ms" "$hello_ms") hello ($(xratio "$floor_mu_cpu" "$hello_cpu") CPU)"
line "mu --version" "$mu_ms" "$mu_cpu" "$MU" "$(xratio "$mu_ms" "$hello_ms") hello (goal <= 2x)"
echo "mu --version: $(xratio "$mu_ms" "$floor_ms") the argument-parser floor ($(xratio "$mu_cpu" "$floor_cpu") CPU)," \
  "$(xratio "$mu_ms" "$floor_mu_ms") the floor built like mu ($(xratio "$mu_cpu" "$floor_mu_cpu") CPU)"
