#!/usr/bin/env bash
# mu experiment against a loopback fake provider (mu-fake-provider, OpenAI wire format) answering after
# LATENCY seconds: a 4 strategies x 2 models x 2 temperatures grid over N sampled functions of CPython's
# standard library (json, email, http, urllib, logging from the real-corpora script), each figure beside
# its reference in the same script:
#   - wall time of the first run next to its floor, requests x latency / concurrency (goal <= 1.2x);
#   - the identical rerun: provider calls (goal 0) and wall time (goal < 1 s).
# Usage: bench/experiment.sh [N] [LATENCY] [CONCURRENCY]     (MU=path/to/mu to pick a build; debug by default)
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
MU="${MU:-$HERE/.build/debug/mu}"
[ -x "$MU" ] || { echo "build mu first: swift build --product mu" >&2; exit 1; }
FAKE_PROVIDER="${FAKE_PROVIDER:-$(dirname "$MU")/mu-fake-provider}"
[ -x "$FAKE_PROVIDER" ] || (cd "$HERE" && swift build --product mu-fake-provider >&2)
CORPUS="${CORPUS:-/tmp/mu-corpora/cpython-stdlib}"
[ -d "$CORPUS" ] || { echo "no corpus at $CORPUS: run /work/shared/scripts/real-corpora.sh" >&2; exit 1; }
N="${1:-40}"; LAT="${2:-0.1}"; C="${3:-10}"
WORK="$(mktemp -d)"
trap '[ -e "$WORK/fake.pid" ] && kill "$(cat "$WORK/fake.pid")" 2>/dev/null; rm -rf "$WORK"' EXIT

mkdir -p "$WORK/repo"
for dir in json email http urllib logging; do
  [ -d "$CORPUS/$dir" ] && (cd "$CORPUS" && find "$dir" -name '*.py' -not -path '*__pycache__*' -exec cp --parents {} "$WORK/repo/" \;)
done
cd "$WORK/repo" && git init -q && git add -A && git -c user.email=b@example.com -c user.name=b commit -qm corpus
"$MU" summarize "$WORK/repo" --quiet --json > "$WORK/index.json"   # the offline index the sample is drawn from
functions=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["functions"])' "$WORK/index.json")

"$FAKE_PROVIDER" --format openai --latency "$LAT" --port-file "$WORK/port" --stats-file "$WORK/stats" >/dev/null 2>&1 &
echo $! > "$WORK/fake.pid"
for i in $(seq 50); do [ -s "$WORK/port" ] && break; sleep 0.1; done
printf '[llm]\nprovider = "openai-compatible"\nmodel = "fake-a"\nconcurrency = %s\n[llm.openai-compatible]\nbase_url = "http://127.0.0.1:%s/v1"\n' \
  "$C" "$(cat "$WORK/port")" > "$WORK/repo/.murc.toml"
requests() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["requests"])' "$WORK/stats"; }
run() { # out-file: prints "wall cpu" seconds (cpu = mu's user + system time)
  python3 - "$MU" "$WORK/repo" "$N" "$1" <<'PY'
import resource, subprocess, sys, time
mu, repo, n, out = sys.argv[1:5]
before = resource.getrusage(resource.RUSAGE_CHILDREN)
start = time.monotonic()
with open(out + ".report", "w") as report:
    subprocess.run([mu, "experiment", repo, "--strategies", "direct,few-shot,instruction,chain-of-thought",
                    "--models", "fake-a,fake-b", "--param", "temperature=0.2,0.7", "--sample", n, "--seed", "7",
                    "--out", out, "--yes", "--quiet", "--json"], stdout=report, check=True)
wall = time.monotonic() - start
after = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{wall:.2f} {after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime:.2f}")
PY
}
read -r first_wall first_cpu <<<"$(run "$WORK/first.jsonl")"; first_requests=$(requests)
read -r again_wall again_cpu <<<"$(run "$WORK/again.jsonl")"; again_requests=$(( $(requests) - first_requests ))

python3 - "$N" "$LAT" "$C" "$functions" "$first_wall" "$first_requests" "$again_wall" "$again_requests" "$WORK/first.jsonl" "$WORK/again.jsonl" "$first_cpu" "$again_cpu" <<'PY'
import json, os, sys
n, lat, c, functions = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
first_wall, first_req, again_wall, again_req = float(sys.argv[5]), int(sys.argv[6]), float(sys.argv[7]), int(sys.argv[8])
rows = [json.loads(l) for l in open(sys.argv[9])]; again = [json.loads(l) for l in open(sys.argv[10])]
floor = first_req * lat / c
print(f"corpus: {functions} functions indexed (CPython json, email, http, urllib, logging); sample {n}; "
      f"grid 16 cells; fake latency {lat*1000:.0f} ms; concurrency {c}")
print(f"first run:     {first_wall:6.2f} s wall for {first_req} requests, {len(rows)} rows; "
      f"floor {floor:.2f} s (requests x latency / concurrency): {first_wall / floor:.2f}x (goal <= 1.2x)")
print(f"  mu's CPU time: {float(sys.argv[11]):.2f} s (user + system) for the first run, {float(sys.argv[12]):.2f} s for the rerun; "
      f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} (time above the floor is mostly waiting for a core when load > cores)")
print(f"identical rerun: {again_wall:6.2f} s wall, {again_req} provider calls, {sum(r['cached'] for r in again)}/{len(again)} rows cached "
      f"(goal: 0 calls, < 1 s)")
PY
