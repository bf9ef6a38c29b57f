#!/usr/bin/env bash
# How mu summarize copes with a failing provider (loopback fake, OpenAI wire format), N functions at
# concurrency C, each figure beside its reference in the same script:
#   - 10 % of requests answered 429 (Retry-After: 1): wall next to the fault-free wall. Goal <= 3x.
#   - every request answered 500: time until mu stops (exit 1) and requests sent, next to what a run
#     that tries every function would send (N x 3 tries).
#   - no request ever answered, --timeout 3: time until mu stops, next to N x 3 tries x 3 s / C.
#   - nothing listening (connection refused): time until mu stops.
# Usage: bench/faults.sh [N] [LATENCY] [CONCURRENCY]
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
MU="${MU:-$(cd "$HERE" && swift build -c release --product mu --show-bin-path 2>/dev/null)/mu}"
[ -x "$MU" ] || { echo "build mu first: swift build -c release --product mu" >&2; exit 1; }
FAKE_PROVIDER="${FAKE_PROVIDER:-$(dirname "$MU")/mu-fake-provider}"
[ -x "$FAKE_PROVIDER" ] || (cd "$HERE" && swift build -c release --product mu-fake-provider >&2)
N="${1:-500}"; LAT="${2:-0.1}"; C="${3:-10}"
WORK="$(mktemp -d)"
trap 'for f in "$WORK"/*.pid; do [ -e "$f" ] && kill "$(cat "$f")" 2>/dev/null; done; rm -rf "$WORK"' EXIT
fake() { # name, mu-fake-provider options...: starts a fake, prints its port
  local name="$1"; shift
  "$FAKE_PROVIDER" --format openai --latency "$LAT" --port-file "$WORK/$name.port" --stats-file "$WORK/$name.stats" "$@" >/dev/null 2>&1 &
  echo $! > "$WORK/$name.pid"
  for i in $(seq 50); do [ -s "$WORK/$name.port" ] && break; sleep 0.1; done
  cat "$WORK/$name.port"
}
repo() { # name, port: a fresh repository of N functions pointing at the fake on port
  mkdir -p "$WORK/$1"; cd "$WORK/$1"; git init -q
  python3 - "$N" <<'PY'
import sys
with open("many.py", "w") as f:
    for i in range(int(sys.argv[1])):
        f.write(f"def function_{i}(x):\n    return x * {i} + {i * 7}\n\n\n")
PY
  git add -A && git -c user.email=b@example.com -c user.name=b commit -qm bench
  printf '[llm]\nprovider = "openai-compatible"\nmodel = "fake-model"\nconcurrency = %s\n[llm.openai-compatible]\nbase_url = "http://127.0.0.1:%s/v1"\n' "$C" "$2" > .murc.toml
}
run() { # name, extra flags...: prints "wall exit"
  local name="$1"; shift
  local start end code=0
  start=$(date +%s.%N)
  "$MU" summarize "$WORK/$name" --yes --quiet --json "$@" > "$WORK/$name.json" 2> "$WORK/$name.err" || code=$?
  end=$(date +%s.%N)
  python3 -c "print(f'{$end - $start:.2f} $code')"
}
requests() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["requests"])' "$WORK/$1.stats"; }

repo clean "$(fake clean)";           read -r clean_wall clean_code <<<"$(run clean)"
repo storm "$(fake storm --every-429 10)"; read -r storm_wall storm_code <<<"$(run storm)"
repo e500 "$(fake e500 --status 500)"; read -r e500_wall e500_code <<<"$(run e500)"
repo hang "$(fake hang --hang)";       read -r hang_wall hang_code <<<"$(run hang --timeout 3)"
repo refused 9;                        read -r refused_wall refused_code <<<"$(run refused)"

python3 - "$N" "$C" "$clean_wall" "$storm_wall" "$storm_code" "$e500_wall" "$e500_code" "$(requests e500)" \
  "$hang_wall" "$hang_code" "$(requests hang)" "$refused_wall" "$refused_code" "$WORK/storm.json" "$WORK/e500.json" <<'PY'
import json, sys
n, c = int(sys.argv[1]), int(sys.argv[2])
clean, storm, storm_code = float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
e500, e500_code, e500_req = float(sys.argv[6]), sys.argv[7], int(sys.argv[8])
hang, hang_code, hang_req = float(sys.argv[9]), sys.argv[10], int(sys.argv[11])
refused, refused_code = float(sys.argv[12]), sys.argv[13]
s = json.load(open(sys.argv[14])); e = json.load(open(sys.argv[15]))
print(f"{n} functions, concurrency {c}")
print(f"429 storm (10 %, Retry-After 1): wall {storm:.2f} s vs fault-free {clean:.2f} s, ratio {storm/clean:.2f}x (goal <= 3x); "
      f"exit {storm_code}, summarized {s['summarized']}, failed {s['failed']}")
print(f"all 500: stopped after {e500:.2f} s, exit {e500_code} (goal 1), {e500_req} requests vs {n * 3} for trying every function; "
      f"reason: {e.get('stopped')}")
print(f"all hang, --timeout 3: stopped after {hang:.2f} s, exit {hang_code} (goal 1), {hang_req} requests; "
      f"trying every function would take {n * 3 * 3 / c:.0f} s")
print(f"connection refused: stopped after {refused:.2f} s, exit {refused_code} (goal 1)")
PY
