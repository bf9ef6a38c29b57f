#!/usr/bin/env bash
# The shared PostgreSQL cache (issue 15), against a throw-away local cluster and a loopback fake
# provider (mu-fake-provider, OpenAI wire format) that sleeps LATENCY per reply:
#  1. PROCS concurrent `mu summarize` processes (separate clones, separate local caches) over the same
#     N misses: total provider calls (goal: exactly N, one per distinct body) and wall time against
#     one process alone on another empty database (goal <= 0.35x at 4 processes);
#     Each process's finish time and its shared-cache activity (MU_LOG=info: round trips, keys won
#     and lost to other processes, time spent waiting for their keys) are printed below the totals.
#  2. remote-hit throughput: a fresh clone with a cold local cache whose every summary is in
#     PostgreSQL: summaries fetched per second, next to psql reading the same rows (reference).
# Usage: bench/remote-cache.sh [N=2000] [LATENCY=0.1] [PROCS=4] [CONCURRENCY=5]
# MU=path/to/mu picks the binary (default: the release build if present, else the debug build);
# MU_LOG=trace adds each process's phase times to its stderr file; KEEP=1 keeps the work directory.
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
N="${1:-2000}"; LAT="${2:-0.1}"; PROCS="${3:-4}"; C="${4:-5}"
if [ -z "${MU:-}" ]; then
    MU="$HERE/.build/release/mu"; [ -x "$MU" ] || MU="$HERE/.build/debug/mu"
fi
[ -x "$MU" ] || { echo "build mu first: swift build --product mu" >&2; exit 1; }
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$PGBIN/initdb" ] || { echo "PostgreSQL not installed: make setup" >&2; exit 1; }
echo "mu: $MU"

WORK="$(mktemp -d /tmp/mu-bench-pg.XXXXXX)"; chmod 755 "$WORK"
AS=""; [ "$(id -u)" = 0 ] && AS="runuser -u postgres --"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
mkdir "$WORK/pg"; [ -n "$AS" ] && chown postgres: "$WORK/pg"
cleanup() {
    $AS "$PGBIN/pg_ctl" -D "$WORK/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
    [ -n "${FAKE:-}" ] && kill "$FAKE" 2>/dev/null || true
    if [ -n "${KEEP:-}" ]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
(cd "$WORK/pg" && $AS "$PGBIN/initdb" -D "$WORK/pg/data" -U bench -A trust --no-sync -E UTF8 --locale=C >/dev/null)
(cd "$WORK/pg" && $AS "$PGBIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $WORK/pg -c fsync=off -c synchronous_commit=off" start >/dev/null)
psql() { "$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U bench -At "$@"; }
psql -d postgres -c "CREATE DATABASE alone" >/dev/null
psql -d postgres -c "CREATE DATABASE shared" >/dev/null

FAKE_PROVIDER="${FAKE_PROVIDER:-$(dirname "$MU")/mu-fake-provider}"
[ -x "$FAKE_PROVIDER" ] || { echo "build the fake provider first: swift build --product mu-fake-provider" >&2; exit 1; }
"$FAKE_PROVIDER" --latency "$LAT" --port-file "$WORK/port" --stats-file "$WORK/stats" &
FAKE=$!
for _ in $(seq 50); do [ -s "$WORK/port" ] && break; sleep 0.1; done
calls() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["requests"])' "$WORK/stats" 2>/dev/null || echo 0; }

mkdir "$WORK/origin"; cd "$WORK/origin"; git init -q
python3 - "$N" <<'PY'
import sys
n = int(sys.argv[1])
with open("jobs.py", "w") as f:
    for i in range(n):
        f.write(f"def job_{i}(x):\n    return x * {i} + {i * 7}\n\n\n")
PY
cat > .murc.toml <<EOF
[llm]
provider = "openai-compatible"
model = "fake-model"
concurrency = $C
[llm.openai-compatible]
base_url = "http://127.0.0.1:$(cat "$WORK/port")/v1"
EOF
git add -A && git -c user.email=b@example.com -c user.name=b commit -qm bench
clone() { git clone -q "$WORK/origin" "$WORK/$1" && cp "$WORK/origin/.murc.toml" "$WORK/$1/"; }
now() { date +%s.%N; }
# CPU seconds (user+sys) of each mu process, when /usr/bin/time exists: shows when a run is bound by
# the machine's cores rather than by the provider's latency.
TIMED=(); [ -x /usr/bin/time ] && TIMED=(/usr/bin/time -f "%U %S" -o)
timed() { local out="$1"; shift; if [ ${#TIMED[@]} -gt 0 ]; then "${TIMED[@]}" "$out" "$@"; else "$@"; fi; }
export MU_CACHE_LEASE_SECONDS=30

# 1a. One process alone.
clone alone
before=$(calls); t0=$(now)
(cd "$WORK/alone" && MU_LOG=info MU_CACHE_URL="postgres://bench@127.0.0.1:$PORT/alone?sslmode=disable" \
    timed "$WORK/alone.cpu" "$MU" summarize . --yes --quiet --json > "$WORK/alone.json" 2> "$WORK/alone.err")
t1=$(now); alone_calls=$(( $(calls) - before ))

# 1b. PROCS processes at once, one shared database.
for i in $(seq "$PROCS"); do clone "p$i"; done
before=$(calls); t2=$(now); pids=()
for i in $(seq "$PROCS"); do
    (cd "$WORK/p$i" && MU_LOG="${MU_LOG:-info}" MU_CACHE_URL="postgres://bench@127.0.0.1:$PORT/shared?sslmode=disable" \
        timed "$WORK/p$i.cpu" "$MU" summarize . --yes --quiet --json > "$WORK/p$i.json" 2> "$WORK/p$i.err"
     now > "$WORK/p$i.end") &
    pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done
t3=$(now); shared_calls=$(( $(calls) - before ))

# 2. Remote hits into a cold local cache.
clone cold
before=$(calls); t4=$(now)
(cd "$WORK/cold" && MU_CACHE_URL="postgres://bench@127.0.0.1:$PORT/shared?sslmode=disable" "$MU" summarize . --yes --quiet --json > "$WORK/cold.json")
t5=$(now); cold_calls=$(( $(calls) - before ))
t6=$(now); psql -d shared -c "SELECT key, bullets, model FROM mu_summaries" > /dev/null; t7=$(now)

python3 - "$N" "$LAT" "$PROCS" "$C" "$t0" "$t1" "$t2" "$t3" "$t4" "$t5" "$t6" "$t7" \
    "$alone_calls" "$shared_calls" "$cold_calls" "$WORK" <<'PY'
import json, sys
n, lat, procs, c = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
t = [float(x) for x in sys.argv[5:13]]
alone_calls, shared_calls, cold_calls = (int(x) for x in sys.argv[13:16])
work = sys.argv[16]
alone, shared, cold, ref = t[1] - t[0], t[3] - t[2], t[5] - t[4], t[7] - t[6]
reports = [json.load(open(f"{work}/p{i}.json")) for i in range(1, procs + 1)]
cold_report = json.load(open(f"{work}/cold.json"))
split = ", ".join(f"{r['summarized']}+{r.get('cache_hits_remote', 0)}" for r in reports)
print(f"{n} misses, {lat*1000:.0f} ms per call, concurrency {c} per process")
print(f"  one process alone:      wall {alone:6.2f} s, provider calls {alone_calls}")
print(f"  {procs} processes at once:   wall {shared:6.2f} s, provider calls {shared_calls} "
      f"(goal {n}: one per distinct body), ratio {shared/alone:.3f}x alone (goal <= 0.35x)")
print(f"  per process (paid+remote hits): {split}; failed {sum(r['failed'] for r in reports)}")
def cpu(name):
    try:
        user, system = open(f"{work}/{name}.cpu").read().split()[-2:]
        return f"cpu {float(user) + float(system):5.2f} s"
    except (OSError, ValueError):
        return "cpu ?"
def activity(name):
    lines = [line.split("remote cache: ", 1)[1].strip() for line in open(f"{work}/{name}.err")
             if "remote cache: " in line and "warning" not in line]
    return lines[0] if lines else "(no activity line: MU_LOG=info)"
print(f"    alone: {cpu('alone')}; {activity('alone')}")
for i in range(1, procs + 1):
    end = float(open(f"{work}/p{i}.end").read())
    print(f"    p{i}: done at {end - t[2]:6.2f} s, {cpu(f'p{i}')}; {activity(f'p{i}')}")
hits = cold_report.get("cache_hits_remote", 0)
def mean_latency(name):
    import sqlite3
    try:
        with sqlite3.connect(f"file:{work}/{name}/.mu/mu.db?mode=ro", uri=True) as db:
            value = db.execute("SELECT avg(latency_ms) FROM summaries WHERE latency_ms > 0").fetchone()[0]
        return (value or 0) / 1000
    except sqlite3.Error:
        return 0
# What the provider allowed: a loaded machine (or a busy fake) answers slower at PROCS x C requests
# in flight than at C; the ideal walls below use the mean latency mu measured in each phase.
l1, l4 = mean_latency("alone"), mean_latency("p1")
if l1 and l4:
    ideal1, ideal4 = n * l1 / c, n * l4 / (procs * c)
    print(f"  mean provider latency: {l1*1000:.0f} ms alone, {l4*1000:.0f} ms with {procs * c} calls in flight; "
          f"ideal walls {ideal1:.2f} s and {ideal4:.2f} s (ratio {ideal4/ideal1:.3f}x); "
          f"mu reached {ideal1/alone:.0%} and {ideal4/shared:.0%} of them")
print(f"  cold clone, all remote: wall {cold:6.2f} s, {hits} remote hits, provider calls {cold_calls}, "
      f"{hits/cold:.0f} summaries/s (whole run incl. extraction and index writes)")
print(f"  reference: psql reading all {n} rows: {ref:.3f} s")
PY
