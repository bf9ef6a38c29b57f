#!/usr/bin/env bash
# 500 cache misses against a loopback fake provider (OpenAI wire format, 200 ms per reply) at
# concurrency 10: mu summarize's wall time next to the limit 500 x 0.2 s / 10 = 10 s, and the
# peak number of requests the server saw in flight.  Goal: <= 1.1x the limit, peak <= 10.
# Usage: bench/pool.sh [N] [LATENCY] [CONCURRENCY]
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
MU="${MU:-$(cd "$HERE" && swift build -c release --product mu --show-bin-path 2>/dev/null)/mu}"
[ -x "$MU" ] || { echo "build mu first: swift build -c release --product mu" >&2; exit 1; }
N="${1:-500}"; LAT="${2:-0.2}"; C="${3:-10}"
WORK="$(mktemp -d)"
FAKE_PROVIDER="${FAKE_PROVIDER:-$(dirname "$MU")/mu-fake-provider}"
[ -x "$FAKE_PROVIDER" ] || (cd "$HERE" && swift build -c release --product mu-fake-provider >&2)
"$FAKE_PROVIDER" --format openai --latency "$LAT" --port-file "$WORK/port" --stats-file "$WORK/stats" &
FAKE=$!; trap 'kill $FAKE 2>/dev/null; rm -rf "$WORK"' EXIT
for i in $(seq 50); do [ -s "$WORK/port" ] && break; sleep 0.1; done
mkdir "$WORK/repo"; cd "$WORK/repo"; git init -q
python3 - "$N" <<'PY'
import sys
n = int(sys.argv[1])
with open("many.py", "w") as f:
    for i in range(n):
        f.write(f"def function_{i}(x):\n    return x * {i} + {i * 7}\n\n\n")
PY
git add -A && git -c user.email=b@example.com -c user.name=b commit -qm bench
cat > .murc.toml <<EOF2
[llm]
provider = "openai-compatible"
model = "fake-model"
concurrency = $C
[llm.openai-compatible]
base_url = "http://127.0.0.1:$(cat "$WORK/port")/v1"
EOF2
start=$(date +%s.%N)
"$MU" summarize . --yes --quiet --json > "$WORK/report.json"
end=$(date +%s.%N)
python3 - "$start" "$end" "$N" "$LAT" "$C" "$WORK/stats" "$WORK/report.json" <<'PY'
import json, sys
start, end, n, lat, c = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
stats = json.load(open(sys.argv[6])); report = json.load(open(sys.argv[7]))
wall = end - start; limit = n * lat / c
print(f"{n} misses, {lat*1000:.0f} ms latency, concurrency {c}: wall {wall:.2f} s, limit {limit:.2f} s, "
      f"ratio {wall/limit:.3f}x (goal <= 1.1x); peak in flight {stats['peak']} (goal <= {c}); "
      f"requests {stats['requests']}; summarized {report['summarized']}, failed {report['failed']}")
PY
