#!/usr/bin/env bash
# Cache misses against a loopback fake provider (OpenAI wire format, fixed latency per reply):
# mu summarize's wall time next to the latency floor = requests x latency / concurrency (the reference:
# no client can be faster), and the peak number of requests the server saw in flight.
# Without arguments both issue-13 cases run: 500 misses, 200 ms, concurrency 10 (floor 10 s) and
# 700 misses, 100 ms, concurrency 4 (floor 17.5 s).  Goal: <= 1.1x the floor, peak <= concurrency.
# Usage: bench/pool.sh [N LATENCY CONCURRENCY]
set -euo pipefail
if [ $# -eq 0 ]; then "$0" 500 0.2 10; "$0" 700 0.1 4; exit; fi
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
"$MU" summarize . --yes --quiet --json --no-rollup > "$WORK/report.json"
end=$(date +%s.%N)
# Reference client: the same number of requests to the same server at the same concurrency from
# Python threads on kept-alive connections — what the fake server's own latency allows.
cp "$WORK/stats" "$WORK/stats.mu"
ref=$(python3 - "$(cat "$WORK/port")" "$(python3 -c "import json;print(json.load(open('$WORK/stats.mu'))['requests'])")" "$C" <<'PY'
import http.client, json, sys, threading, time
port, n, c = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
body = json.dumps({"model": "fake-model", "messages": [{"role": "user", "content": "Summarize `f`."}]})
left = [n]; lock = threading.Lock()
def worker():
    conn = http.client.HTTPConnection("127.0.0.1", port)
    while True:
        with lock:
            if left[0] == 0: return
            left[0] -= 1
        conn.request("POST", "/v1/chat/completions", body, {"Content-Type": "application/json"})
        conn.getresponse().read()
start = time.time()
threads = [threading.Thread(target=worker) for _ in range(c)]
[t.start() for t in threads]; [t.join() for t in threads]
print(f"{time.time() - start:.2f}")
PY
)
python3 - "$start" "$end" "$N" "$LAT" "$C" "$WORK/stats.mu" "$WORK/report.json" "$ref" <<'PY'
import json, sys
start, end, n, lat, c = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
ref = float(sys.argv[8])
stats = json.load(open(sys.argv[6])); report = json.load(open(sys.argv[7]))
wall = end - start; limit = stats['requests'] * lat / c
print(f"{n} misses, {lat*1000:.0f} ms latency, concurrency {c}: wall {wall:.2f} s (duration_s {report['duration_s']:.2f}), "
      f"floor {limit:.2f} s = {stats['requests']} requests x {lat} s / {c}, "
      f"ratio {wall/limit:.3f}x (goal <= 1.1x); peak in flight {stats['peak']} (goal <= {c}); "
      f"summarized {report['summarized']}, failed {report['failed']}")
print(f"  reference client (python3 threads, kept-alive connections, same requests and concurrency): {ref:.2f} s "
      f"= {ref/limit:.3f}x the floor; mu / reference {wall/ref:.3f}x")
PY
